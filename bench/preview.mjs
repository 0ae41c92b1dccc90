#!/usr/bin/env node
/**
 * The live preview's save-to-PDF time: `briefing preview` (from dist/) on a
 * copy of the example, no browser; each run saves the file as editors do (a
 * new file renamed over the old one) with a slightly different headline, and
 * measures from just before the save until the server has the new PDF ready
 * to serve. That is the watcher's debounce, the warm rebuild (starting from
 * the previous fit) and publishing. Prints JSON on stdout:
 * { runs, medianMs, p90Ms, minMs, maxMs, buildMedianMs, restMedianMs,
 * passesMedian }, where buildMedianMs is the rebuild alone (as the server
 * times it, to the millisecond: read, fit, render) and restMedianMs the rest
 * of each save's time (noticing the save, waiting for it to settle,
 * publishing), a median over the runs.
 *
 *   node bench/preview.mjs [RUNS] [WARMUP]     (default 30 runs after 3 warm-up saves)
 *
 * Called by bench/run.mjs; runs on its own too.
 */
import { copyFileSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.argv[2] ?? 30);
const WARMUP = Number(process.argv[3] ?? 3);
const HEADLINE = 'Russia moves to ratify its military logistics pact with India before Putin’s visit';

const { startPreview } = await import(pathToFileURL(join(ROOT, 'dist/preview.mjs')).href);
const dir = mkdtempSync(join(tmpdir(), 'briefing-bench-preview-'));
const file = join(dir, 'brief.yaml');
copyFileSync(join(ROOT, 'content/relos-duma-ratification.yaml'), file);
const original = readFileSync(file, 'utf8');

let waiting;
const preview = await startPreview({
  file: 'brief.yaml',
  cwd: dir,
  onPublished: (state) => {
    if (waiting && state.version >= waiting.version) waiting.resolve(state);
  },
});

const times = [];
const builds = [];
const passes = [];
for (let i = 0; i < WARMUP + RUNS; i++) {
  const version = preview.server.current.version + 1;
  const published = new Promise((resolve) => (waiting = { version, resolve }));
  const text = original.replace(HEADLINE, `${HEADLINE.slice(0, -5)} visit, edit ${i + 1}`);
  const t0 = performance.now();
  writeFileSync(`${file}.tmp~`, text);
  renameSync(`${file}.tmp~`, file);
  const state = await published;
  const ms = performance.now() - t0;
  if (state.error) throw new Error(`preview bench: build failed: ${state.error.title}`);
  if (i >= WARMUP) {
    times.push(ms);
    builds.push(state.ms);
    passes.push(state.fit.layouts ?? state.fit.passes);
  }
  // Let the watcher settle: a save is a burst of events, and the next save is a new one.
  await new Promise((r) => setTimeout(r, 30));
}
await preview.close();
rmSync(dir, { recursive: true, force: true });

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const quantile = (xs, q) => {
  const s = sorted(xs);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  return s[lo] + (s[Math.ceil(pos)] - s[lo]) * (pos - lo);
};
process.stdout.write(
  `${JSON.stringify({
    runs: times.length,
    medianMs: quantile(times, 0.5),
    p90Ms: quantile(times, 0.9),
    minMs: Math.min(...times),
    maxMs: Math.max(...times),
    buildMedianMs: quantile(builds, 0.5),
    restMedianMs: quantile(
      times.map((t, i) => t - builds[i]),
      0.5,
    ),
    passesMedian: quantile(passes, 0.5),
  })}\n`,
);
