// Makes dist/briefing.blob, the CLI's V8 startup snapshot (see src/startup/snapshot.ts),
// at install time, with the Node that will run it, and records in
// dist/snapshot.json what bin/briefing.js checks before using it. A Node that
// cannot make one leaves the CLI as it was: bin/briefing.js then loads the
// bundled modules, which is slower to start but works the same.
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const blob = 'briefing.blob';
rmSync(`${dist}snapshot.json`, { force: true });
rmSync(`${dist}${blob}`, { force: true });

/**
 * V8 heap sizes for the process the snapshot starts. A snapshot runs only
 * with the V8 flags it was made with, so they are made part of it here and
 * recorded for bin/briefing.js. Started from the snapshot, the heap already
 * holds about 30 MB, and V8's default limits then collect all of it once
 * in the middle of a build (a mark-compact, with incremental marking before
 * it) and scavenge about twenty times. With these, one build does no full
 * collection and about eight scavenges: 30-45 ms less of a 700 ms build
 * (medians of 15-20 interleaved runs), for 3 MB more memory.
 */
const flags = ['--initial-old-space-size=64', '--min-semi-space-size=4'];

const started = performance.now();
const r = spawnSync(process.execPath, ['--no-warnings', ...flags, '--snapshot-blob', blob, '--build-snapshot', 'snapshot.bundle.cjs'], {
  cwd: dist,
  encoding: 'utf8',
});
if (r.status !== 0) {
  const why =
    (r.stderr || r.error?.message || `exit ${r.status ?? r.signal}`).split('\n').find((l) => l.trim() && !l.startsWith('#')) ?? '';
  console.warn(`briefing: no startup snapshot (${why.trim()}); the CLI works, but starts slower.`);
  rmSync(`${dist}${blob}`, { force: true });
} else {
  const meta = { node: process.version, v8: process.versions.v8, arch: process.arch, platform: process.platform, dist, blob, flags };
  writeFileSync(`${dist}snapshot.json`, `${JSON.stringify(meta, null, 2)}\n`);
  console.log(`briefing: startup snapshot made in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
