/**
 * FolderWatcher (src/cli/watch.ts), how watch and preview learn of a save: a
 * save by rename is reported at once, not after the debounce; a build that
 * began before a later event is told it is out of date (`settled`), and one
 * that began after the last event may be used once the file has been quiet
 * for the debounce.
 */
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FolderWatcher } from '../../src/cli/watch.js';

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const f of cleanup) f();
  cleanup = [];
});

function watching(debounceMs: number) {
  const dir = mkdtempSync(join(tmpdir(), 'briefing-watch-events-'));
  const reports: string[][] = [];
  let wake: (() => void) | undefined;
  const watcher = new FolderWatcher((paths) => {
    reports.push(paths);
    wake?.();
  }, debounceMs);
  watcher.add(dir);
  cleanup.push(() => {
    watcher.close();
    rmSync(dir, { recursive: true, force: true });
  });
  /** Resolves once a report names `path`. */
  const reported = (path: string) =>
    new Promise<void>((resolve) => {
      const check = () => (reports.some((r) => r.includes(path)) ? resolve() : (wake = check));
      check();
    });
  return { dir, watcher, reports, reported };
}

describe('FolderWatcher', () => {
  it('reports a save by rename at once, without waiting out the debounce', async () => {
    // A debounce far longer than the test may run: the report can only come from the first event itself.
    const { dir, reported } = watching(10 * 60_000);
    const file = join(dir, 'a.yaml');
    writeFileSync(`${file}.tmp~`, 'headline: one\n');
    renameSync(`${file}.tmp~`, file);
    await reported(file);
  });

  it('tells a build that began before a later event that it is out of date, and one that began after it that it may be used', async () => {
    const { dir, watcher, reported } = watching(50);
    const file = join(dir, 'a.yaml');
    const isFile = (p: string) => p === file;
    const before = watcher.now();
    writeFileSync(file, 'headline: one\n');
    await reported(file);
    expect(watcher.lastChange(isFile)).toBeGreaterThan(before);
    expect(await watcher.settled(before, isFile)).toBe(false);
    const after = watcher.now();
    expect(await watcher.settled(after, isFile)).toBe(true);
    // Once settled, the file has been quiet for the debounce.
    expect(watcher.now() - watcher.lastChange(isFile)).toBeGreaterThanOrEqual(50);
    // Events of other paths do not concern it.
    writeFileSync(join(dir, 'b.yaml'), 'headline: two\n');
    await reported(join(dir, 'b.yaml'));
    expect(await watcher.settled(after, isFile)).toBe(true);
  });
});
