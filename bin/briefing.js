#!/usr/bin/env node
// Starts the CLI. `npm run build` makes a V8 startup snapshot of it
// (dist/briefing.blob, see src/snapshot.ts), with modules loaded, the
// built-in template compiled and its fonts parsed. `build` runs from it, in
// a child process, when this Node can load it: that saves more than it costs
// to start a second process. Other commands load little and start faster
// from the bundled modules, as does everything when there is no usable
// snapshot. BRIEFING_SNAPSHOT=0 turns the snapshot off.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = new URL('../dist/', import.meta.url);

function snapshotBlob() {
  if (process.argv.slice(2).find((a) => !a.startsWith('-')) !== 'build') return undefined;
  // Node flags, given directly or in NODE_OPTIONS, would change the V8 configuration a snapshot must match.
  if (process.env.BRIEFING_SNAPSHOT === '0' || process.execArgv.length > 0 || process.env.NODE_OPTIONS) return undefined;
  try {
    const meta = JSON.parse(readFileSync(new URL('snapshot.json', dist), 'utf8'));
    const here = { node: process.version, v8: process.versions.v8, arch: process.arch, platform: process.platform, dist: fileURLToPath(dist) };
    return Object.entries(here).every(([k, v]) => meta[k] === v) ? fileURLToPath(new URL(meta.blob, dist)) : undefined;
  } catch {
    return undefined;
  }
}

const blob = snapshotBlob();
const run = blob && spawnSync(process.execPath, ['--snapshot-blob', blob, '--', ...process.argv.slice(2)], { stdio: 'inherit' });
if (run && !run.error) {
  if (run.signal) process.kill(process.pid, run.signal);
  process.exitCode = run.status ?? 1;
} else {
  const { main } = await import('../dist/cli.bundle.mjs');
  process.exitCode = await main(process.argv.slice(2));
}
