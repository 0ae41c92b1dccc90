/**
 * bin/briefing.js and src/startup/launch.ts: a batch is told from one
 * briefing by the files the CLI will read (.yaml, .yml and .json alike), and
 * builds whether it runs from the bundled modules or from the startup
 * snapshot. Before, bin counted only .yaml files: a folder of .json files,
 * or one .yaml beside any .json, ran as "one file" from the snapshot and
 * failed with "internal error: Tinypool is not a constructor".
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { snapshotPlace, snapshotReady } from '../../src/startup/cache.js';
import { fixture } from '../helpers/content.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin/briefing.js');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'briefing-launch-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const pdfs = (out: string) =>
  readdirSync(out)
    .filter((f) => f.endsWith('.pdf'))
    .sort();
const build = (nodeArgs: string[], input: string, out: string) =>
  spawnSync(process.execPath, [...nodeArgs, 'build', input, '-o', out, '--quiet'], { encoding: 'utf8', cwd: dir });

describe('a batch of content files', () => {
  it('builds a folder of .json files, every one of them', () => {
    const r = build([BIN], fixture('json-batch'), join(dir, 'out'));
    expect(r.stderr).not.toMatch(/internal error|Tinypool/);
    expect(r.status, r.stderr).toBe(0);
    expect(pdfs(join(dir, 'out'))).toEqual(['t-001-2025-03-14.pdf', 't-002-2025-03-14.pdf']);
  });

  it('builds one .yaml beside a .json', () => {
    const folder = join(dir, 'content');
    mkdirSync(folder);
    copyFileSync(fixture('minimal/briefing.yaml'), join(folder, 'briefing.yaml'));
    copyFileSync(fixture('json-batch/second.json'), join(folder, 'second.json'));
    const r = build([BIN], folder, join(dir, 'out'));
    expect(r.status, r.stderr).toBe(0);
    expect(pdfs(join(dir, 'out'))).toEqual(['t-001-2025-03-14.pdf', 't-002-2025-03-14.pdf']);
  });

  it('builds from the startup snapshot too, should a batch ever run there', () => {
    const place = snapshotPlace(join(ROOT, 'dist'));
    if (!place || !snapshotReady(place)) throw new Error('no startup snapshot: run `npm run build` before these tests');
    const r = build([...place.flags, '--snapshot-blob', place.blob, '--'], fixture('json-batch'), join(dir, 'out'));
    expect(r.stderr).not.toMatch(/internal error|Tinypool/);
    expect(r.status, r.stderr).toBe(0);
    expect(pdfs(join(dir, 'out'))).toHaveLength(2);
  });
});

describe('one named file', () => {
  // launch.ts counts one path that is a file without loading the glob library: whatever the file's name, it is one briefing.
  it('builds a file whose name looks like a glob, as that one file', () => {
    const file = join(dir, 'brief[1]{a,b}*.yaml');
    copyFileSync(fixture('minimal/briefing.yaml'), file);
    const r = build([BIN], file, join(dir, 'out'));
    expect(r.status, r.stderr).toBe(0);
    expect(pdfs(join(dir, 'out'))).toEqual(['t-001-2025-03-14.pdf']);
  });

  it('still reads a folder given alone as every content file in it', () => {
    const r = build([BIN], fixture('json-batch'), join(dir, 'out'));
    expect(r.status, r.stderr).toBe(0);
    expect(pdfs(join(dir, 'out'))).toHaveLength(2);
  });
});
