/**
 * Where the CLI's startup snapshot (snapshot.ts) is kept, and how it is made.
 * A snapshot holds the heap of one Node build, made from the bundle in one
 * folder, so it lives in the user's cache, not in the package (which may be
 * read-only, and is often installed somewhere else than where it was built):
 * $XDG_CACHE_HOME/briefing, else ~/.cache/briefing. Its file name is a hash of
 * everything it depends on (the bundle's content, briefing's version, Node's
 * and V8's versions, the platform, the folder and the V8 flags), so a snapshot
 * that does not fit this Node and this copy of briefing is never found.
 * launch.ts uses it when it is there and has it made in the background
 * when it is not (make.ts); `npm run build` makes it at once
 * (scripts/snapshot.mjs). A snapshot is written under a temporary name and
 * renamed, so it is whole or absent; one made by another user is not used.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface SnapshotPlace {
  /** The folder with the bundles (dist/), as a real path. */
  dist: string;
  /** The script the snapshot is made from, in `dist`. */
  script: string;
  /** V8 flags it is made and run with. */
  flags: string[];
  /** The cache folder. */
  dir: string;
  /** The snapshot file. */
  blob: string;
  /** What is known about it (who made it, or why it could not be made), beside it. */
  about: string;
}

interface SnapshotJson {
  script: string;
  id: string;
  flags: string[];
}

/** The user's cache folder for briefing. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CACHE_HOME;
  return join(xdg && xdg.startsWith('/') ? xdg : join(homedir(), '.cache'), 'briefing');
}

/** Where the snapshot for the bundles in `dist` is, for this Node; undefined if `dist` has none to make (no bundle). */
export function snapshotPlace(dist: string, env: NodeJS.ProcessEnv = process.env): SnapshotPlace | undefined {
  let meta: SnapshotJson;
  let version: string;
  let real: string;
  try {
    real = realpathSync(dist);
    meta = JSON.parse(readFileSync(join(real, 'snapshot.json'), 'utf8')) as SnapshotJson;
    version = (JSON.parse(readFileSync(join(real, '..', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return undefined;
  }
  const key = createHash('sha256')
    .update([meta.id, version, process.version, process.versions.v8, process.arch, process.platform, real, ...meta.flags].join('\n'))
    .digest('hex')
    .slice(0, 24);
  const dir = cacheDir(env);
  return {
    dist: real,
    script: meta.script,
    flags: meta.flags,
    dir,
    blob: join(dir, `snapshot-${key}.blob`),
    about: join(dir, `snapshot-${key}.json`),
  };
}

const ownedByMe = (path: string): boolean => {
  const st = statSync(path);
  return process.getuid === undefined || st.uid === process.getuid();
};

/** The snapshot is there, whole, and this user's in a folder only this user can write to. */
export function snapshotReady(place: SnapshotPlace): boolean {
  try {
    const dir = statSync(place.dir);
    return statSync(place.blob).isFile() && ownedByMe(place.blob) && ownedByMe(place.dir) && (dir.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

/** Worth starting to make it: not there, not being made, and not known to fail with this Node. */
export function snapshotWanted(place: SnapshotPlace): boolean {
  if (existsSync(place.blob) || existsSync(`${place.blob}.lock`)) return false;
  try {
    return !(JSON.parse(readFileSync(place.about, 'utf8')) as { failed?: string }).failed;
  } catch {
    return true;
  }
}

export type MakeOutcome = { made: true; seconds: number } | { made: false; reason: string };

/** A lock older than this was left by a process that died. */
const STALE_LOCK_MS = 120_000;

/** Makes the snapshot now (a few seconds), unless another process is making it. */
export function makeSnapshot(place: SnapshotPlace): MakeOutcome {
  mkdirSync(place.dir, { recursive: true, mode: 0o700 });
  const lock = `${place.blob}.lock`;
  let fd: number;
  try {
    fd = openSync(lock, 'wx', 0o600);
  } catch {
    try {
      if (Date.now() - statSync(lock).mtimeMs < STALE_LOCK_MS) return { made: false, reason: 'another process is making it' };
      rmSync(lock, { force: true });
      fd = openSync(lock, 'wx', 0o600);
    } catch {
      return { made: false, reason: 'another process is making it' };
    }
  }
  const started = performance.now();
  const tmp = `${place.blob}.${process.pid}.tmp`;
  try {
    const { NODE_OPTIONS: _ignored, ...env } = process.env;
    const r = spawnSync(process.execPath, ['--no-warnings', ...place.flags, '--snapshot-blob', tmp, '--build-snapshot', place.script], {
      cwd: place.dist,
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    if (r.status !== 0) {
      const why =
        (r.stderr || r.error?.message || `exit ${r.status ?? r.signal}`).split('\n').find((l) => l.trim() && !l.startsWith('#')) ?? '';
      rmSync(tmp, { force: true });
      writeFileSync(place.about, `${JSON.stringify({ dist: place.dist, node: process.version, failed: why.trim() })}\n`, { mode: 0o600 });
      return { made: false, reason: why.trim() };
    }
    renameSync(tmp, place.blob);
    writeFileSync(place.about, `${JSON.stringify({ dist: place.dist, node: process.version })}\n`, { mode: 0o600 });
    forgetOthers(place);
    return { made: true, seconds: (performance.now() - started) / 1000 };
  } finally {
    rmSync(tmp, { force: true });
    closeSync(fd);
    rmSync(lock, { force: true });
  }
}

/** Snapshots made earlier for the same folder (an older build, another Node) are not found any more: remove them. */
function forgetOthers(place: SnapshotPlace): void {
  for (const name of readdirSync(place.dir)) {
    const about = join(place.dir, name);
    if (!/^snapshot-\w+\.json$/.test(name) || about === place.about) continue;
    try {
      if ((JSON.parse(readFileSync(about, 'utf8')) as { dist?: string }).dist !== place.dist) continue;
      rmSync(about.replace(/\.json$/, '.blob'), { force: true });
      rmSync(about, { force: true });
    } catch {
      // being written or removed by another process: leave it
    }
  }
}
