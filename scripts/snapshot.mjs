// Makes dist/briefing.blob, the CLI's V8 startup snapshot (see src/snapshot.ts),
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

const started = performance.now();
const r = spawnSync(process.execPath, ['--no-warnings', '--snapshot-blob', blob, '--build-snapshot', 'snapshot.bundle.cjs'], { cwd: dist, encoding: 'utf8' });
if (r.status !== 0) {
  const why = (r.stderr || r.error?.message || `exit ${r.status ?? r.signal}`).split('\n').find((l) => l.trim() && !l.startsWith('#')) ?? '';
  console.warn(`briefing: no startup snapshot (${why.trim()}); the CLI works, but starts slower.`);
  rmSync(`${dist}${blob}`, { force: true });
} else {
  const meta = { node: process.version, v8: process.versions.v8, arch: process.arch, platform: process.platform, dist, blob };
  writeFileSync(`${dist}snapshot.json`, `${JSON.stringify(meta, null, 2)}\n`);
  console.log(`briefing: startup snapshot made in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
