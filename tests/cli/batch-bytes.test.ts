/**
 * A batch writes, for each file, the same bytes as building that file on
 * its own: the batch's worker threads (each loading the bundle cold, reusing
 * fonts, templates and layout caches from file to file), a small batch built
 * in one thread, and a single build (from the startup snapshot when there is
 * one) must not differ by a byte. And a batch runs on worker threads only
 * when it has enough files to pay for starting them (cli/threads.ts).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { batchThreads, WORKERS_FROM } from '../../src/cli/threads.js';
import { fixture, minimalYaml } from '../helpers/content.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin/briefing.js');
const dir = mkdtempSync(join(tmpdir(), 'briefing-batch-bytes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const briefing = (args: string[]) => spawnSync(process.execPath, [BIN, ...args, '--quiet'], { encoding: 'utf8', cwd: dir });

/** Builds a folder with --json; returns the threads it used. */
function batch(content: string, out: string): number {
  const r = briefing(['build', content, '-o', out, '--json']);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout).summary.threads;
}

const same = (a: string, b: string, pdf: string) =>
  expect(Buffer.compare(readFileSync(join(a, pdf)), readFileSync(join(b, pdf))), `${pdf}: the bytes differ`).toBe(0);

describe('a batch', () => {
  it('writes each file byte for byte as a build of that file alone, on worker threads or in one thread', () => {
    // The example (fitted: type and spacing shrunk, items placed), two small files that fit as designed, and enough
    // more small ones for worker threads.
    const small = join(dir, 'small');
    mkdirSync(small);
    copyFileSync(join(ROOT, 'content/relos-duma-ratification.yaml'), join(small, 'relos.yaml'));
    for (const f of ['first.json', 'second.json']) copyFileSync(fixture(`json-batch/${f}`), join(small, f));
    const large = join(dir, 'large');
    mkdirSync(large);
    for (const f of readdirSync(small)) copyFileSync(join(small, f), join(large, f));
    for (let i = readdirSync(large).length; i < WORKERS_FROM; i++)
      writeFileSync(join(large, `more-${i}.yaml`), minimalYaml({ reference: `T-1${String(i).padStart(2, '0')}` }));

    expect(batch(large, join(dir, 'large-out'))).toBe(batchThreads(WORKERS_FROM));
    expect(batch(small, join(dir, 'small-out'))).toBe(1);
    const pdfs = readdirSync(join(dir, 'small-out')).sort();
    expect(pdfs).toHaveLength(3);
    for (const f of readdirSync(small)) {
      const single = briefing(['build', join(small, f), '-o', join(dir, 'single')]);
      expect(single.status, single.stderr).toBe(0);
    }
    expect(readdirSync(join(dir, 'single')).sort()).toEqual(pdfs);
    expect(readdirSync(join(dir, 'large-out'))).toHaveLength(WORKERS_FROM);
    for (const pdf of pdfs) {
      expect(readFileSync(join(dir, 'single', pdf)).length, pdf).toBeGreaterThan(1000);
      same(join(dir, 'single'), join(dir, 'large-out'), pdf);
      same(join(dir, 'single'), join(dir, 'small-out'), pdf);
    }
  }, 240_000);
});
