/**
 * The config file (briefing.config.yaml) and what it brings: defaults with
 * one precedence (command line > content file > config file > built-in),
 * errors located in the file a value came from, markings, the logo; and
 * `validate` as strict as `build`. Through main(argv) and the library.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { buildBriefing, checkBriefing, findConfigFile } from '../../src/index.js';
import { fixture, minimalYaml } from '../helpers/content.js';
import { parsePdf, squash } from '../helpers/pdf.js';

const STACK_LINE = '    at ';
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'briefing-config-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function run(...argv: string[]) {
  let stderr = '';
  let stdout = '';
  const code = await main(argv, {
    stdout: { write: (s: string | Uint8Array) => (stdout += String(s)) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd: dir,
    env: {},
    color: false,
  });
  return { code, stderr, stdout };
}
const write = (name: string, text: string) => {
  mkdirSync(dirname(join(dir, name)), { recursive: true });
  writeFileSync(join(dir, name), text);
};
/** The minimal briefing without the fields a config can give. */
const bare = (overrides: Record<string, unknown> = {}) => minimalYaml({ organisation: undefined, marking: undefined, ...overrides });
const pdfText = async (file: string) => squash((await parsePdf(readFileSync(join(dir, file)))).text);

describe('precedence: command line > content file > config file > defaults', () => {
  it('fills what the content leaves out from the nearest config above it, and writes into its out folder', async () => {
    write('briefing.config.yaml', 'organisation: Config Desk\nmarking: TLP:AMBER\nproduct: House Product\nout: pdf\n');
    write('briefs/deep/a.yaml', bare());
    const r = await run('build', 'briefs/deep/a.yaml');
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, 'pdf'))).toEqual(['t-001-2025-03-14.pdf']); // out: relative to the config file
    const text = await pdfText('pdf/t-001-2025-03-14.pdf');
    expect(text).toContain(squash('CONFIG DESK'));
    expect(text).toContain(squash('House Product'));
    expect(text).toContain(squash('TLP:AMBER'));
  });

  it('the content file wins over the config, and the command line over both', async () => {
    write('briefing.config.yaml', 'organisation: Config Desk\nmarking: TLP:AMBER\npaper: Letter\nout: pdf\n');
    write('a.yaml', bare({ organisation: 'Content Desk' }));
    expect((await run('build', 'a.yaml')).code).toBe(0);
    const file = 'pdf/t-001-2025-03-14.pdf';
    const pdf = await parsePdf(readFileSync(join(dir, file)));
    expect(squash(pdf.text)).toContain(squash('CONTENT DESK'));
    expect(pdf.sizes[0]).toEqual({ width: 612, height: 792 }); // Letter, from the config
    expect((await run('build', 'a.yaml', '--paper', 'a4', '-o', 'cli')).code).toBe(0);
    const a4 = await parsePdf(readFileSync(join(dir, 'cli/t-001-2025-03-14.pdf')));
    expect(Math.round(a4.sizes[0]!.width)).toBe(595); // the flag wins; -o wins over out:
  });

  it('--no-config ignores it, and the content must then say it all', async () => {
    write('briefing.config.yaml', 'organisation: Config Desk\nmarking: TLP:AMBER\n');
    write('a.yaml', bare());
    const r = await run('build', 'a.yaml', '--no-config', '-o', 'out');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/organisation is required/);
    expect(r.stderr).toMatch(/marking is required/);
  });

  it('--config names the file to use; a template path in it is relative to it', async () => {
    write('settings/house.yaml', 'organisation: Named Desk\nmarking: TLP:RED\ntemplate: ./tpl\n');
    expect((await run('template', 'copy', 'briefing', 'settings/tpl')).code).toBe(0);
    write('a.yaml', bare());
    const r = await run('build', 'a.yaml', '--config', 'settings/house.yaml', '-o', 'a.pdf');
    expect(r.stderr).not.toMatch(/error/);
    expect(await pdfText('a.pdf')).toContain(squash('NAMED DESK'));
  });

  it('the library takes a config file and a plain object, and leaves the object as it was', async () => {
    write('briefing.config.yaml', 'organisation: Library Desk\nmarking: TLP:CLEAR\n');
    const content = parse(bare()) as Record<string, unknown>;
    const before = JSON.stringify(content);
    const config = await findConfigFile(join(dir, 'some', 'folder'));
    expect(config).toBe(join(dir, 'briefing.config.yaml'));
    const r = await buildBriefing({ content }, { config });
    expect(r.briefing.organisation).toBe('Library Desk');
    expect(squash((await parsePdf(r.pdf)).text)).toContain(squash('LIBRARY DESK'));
    expect(JSON.stringify(content)).toBe(before);
  });
});

describe('errors name the file and line a value came from', () => {
  it('a bad default is reported at its line in the config file', async () => {
    write('briefing.config.yaml', '# house settings\norganisation: Desk\nmarking: TLP:GREN\n');
    write('a.yaml', bare());
    const r = await run('validate', 'a.yaml');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: briefing\.config\.yaml:3:10: marking: unknown marking "TLP:GREN": did you mean TLP:GREEN\?/m);
    expect(r.stderr).not.toContain(STACK_LINE);
  });

  it('a config file that breaks its own schema names each problem with its line and what is allowed', async () => {
    write('briefing.config.yaml', 'organisation: Desk\npaper: A5\nsmtp:\n  host: mail.example.org\n  prot: 25\n');
    write('a.yaml', minimalYaml());
    const r = await run('build', 'a.yaml', '-o', 'out');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/briefing\.config\.yaml:2:8: paper: expected A4 or Letter/);
    expect(r.stderr).toMatch(
      /briefing\.config\.yaml:5:3: smtp\.prot: unknown setting "prot"; did you mean "port"\? \(allowed here: host, port, secure, user, from, timeout\)/,
    );
    expect(readdirSync(dir)).not.toContain('out');
  });

  it('a password in the config file is refused at its line: it would end up committed', async () => {
    write('briefing.config.yaml', 'smtp:\n  host: mail.example.org\n  password: hunter2\n');
    write('a.yaml', minimalYaml());
    const r = await run('validate', 'a.yaml');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: briefing\.config\.yaml:3:3: smtp\.password: passwords are never read from a file/m);
    expect(r.stderr).toMatch(/^hint: .*BRIEFING_SMTP_PASSWORD/m);
    expect(r.stderr).not.toContain('hunter2');
  });

  it('YAML syntax errors in the config file have its line', async () => {
    write('briefing.config.yaml', 'organisation: "Desk\n');
    write('a.yaml', minimalYaml());
    const r = await run('validate', 'a.yaml');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: briefing\.config\.yaml:\d+:\d+: YAML syntax/m);
  });
});

describe('markings', () => {
  it.each([
    ['TLP:GREN', 'TLP:GREEN'],
    ['tlp:amber', 'TLP:AMBER'],
    ['TLP:AMBER-STRICT', 'TLP:AMBER+STRICT'],
    ['TLP:WHITE', 'TLP:CLEAR'],
  ])('%s in a content file: "did you mean %s", at its line', async (wrong, right) => {
    write('a.yaml', minimalYaml({ marking: wrong }));
    const r = await run('validate', 'a.yaml');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`a.yaml:4:10: marking: unknown marking "${wrong}": did you mean ${right}?`);
  });

  it('another scheme is allowed once the config lists it, drawn in its colour', async () => {
    write('a.yaml', minimalYaml({ marking: 'OFFICIAL-SENSITIVE' }));
    const refused = await run('validate', 'a.yaml');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /unknown marking "OFFICIAL-SENSITIVE"; known: TLP:CLEAR, TLP:GREEN, TLP:AMBER, TLP:AMBER\+STRICT, TLP:RED/,
    );
    expect(refused.stderr).toMatch(/^hint: .*markings:/m);

    write('briefing.config.yaml', 'markings:\n  - { name: OFFICIAL-SENSITIVE, colour: "#7a1f1f" }\n');
    const r = await run('build', 'a.yaml', '--emit', 'docdef', '-o', 'a.json');
    expect(r.stderr).not.toMatch(/error/);
    const doc = JSON.stringify(JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8')).header);
    expect(doc).toContain('"fillColor":"#7a1f1f"');
    expect(doc).toContain('"color":"#ffffff"'); // white reads better on that red
  });
});

describe('the logo', () => {
  it.each([
    ['PNG', 'desk-logo.png', 'image'],
    ['SVG', 'desk-logo.svg', 'svg'],
  ])('a %s logo named in the config is drawn in the masthead', async (_, file, kind) => {
    copyFileSync(fixture(`logo/${file}`), join(dir, file));
    write('briefing.config.yaml', `logo: ${file}\n`);
    write('a.yaml', minimalYaml());
    expect((await run('build', 'a.yaml', '--emit', 'docdef', '-o', 'a.json')).code).toBe(0);
    const masthead = JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8')).content[0].stack[0].columns[0];
    expect(Object.keys(masthead)).toContain(kind);
    expect(masthead.fit).toEqual([120, 30]);
    const r = await run('build', 'a.yaml', '-o', 'a.pdf');
    expect(r.code).toBe(0);
    const pdf = readFileSync(join(dir, 'a.pdf'));
    if (kind === 'image') expect(pdf.toString('latin1')).toMatch(/\/Subtype \/Image/);
    expect((await parsePdf(pdf)).pages).toBe(1);
  });

  it.each([
    ['not-an-image.png', /is not a PNG, JPEG or SVG image/],
    ['truncated.png', /is not a readable PNG/],
    ['remote-image.svg', /cannot be used: an SVG may not contain <image>/],
  ])('%s is refused with its name, the config line and what is wrong', async (file, message) => {
    copyFileSync(fixture(`logo/${file}`), join(dir, file));
    write('briefing.config.yaml', `organisation: Desk\nlogo: ${file}\n`);
    write('a.yaml', minimalYaml());
    const r = await run('build', 'a.yaml', '-o', 'out');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      new RegExp(`^error: .*briefing\\.config\\.yaml:2:7: logo ".*${file.replace('.', '\\.')}": ${message.source}`, 'm'),
    );
    expect(r.stderr).toMatch(/^hint: /m);
    expect(r.stderr).not.toContain(STACK_LINE);
    expect(readdirSync(dir)).not.toContain('out');
  });

  it('a template may bring its own logo (theme.yaml `logo:`, in its folder); the config’s wins', async () => {
    expect((await run('template', 'copy', 'briefing', 'house')).code).toBe(0);
    copyFileSync(fixture('logo/desk-logo.png'), join(dir, 'house/logo.png'));
    writeFileSync(join(dir, 'house/theme.yaml'), `${readFileSync(join(dir, 'house/theme.yaml'), 'utf8')}\nlogo: logo.png\n`);
    write('a.yaml', minimalYaml());
    expect((await run('build', 'a.yaml', '-t', './house', '--emit', 'docdef', '-o', 'a.json')).code).toBe(0);
    const masthead = () => JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8')).content[0].stack[0].columns[0];
    expect(masthead().image).toMatch(/^data:image\/png;base64,/);
    copyFileSync(fixture('logo/desk-logo.svg'), join(dir, 'logo.svg'));
    write('briefing.config.yaml', 'logo: logo.svg\n');
    expect((await run('build', 'a.yaml', '-t', './house', '--emit', 'docdef', '-o', 'a.json')).code).toBe(0);
    expect(masthead().svg).toContain('<svg');
  });

  it('a logo outside the config file’s folder is refused, even through a symbolic link', async () => {
    copyFileSync(fixture('logo/desk-logo.png'), join(dir, 'outside.png'));
    write('desk/briefing.config.yaml', 'logo: ../outside.png\n');
    write('desk/a.yaml', minimalYaml());
    const r = await run('build', 'desk/a.yaml', '-o', 'out');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/logo ".*outside\.png": leads outside /);
    symlinkSync(join(dir, 'outside.png'), join(dir, 'desk/inside.png'));
    write('desk/briefing.config.yaml', 'logo: inside.png\n');
    const linked = await run('build', 'desk/a.yaml', '-o', 'out');
    expect(linked.code).toBe(1);
    expect(linked.stderr).toMatch(/logo ".*inside\.png": leads outside /);
  });
});

describe('validate is as strict as build, and writes nothing', () => {
  it('fails content that cannot fit on one page, as build does', async () => {
    copyFileSync(fixture('fit-impossible/briefing.yaml'), join(dir, 'long.yaml'));
    const v = await run('validate', 'long.yaml');
    expect(v.code).toBe(1);
    expect(v.stderr).toMatch(/^error: .*long\.yaml.*does not fit on one page/m);
    expect(readdirSync(dir)).toEqual(['long.yaml']);
    const b = await run('build', 'long.yaml', '-o', 'out');
    expect(b.code).toBe(1);
    expect((await checkBriefing({ path: join(dir, 'long.yaml') }, { allowOverflow: true })).pages).toBeGreaterThan(1);
  });

  it('fails characters no font has under --strict, and template mistakes', async () => {
    copyFileSync(fixture('tofu/briefing.yaml'), join(dir, 'tofu.yaml'));
    expect((await run('validate', 'tofu.yaml')).code).toBe(0);
    expect((await run('validate', 'tofu.yaml', '--strict')).code).toBe(1);
    expect((await run('template', 'copy', 'briefing', 'broken')).code).toBe(0);
    writeFileSync(join(dir, 'broken/partials/masthead.hbs'), '{ "text": "{{organisation}}" ');
    write('a.yaml', minimalYaml());
    const t = await run('validate', 'a.yaml', '-t', './broken');
    expect(t.code).toBe(1);
    expect(t.stderr).toMatch(/^error: .*does not produce valid JSON/m);
  });
});
