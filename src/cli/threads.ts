/**
 * How many threads build a batch: a worker thread per core, or, for a small
 * batch, the one thread that runs the CLI. Each worker loads briefing's code,
 * compiles the template and parses the fonts afresh, and runs slowly until V8
 * has optimised its code again: measured on 2 cores, a batch of 2 files took
 * 2.6 s on workers against 1.4 s for one file from the startup snapshot, and
 * 19 files twice the CPU time on workers (10.5 s) as in one process from the
 * snapshot (5.4 s). The workers' second core pays that back only over dozens
 * of files. Read by cli/batch.ts, and by startup/launch.ts to decide where a
 * batch runs; kept small, as launch.ts loads it before anything else.
 */
import { availableParallelism } from 'node:os';

/** The fewest files built on worker threads. */
export const WORKERS_FROM = 16;

/** The threads that build `files` content files. */
export function batchThreads(files: number): number {
  return files < WORKERS_FROM ? 1 : Math.min(availableParallelism(), files);
}
