import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { fixture } from '../helpers/content.js';
import { screen } from '../helpers/terminal.js';

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

/**
 * On a real pseudo-terminal (util-linux `script`), 80 columns wide, read back
 * through a terminal emulator (helpers/terminal.ts): every error and hint
 * shows whole (they are wider than the screen), the bar is gone at the end,
 * and the summary comes after the errors. The bar once turned line wrap off
 * and restored a cursor position saved before the errors were printed.
 */
describe('batch output on a terminal', () => {
  const BIN = fileURLToPath(new URL('../../bin/briefing.js', import.meta.url));
  const folder = fixture('batch-errors-on-terminal');
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'CI'));
  const command = (out: string) => `"${process.execPath}" "${BIN}" build --no-color "${folder}" -o "${out}"`;

  it.skipIf(spawnSync('script', ['--version']).status !== 0)('prints errors whole and in order, above a bar that goes away', () => {
    const piped = spawnSync('sh', ['-c', command(mkdtempSync(join(tmpdir(), 'briefing-pipe-')))], { env, encoding: 'utf8' });
    const expected = piped.stderr.split('\n').filter((l) => /^(error|hint):/.test(l));
    expect(expected.filter((l) => l.startsWith('error:'))).toHaveLength(3);
    // The schema hint, for two of the files, once.
    expect(expected.filter((l) => l.startsWith('hint:'))).toHaveLength(2);
    expect(expected.some((l) => l.length > 80)).toBe(true);

    const out = mkdtempSync(join(tmpdir(), 'briefing-tty-'));
    const tty = spawnSync('script', ['-qfec', `stty cols 80 rows 24; ${command(out)}`, '/dev/null'], { env, encoding: 'utf8' });
    expect(tty.stdout).toContain('building'); // the bar was drawn
    const lines = screen(tty.stdout, 80).filter(Boolean);
    expect(lines.filter((l) => /^(error|hint):/.test(l)).sort()).toEqual([...expected].sort());
    expect(lines.at(-1)).toMatch(/^5 built, 3 failed in \d+\.\d s/);
    expect(lines.some((l) => l.includes('building'))).toBe(false);
    expect(readdirSync(out)).toHaveLength(5);
  });
});
