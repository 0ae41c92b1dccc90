/**
 * Ends every test run with one plain line, "N passed, N failed" (", N skipped"),
 * which CI and scripts read without parsing vitest's coloured output.
 *
 * "failed" counts what makes vitest exit non-zero, not only failed tests: a
 * file that could not load, a hook (beforeAll, afterAll…) that threw, an error
 * thrown outside any test. Each counts once. If vitest still ends the run as
 * failed for a reason counted nowhere else, the line says so rather than
 * printing "0 failed" over a red run.
 */
import type { Reporter, SerializedError, TestModule, TestRunEndReason } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>, reason: TestRunEndReason): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const m of modules) {
      for (const t of m.children.allTests()) {
        const state = t.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
      // Errors that belong to no test: the file's own (it failed to load, a top-level hook threw) and each suite's hooks.
      failed += m.errors().length;
      for (const s of m.children.allSuites()) failed += s.errors().length;
    }
    failed += unhandledErrors.length;
    if (reason === 'failed' && failed === 0) failed = 1;
    process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  }
}
