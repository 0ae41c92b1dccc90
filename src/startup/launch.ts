/**
 * How bin/briefing.js runs the CLI. Building one briefing starts a second
 * Node from the startup snapshot (snapshot.ts: modules loaded, the built-in
 * template compiled, its fonts parsed; about half the CPU time of a cold
 * build, bench/README.md) when there is one for this Node and this copy of
 * briefing, and has one made in the background for the next build when
 * there is none, as does a batch too small for worker threads (content
 * files counted as the CLI counts them, cli/inputs.ts; cli/threads.ts says
 * how many are enough). A larger batch runs in a second Node whose garbage
 * collector works on the threads that build (`--single-threaded-gc`: with a
 * worker busy on every core, collecting beside them only competed). Everything
 * else runs in this process from the bundled modules, as does everything
 * when the user gave Node flags of their own or set BRIEFING_SNAPSHOT=0. A
 * second Node ends as it ended, gets the signals this one gets, and stops
 * when this one dies (cli/process-guard.ts).
 */
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { VALUE_OPTIONS } from '../cli/options.js';
import { batchThreads } from '../cli/threads.js';
import { snapshotPlace, snapshotReady, snapshotWanted } from './cache.js';

/** The folder with the bundles (dist/), where this module is bundled to. */
const DIST = new URL('.', import.meta.url);

/** Runs the CLI for `args` (the command line after `briefing`); returns the exit code. */
export async function launch(args: string[]): Promise<number> {
  const nodeArgs = await secondNode(args);
  if (nodeArgs) {
    const run = await runChild(nodeArgs);
    if (run.signal) process.kill(process.pid, run.signal);
    if (!run.error) return run.status ?? 1;
  }
  const { runCli } = await import('../cli/main.js');
  return runCli(args);
}

/** Node's arguments for running the CLI in a second process, or undefined to run it here. */
async function secondNode(args: string[]): Promise<string[] | undefined> {
  // Node flags, given directly or in NODE_OPTIONS, are the user's: then this process runs the CLI, as asked.
  if (process.execArgv.length > 0 || process.env.NODE_OPTIONS) return undefined;
  const positional = positionals(args);
  if (positional[0] !== 'build') return undefined;
  const files = await contentFiles(positional.slice(1));
  // bin/briefing.js again: started with a Node flag, it runs the CLI in its own process.
  if (batchThreads(files) > 1) return ['--single-threaded-gc', fileURLToPath(new URL('../bin/briefing.js', DIST)), ...args];
  if (process.env.BRIEFING_SNAPSHOT === '0') return undefined;
  const place = snapshotPlace(fileURLToPath(DIST));
  if (!place) return undefined;
  if (snapshotReady(place)) return [...place.flags, '--snapshot-blob', place.blob, '--', ...args];
  if (snapshotWanted(place))
    spawn(process.execPath, [fileURLToPath(new URL('make-snapshot.mjs', DIST))], { detached: true, stdio: 'ignore' }).unref();
  return undefined;
}

function positionals(args: string[]): string[] {
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--') return positional.concat(args.slice(i + 1));
    if (VALUE_OPTIONS.has(args[i]!)) i++;
    else if (!args[i]!.startsWith('-') || args[i] === '-') positional.push(args[i]!);
  }
  return positional;
}

/**
 * How many content files `build` will read from these paths (standard input
 * is one). One named file, the usual single build, is counted without
 * loading cli/inputs.ts and its glob library: every millisecond here comes
 * before the second Node even starts.
 */
async function contentFiles(paths: string[]): Promise<number> {
  // As expandInputs counts it: a path that is a file (after links) is that one file, whatever its name.
  if (paths.length === 1 && paths[0] !== '-' && statSync(paths[0]!, { throwIfNoEntry: false })?.isFile()) return 1;
  const named = paths.filter((p) => p !== '-');
  const stdin = named.length < paths.length ? 1 : 0;
  if (paths.length === 0) named.push('content'); // the CLI's default
  const { expandInputs } = await import('../cli/inputs.js');
  return stdin + (await expandInputs(named, process.cwd())).files.length;
}

/** Runs Node with `nodeArgs`, passing on the signals this process gets. */
function runChild(nodeArgs: string[]): Promise<{ status?: number | null; signal?: NodeJS.Signals | null; error?: Error }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, nodeArgs, {
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, BRIEFING_CHILD: '1' },
    });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    for (const signal of signals) process.on(signal, forward);
    child.once('error', (error) => resolve({ error }));
    child.once('exit', (status, signal) => {
      for (const s of signals) process.off(s, forward);
      resolve({ status, signal });
    });
  });
}
