#!/usr/bin/env node
// Starts the CLI. `npm run build` makes a V8 startup snapshot of it
// (dist/briefing.blob, see src/startup/snapshot.ts), with modules loaded, the
// built-in template compiled and its fonts parsed. Building one briefing runs
// from it, in a child process, when this Node can load it: that saves more
// than it costs to start a second process. Everything else runs from the
// bundled modules: other commands load little and start faster that way, and
// a batch builds on worker threads, which cannot start from a snapshot, so a
// main thread holding one would only add memory. BRIEFING_SNAPSHOT=0 turns
// the snapshot off. A batch runs in a child process with V8's garbage
// collector on the threads that build: with a worker busy on every core,
// collecting in the background only competed with them (300 files: 10% less
// time over three alternating runs, 15 MB more memory).
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { VALUE_OPTIONS } from '../dist/cli/options.js';

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

/** Node's arguments for starting from the snapshot, if there is one for this Node and this folder. */
function snapshotArgs() {
  // A snapshot must also be run with the V8 configuration it was made with: the user's flags, and its own (scripts/snapshot.mjs).
  if (process.env.BRIEFING_SNAPSHOT === '0' || !plainNode) return undefined;
  try {
    const meta = JSON.parse(readFileSync(new URL('snapshot.json', dist), 'utf8'));
    const here = {
      node: process.version,
      v8: process.versions.v8,
      arch: process.arch,
      platform: process.platform,
      dist: fileURLToPath(dist),
    };
    return Object.entries(here).every(([k, v]) => meta[k] === v)
      ? [...meta.flags, '--snapshot-blob', fileURLToPath(new URL(meta.blob, dist))]
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The child's environment. Node reads and parses every certificate in
 * NODE_EXTRA_CA_CERTS as it starts, before any code runs (50-70 ms for a
 * system CA bundle, which some machines point it at); building never opens
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
