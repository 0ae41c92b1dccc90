/**
 * Safe and honest on any input (issue 12): each case is a reproduction from
 * the audit, run through the library or through the CLI in process, with a
 * fixture named for what it shows. Reading files the build must not read is
 * also checked under a file-access guard, in tests/cli/file-access.test.ts.
 */
/* eslint-disable no-control-regex -- these tests look for raw control characters in the output */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BriefingError, buildBriefing, checkBriefing, ContentError, TemplateError, UsageError } from '../../src/index.js';
import { main } from '../../src/cli/main.js';
import { svgProblem } from '../../src/template/svg.js';
import { LIMITS } from '../../src/content/limits.js';
import { smartQuotes } from '../../src/text/typography.js';
import { EXAMPLE, fixture, minimalYaml } from '../helpers/content.js';
import { parsePdf, squash } from '../helpers/pdf.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'briefing-safety-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function run(argv: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd: dir,
    env,
    color: false,
    tty: false,
  });
  return { code, stdout, stderr };
}

/** A template fixture copied into the temporary folder, with `@SECRET@` replaced in its files. */
function templateIn(name: string, secret = ''): string {
  const to = join(dir, 'templates', name);
  cpSync(fixture(`templates/${name}`), to, { recursive: true });
  for (const f of ['document.hbs', 'theme.yaml']) {
    const p = join(to, f);
    writeFileSync(p, readFileSync(p, 'utf8').replaceAll('@SECRET@', secret));
  }
  return to;
}

/** A file outside every template and content folder, that nothing may read. */
function secretFile(name = 'secret.txt', text = 'TOP-SECRET-LINE\n'): string {
  mkdirSync(join(dir, 'secret'), { recursive: true });
  const p = join(dir, 'secret', name);
  writeFileSync(p, text);
  return p;
}

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the promise to reject');
}

describe('SVG in a template (12.1)', () => {
  it('refuses external references of every kind, and keeps references to its own elements', () => {
    const svg = (inner: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">${inner}</svg>`;
    expect(svgProblem(svg('<image href="/etc/passwd" width="1" height="1"/>'))).toMatch(/<image>/);
    expect(svgProblem(svg('<use xlink:href="other.svg#a"/>'))).toMatch(/href="#id"/);
    expect(svgProblem(svg('<use href="&#47;etc&#47;x#a"/>'))).toMatch(/"\/etc\/x#a"/);
    expect(svgProblem(svg('<rect fill="url(file.svg#g)" width="1" height="1"/>'))).toMatch(/url\(/);
    expect(svgProblem(svg('<rect style="fill: URL( \'/x.svg#g\' )" width="1" height="1"/>'))).toMatch(/url\(/);
    expect(svgProblem(svg('<style>@import "x.css";</style>'))).toMatch(/@import/);
    expect(svgProblem(`<!DOCTYPE svg [<!ENTITY x SYSTEM "/etc/passwd">]>${svg('<text>&x;</text>')}`)).toMatch(/DOCTYPE/);
    expect(svgProblem(svg('<foreignObject/>'))).toMatch(/<foreignObject>/);
    expect(svgProblem(svg('<svg:image href="/x.png"/>'))).toMatch(/<image>/);
    expect(
      svgProblem(
        svg(
          '<defs><linearGradient id="g"><stop offset="0"/></linearGradient><path id="p" d="M0 0L1 1"/></defs>' +
            '<use href="#p"/><rect fill="url(#g)" width="1" height="1"/><text>url(x) in text is only text</text>',
        ),
      ),
    ).toBeUndefined();
  });

  it('an <image> in a template SVG is a template error naming the line, and nothing is embedded', async () => {
    const png = secretFile('secret.png', 'not really a png');
    const template = templateIn('svg-external-image', png);
    const err = await rejection(buildBriefing({ content: minimalYaml() }, { template }));
    expect(err).toBeInstanceOf(TemplateError);
    expect(err.message).toMatch(/document\.hbs:6/);
    expect(err.message).toMatch(/may not contain <image>/);
    expect(err.message).not.toContain('not really a png');
  });

  it('a content field written into SVG markup with {{field}} is refused when the template is compiled', async () => {
    const err = await rejection(buildBriefing({ content: minimalYaml() }, { template: templateIn('svg-field-unescaped') }));
    expect(err).toBeInstanceOf(TemplateError);
    expect(err.message).toMatch(/document\.hbs:5.*\{\{headline\}\} is written inside an SVG string/);
    expect((err as TemplateError).hint).toMatch(/\{\{xml headline\}\}/);
  });

  it('with {{xml field}}, markup in the content is text on the page, never an element', async () => {
    const png = secretFile('secret.png', 'not really a png');
    const headline = `</text><image href="${png}" x="0" y="0" width="16" height="16"/><text>`;
    const r = await buildBriefing({ content: minimalYaml({ headline }) }, { template: templateIn('svg-field-xml') });
    const pdf = await parsePdf(r.pdf);
    // As printed: its straight quotes typographic (src/text/typography.ts), the markup otherwise as typed.
    expect(squash(pdf.text)).toContain(squash(smartQuotes(headline, 'en')));
    expect(r.pdf.includes(Buffer.from('/Subtype /Image'))).toBe(false);
  });
});

describe('template folders (12.2)', () => {
  it('a partial that links outside the template is refused without reading or showing it', async () => {
    const secret = secretFile();
    const template = templateIn('partial-link-outside');
    symlinkSync(secret, join(template, 'partials', 'leak.hbs'));
    const err = await rejection(buildBriefing({ content: minimalYaml() }, { template }));
    expect(err).toBeInstanceOf(TemplateError);
    expect(err.message).toMatch(/partials\/leak\.hbs leads outside the template folder/);
    expect(err.message).not.toContain('TOP-SECRET');
  });

  it('a partial linked to a file inside the template is fine', async () => {
    const template = templateIn('partial-link-outside');
    writeFileSync(join(template, 'shared.txt'), 'Linked text');
    symlinkSync(join(template, 'shared.txt'), join(template, 'partials', 'leak.hbs'));
    const r = await buildBriefing({ content: minimalYaml() }, { template });
    expect(squash((await parsePdf(r.pdf)).text)).toContain(squash('Linked text'));
  });

  it('a font path that climbs out of the template, or is absolute, is refused', async () => {
    secretFile('font.ttf', 'not a font');
    const err = await rejection(buildBriefing({ content: minimalYaml() }, { template: templateIn('font-outside') }));
    expect(err).toBeInstanceOf(TemplateError);
    expect(err.message).toMatch(/theme\.yaml: font NotoSans\.normal \("\.\.\/\.\.\/secret\/font\.ttf"\) leads outside the template folder/);
    expect(err.message).not.toContain('not a font');

    const absolute = templateIn('custom-minimal');
    const theme = join(absolute, 'theme.yaml');
    writeFileSync(theme, readFileSync(theme, 'utf8').replace(/normal: .*/, 'normal: /etc/passwd'));
    const abs = await rejection(buildBriefing({ content: minimalYaml() }, { template: absolute }));
    expect(abs).toBeInstanceOf(TemplateError);
    expect(abs.message).toMatch(/must be relative to the template folder/);
  });

  it.each([
    ['a folder', (p: string) => mkdirSync(p), /is a folder, not a file/],
    ['not a font', (p: string) => writeFileSync(p, 'hello, I am a text file'), /is not a font file/],
    [
      'a truncated font',
      (p: string) =>
        writeFileSync(
          p,
          readFileSync(join(fixture('.'), '../../node_modules/@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf')).subarray(
            0,
            40_000,
          ),
        ),
      /is a damaged font file \(truncated/,
    ],
    ['empty', (p: string) => writeFileSync(p, ''), /too short/],
  ])('a theme font that is %s is a template error naming the font', async (_, make, message) => {
    const template = templateIn('custom-minimal');
    make(join(template, 'face.ttf'));
    const theme = join(template, 'theme.yaml');
    writeFileSync(theme, readFileSync(theme, 'utf8').replace(/normal: .*/, 'normal: face.ttf'));
    const err = await rejection(buildBriefing({ content: minimalYaml() }, { template }));
    expect(err).toBeInstanceOf(TemplateError);
    expect(err.message).toMatch(/font NotoSans\.normal/);
    expect(err.message).toMatch(message);
    expect((err as TemplateError).hint).toBeTruthy();
  });

  it('a font file removed after the template was loaded (as after an install) is a template error', async () => {
    const template = templateIn('custom-minimal');
    const font = join(fixture('.'), '../../node_modules/@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf');
    cpSync(font, join(template, 'face.ttf'));
    const theme = join(template, 'theme.yaml');
    writeFileSync(theme, readFileSync(theme, 'utf8').replace(/normal: .*/, 'normal: face.ttf'));
    await buildBriefing({ content: minimalYaml() }, { template });
    rmSync(join(template, 'face.ttf'));
    const err = await rejection(buildBriefing({ content: minimalYaml() }, { template }));
    expect(err).toBeInstanceOf(TemplateError);
    expect(err.message).toMatch(/face\.ttf.* does not exist/);
    expect((err as TemplateError).hint).toMatch(/npm ci/);
  });

  it('a theme.yaml alias bomb is a template error', async () => {
    const err = await rejection(buildBriefing({ content: minimalYaml() }, { template: templateIn('theme-alias-bomb') }));
    expect(err).toBeInstanceOf(TemplateError);
    expect(err.message).toMatch(/aliases/);
  });
});

describe('content files (12.3)', () => {
  it('a link in a content folder to a file outside it is reported, not read', async () => {
    const secret = secretFile('shadow', 'alice:$6$salt$hash:19000:0:99999:7:::\n');
    mkdirSync(join(dir, 'content'));
    writeFileSync(join(dir, 'content', 'good.yaml'), minimalYaml());
    symlinkSync(secret, join(dir, 'content', 'leak.yaml'));
    const r = await run(['build', 'content', '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { results: { file: string; ok: boolean; error?: { message: string } }[] };
    expect(report.results.filter((x) => x.ok)).toHaveLength(1);
    const leak = report.results.find((x) => !x.ok)!;
    expect(leak.error!.message).toMatch(/leak\.yaml: is a symbolic link to a file outside content/);
    expect(r.stdout + r.stderr).not.toContain('alice');
  });

  it('a file named directly that is not a briefing is described, not quoted', async () => {
    writeFileSync(join(dir, 'notes.yaml'), 'alice:$6$salt$hash:19000:0:99999:7:::\nbob:$6$salt$hash:19000:0:99999:7:::\n');
    const r = await run(['validate', 'notes.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/notes\.yaml: is not a briefing: none of its 2 top-level fields is a briefing field/);
    expect(r.stderr).not.toContain('$6$');
  });

  it('an unknown field with a long name is shown short', async () => {
    writeFileSync(join(dir, 'a.yaml'), `${minimalYaml()}${'k'.repeat(500)}: 1\n`);
    const r = await run(['validate', 'a.yaml']);
    expect(r.stderr).toMatch(/unknown field "k{24}…"/);
  });

  it('a named pipe is refused at once, whether named directly or found in a folder', async () => {
    mkdirSync(join(dir, 'content'));
    execFileSync('mkfifo', [join(dir, 'content', 'pipe.yaml')]);
    const direct = await run(['validate', 'content/pipe.yaml']);
    expect(direct.code).toBe(1);
    expect(direct.stderr).toMatch(/pipe\.yaml: is a named pipe, not a file/);
    // In a folder, the pipe is reported too (issue 20 item 15: a summary covers every file), and the good file checked.
    writeFileSync(join(dir, 'content', 'good.yaml'), minimalYaml());
    const inFolder = await run(['validate', 'content']);
    expect(inFolder.code).toBe(1);
    expect(inFolder.stderr).toMatch(/content\/pipe\.yaml: is a named pipe, not a file/);
    expect(inFolder.stderr).toMatch(/valid content\/good\.yaml/);
    // The library, too, never waits for a writer.
    const err = await rejection(checkBriefing({ path: join(dir, 'content', 'pipe.yaml') }));
    expect(err).toBeInstanceOf(ContentError);
  });

  it('a link to a device is refused', async () => {
    symlinkSync('/dev/zero', join(dir, 'zero.yaml'));
    const err = await rejection(checkBriefing({ path: join(dir, 'zero.yaml'), file: 'zero.yaml' }));
    expect(err).toBeInstanceOf(ContentError);
    expect(err.message).toMatch(/zero\.yaml: is not a regular file \(it is a device\)/);
  });

  it('a file over the size limit is refused before it is read, naming the limit', async () => {
    writeFileSync(join(dir, 'big.yaml'), `${minimalYaml()}# ${'x'.repeat(LIMITS.fileBytes)}\n`);
    const err = await rejection(checkBriefing({ path: join(dir, 'big.yaml'), file: 'big.yaml' }));
    expect(err).toBeInstanceOf(ContentError);
    expect(err.message).toMatch(/big\.yaml: is 2\.0 MB, more than the 2\.0 MB a content file may be/);
  });
});

describe('messages are escaped (12.4)', () => {
  it('control characters in a field name print escaped, never raw, in text and in --json', async () => {
    copyFixture('terminal-escapes');
    const r = await run(['validate', 'terminal-escapes.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('\\x1B[2J');
    expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    const j = await run(['validate', 'terminal-escapes.yaml', '--json']);
    expect(j.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(JSON.parse(j.stdout).summary.failed).toBe(1);
  });

  it('a usage error that echoes an argument escapes it', async () => {
    const r = await run(['build', '--bogus\u001b]0;title\u0007']);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
  });
});

function copyFixture(name: string): string {
  const to = join(dir, `${name}.yaml`);
  cpSync(fixture(`${name}/briefing.yaml`), to);
  return basename(to);
}

describe('limits (12.7)', () => {
  it.each([
    ['limit-long-headline', /headline: is 16,000 characters long; the limit for this field is 1,000/],
    ['limit-nested-list', /sections\[0\]\.body: nests lists, quotes or indentation 100 levels deep .*the limit is 16/],
    ['limit-deep-blockquote', /sections\[0\]\.body: nests lists, quotes or indentation 1000 levels deep/],
  ])('%s is refused up front, naming the field and the limit', async (name, message) => {
    const err = await rejection(checkBriefing({ path: fixture(`${name}/briefing.yaml`), file: `${name}.yaml` }));
    expect(err).toBeInstanceOf(ContentError);
    expect(err.message).toMatch(message);
  });

  it('lists longer than any briefing are refused, naming the list', async () => {
    const sections = Array.from({ length: 1000 }, (_, i) => ({ heading: `H${i}`, body: 'b' }));
    const err = await rejection(checkBriefing({ content: minimalYaml({ sections }) }));
    expect(err).toBeInstanceOf(ContentError);
    expect(err.message).toMatch(/sections: has 1,000 items; the limit is 50/);
  });

  it('a body over the file limit given as a string is refused as too large, not as an internal error', async () => {
    const err = await rejection(buildBriefing({ content: minimalYaml({ bluf: 'word '.repeat(500_000) }) }));
    expect(err).toBeInstanceOf(ContentError);
    expect(err.message).toMatch(/MB, more than the 2\.0 MB/);
  });

  it('YAML nested thousands deep is a content error', async () => {
    const err = await rejection(checkBriefing({ content: `headline: ${'['.repeat(5000)}${']'.repeat(5000)}\n` }));
    expect(err).toBeInstanceOf(ContentError);
    expect(err.message).toMatch(/nested too deeply/);
  });
});

describe('encodings (12.9)', () => {
  it('Latin-1 is refused with the line and column of the first bad byte and a hint', async () => {
    const r = await run(['build', fixture('encoding-latin1/briefing.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/briefing\.yaml:6:14: is not valid UTF-8: byte 0xE9/);
    expect(r.stderr).toMatch(/hint: save the file as UTF-8/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('UTF-16 with a byte-order mark is read as the text it is', async () => {
    const r = await buildBriefing({ path: fixture('encoding-utf16-bom/briefing.yaml') });
    expect(r.briefing.headline).toBe('Café résumé — Москва');
    const text = squash((await parsePdf(r.pdf)).text);
    expect(text).toContain(squash('Café résumé — Москва'));
    expect(text).not.toContain('\uFFFD');
  });

  it('UTF-16 without a byte-order mark is named as such', async () => {
    const bytes = Buffer.from(minimalYaml(), 'utf16le');
    const err = await rejection(checkBriefing({ content: bytes, file: 'u16.yaml' }));
    expect(err.message).toMatch(/u16\.yaml:1:1: looks like UTF-16 without a byte-order mark/);
  });
});

describe('input mistakes are BriefingErrors with a hint (12.10)', () => {
  it.each([
    ['null', null],
    ['a number', 42],
    ['a list', [{ text: 'x' }]], // an object is content (issue 15): a list is not
  ])('buildBriefing({ content: %s }) says what it needs', async (_, content) => {
    const err = await rejection(buildBriefing({ content } as never));
    expect(err).toBeInstanceOf(BriefingError);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as BriefingError).hint).toMatch(/content: yamlText/);
  });

  it('buildBriefing with a Buffer reads it as the file would be read', async () => {
    const r = await buildBriefing({ content: readFileSync(EXAMPLE) });
    expect(r.pages).toBe(1);
  });

  it('buildBriefing(null) is a BriefingError', async () => {
    expect(await rejection(buildBriefing(null as never))).toBeInstanceOf(BriefingError);
  });

  it('a YAML alias bomb in content is a content error', async () => {
    const err = await rejection(checkBriefing({ path: fixture('yaml-alias-bomb/briefing.yaml') }));
    expect(err).toBeInstanceOf(ContentError);
    expect((err as ContentError).hint).toBeTruthy();
  });

  it.each(['99999999999999999999', '253402300800'])('SOURCE_DATE_EPOCH=%s is a usage error, not a crash', async (epoch) => {
    cpSync(fixture('minimal/briefing.yaml'), join(dir, 'a.yaml'));
    const r = await run(['build', 'a.yaml'], { SOURCE_DATE_EPOCH: epoch });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/SOURCE_DATE_EPOCH .* after the year 9999/);
    expect(r.stderr).toMatch(/hint:/);
  });
});

describe('temporary files (12.8)', () => {
  it('a stale temporary file left in the output folder does not stop the next build', async () => {
    cpSync(fixture('minimal/briefing.yaml'), join(dir, 'a.yaml'));
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'out', '.t-001-2025-03-14.pdf.99999.abc123.tmp'), '');
    const r = await run(['build', 'a.yaml', '-o', 'out']);
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, 'out'))).toContain('t-001-2025-03-14.pdf');
  });
});

describe('long references (12.11)', () => {
  it('give a readable, unique file name that any file system takes', async () => {
    copyFixture('long-reference');
    const other = readFileSync(join(dir, 'long-reference.yaml'), 'utf8').replace('reference: DSB-', 'reference: DSC-');
    writeFileSync(join(dir, 'other.yaml'), other.replace(/(reference: .*)REOPENING$/m, '$1REOPENED'));
    const r = await run(['build', 'long-reference.yaml', 'other.yaml', '-o', 'out']);
    expect(r.stderr).not.toMatch(/ENAMETOOLONG/);
    expect(r.code).toBe(0);
    const names = readdirSync(join(dir, 'out'));
    expect(names).toHaveLength(2);
    for (const n of names) {
      expect(n.length).toBeLessThanOrEqual(124);
      expect(n).toMatch(/^ds[bc]-northern-terminal-reopening-.*-[0-9a-f]{10}-2025-03-14\.pdf$/);
    }
  });
});

describe('messages say what is wrong (12.12)', () => {
  it('a %YAML 1.1 date is read as the date written, not as "a mapping"', async () => {
    const r = await checkBriefing({ path: fixture('yaml-1.1-date/briefing.yaml') });
    expect(r.briefing.date).toBe('2025-03-14');
  });

  it('priority: 1e309 is "too large", not "number null"', async () => {
    const err = await rejection(checkBriefing({ path: fixture('priority-infinite/briefing.yaml') }));
    expect(err.message).toMatch(/priority: expected a number, got a number too large to hold \(infinity\)/);
    expect(err.message).not.toMatch(/null/);
  });

  it('hundreds of problems are counted, and the first 20 shown', async () => {
    const sections = Array.from({ length: 50 }, () => ({ heding: 'x', bdy: 'y' }));
    const err = await rejection(checkBriefing({ content: minimalYaml({ sections }), file: 'many.yaml' }));
    expect(err).toBeInstanceOf(ContentError);
    expect((err as ContentError).problems).toHaveLength(200);
    expect(err.message).toMatch(/^many\.yaml: 200 problems/);
    expect(err.message).toMatch(/… and 180 more \(--json lists them all\)$/);
    expect(err.message.split('\n')).toHaveLength(22);
  });

  it('a file of 10,000 fields is refused as a whole, quickly', async () => {
    const extra = Array.from({ length: 10_000 }, (_, i) => `extra${i}: 1`).join('\n');
    const err = await rejection(checkBriefing({ content: `${minimalYaml()}${extra}\n`, file: 'many.yaml' }));
    expect(err).toBeInstanceOf(ContentError);
    expect(err.message).toMatch(/^many\.yaml:1:1: has 10,010 fields; a briefing's mappings have at most 100/);
  });

  it('a key written twice is still a YAML error at its line', async () => {
    const err = await rejection(checkBriefing({ content: `${minimalYaml()}headline: again\n`, file: 'twice.yaml' }));
    expect(err.message).toMatch(/twice\.yaml:\d+:1: YAML syntax: .*this field is given twice/);
  });

  it('a page break in the template is named as the cause, not a negative length', async () => {
    const err = await rejection(buildBriefing({ content: minimalYaml() }, { template: fixture('templates/page-break') }));
    expect(err.message).toMatch(/the template starts a new page/);
    expect(err.message).not.toMatch(/-\d/);
  });

  it('an overflow caused by a long headline names the headline first', async () => {
    const headline = 'Overflowing '.repeat(80).trim();
    const body = 'A sentence of ordinary length that fills the page. '.repeat(30);
    const sections = Array.from({ length: 6 }, (_, i) => ({ heading: `Part ${i}`, body }));
    const err = await rejection(buildBriefing({ content: minimalYaml({ headline, sections }) }));
    expect((err as BriefingError).hint).toMatch(/^shorten the longest fields: headline \(959 characters\)/);
  });

  it('--json stays JSON when the command cannot start at all', async () => {
    const r = await run(['build', 'nothing-here', '--json', '-t', './no-such-template']);
    expect(r.code).toBe(1);
    expect(() => JSON.parse(r.stdout)).not.toThrow();
  });
});
