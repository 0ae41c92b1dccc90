/**
 * Building many briefings: each file is one job; jobs run on worker threads,
 * one per core, when there are enough files to pay for starting them
 * (threads.ts) and the compiled workers are there, and in this thread
 * otherwise. A job never throws: a bad file comes
 * back as a failed outcome, so one bad file never stops the others.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { serialiseError, type SerialError } from './report.js';
import { batchThreads } from './threads.js';
import type { BuildOptions, DocDefinition, FittedBriefing } from '../types.js';

export interface BuildJob {
  /** Where to read the content from. */
  path: string;
  /** The content itself, when it came from standard input (then `path` is unused). */
  content?: string;
  /** How messages name the file (as the user typed it). */
  file: string;
  options: BuildOptions;
  /** pdf: build the PDF; docdef: stop after fitting and keep the document definition (large) instead. */
  emit: 'pdf' | 'docdef';
}

export type BuildOutcome =
  | ({ ok: true } & Pick<FittedBriefing, 'briefing' | 'pages' | 'fit' | 'warnings'> & { pdf?: Buffer; docDefinition?: DocDefinition })
  | { ok: false; error: SerialError };

export async function runJob(job: BuildJob): Promise<BuildOutcome> {
  try {
    const { buildBriefing, fitBriefing } = await import('../pipeline/build.js');
    const input = job.content !== undefined ? { content: job.content, file: job.file } : { path: job.path, file: job.file };
    if (job.emit === 'docdef') {
      const r = await fitBriefing(input, job.options);
      return { ok: true, briefing: r.briefing, pages: r.pages, fit: r.fit, warnings: r.warnings, docDefinition: r.docDefinition };
    }
    const r = await buildBriefing(input, job.options);
    return { ok: true, briefing: r.briefing, pdf: r.pdf, pages: r.pages, fit: r.fit, warnings: r.warnings };
  } catch (err) {
    return { ok: false, error: serialiseError(err) };
  }
}

/** The compiled worker, beside this module; absent when running from source (tests), where jobs run in-process. */
function workerFile(): string | undefined {
  // The bundle sits in dist/, beside the bundled CLI, or one folder up from dist/cli/ (the snapshot keeps this module's own place).
  for (const name of ['./worker.bundle.mjs', '../worker.bundle.mjs', './worker.js']) {
    const path = fileURLToPath(new URL(name, import.meta.url));
    if (existsSync(path)) return path;
  }
  return undefined;
}

/** A job that runs longer than this on a worker is stopped and reported; limits keep real files far below it. */
export const JOB_TIME_LIMIT_MS = 120_000;

export interface RunOptions {
  /** By default, as many as threads.ts says for this many jobs. */
  threads?: number;
  /** The worker module; by default the compiled one beside this module. */
  workerFile?: string;
  /** How long one file may take on a worker before it is stopped. */
  timeLimitMs?: number;
  /** The V8 heap cap of each worker, in MB. */
  heapMb?: number;
}

/**
 * Runs the jobs, calling `done` for each as it finishes (in completion order).
 * Memory stays flat as the count grows: a worker holds one document at a
 * time, and parsed fonts and shaped words are shared within a worker. A file
 * that kills its worker (out of memory, a crash) or stalls it is that file's
 * failure: the worker is replaced and the batch goes on.
 */
export async function runJobs(
  jobs: BuildJob[],
  done: (index: number, outcome: BuildOutcome) => Promise<void>,
  options: RunOptions = {},
): Promise<{ threads: number }> {
  const worker = options.workerFile ?? workerFile();
  const n = Math.min(options.threads ?? batchThreads(jobs.length), jobs.length);
  if (n <= 1 || !worker) {
    for (let i = 0; i < jobs.length; i++) await done(i, await runJob(jobs[i]!));
    return { threads: 1 };
  }
  const heapMb = options.heapMb ?? 256;
  const limit = options.timeLimitMs ?? JOB_TIME_LIMIT_MS;
  // The named export: in the startup snapshot's CommonJS bundle, `default` is the whole module (scripts/bundle.mjs).
  const { Tinypool } = await import('tinypool');
  const pool = new Tinypool({
    filename: worker,
    minThreads: n,
    maxThreads: n,
    idleTimeout: 1000,
    resourceLimits: { maxOldGenerationSizeMb: heapMb },
  });
  // Each lane hands a worker one job at a time, so a job's time limit counts from when it starts, not while it waits.
  // A lane gives its worker the next job before the last one's outcome is handled (written, reported), so the worker
  // is not idle while the main thread writes; it waits for that handling before the next, so at most one outcome per
  // lane (one PDF) is held.
  let next = 0;
  const lane = async () => {
    let handling: Promise<void> = Promise.resolve();
    while (next < jobs.length) {
      const i = next++;
      const job = jobs[i]!;
      const timer = new AbortController();
      const stall = setTimeout(() => timer.abort(), limit);
      let outcome: BuildOutcome;
      try {
        outcome = (await pool.run(job, { signal: timer.signal })) as BuildOutcome;
      } catch (err) {
        outcome = workerLost(err, timer.signal.aborted, { heapMb, limitMs: limit });
      } finally {
        clearTimeout(stall);
      }
      await handling;
      handling = done(i, outcome);
      // Its failure is raised where it is awaited, not as an unhandled rejection while the worker builds.
      handling.catch(() => undefined);
    }
    await handling;
  };
  try {
    await Promise.all(Array.from({ length: n }, lane));
  } finally {
    await pool.destroy();
  }
  return { threads: n };
}

/** What to tell the user when a worker died or was stopped while building their file. */
function workerLost(err: unknown, timedOut: boolean, limits: { heapMb: number; limitMs: number }): BuildOutcome {
  const e = err as Error & { code?: string };
  const memory = e?.code === 'ERR_WORKER_OUT_OF_MEMORY' || /memory limit|out of memory/i.test(e?.message ?? '');
  const message = timedOut
    ? `building it took more than ${Math.round(limits.limitMs / 1000)} s, so it was stopped`
    : memory
      ? `building it needed more than the ${limits.heapMb} MB of memory a file may use, so it was stopped`
      : `the worker building it stopped unexpectedly (${e?.message ?? String(err)})`;
  return {
    ok: false,
    error: {
      kind: 'ResourceError',
      message,
      hint: 'this file is far larger or more deeply nested than a briefing needs: look for a runaway field (a pasted document, a very long word); the other files were built',
      internal: false,
    },
  };
}
