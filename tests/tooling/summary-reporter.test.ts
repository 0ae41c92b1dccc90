import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The summary line is what CI reads: it must count every failure vitest fails the run for.
const ROOT = fileURLToPath(new URL('../fixtures/reporter/', import.meta.url));
const VITEST = fileURLToPath(new URL('../../node_modules/vitest/vitest.mjs', import.meta.url));

function runFixtures(...files: string[]) {
  const run = spawnSync(process.execPath, [VITEST, 'run', '--root', ROOT, ...files], {
    encoding: 'utf8',
    env: { ...process.env, CI: '1' },
  });
  const summary = run.stdout.split('\n').filter((l) => /^\d+ passed, \d+ failed/.test(l));
  return { status: run.status, summary };
}

describe('the summary line', () => {
  it('counts a throwing beforeAll, a throwing afterAll, a file that does not load, a failed test and an unhandled rejection', () => {
    const { status, summary } = runFixtures();
    expect(status).toBe(1);
    expect(summary).toEqual(['3 passed, 5 failed, 1 skipped']);
  });

  it('turns red for a failing hook alone, whose tests did not fail', () => {
    const { status, summary } = runFixtures('before-all-throws');
    expect(status).toBe(1);
    expect(summary).toEqual(['0 passed, 1 failed, 1 skipped']);
  });
});
