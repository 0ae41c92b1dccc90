/**
 * The command line as scripts and new users meet it: standard input and
 * output, -o FILE.pdf, JSON content in folders, flag conflicts (exit 2),
 * typo suggestions, init, template copy, fonts, --version and colours. In
 * process through main(argv, io); the pipes also as real processes of
 * bin/briefing.js.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { VERSION } from '../../src/version.js';
import { fixture, minimalYaml } from '../helpers/content.js';
import { parsePdf, squash } from '../helpers/pdf.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const STACK_LINE = '    at ';
const HEADLINE = 'Port authority reopens the northern terminal';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'briefing-unix-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function run(argv: string[], options: { stdin?: string; env?: Record<string, string>; color?: boolean } = {}) {
  const out: Buffer[] = [];
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (s: string | Uint8Array) => out.push(Buffer.from(s)) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin: Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]),
    cwd: dir,
    env: options.env ?? {},
    color: options.color ?? false,
  });
  const stdout = Buffer.concat(out);
  return { code, stdout, text: stdout.toString('utf8'), stderr };
}

const write = (name: string, text: string) => {
  mkdirSync(dirname(join(dir, name)), { recursive: true });
  writeFileSync(join(dir, name), text);
};
const files = (sub = '.') => (existsSync(join(dir, sub)) ? (readdirSync(join(dir, sub), { recursive: true }) as string[]).sort() : []);
const isPdf = (b: Buffer) => b.subarray(0, 5).toString('latin1') === '%PDF-' && b.subarray(-6).toString('latin1').includes('%%EOF');

describe('standard input and output', () => {
  it('`build - -o -` reads YAML from stdin and writes the PDF, and nothing else, to stdout', async () => {
    const r = await run(['build', '-', '-o', '-'], { stdin: minimalYaml() });
    expect(r.code).toBe(0);
    expect(isPdf(r.stdout)).toBe(true);
    const pdf = await parsePdf(r.stdout);
    expect(pdf.pages).toBe(1);
    expect(squash(pdf.text)).toContain(squash(HEADLINE));
    expect(files()).toEqual([]); // nothing written to disk
    expect(r.stderr).toMatch(/^built <stdout>/m); // messages go to stderr
  });

  it('reads JSON from stdin just as well, into out/ named after the reference and date', async () => {
    const json = JSON.stringify(parse(minimalYaml()));
    const r = await run(['build', '-'], { stdin: json });
    expect(r.code).toBe(0);
    expect(files('out')).toEqual(['t-001-2025-03-14.pdf']);
    expect(r.stdout.length).toBe(0);
  });

  it('names standard input <stdin> in errors, with the line', async () => {
    const r = await run(['build', '-', '-o', '-'], { stdin: minimalYaml({ date: '2025-13-45' }) });
    expect(r.code).toBe(1);
    expect(r.stdout.length).toBe(0);
    expect(r.stderr).toMatch(/^error: <stdin>:\d+:\d+: date: is not a real calendar date/m);
  });

  it('`validate -` checks standard input', async () => {
    const r = await run(['validate', '-'], { stdin: minimalYaml() });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^valid <stdin>/m);
  });
});

describe('-o', () => {
  it('-o FILE.pdf writes that file (and not a folder of that name)', async () => {
    write('terminal.yaml', minimalYaml());
    const r = await run(['build', 'terminal.yaml', '-o', 'brief.pdf']);
    expect(r.code).toBe(0);
    expect(files()).toEqual(['brief.pdf', 'terminal.yaml']);
    expect(isPdf(readFileSync(join(dir, 'brief.pdf')))).toBe(true);
    expect(r.stderr).toMatch(/^built brief\.pdf\b/m);
  });

  it('-o FILE.pdf --eml puts the e-mail draft beside it', async () => {
    write('terminal.yaml', minimalYaml());
    expect((await run(['build', 'terminal.yaml', '-o', 'pdf/brief.pdf', '--eml'])).code).toBe(0);
    expect(files('pdf')).toEqual(['brief.eml', 'brief.pdf']);
  });

  it('-o FOLDER (no .pdf) is still a folder', async () => {
    write('terminal.yaml', minimalYaml());
    expect((await run(['build', 'terminal.yaml', '-o', 'pdfs'])).code).toBe(0);
    expect(files('pdfs')).toEqual(['t-001-2025-03-14.pdf']);
  });
});

describe('folders', () => {
  it('build *.json as well as *.yaml, and skip the config file', async () => {
    write('briefs/a.yaml', minimalYaml({ reference: 'A-1' }));
    write('briefs/b.json', JSON.stringify(parse(minimalYaml({ reference: 'B-2' }))));
    write('briefs/briefing.config.json', JSON.stringify({ organisation: 'Desk' }));
    const r = await run(['build', 'briefs', '-o', 'out']);
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    expect(files('out')).toEqual(['a-1-2025-03-14.pdf', 'b-2-2025-03-14.pdf']);
  });

  it('`build` where there is no content/ folder says so, and suggests briefing init', async () => {
    const r = await run(['build']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: nothing to build: no content\/ folder in /m);
    expect(r.stderr).toMatch(/^hint: run `briefing init`/m);
  });
});

describe('flag conflicts exit 2 with a clear message and build nothing', () => {
  it.each([
    [['--quiet', '--verbose'], /--quiet and --verbose cannot be used together/],
    [['--eml', '--emit', 'docdef'], /--eml attaches a PDF, but --emit docdef writes no PDF/],
    [['-o', '-', '--eml'], /-o - writes the PDF to standard output/],
    [['-o', '-', '--json'], /-o - and --json would both write to standard output/],
    [['-o'], /-o needs a value/],
    [['-o', 'x.pdf', '--emit', 'docdef'], /-o x\.pdf: --emit docdef writes a \.json file/],
  ])('build a.yaml %j', async (flags, message) => {
    write('a.yaml', minimalYaml());
    const r = await run(['build', 'a.yaml', ...flags]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^error: ${message.source}`, 'm'));
    expect(r.stderr).toMatch(/^hint: /m);
    expect(r.stderr).not.toContain(STACK_LINE);
    expect(files()).toEqual(['a.yaml']);
  });

  it('-o - with several inputs', async () => {
    write('a.yaml', minimalYaml({ reference: 'A' }));
    write('b.yaml', minimalYaml({ reference: 'B' }));
    const r = await run(['build', 'a.yaml', 'b.yaml', '-o', '-']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: -o - writes one PDF to standard output, but 2 content files were given/m);
    expect(r.stdout.length).toBe(0);
  });

  it('-o FILE.pdf with a folder of several files', async () => {
    write('briefs/a.yaml', minimalYaml({ reference: 'A' }));
    write('briefs/b.yaml', minimalYaml({ reference: 'B' }));
    const r = await run(['build', 'briefs', '-o', 'one.pdf']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: -o one\.pdf names one file, but 2 content files were given/m);
    expect(files()).toEqual(['briefs', 'briefs/a.yaml', 'briefs/b.yaml']);
  });
});

describe('typos', () => {
  it.each([
    [['biuld'], /did you mean `briefing build`\?/],
    [['valdate', 'x.yaml'], /did you mean `briefing validate`\?/],
    [['build', 'a.yaml', '--paer', 'A4'], /did you mean --paper\?/],
    [['build', 'a.yaml', '--allow-overfow'], /did you mean --allow-overflow\?/],
    [['validate', 'a.yaml', '--strcit'], /did you mean --strict\?/],
  ])('%j suggests the nearest command or flag, exit 2', async (argv, hint) => {
    write('a.yaml', minimalYaml());
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: Unknown argument/m);
    expect(r.stderr).toMatch(new RegExp(`^hint: ${hint.source}`, 'm'));
    expect(files()).toEqual(['a.yaml']);
  });
});

describe('version, completion and colour', () => {
  it.each([['--version'], ['-V']])('%s prints the version', async (flag) => {
    const r = await run([flag]);
    expect(r.code).toBe(0);
    expect(r.text.trim()).toBe(VERSION);
  });

  it('`completion` prints a shell completion script that lists the commands', async () => {
    const script = await run(['completion']);
    expect(script.code).toBe(0);
    expect(script.text).toMatch(/briefing.*completion/);
    const words = await run(['--get-yargs-completions', 'briefing', 'b']);
    expect(words.text.split('\n')).toContain('build');
  });

  const error = (r: { stderr: string }) => r.stderr.split('\n')[0]!;
  it('colours with --color or FORCE_COLOR, not with --no-color or NO_COLOR', async () => {
    const red = new RegExp(`${String.fromCharCode(27)}\\[31merror:`);
    expect(error(await run(['biuld'], { color: false, env: { FORCE_COLOR: '1' } }))).toMatch(red);
    expect(error(await run(['biuld', '--color'], { color: false }))).toMatch(red);
    expect(error(await run(['biuld', '--no-color'], { color: true, env: { FORCE_COLOR: '1' } }))).not.toMatch(red);
    expect(error(await run(['biuld'], { color: true, env: { NO_COLOR: '1' } }))).not.toMatch(red);
    expect(error(await run(['biuld'], { color: true, env: { FORCE_COLOR: '0' } }))).not.toMatch(red);
  });
});

describe('briefing init', () => {
  it('writes a config and a starter content file with a schema modeline, and then `build` works there at once', async () => {
    const r = await run(['init', 'desk', '--organisation', 'Harbour Desk']);
    expect(r.code).toBe(0);
    expect(files('desk')).toEqual(['briefing.config.yaml', 'content', 'content/briefing.yaml']);
    const content = readFileSync(join(dir, 'desk/content/briefing.yaml'), 'utf8');
    const modeline = /^# yaml-language-server: \$schema=(\S+)$/m.exec(content);
    expect(modeline).not.toBeNull();
    // An absolute path into this installation: it works wherever the file is moved.
    expect(modeline![1]!.startsWith('/')).toBe(true);
    expect(existsSync(modeline![1]!)).toBe(true);
    const configModeline = /^# yaml-language-server: \$schema=(\S+)$/m.exec(readFileSync(join(dir, 'desk/briefing.config.yaml'), 'utf8'));
    expect(existsSync(configModeline![1]!)).toBe(true);

    const built = await main(['build'], {
      stdout: { write: () => true },
      stderr: { write: () => true },
      cwd: join(dir, 'desk'),
      env: {},
      color: false,
    });
    expect(built).toBe(0);
    const [pdfName] = files('desk/out');
    expect(pdfName).toMatch(/^brf-0001-\d{4}-\d{2}-\d{2}\.pdf$/);
    const pdf = await parsePdf(readFileSync(join(dir, 'desk/out', pdfName!)));
    expect(pdf.pages).toBe(1);
    expect(squash(pdf.text)).toContain(squash('HARBOUR DESK')); // from the config
    expect(squash(pdf.text)).toContain(squash('TLP:CLEAR'));
    // The starter shows a small chart: its title and values are text on the page.
    expect(squash(pdf.text)).toContain(squash('The figure that matters'));
    for (const v of ['1.2', '2.1', '1.6']) expect(pdf.text).toContain(v);
  });

  it('refuses to overwrite, and says how to', async () => {
    expect((await run(['init'])).code).toBe(0);
    const again = await run(['init']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^error: briefing\.config\.yaml and content\/briefing\.yaml already exist/m);
    expect(again.stderr).toMatch(/^hint: .*--force/m);
  });
});

describe('briefing template copy', () => {
  it('copies a built-in template into a new folder, which then builds', async () => {
    const r = await run(['template', 'copy', 'briefing', 'house']);
    expect(r.code).toBe(0);
    expect(files('house')).toContain('document.hbs');
    expect(files('house')).toContain('theme.yaml');
    expect(r.stderr).toMatch(/-t \.\/house/);
    write('a.yaml', minimalYaml());
    expect((await run(['build', 'a.yaml', '-t', './house', '-o', 'a.pdf'])).code).toBe(0);
  });

  it('leaves the 11 MB of built-in fonts in the install: the copy names them, and builds Japanese with them; --fonts copies them', async () => {
    expect((await run(['template', 'copy', 'briefing', 'house'])).code).toBe(0);
    expect(files('house').filter((f) => f.startsWith('fonts'))).toEqual([]);
    const theme = readFileSync(join(dir, 'house/theme.yaml'), 'utf8');
    expect(theme).toMatch(/normal: builtin:briefing\/fonts\/NotoSansJP-Regular\.subset\.ttf\.br$/m);
    expect(theme).not.toMatch(/: fonts\//);
    cpSync(fixture('languages/ja.yaml'), join(dir, 'ja.yaml'));
    expect((await run(['build', 'ja.yaml', '-t', './house', '-o', 'ja.pdf'])).code).toBe(0);
    const { text, runs } = await parsePdf(readFileSync(join(dir, 'ja.pdf')));
    expect(runs.some((r) => /NotoSansJP/.test(r.font))).toBe(true);
    expect(squash(text)).toContain(squash(parse(readFileSync(fixture('languages/ja.yaml'), 'utf8')).headline as string));
    // A copy made before the built-in fonts were stored compressed names the .ttf: it still builds, with the .ttf.br.
    writeFileSync(join(dir, 'house/theme.yaml'), theme.replace(/\.subset\.ttf\.br$/gm, '.subset.ttf'));
    expect((await run(['build', 'ja.yaml', '-t', './house', '-o', 'ja-old.pdf'])).code).toBe(0);
    expect((await parsePdf(readFileSync(join(dir, 'ja-old.pdf')))).runs.some((r) => /NotoSansJP/.test(r.font))).toBe(true);

    expect((await run(['template', 'copy', 'briefing', 'whole', '--fonts'])).code).toBe(0);
    expect(files('whole')).toContain('fonts/NotoSansJP-Regular.subset.ttf.br');
    expect(readFileSync(join(dir, 'whole/theme.yaml'), 'utf8')).toMatch(/normal: fonts\/NotoSansJP-Regular\.subset\.ttf\.br$/m);
  });

  it('refuses a folder that is not empty, and an unknown template', async () => {
    write('house/keep.txt', 'mine');
    expect((await run(['template', 'copy', 'briefing', 'house'])).code).toBe(1);
    expect(readFileSync(join(dir, 'house/keep.txt'), 'utf8')).toBe('mine');
    const unknown = await run(['template', 'copy', 'brefing', 'other']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/built-in templates: briefing/);
  });
});

describe('briefing fonts', () => {
  it('lists each font family of the template with the scripts it covers', async () => {
    const r = await run(['fonts', '--json']);
    expect(r.code).toBe(0);
    const { fonts } = JSON.parse(r.text) as { fonts: { family: string; role: string; scripts: string[] }[] };
    const main = fonts.find((f) => f.role === 'main')!;
    expect(main.scripts).toEqual(expect.arrayContaining(['Latin', 'Greek', 'Cyrillic']));
    expect(fonts.some((f) => f.scripts.includes('Thai'))).toBe(true);
    // Each Chinese font covers its own Chinese (the Simplified one once was said to cover no Chinese).
    const scripts = (family: string) => fonts.find((f) => f.family === family)!.scripts;
    expect(scripts('NotoSansSC')).toContain('Chinese (Simplified)');
    expect(scripts('NotoSansTC')).toContain('Chinese (Traditional)');
    expect(scripts('NotoSansJP')).toContain('Japanese kana');
    expect(scripts('NotoSansKR')).toContain('Korean (Hangul)');
    const text = await run(['fonts']);
    expect(text.text).toMatch(/NotoSans\s+main\s+Latin/);
    // The template a build here would use: the config's.
    expect((await run(['template', 'copy', 'briefing', 'house'])).code).toBe(0);
    write('briefing.config.yaml', 'template: ./house\n');
    expect((await run(['fonts'])).text).toMatch(/^Fonts of the "house" template/);
  });
});

describe('the bin, as a real process', () => {
  const BIN = join(ROOT, 'bin/briefing.js');
  const spawn = (args: string[], input?: string) =>
    spawnSync(process.execPath, [BIN, ...args], { cwd: dir, input, env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });

  it('cat file | briefing build - -o - > file.pdf: the PDF, and only it, on stdout', async () => {
    expect(existsSync(join(ROOT, 'dist/cli.bundle.mjs')), 'dist/ is missing: run `npm run build` before these tests').toBe(true);
    const r = spawn(['build', '-', '-o', '-'], minimalYaml());
    expect(r.stderr.toString()).not.toMatch(/error/);
    expect(r.status).toBe(0);
    expect(isPdf(r.stdout)).toBe(true);
    expect(squash((await parsePdf(r.stdout)).text)).toContain(squash(HEADLINE));
  });

  it('finds the config file and draws its logo from the bundled build', async () => {
    writeFileSync(join(dir, 'briefing.config.yaml'), 'organisation: Bundled Desk\nmarking: TLP:AMBER\nlogo: logo.svg\n');
    cpSync(fixture('logo/desk-logo.svg'), join(dir, 'logo.svg'));
    const r = spawn(['build', '-', '-o', '-'], minimalYaml({ organisation: undefined, marking: undefined }));
    expect(r.stderr.toString()).not.toMatch(/error/);
    expect(r.status).toBe(0);
    const text = squash((await parsePdf(r.stdout)).text);
    expect(text).toContain(squash('BUNDLED DESK'));
    expect(text).toContain(squash('TLP:AMBER'));
  });

  it('init from the bundled build points the modeline at the package’s own schema', () => {
    expect(spawn(['init', 'desk']).status).toBe(0);
    const modeline = /\$schema=(\S+)/.exec(readFileSync(join(dir, 'desk/content/briefing.yaml'), 'utf8'))![1]!;
    expect(modeline).toBe(join(ROOT, 'schema/briefing.schema.json'));
  });

  it('-o FILE.pdf writes that file', () => {
    cpSync(fixture('minimal/briefing.yaml'), join(dir, 'a.yaml'));
    const r = spawn(['build', 'a.yaml', '-o', 'brief.pdf']);
    expect(r.status).toBe(0);
    expect(isPdf(readFileSync(join(dir, 'brief.pdf')))).toBe(true);
    expect(r.stdout.length).toBe(0);
  });
});
