/**
 * A batch writes, for each file, the same bytes as building that file on
 * its own: the batch's worker threads (each loading the bundle cold, reusing
 * fonts, templates and layout caches from file to file) and a single build
 * (from the startup snapshot when there is one) must not differ by a byte.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture } from '../helpers/content.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin/briefing.js');
const dir = mkdtempSync(join(tmpdir(), 'briefing-batch-bytes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const briefing = (args: string[]) => spawnSync(process.execPath, [BIN, ...args, '--quiet'], { encoding: 'utf8', cwd: dir });

describe('a batch', () => {
  it('writes each file byte for byte as a build of that file alone', () => {
    const content = join(dir, 'content');
    mkdirSync(content);
    // The example (fitted: type and spacing shrunk, items placed), and two small files that fit as designed.
    copyFileSync(join(ROOT, 'content/relos-duma-ratification.yaml'), join(content, 'relos.yaml'));
    for (const f of ['first.json', 'second.json']) copyFileSync(fixture(`json-batch/${f}`), join(content, f));

    const batch = briefing(['build', content, '-o', join(dir, 'batch'), '--json']);
    expect(batch.status, batch.stderr).toBe(0);
    // Built on worker threads, not in the main thread as a single build is.
    expect(JSON.parse(batch.stdout).summary.threads).toBeGreaterThan(1);
    const pdfs = readdirSync(join(dir, 'batch')).sort();
    expect(pdfs).toHaveLength(3);

    for (const f of readdirSync(content)) {
      const single = briefing(['build', join(content, f), '-o', join(dir, 'single')]);
      expect(single.status, single.stderr).toBe(0);
    }
    expect(readdirSync(join(dir, 'single')).sort()).toEqual(pdfs);
    for (const pdf of pdfs) {
      const a = readFileSync(join(dir, 'batch', pdf));
      const b = readFileSync(join(dir, 'single', pdf));
      expect(a.length, pdf).toBeGreaterThan(1000);
      expect(Buffer.compare(a, b), `${pdf}: the batch's bytes differ from a single build's`).toBe(0);
    }
  }, 120_000);
});
