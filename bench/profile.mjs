#!/usr/bin/env node
/**
 * Where the time goes: runs a warm loop and a cold build under Node's
 * `--cpu-prof` and prints each profile's top entries by self time
 * (function, file:line, ms, % of the profile's samples). See bench/README.md,
 * "Profile".
 *
 *   node bench/profile.mjs [--top K] [--warm N] [--keep DIR]
 *
 *   --top K     entries per profile (default 15)
 *   --warm N    distinct variants in the warm loop (default 20; the first 3 are left out of nothing:
 *               the profile covers the whole loop, start-up included, so read it with its first rows)
 *   --keep DIR  keep the .cpuprofile files there (open them in Chrome's DevTools, Performance tab)
 *
 * Profiles: "warm" is bench/warm-briefing.mjs (buildBriefing on distinct variants in one process);
 * "cold" is one `briefing build` of the example in the process the CLI runs it in, from the startup
 * snapshot when there is one (as bin/briefing.js would start it), else from the bundled modules;
 * "cold, modules" is the same build without the snapshot. Needs dist/ (npm run build).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const EXAMPLE = join(ROOT, 'content/relos-duma-ratification.yaml');
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const TOP = Number(opt('--top', 15));
const WARM = Number(opt('--warm', 20));
const keep = opt('--keep');
const tmp = mkdtempSync(join(tmpdir(), 'briefing-profile-'));

/** Runs node with --cpu-prof (plus `nodeArgs`) and returns the parsed profile. */
function profile(name, nodeArgs, env = {}) {
  const dir = join(keep ?? tmp, name.replace(/\W+/g, '-'));
  mkdirSync(dir, { recursive: true });
  const r = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, ...nodeArgs], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  if (r.status !== 0) throw new Error(`${name}: exited with ${r.status}\n${r.stderr}`);
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  return JSON.parse(readFileSync(join(dir, file), 'utf8'));
}

/** Self time per function (name + file:line:column), in ms, from a V8 CPU profile; an anonymous function is named after its caller. */
function selfTimes(prof) {
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n);
  const self = new Map();
  // The time up to the next sample is the sample's own (timeDeltas[i] is the gap before sample i).
  for (let i = 0; i < prof.samples.length; i++) {
    const dt = (prof.timeDeltas[i + 1] ?? 0) / 1000;
    const node = byId.get(prof.samples[i]);
    const f = node.callFrame;
    const where = f.url ? `${basename(f.url)}:${f.lineNumber + 1}:${f.columnNumber + 1}` : '';
    const caller = parent.get(node.id)?.callFrame.functionName;
    const name = f.functionName || (f.url && caller ? `(anonymous, in ${caller})` : '(anonymous)');
    const key = `${name}\t${where}`;
    self.set(key, (self.get(key) ?? 0) + dt);
  }
  return self;
}

/** Time spent in (and below) each of these functions, in ms: the build's phases, as far as their names survive bundling. */
const PHASES = ['runCli', 'loadContent', 'fitToPage', 'renderPages'];
function phaseTimes(prof) {
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const total = Object.fromEntries(PHASES.map((p) => [p, 0]));
  for (let i = 0; i < prof.samples.length; i++) {
    const dt = (prof.timeDeltas[i + 1] ?? 0) / 1000;
    const seen = new Set();
    for (let id = prof.samples[i]; id !== undefined; id = parent.get(id)) {
      const name = byId.get(id).callFrame.functionName;
      if (name in total && !seen.has(name)) {
        seen.add(name);
        total[name] += dt;
      }
    }
  }
  return total;
}

function report(name, prof) {
  const self = selfTimes(prof);
  const idle = self.get('(idle)\t') ?? 0;
  const total = [...self.values()].reduce((a, b) => a + b, 0) - idle;
  const rows = [...self.entries()]
    .filter(([k]) => k !== '(idle)\t')
    .sort((a, b) => b[1] - a[1])
    .slice(0, TOP);
  const out = [`${name}: ${total.toFixed(0)} ms of samples (idle ${idle.toFixed(0)} ms left out)`];
  for (const [key, ms] of rows) {
    const [fn, where] = key.split('\t');
    out.push(`  ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${ms.toFixed(1).padStart(7)} ms  ${fn.slice(0, 56).padEnd(56)}  ${where}`);
  }
  const phases = Object.entries(phaseTimes(prof)).filter(([, ms]) => ms > 0);
  if (phases.length > 0)
    out.push(`  in and below: ${phases.map(([p, ms]) => `${p} ${ms.toFixed(0)} ms (${((100 * ms) / total).toFixed(0)}%)`).join(', ')}`);
  process.stdout.write(`${out.join('\n')}\n\n`);
}

if (!readdirSync(join(ROOT, 'dist')).includes('index.mjs')) throw new Error('dist/ is missing: npm run build first');

report(
  `warm: ${WARM} distinct variants in one process (bench/warm-briefing.mjs)`,
  profile('warm', ['bench/warm-briefing.mjs', String(WARM), '3']),
);

const out = join(tmp, 'out');
const build = ['build', EXAMPLE, '-o', out];
const { snapshotPlace, snapshotReady } = await import(pathToFileURL(join(ROOT, 'dist/snapshot-cache.mjs')).href);
const place = snapshotPlace(join(ROOT, 'dist'));
if (place && snapshotReady(place)) {
  // As src/startup/launch.ts starts it: the snapshot's own V8 flags, the blob, then the CLI's arguments.
  report(
    'cold: one build of the example, from the startup snapshot',
    profile('cold', [...place.flags, '--snapshot-blob', place.blob, '--', ...build], { BRIEFING_CHILD: '1' }),
  );
} else process.stdout.write('cold, from the startup snapshot: no snapshot for this build (npm run build makes it)\n\n');
// With a Node flag (--cpu-prof), bin/briefing.js runs the CLI in its own process, from the bundled modules.
report('cold: one build of the example, from the bundled modules', profile('cold-modules', ['bin/briefing.js', ...build]));

if (!keep) rmSync(tmp, { recursive: true, force: true });
