/**
 * A file that kills or stalls its batch worker is that file's failure: the
 * worker is replaced and the rest of the batch is built (issue 12, item 6).
 * The worker here misbehaves on purpose for files named oom, stall or crash.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runJobs, type BuildJob, type BuildOutcome } from '../../src/cli/batch.js';

const WORKER = fileURLToPath(new URL('../fixtures/workers/misbehaving.mjs', import.meta.url));
const job = (file: string): BuildJob => ({ path: file, file, options: {}, emit: 'pdf' });

describe('a batch whose worker dies or stalls', () => {
  it('reports the file that ran out of memory or stalled, and builds every other one', async () => {
    const files = ['a.yaml', 'oom.yaml', 'b.yaml', 'stall.yaml', 'c.yaml', 'd.yaml', 'e.yaml'];
    const outcomes: BuildOutcome[] = [];
    const { threads } = await runJobs(
      files.map(job),
      async (i, outcome) => {
        outcomes[i] = outcome;
      },
      // Small limits so the test is quick; real batches use 256 MB and two minutes.
      { threads: 2, workerFile: WORKER, heapMb: 24, timeLimitMs: 3_000 },
    );
    expect(threads).toBe(2);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(5);
    const oom = outcomes[1]!;
    const stall = outcomes[3]!;
    expect(oom.ok).toBe(false);
    expect(stall.ok).toBe(false);
    if (!oom.ok) {
      expect(oom.error.kind).toBe('ResourceError');
      expect(oom.error.message).toMatch(/more than the 24 MB of memory/);
      expect(oom.error.internal).toBe(false);
      expect(oom.error.hint).toMatch(/other files were built/);
    }
    if (!stall.ok) expect(stall.error.message).toMatch(/took more than 3 s/);
  }, 120_000);

  it('survives a worker that exits outright', async () => {
    const outcomes: BuildOutcome[] = [];
    await runJobs(
      ['crash.yaml', 'a.yaml', 'b.yaml', 'c.yaml'].map(job),
      async (i, outcome) => {
        outcomes[i] = outcome;
      },
      { threads: 2, workerFile: WORKER, timeLimitMs: 5_000 },
    );
    expect(outcomes[0]!.ok).toBe(false);
    expect(outcomes.slice(1).every((o) => o.ok)).toBe(true);
  }, 120_000);
});
