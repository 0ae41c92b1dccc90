#!/usr/bin/env node
// Starts the CLI. A V8 startup snapshot of it (src/startup/snapshot.ts), with
// modules loaded, the built-in template compiled and its fonts parsed, is kept
// in the user's cache (src/startup/cache.ts): `npm run build` makes it, and an
// installed package has it made in the background the first time it builds
// one briefing. Building one briefing runs from it, in a child process, when
// there is one for this Node and this copy of briefing: that saves more than
// it costs to start a second process. Everything else runs from the
// bundled modules: other commands load little and start faster that way, and
// a batch builds on worker threads, which cannot start from a snapshot, so a
// main thread holding one would only add memory. BRIEFING_SNAPSHOT=0 turns
// the snapshot off. A batch runs in a child process with V8's garbage
// collector on the threads that build: with a worker busy on every core,
// collecting in the background only competed with them (bench/README.md).
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { VALUE_OPTIONS } from '../dist/cli-options.mjs';
import { snapshotPlace, snapshotReady, snapshotWanted } from '../dist/snapshot-cache.mjs';

const dist = new URL('../dist/', import.meta.url);

function positionals(args) {
  const positional = [];
  for (let i = 0; i < args.length; i++) {
    if (VALUE_OPTIONS.has(args[i])) i++;
    else if (!args[i].startsWith('-')) positional.push(args[i]);
  }
  return positional;
}

/** `build` of one content file? A guess from the arguments: a wrong one costs time or memory, never a different result. */
function buildsOneFile(args) {
  const positional = positionals(args);
  if (positional[0] !== 'build') return false;
  const paths = positional.slice(1);
  if (paths.length === 0) paths.push('content'); // the CLI's default
  if (paths.length !== 1) return false;
  try {
    const stat = statSync(paths[0]);
    if (stat.isFile()) return true;
    return stat.isDirectory() && readdirSync(paths[0], { recursive: true }).filter((f) => /\.ya?ml$/i.test(String(f))).length <= 1;
  } catch {
    return false; // a glob, or a path the CLI will report missing
  }
}

// Node flags, given directly or in NODE_OPTIONS, are the user's: then this process runs the CLI itself, as asked.
const plainNode = process.execArgv.length === 0 && !process.env.NODE_OPTIONS;

/**
 * Node's arguments for starting from the snapshot, if there is one for this
 * Node and this copy of briefing; if there is none yet, it is made in the
 * background (a few seconds of one core), for the next build.
 */
function snapshotArgs() {
  // A snapshot must also be run with the V8 configuration it was made with: the user's flags, and its own (scripts/bundle.mjs).
  if (process.env.BRIEFING_SNAPSHOT === '0' || !plainNode) return undefined;
  const place = snapshotPlace(fileURLToPath(dist));
  if (!place) return undefined;
  if (snapshotReady(place)) return [...place.flags, '--snapshot-blob', place.blob];
  if (snapshotWanted(place))
    spawn(process.execPath, [fileURLToPath(new URL('make-snapshot.mjs', dist))], {
      detached: true,
      stdio: 'ignore',
      env: childEnv(),
    }).unref();
  return undefined;
}

/**
 * The child's environment. Node reads and parses every certificate in
 * NODE_EXTRA_CA_CERTS as it starts, before any code runs (a system CA bundle,
 * which some machines point it at, costs a share of a cold build); building never opens
 * a network connection, so the child goes without.
 */
function childEnv() {
  const { NODE_EXTRA_CA_CERTS, ...env } = process.env;
  return NODE_EXTRA_CA_CERTS === undefined ? process.env : env;
}

const args = process.argv.slice(2);
const building = positionals(args)[0] === 'build';
const oneFile = building && buildsOneFile(args);
const snapshot = oneFile ? snapshotArgs() : undefined;
const batch = building && !oneFile && plainNode;
/**
 * Runs the child and ends as it ended. Signals sent to this process (by PID,
 * as a job runner's timeout does) are passed on; if this process is killed
 * outright, the child sees its IPC channel close and stops too
 * (src/cli/process-guard.ts).
 */
function runChild(nodeArgs) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, nodeArgs, {
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
      env: { ...childEnv(), BRIEFING_CHILD: '1' },
    });
    const forward = (signal) => child.kill(signal);
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    for (const signal of signals) process.on(signal, forward);
    child.once('error', (error) => resolve({ error }));
    child.once('exit', (status, signal) => {
      for (const s of signals) process.off(s, forward);
      resolve({ status, signal });
    });
  });
}

const run = snapshot
  ? await runChild([...snapshot, '--', ...args])
  : batch
    ? await runChild(['--single-threaded-gc', fileURLToPath(import.meta.url), ...args])
    : undefined;
if (run && !run.error) {
  if (run.signal) process.kill(process.pid, run.signal);
  process.exitCode = run.status ?? 1;
} else {
  const { runCli } = await import('../dist/cli.bundle.mjs');
  process.exitCode = await runCli(args);
}
