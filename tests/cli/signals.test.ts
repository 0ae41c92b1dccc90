/**
 * Killing the command by its PID ends the whole build (issue 12, item 8):
 * bin/briefing.js runs a batch in a child process, and a job runner's
 * timeout signals only the PID it started. Whatever the signal (SIGKILL
 * included, which the parent cannot pass on), the child must end too, and
 * no temporary file may be left in the output folder.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { minimalYaml } from '../helpers/content.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin/briefing.js');
const built = existsSync(join(ROOT, 'dist/cli.bundle.mjs'));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'briefing-signals-'));
  mkdirSync(join(dir, 'content'));
  for (let i = 0; i < 60; i++) writeFileSync(join(dir, 'content', `b${i}.yaml`), minimalYaml({ reference: `SIG-${i}` }));
});
afterEach(() => {
  // Should a test fail, leave no process behind.
  spawnSync('pkill', ['-KILL', '-f', dir]);
  rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pdfs = () => (existsSync(join(dir, 'out')) ? readdirSync(join(dir, 'out')).filter((f) => f.endsWith('.pdf')) : []);
/** Processes whose command line names this test's folder (the CLI, and the child it started). */
const running = () => spawnSync('pgrep', ['-f', dir], { encoding: 'utf8' }).stdout.trim();

async function until(condition: () => boolean, what: string): Promise<void> {
  // Generous: the machine is shared; this bounds a hang, it measures nothing.
  for (let i = 0; i < 1200; i++) {
    if (condition()) return;
    await sleep(100);
  }
  throw new Error(`gave up waiting: ${what}`);
}

describe.skipIf(!built)('a batch killed by its PID', () => {
  it.each(['SIGKILL', 'SIGTERM', 'SIGINT'] as const)(
    'by %s ends with its child, and leaves no temporary file',
    async (signal) => {
      const cli = spawn(process.execPath, [BIN, 'build', join(dir, 'content'), '-o', join(dir, 'out')], { stdio: 'ignore' });
      const exited = new Promise<NodeJS.Signals | null>((r) => cli.once('exit', (_, s) => r(s)));
      await until(() => pdfs().length > 0, 'the first PDF');
      cli.kill(signal);
      expect(await exited).toBe(signal);
      await until(() => running() === '', 'every briefing process to end');
      const left = pdfs().length;
      expect(left).toBeLessThan(60);
      expect(readdirSync(join(dir, 'out')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    },
    180_000,
  );
});
