/**
 * Building many briefings: each file is one job; jobs run on worker threads,
 * one per core, when there are several files and the compiled workers are
 * there, and in this thread otherwise. A job never throws: a bad file comes
 * back as a failed outcome, so one bad file never stops the others.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { serialiseError, type SerialError } from './report.js';
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

/**
 * Runs the jobs, calling `done` for each as it finishes (in completion order).
 * Memory stays flat as the count grows: a worker holds one document at a
 * time, and parsed fonts and shaped words are shared within a worker.
 */
export async function runJobs(
  jobs: BuildJob[],
  done: (index: number, outcome: BuildOutcome) => Promise<void>,
  threads = availableParallelism(),
): Promise<{ threads: number }> {
  const worker = workerFile();
  const n = Math.min(threads, jobs.length);
  if (n <= 1 || !worker) {
    for (let i = 0; i < jobs.length; i++) await done(i, await runJob(jobs[i]!));
    return { threads: 1 };
  }
  const { default: Tinypool } = await import('tinypool');
  const pool = new Tinypool({
    filename: worker,
    minThreads: n,
    maxThreads: n,
    idleTimeout: 1000,
    resourceLimits: { maxOldGenerationSizeMb: 256 },
  });
  try {
    await Promise.all(jobs.map(async (job, i) => done(i, (await pool.run(job)) as BuildOutcome)));
  } finally {
    await pool.destroy();
  }
  return { threads: n };
}
