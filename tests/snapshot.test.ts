/**
 * The CLI's startup snapshot (src/startup/snapshot.ts, made by `npm run build`): it
 * must be there after install, give the same bytes as the bundled modules,
 * and never serve a template or font that changed after it was made.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadFont } from '../src/pdf/fonts.js';
import { loadTemplate } from '../src/template/compile.js';
import { EXAMPLE, fixture } from './helpers/content.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'briefing-snapshot-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** How bin/briefing.js starts Node from the snapshot: with the V8 flags it was made with. */
const fromSnapshot = (args: string[]) => {
  const meta = JSON.parse(readFileSync(join(DIST, 'snapshot.json'), 'utf8'));
  return spawnSync(process.execPath, [...meta.flags, '--snapshot-blob', join(DIST, meta.blob), '--', ...args], { encoding: 'utf8' });
};

const onlyPdf = (out: string) => {
  const pdfs = readdirSync(out).filter((f) => f.endsWith('.pdf'));
  expect(pdfs).toHaveLength(1);
  return readFileSync(join(out, pdfs[0]!));
};

describe('the startup snapshot', () => {
  it('was made at install, for this Node and this folder', () => {
    const meta = JSON.parse(readFileSync(join(DIST, 'snapshot.json'), 'utf8'));
    expect(meta).toMatchObject({ node: process.version, v8: process.versions.v8, arch: process.arch, dist: `${DIST}/` });
    expect(existsSync(join(DIST, meta.blob))).toBe(true);
  });

  it.each([
    ['the example', EXAMPLE, []],
    ['several scripts and a fallback font', fixture('scripts/briefing.yaml'), []],
    ['a fitted, long briefing', fixture('fit-long/briefing.yaml'), []],
    ['a PDF/A file with its e-mail draft', EXAMPLE, ['--pdfa', '2b', '--eml']],
  ])('builds %s to the same bytes as the bundled modules', (_, file, flags) => {
    const args = (out: string) => ['build', file, '-o', join(dir, out), '--quiet', ...flags];
    const snap = fromSnapshot(args('snap'));
    expect(snap.status, snap.stderr).toBe(0);
    if (flags.includes('--eml')) expect(readdirSync(join(dir, 'snap')).some((f) => f.endsWith('.eml'))).toBe(true);
    const fromModules = spawnSync(process.execPath, [join(ROOT, 'bin/briefing.js'), ...args('modules')], {
      encoding: 'utf8',
      env: { ...process.env, BRIEFING_SNAPSHOT: '0' },
    });
    expect(fromModules.status, fromModules.stderr).toBe(0);
    expect(onlyPdf(join(dir, 'snap')).equals(onlyPdf(join(dir, 'modules')))).toBe(true);
  });

  it('passes options through to the CLI, --help and --version included', () => {
    const run = (...args: string[]) => fromSnapshot(args);
    expect(run('--version').stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
    expect(run('build', '--help').stdout).toContain('--allow-overflow');
    const bad = run('build', fixture('yaml-syntax-error/briefing.yaml'), '-o', dir);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^error: .*YAML syntax/m);
  });
});

describe('what a snapshot holds is checked before use', () => {
  it('compiles a template again when one of its files changed', () => {
    const copy = join(dir, 'tpl');
    cpSync(join(ROOT, 'templates/briefing'), copy, { recursive: true });
    const before = loadTemplate(copy);
    expect(loadTemplate(copy)).toBe(before);
    const theme = join(copy, 'theme.yaml');
    writeFileSync(theme, readFileSync(theme, 'utf8').replace(/accent: "#[0-9a-f]{6}"/, 'accent: "#aa0000"'));
    const after = loadTemplate(copy);
    expect(after).not.toBe(before);
    expect((after.theme.colors as Record<string, string>).accent).toBe('#aa0000');
  });

  it('parses a font again when its file changed', () => {
    const copy = join(dir, 'font.ttf');
    cpSync(fileURLToPath(import.meta.resolve('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf')), copy);
    const before = loadFont(copy);
    expect(loadFont(copy)).toBe(before);
    utimesSync(copy, new Date(), new Date(Date.now() + 60_000));
    expect(loadFont(copy)).not.toBe(before);
  });
});
