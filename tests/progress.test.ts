import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { fixture } from './helpers/content.js';

const run = async (tty: boolean) => {
  const out = mkdtempSync(join(tmpdir(), 'briefing-progress-'));
  let stderr = '';
  const code = await main(['build', fixture('batch-one-bad'), '-o', out], {
    stdout: { write: () => true },
    stderr: { write: (s: string) => (stderr += s) },
    env: {},
    color: false,
    tty,
  });
  return { code, stderr, written: readdirSync(out) };
};

describe('batch output', () => {
  it('shows a progress bar on a terminal, with errors above it and a summary', async () => {
    const { code, stderr, written } = await run(true);
    expect(code).toBe(1);
    expect(stderr).toMatch(/building .*\d\/3/);
    expect(stderr).toMatch(/error: .*charlie\.yaml/);
    expect(stderr).not.toMatch(/^built /m); // per-file lines give way to the bar
    expect(stderr).toMatch(/2 built, 1 failed in \d+\.\d s/);
    expect(written.filter((f) => f.endsWith('.pdf'))).toHaveLength(2);
  });

  it('prints plain lines, no bar and no escape codes, in pipes and CI', async () => {
    const { stderr } = await run(false);
    expect(stderr).not.toContain('building');
    expect(stderr).not.toContain('\u001b[');
    expect(stderr.match(/^built /gm)).toHaveLength(2);
  });
});
