/**
 * The CLI's startup snapshot (src/startup/snapshot.ts, kept in the user's
 * cache by src/startup/cache.ts, made by `npm run build` and on first use):
 * it must be there after install, give the same bytes as the bundled
 * modules, never be one made for another copy of briefing or by another
 * user, and never serve a template or font that changed after it was made.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadFont } from '../../src/pdf/fonts.js';
import { loadTemplate } from '../../src/template/compile.js';
import { makeSnapshot, snapshotPlace, snapshotReady, type SnapshotPlace } from '../../src/startup/cache.js';
import { EXAMPLE, fixture } from '../helpers/content.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIST = join(ROOT, 'dist');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'briefing-snapshot-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** How bin/briefing.js starts Node from the snapshot: with the V8 flags it was made with. */
const fromSnapshot = (args: string[], place: SnapshotPlace = snapshotPlace(DIST)!) =>
  spawnSync(process.execPath, [...place.flags, '--snapshot-blob', place.blob, '--', ...args], { encoding: 'utf8' });

const onlyPdf = (out: string) => {
  const pdfs = readdirSync(out).filter((f) => f.endsWith('.pdf'));
  expect(pdfs).toHaveLength(1);
  return readFileSync(join(out, pdfs[0]!));
};

describe('the startup snapshot', () => {
  it("was made at install, for this Node and this folder, in the user's cache", () => {
    const place = snapshotPlace(DIST)!;
    expect(place.dist).toBe(DIST);
    expect(snapshotReady(place)).toBe(true);
    expect(JSON.parse(readFileSync(place.about, 'utf8'))).toEqual({ dist: DIST, node: process.version });
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

describe("the snapshot in the user's cache", () => {
  const env = () => ({ ...process.env, XDG_CACHE_HOME: join(dir, 'cache') });

  it('is made in the background by the first build that could use it, then used', async () => {
    const place = snapshotPlace(DIST, env())!;
    expect(place.dir).toBe(join(dir, 'cache', 'briefing'));
    expect(snapshotReady(place)).toBe(false);
    const first = spawnSync(process.execPath, [join(ROOT, 'bin/briefing.js'), 'build', EXAMPLE, '-o', join(dir, 'first'), '--quiet'], {
      encoding: 'utf8',
      env: env(),
    });
    expect(first.status, first.stderr).toBe(0);
    for (let waited = 0; !snapshotReady(place) && waited < 120_000; waited += 250) await new Promise((r) => setTimeout(r, 250));
    expect(snapshotReady(place)).toBe(true);
    expect(existsSync(`${place.blob}.lock`)).toBe(false);
    const snap = fromSnapshot(['build', EXAMPLE, '-o', join(dir, 'snap'), '--quiet'], place);
    expect(snap.status, snap.stderr).toBe(0);
    expect(onlyPdf(join(dir, 'snap')).equals(onlyPdf(join(dir, 'first')))).toBe(true);
  });

  it('is another file for another copy of briefing, and one made by another user is not used', () => {
    const copy = join(dir, 'copy', 'dist');
    cpSync(DIST, copy, { recursive: true, filter: (f) => !f.includes('/types') });
    cpSync(join(ROOT, 'package.json'), join(dir, 'copy', 'package.json'));
    const [ours, theirs] = [snapshotPlace(DIST, env())!, snapshotPlace(copy, env())!];
    expect(theirs.dir).toBe(ours.dir);
    expect(theirs.blob).not.toBe(ours.blob);
    // A changed bundle is another snapshot too.
    writeFileSync(join(copy, 'snapshot.json'), readFileSync(join(copy, 'snapshot.json'), 'utf8').replace(/"id": "\w+"/, '"id": "changed"'));
    expect(snapshotPlace(copy, env())!.blob).not.toBe(theirs.blob);

    expect(makeSnapshot(ours)).toMatchObject({ made: true });
    expect(snapshotReady(ours)).toBe(true);
    if (process.getuid?.() === 0) {
      chownSync(ours.blob, 12345, 12345);
      expect(snapshotReady(ours)).toBe(false);
      chownSync(ours.blob, 0, 0);
    }
    chmodSync(ours.dir, 0o777);
    expect(snapshotReady(ours)).toBe(false);
    chmodSync(ours.dir, 0o700);
    expect(snapshotReady(ours)).toBe(true);
  });
});
