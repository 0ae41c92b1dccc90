/**
 * Every file briefing opens is read the same careful way (src/files/read.ts),
 * and every file it writes goes through the one careful writer
 * (src/pipeline/write.ts): issue 20's repros, each in its own small files.
 * Cases that would hang on a reader without these rules (a named pipe, an
 * endless standard input) have short time limits, so a hang fails the test.
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { buildBriefing, ContentError, TemplateError, UsageError } from '../../src/index.js';
import { parse } from 'yaml';
import { BUILTIN_TEMPLATES_DIR } from '../../src/template/find.js';
import { fixture, minimalYaml } from '../helpers/content.js';
import { parsePdf, squash } from '../helpers/pdf.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'briefing-files-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function run(argv: string[], stdin: AsyncIterable<string | Uint8Array> = Readable.from([])) {
  const out: Buffer[] = [];
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (s: string | Uint8Array) => out.push(Buffer.from(s)) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin,
    cwd: dir,
    env: {},
    color: false,
    tty: false,
  });
  return { code, stdout: Buffer.concat(out), stderr };
}

const write = (name: string, text: string | Uint8Array) => {
  mkdirSync(join(dir, name, '..'), { recursive: true });
  writeFileSync(join(dir, name), text);
};
const mkfifo = (path: string) => execFileSync('mkfifo', [path]);
const SECRET = 'bottom_line: TOP-SECRET-7f3a\n';

/** A copy of the built-in template in the temporary folder, to plant files in. */
function templateCopy(): string {
  const to = join(dir, 'tpl');
  cpSync(join(BUILTIN_TEMPLATES_DIR, 'briefing'), to, { recursive: true });
  return to;
}

describe('locale files are read like every other template file', () => {
  it('a locale linked to a file outside the template is refused unread: its text reaches neither the message nor the PDF', async () => {
    const tpl = templateCopy();
    write('secret/shadow.yaml', SECRET);
    symlinkSync(join(dir, 'secret/shadow.yaml'), join(tpl, 'locales', 'xx.yaml'));
    const err = await buildBriefing({ content: minimalYaml({ language: 'xx' }) }, { template: tpl }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TemplateError);
    expect((err as Error).message).toMatch(/locales\/xx\.yaml leads outside the template folder/);
    expect(`${(err as Error).message} ${(err as TemplateError).hint}`).not.toContain('TOP-SECRET');
  });

  it('a named pipe as a locale is refused at once, not waited on', { timeout: 30_000 }, async () => {
    const tpl = templateCopy();
    mkfifo(join(tpl, 'locales', 'xx.yaml'));
    const err = await buildBriefing({ content: minimalYaml({ language: 'xx' }) }, { template: tpl }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TemplateError);
    expect((err as Error).message).toMatch(/locales\/xx\.yaml is not a regular file \(it is a named pipe\)/);
  });

  it('a locale over the template file limit, or in Latin-1, is refused with what is wrong', async () => {
    const tpl = templateCopy();
    writeFileSync(join(tpl, 'locales', 'xx.yaml'), `bottom_line: ${'x'.repeat(2 * 1024 * 1024)}\n`);
    const big = await buildBriefing({ content: minimalYaml({ language: 'xx' }) }, { template: tpl }).catch((e: unknown) => e);
    expect((big as Error).message).toMatch(/locales\/xx\.yaml is 2\.0 MB, more than the 1\.0 MB a template file may be/);

    writeFileSync(join(tpl, 'locales', 'xx.yaml'), Buffer.from('bottom_line: R\xe9sum\xe9\n', 'latin1'));
    const latin1 = await buildBriefing({ content: minimalYaml({ language: 'xx' }) }, { template: tpl }).catch((e: unknown) => e);
    expect(latin1).toBeInstanceOf(TemplateError);
    expect((latin1 as Error).message).toMatch(/xx\.yaml:1:15: locales\/xx\.yaml is not valid UTF-8: byte 0xE9/);
  });
});

describe('config files are read like content files', () => {
  const content = () => write('content/a.yaml', minimalYaml());

  it('a folder named briefing.config.yaml is a config error with a hint, not an internal error', async () => {
    content();
    mkdirSync(join(dir, 'briefing.config.yaml'));
    const r = await run(['build', 'content/a.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/briefing\.config\.yaml: is a folder, not a file/);
    expect(r.stderr).toMatch(/hint: a config file is a YAML or JSON file/);
    expect(r.stderr).not.toMatch(/internal error|bug in briefing/);
  });

  it('a named pipe or a link to /dev/zero as briefing.config.yaml fails the build at once', { timeout: 30_000 }, async () => {
    content();
    mkfifo(join(dir, 'briefing.config.yaml'));
    const fifo = await run(['build', 'content/a.yaml']);
    expect(fifo.code).toBe(1);
    expect(fifo.stderr).toMatch(/briefing\.config\.yaml: is not a regular file \(it is a named pipe\)/);

    // Named with --config, so that no rule of which config to trust passes over it: the reader itself refuses it.
    rmSync(join(dir, 'briefing.config.yaml'));
    symlinkSync('/dev/zero', join(dir, 'zero.yaml'));
    const zero = await run(['build', 'content/a.yaml', '--config', 'zero.yaml']);
    expect(zero.code).toBe(1);
    expect(zero.stderr).toMatch(/zero\.yaml: is not a regular file \(it is a device\)/);
  });

  it('a config whose aliases expand a hundred thousand times is refused as such', async () => {
    content();
    cpSync(fixture('config-alias-bomb/briefing.config.yaml'), join(dir, 'briefing.config.yaml'));
    const r = await run(['build', 'content/a.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/briefing\.config\.yaml: YAML aliases \(\*name\) expand to too much data/);
    expect(r.stderr).not.toMatch(/internal error|bug in briefing/);
  });

  it('a config saved as Latin-1 is refused with its line, never printed as mojibake', async () => {
    content();
    cpSync(fixture('config-latin1/briefing.config.yaml'), join(dir, 'briefing.config.yaml'));
    const r = await run(['build', 'content/a.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/briefing\.config\.yaml:1:\d+: is not valid UTF-8: byte 0xE9/);
    expect(readdirSync(dir)).not.toContain('out');
  });
});

describe('standard input is read like a file', () => {
  it('Latin-1 on standard input is refused naming <stdin> and the line', async () => {
    const r = await run(['build', '-', '-o', '-'], Readable.from([readFileSync(fixture('encoding-latin1/briefing.yaml'))]));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/<stdin>:\d+:\d+: is not valid UTF-8/);
    expect(r.stdout.length).toBe(0);
  });

  it('a NUL byte on standard input is refused', async () => {
    const r = await run(['validate', '-'], Readable.from([Buffer.from(minimalYaml().replace('headline:', 'headline:\u0000'))]));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/<stdin>:\d+:\d+: holds a NUL byte/);
  });

  it('UTF-16 with a byte-order mark on standard input builds, its words intact', async () => {
    const yaml = minimalYaml({ headline: 'Zürich signs the accord' });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(yaml, 'utf16le')]);
    const r = await run(['build', '-', '-o', '-'], Readable.from([utf16]));
    expect(r.stderr).toMatch(/^built <stdout>/);
    expect(r.code).toBe(0);
    expect(squash((await parsePdf(new Uint8Array(r.stdout))).text)).toContain(squash('Zürich signs the accord'));
  });

  it('an endless standard input (yes | briefing build -) stops at the content file limit', { timeout: 30_000 }, async () => {
    let sent = 0;
    async function* yes() {
      const line = Buffer.from('y\n'.repeat(32 * 1024));
      for (;;) {
        sent += line.length;
        yield line;
      }
    }
    const r = await run(['build', '-', '-o', '-'], yes());
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/<stdin>: is more than the 2\.0 MB a content file may be \(reading stopped there\)/);
    expect(sent).toBeLessThan(3 * 1024 * 1024);
  });
});

describe('images are checked before they are decoded', () => {
  it('a PNG logo whose data inflates far past its 40×20 header is refused, not inflated', async () => {
    cpSync(fixture('logo-inflates-past-header'), dir, { recursive: true });
    write('a.yaml', minimalYaml());
    const r = await run(['build', 'a.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /logo\.png": is not a readable PNG: its image data inflates to more than the 40×20 pixels its header promises/,
    );
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});

describe('init never writes through a symbolic link', () => {
  it('a dangling link where init writes is refused, and nothing is created where it points', async () => {
    symlinkSync(join(dir, 'elsewhere.yaml'), join(dir, 'briefing.config.yaml'));
    const r = await run(['init']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/briefing\.config\.yaml is a symbolic link; init does not write through links/);
    expect(existsSync(join(dir, 'elsewhere.yaml'))).toBe(false);
  });

  it('--force does not overwrite the file a link points at', async () => {
    write('home/.bashrc', 'export PATH=/usr/bin\n');
    symlinkSync(join(dir, 'home/.bashrc'), join(dir, 'briefing.config.yaml'));
    const r = await run(['init', '--force']);
    expect(r.code).toBe(1);
    expect(readFileSync(join(dir, 'home/.bashrc'), 'utf8')).toBe('export PATH=/usr/bin\n');
    expect(lstatSync(join(dir, 'briefing.config.yaml')).isSymbolicLink()).toBe(true);
  });

  it('a content/ folder that is a link elsewhere is refused', async () => {
    mkdirSync(join(dir, 'other'));
    symlinkSync(join(dir, 'other'), join(dir, 'content'));
    const r = await run(['init']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/content is a symbolic link/);
    expect(readdirSync(join(dir, 'other'))).toEqual([]);
  });
});

describe('template copy says what is in the way', () => {
  it.each([
    ['a file', () => write('house', 'x'), /house is a file, not a folder/],
    [
      'a symbolic link',
      () => (mkdirSync(join(dir, 'real')), symlinkSync(join(dir, 'real'), join(dir, 'house'))),
      /house is a symbolic link/,
    ],
  ])('to %s: a clear error, exit 1, nothing copied', async (_, make, message) => {
    make();
    const r = await run(['template', 'copy', 'briefing', 'house']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/internal error|bug in briefing/);
    if (existsSync(join(dir, 'real'))) expect(readdirSync(join(dir, 'real'))).toEqual([]);
  });

  it('into itself: refused before anything is written', async () => {
    const inside = join(BUILTIN_TEMPLATES_DIR, 'briefing', 'copy-of-me');
    const r = await run(['template', 'copy', 'briefing', inside]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is inside the template being copied/);
    expect(existsSync(inside)).toBe(false);
  });
});

describe('output names', () => {
  it('a legal 244-character -o file name is written', async () => {
    write('a.yaml', minimalYaml());
    const name = `${'n'.repeat(240)}.pdf`;
    const r = await run(['build', 'a.yaml', '-o', name]);
    expect(r.stderr).toMatch(/^built /);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, name)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});

describe('a template render has a budget', () => {
  it('partials that each include the next twice, 30 deep, stop at the partial-call budget in seconds', { timeout: 60_000 }, async () => {
    const err = await buildBriefing({ content: minimalYaml() }, { template: fixture('templates/partials-exponential') }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TemplateError);
    expect((err as Error).message).toMatch(/partials: partials are called more than 50,000 times in one render/);
    expect((err as TemplateError).hint).toMatch(/include each partial once/);
  });

  it('partials that write 10 MB of document definition stop at the output budget', async () => {
    const err = await buildBriefing({ content: minimalYaml() }, { template: fixture('templates/partials-write-megabytes') }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TemplateError);
    expect((err as Error).message).toMatch(/partial "p0" writes more than 8 MB of document definition in one render/);
  });

  it('a partial that includes itself is stopped at the nesting limit, not by a stack overflow', async () => {
    const err = await buildBriefing({ content: minimalYaml() }, { template: fixture('templates/partial-includes-itself') }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TemplateError);
    expect((err as Error).message).toMatch(/partials are nested more than 64 deep \(does "loop" include itself\?\)/);
  });
});

describe('a batch reports every file in its folder', () => {
  it('a named pipe and a link out of the folder are each reported, and the summary counts them', { timeout: 60_000 }, async () => {
    write('content/a.yaml', minimalYaml());
    write('content/b.yaml', minimalYaml({ reference: 'T-002' }));
    write('elsewhere.yaml', minimalYaml({ reference: 'T-003' }));
    mkfifo(join(dir, 'content/pipe.yaml'));
    symlinkSync(join(dir, 'elsewhere.yaml'), join(dir, 'content/link.yaml'));
    const r = await run(['build', 'content']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/content\/pipe\.yaml: is a named pipe, not a file/);
    expect(r.stderr).toMatch(/content\/link\.yaml: is a symbolic link to a file outside content/);
    expect(r.stderr).toMatch(/2 built, 2 failed/);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['t-001-2025-03-14.pdf', 't-002-2025-03-14.pdf']);
  });
});

describe('ordinary mistakes get typed errors with the right hint (issue 20 items 16, 17)', () => {
  it('a template with an attachment node is a template error, and nothing is embedded', async () => {
    const err = await buildBriefing({ content: minimalYaml() }, { template: fixture('templates/attachment-node') }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TemplateError);
    expect((err as Error).message).toMatch(/document\.hbs:6: .*attachments are not allowed.*\(at content\[1\]\.attachment\)/);
  });

  it.each([
    ['null options', null, /options must be an object, got null/],
    [
      'an invalid creationDate',
      { creationDate: new Date('not a date') },
      /options\.creationDate must be a valid Date, got an invalid Date/,
    ],
    ['an unknown PDF/A level', { pdfa: '9z' }, /options\.pdfa must be one of '2a', '2b', '3a', '3b', got "9z"/],
  ])('the library refuses %s with a UsageError', async (_, options, message) => {
    const err = await buildBriefing({ content: minimalYaml() }, options as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toMatch(message);
    expect((err as UsageError).hint).toBeTruthy();
  });

  it('circular content is a content error naming where it loops', async () => {
    const content = parse(minimalYaml()) as Record<string, unknown>;
    (content.sections as Record<string, unknown>[])[0]!.again = content;
    const err = await buildBriefing({ content }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ContentError);
    expect((err as Error).message).toMatch(/sections\[0\]\.again: refers back to an object that contains it/);
  });
});

describe('messages that name the right thing (issue 20 item 17)', () => {
  it('a canvas taller than the page is said to be one, not "otherArray.forEach is not a function"', async () => {
    const err = await buildBriefing({ content: minimalYaml() }, { template: fixture('templates/canvas-taller-than-page') }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TemplateError);
    expect((err as Error).message).toMatch(/a canvas is taller than the space left on the page/);
    expect((err as Error).message).not.toMatch(/otherArray/);
  });

  it('an SVG logo nested 5,000 deep is blamed on the logo, before any layout', async () => {
    cpSync(fixture('logo-svg-nested-deep'), dir, { recursive: true });
    write('a.yaml', minimalYaml());
    const r = await run(['build', 'a.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/logo ".*logo\.svg": cannot be used: the SVG nests elements more than 100 deep/);
    expect(r.stderr).not.toMatch(/document\.hbs/);
  });

  it('a file that is not a briefing gets a hint about the file, not "shorten the field"', async () => {
    cpSync(fixture('not-a-briefing/settings.yaml'), join(dir, 'settings.yaml'));
    const r = await run(['validate', 'settings.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/settings\.yaml: is not a briefing/);
    expect(r.stderr).toMatch(/hint: check that this is the content file you meant/);
    expect(r.stderr).not.toMatch(/shorten/);
  });
});

describe('one cause failing many files is printed once', () => {
  it('a broken template fails five files: its message and hint once, then one short line a file', async () => {
    for (const n of [1, 2, 3, 4, 5]) write(`content/f${n}.yaml`, minimalYaml({ reference: `T-00${n}` }));
    const r = await run(['build', 'content', '-t', fixture('templates/missing-partial')]);
    expect(r.code).toBe(1);
    expect(r.stderr.match(/partial "\w+" does not exist/g)).toHaveLength(1);
    expect(r.stderr.match(/^hint:/gm)).toHaveLength(1);
    expect(r.stderr.match(/: the same error as content\/f1\.yaml$/gm)).toHaveLength(4);
    expect(r.stderr).toMatch(/0 built, 5 failed/);
  });
});

describe('content given as bytes to the library', () => {
  it('is held to the content file cap before it is decoded', async () => {
    const err = await buildBriefing({ content: Buffer.alloc(3 * 1024 * 1024, 0x61), file: 'big.yaml' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ContentError);
    expect((err as Error).message).toBe('big.yaml: is 3.0 MB, more than the 2.0 MB a content file may be');
  });
});
