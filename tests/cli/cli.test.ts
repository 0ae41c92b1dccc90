/**
 * The command line, run in process through main(argv, io) in a fresh
 * temporary folder, and (at the end) once as a real process through bin/.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { fixture } from '../helpers/content.js';
import { parsePdf, squash } from '../helpers/pdf.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const STACK_LINE = '    at ';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'briefing-cli-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd: dir,
    env: {},
    color: false,
  });
  return { code, stdout, stderr };
}

/** Copies a fixture (file or folder) into the temporary folder; returns the name it has there. */
function copyIn(name: string, as: string): string {
  const to = join(dir, as);
  mkdirSync(dirname(to), { recursive: true });
  cpSync(fixture(name), to, { recursive: true });
  return as;
}

/** Files in a folder of the temporary folder (recursively), or [] if it does not exist. */
function filesIn(sub: string): string[] {
  const d = join(dir, sub);
  return existsSync(d) ? (readdirSync(d, { recursive: true }) as string[]).sort() : [];
}

/** The one file in a folder of the temporary folder (PDFs are named after the content's reference and date). */
function onlyFileIn(sub: string): string {
  const files = filesIn(sub);
  expect(files).toHaveLength(1);
  return files[0]!;
}

const pdfTextOf = async (file: string) => squash((await parsePdf(readFileSync(join(dir, file)))).text);

describe('briefing build', () => {
  it('builds one file into the -o folder as a one-page PDF, and says "built"', async () => {
    copyIn('minimal/briefing.yaml', 'terminal.yaml');
    const r = await run('build', 'terminal.yaml', '-o', 'out');
    expect(r.code).toBe(0);
    const name = onlyFileIn('out'); // and no *.tmp beside it
    expect(name).toMatch(/^[a-z0-9][a-z0-9.-]*\.pdf$/);
    expect(r.stderr).toMatch(new RegExp(`^built out/${name.replace(/\./g, '\\.')}\\b`, 'm'));
    const pdf = await parsePdf(readFileSync(join(dir, 'out', name)));
    expect(pdf.pages).toBe(1);
    expect(squash(pdf.text)).toContain(squash('Port authority reopens the northern terminal'));
  });

  it('fails bad content with exit 1, an error and a hint, no stack trace, and nothing left in the out folder', async () => {
    copyIn('yaml-syntax-error/briefing.yaml', 'bad.yaml');
    mkdirSync(join(dir, 'out'));
    const r = await run('build', 'bad.yaml', '-o', 'out');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: .*bad\.yaml.*YAML syntax/m);
    expect(r.stderr).toMatch(/^hint: \S/m);
    expect(r.stderr).not.toContain(STACK_LINE);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(filesIn('out')).toEqual([]); // no PDF, no *.tmp
  });

  it('names the bad file as file:line:column in the error line', async () => {
    copyIn('yaml-syntax-error/briefing.yaml', 'bad.yaml');
    const r = await run('build', 'bad.yaml', '-o', 'out');
    expect(r.stderr).toMatch(/^error: \S*bad\.yaml:7:1\b/m);
  });

  it('builds the good files of a folder, reports the bad one, and sums up "2 built, 1 failed"', async () => {
    copyIn('batch-one-bad', 'briefs');
    const r = await run('build', 'briefs', '-o', 'out');
    expect(r.code).toBe(1);
    const written = filesIn('out');
    expect(written).toHaveLength(2);
    expect(written.every((f) => f.endsWith('.pdf'))).toBe(true);
    const texts = await Promise.all(written.map((f) => pdfTextOf(join('out', f))));
    expect(texts.filter((t) => t.includes(squash('Alpha — the northern terminal reopens')))).toHaveLength(1);
    expect(texts.filter((t) => t.includes(squash('Bravo — the southern terminal stays shut')))).toHaveLength(1);
    expect(r.stderr).toMatch(/^error: .*charlie\.yaml.*not a real calendar date/m);
    expect(r.stderr).toMatch(/^2 built, 1 failed\b/m);
    expect(r.stderr).not.toContain(STACK_LINE);
  });

  it('fails with exit 1 when a glob matches no files', async () => {
    const r = await run('build', 'nothing-here/*.yaml', '-o', 'out');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: .*nothing-here\/\*\.yaml.*matched no files/m);
    expect(filesIn('out')).toEqual([]);
  });

  it('fails with exit 1 and a clear message when the output folder cannot be created', async () => {
    copyIn('minimal/briefing.yaml', 'terminal.yaml');
    writeFileSync(join(dir, 'afile'), 'not a folder');
    const r = await run('build', 'terminal.yaml', '-o', 'afile/out');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: .*cannot create output folder .*afile\/out/m);
    expect(r.stderr).toMatch(/^hint: \S/m);
    expect(r.stderr).not.toContain(STACK_LINE);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(readFileSync(join(dir, 'afile'), 'utf8')).toBe('not a folder');
  });

  it('leaves no temporary file behind when the PDF cannot be written', async () => {
    copyIn('minimal/briefing.yaml', 'terminal.yaml');
    expect((await run('build', 'terminal.yaml', '-o', 'out')).code).toBe(0);
    const name = onlyFileIn('out');
    rmSync(join(dir, 'out', name));
    mkdirSync(join(dir, 'out', name)); // a folder where the PDF should go
    const r = await run('build', 'terminal.yaml', '-o', 'out');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^error: .*cannot write .*${name.replace(/\./g, '\\.')}`, 'm'));
    expect(r.stderr).not.toContain(STACK_LINE);
    expect(filesIn('out')).toEqual([name]);
    expect(statSync(join(dir, 'out', name)).isDirectory()).toBe(true);
  });

  it('--emit docdef writes the document definition as a .json that parses', async () => {
    copyIn('minimal/briefing.yaml', 'terminal.yaml');
    const r = await run('build', 'terminal.yaml', '-o', 'out', '--emit', 'docdef');
    expect(r.code).toBe(0);
    const name = onlyFileIn('out'); // the .json, and no PDF
    expect(name).toMatch(/\.json$/);
    const doc = JSON.parse(readFileSync(join(dir, 'out', name), 'utf8')) as { content?: unknown; styles?: unknown };
    expect(Array.isArray(doc.content)).toBe(true);
    expect(JSON.stringify(doc.content)).toContain('Port authority reopens the northern terminal');
  });

  it('--json prints a report on stdout that parses and carries the fit summary', async () => {
    copyIn('minimal/briefing.yaml', 'terminal.yaml');
    const r = await run('build', 'terminal.yaml', '-o', 'out', '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as {
      results: { file: string; ok: boolean; output?: string; pages?: number; fit?: { summary: string } }[];
      summary: { built: number; failed: number };
    };
    expect(report.results).toHaveLength(1);
    expect(report.results[0]).toMatchObject({ file: 'terminal.yaml', ok: true, output: `out/${onlyFileIn('out')}`, pages: 1 });
    expect(report.results[0]!.fit!.summary).toEqual(expect.any(String));
    expect(report.results[0]!.fit!.summary.length).toBeGreaterThan(0);
    expect(report.summary).toMatchObject({ built: 1, failed: 0 });
    expect(r.stderr).toBe(''); // the human report is replaced, not mixed in
  });
});

describe('usage errors', () => {
  it.each([
    ['an unknown command', ['frobnicate'], 'frobnicate'],
    ['an unknown flag', ['build', 'terminal.yaml', '--frob'], 'frob'],
    ['a paper size that does not exist', ['build', 'terminal.yaml', '--paper', 'A5'], 'A5'],
  ])('%s exits 2 with an error naming it, and builds nothing', async (_what, argv, named) => {
    copyIn('minimal/briefing.yaml', 'terminal.yaml');
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: /m);
    expect(r.stderr).toContain(named);
    expect(r.stderr).not.toContain(STACK_LINE);
    expect(filesIn('out')).toEqual([]);
  });
});

describe('briefing validate', () => {
  it('exits 0 for a good file and 1 for a bad one, writing nothing', async () => {
    copyIn('minimal/briefing.yaml', 'terminal.yaml');
    copyIn('schema-violations/briefing.yaml', 'bad.yaml');
    const good = await run('validate', 'terminal.yaml');
    expect(good.code).toBe(0);
    expect(good.stderr).toMatch(/^valid terminal\.yaml {2}\(fits as designed\)$/m);
    const bad = await run('validate', 'bad.yaml');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^error: .*bad\.yaml: 5 problems/m);
    expect(bad.stderr).toContain('keyFacts[0].rows[1].value');
    expect(bad.stderr).not.toContain(STACK_LINE);
    expect(filesIn('.')).toEqual(['bad.yaml', 'terminal.yaml']);
  });

  it('--json prints parseable results for every file', async () => {
    copyIn('minimal/briefing.yaml', 'terminal.yaml');
    copyIn('schema-violations/briefing.yaml', 'bad.yaml');
    const r = await run('validate', '--json', 'terminal.yaml', 'bad.yaml');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as {
      results: { file: string; ok: boolean; error?: { kind: string; message: string } }[];
      summary: unknown;
    };
    expect(report.results.map((x) => [x.file, x.ok])).toEqual([
      ['terminal.yaml', true],
      ['bad.yaml', false],
    ]);
    expect(report.results[1]!.error).toMatchObject({ kind: 'ContentError', message: expect.stringContaining('not a real calendar date') });
    expect(report.summary).toEqual({ valid: 1, failed: 1 });
  });
});

describe('help', () => {
  it('--help exits 0 and lists the commands', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    for (const command of ['build', 'validate', 'schema', 'templates'])
      expect(r.stdout).toMatch(new RegExp(`^\\s+briefing ${command}\\b`, 'm'));
    expect(r.stderr).toBe('');
  });

  it('build --help lists --out, --template, --paper and the examples', async () => {
    const r = await run('build', '--help');
    expect(r.code).toBe(0);
    for (const flag of ['-o, --out', '-t, --template', '--paper']) expect(r.stdout).toContain(flag);
    expect(r.stdout).toContain('Examples:');
    const examples = r.stdout.split('Examples:')[1]!;
    expect(examples.match(/^\s+briefing build\b/gm)?.length).toBeGreaterThanOrEqual(3);
    for (const piece of ['--paper', '-o dist', '-t', "'briefs/**/*.yaml'"]) expect(examples).toContain(piece);
    expect(filesIn('.')).toEqual([]);
  });
});

describe('the bin, as a real process', () => {
  const BIN = join(ROOT, 'bin/briefing.js');

  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist/cli.bundle.mjs'))) throw new Error('dist/ is missing: run `npm run build` before these tests');
  });

  const spawn = (...args: string[]) =>
    spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });

  it('builds a file: exit 0 and the PDF exists', () => {
    const r = spawn('build', fixture('minimal/briefing.yaml'), '-o', dir);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^built /m);
    const name = onlyFileIn('.');
    expect(name).toMatch(/\.pdf$/);
    expect(readFileSync(join(dir, name)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('builds a folder on worker threads: good files written, the bad one reported, exit 1', () => {
    // The bin runs the compiled build, where batches use a worker per core (in-process runs from source do not).
    const r = spawn('build', fixture('batch-one-bad'), '-o', join(dir, 'out'), '--json');
    expect(r.status, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.summary).toMatchObject({ built: 2, failed: 1 });
    expect(report.results.map((x: { ok: boolean }) => x.ok)).toEqual([true, true, false]);
    expect(readdirSync(join(dir, 'out')).filter((f) => f.endsWith('.pdf'))).toHaveLength(2);
  });

  it('fails a bad file: exit 1, an error on stderr and no stack trace', () => {
    const r = spawn('build', fixture('yaml-syntax-error/briefing.yaml'), '-o', dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^error: .*briefing\.yaml.*YAML syntax/m);
    expect(r.stderr).not.toContain(STACK_LINE);
    expect(readdirSync(dir)).toEqual([]);
  });
});
