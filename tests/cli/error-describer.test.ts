/**
 * One error describer (src/cli/report.ts) for every command: the same bad
 * file gets the same message and the same hint from `build`, `validate`,
 * `watch` and the preview's page. (watch, preview and send once had a
 * describer of their own, whose hints did not name the CLI's flags: an
 * overflow in `watch` did not mention --allow-overflow.)
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview } from '../../src/cli/preview/command.js';
import { runWatch } from '../../src/cli/watch.js';
import { fixture } from '../helpers/content.js';
import { runCli } from '../helpers/cli.js';
import { watchFlags } from '../helpers/watch.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'briefing-describer-'));
  cpSync(fixture('fit-impossible/briefing.yaml'), join(dir, 'long.yaml'));
  cpSync(fixture('unknown-fields/briefing.yaml'), join(dir, 'typo.yaml'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The error and hint lines a command printed about `file`. */
const lines = (stderr: string, file: string) =>
  stderr
    .split('\n')
    .map((l) => l.replace(/^\d\d:\d\d:\d\d /, '').trim())
    .filter((l) => l.startsWith(`error: ${file}`) || l.startsWith(`${file}:`) || l.startsWith('hint:'));

async function watchOnce(file: string): Promise<string> {
  let log = '';
  const controller = new AbortController();
  const io = { stdout: { write: () => true }, stderr: { write: (s: string) => (log += s) }, cwd: dir, env: {}, color: false };
  let built!: () => void;
  const once = new Promise<void>((resolve) => (built = resolve));
  const done = runWatch(watchFlags({ paths: [file] }), io, controller.signal, { onBuilt: () => built() });
  await once;
  controller.abort();
  await done;
  return log;
}

describe('hints', () => {
  it('the schema hint: once in a batch, naming a schema file that exists', async () => {
    const batch = join(dir, 'batch');
    mkdirSync(batch);
    cpSync(fixture('unknown-fields/briefing.yaml'), join(batch, 'one.yaml'));
    cpSync(fixture('unknown-fields/briefing.yaml'), join(batch, 'two.yaml'));
    const r = await runCli(dir, ['validate', 'batch']);
    expect(r.code).toBe(1);
    const hints = r.stderr.split('\n').filter((l) => l.startsWith('hint:'));
    expect(hints).toHaveLength(1);
    const path = /JSON Schema at (\S+\.json)/.exec(hints[0]!)![1]!;
    expect(isAbsolute(path) && existsSync(path)).toBe(true);
    expect(JSON.parse(readFileSync(path, 'utf8')).title).toBe('briefing content file');
  });
});

describe('one error describer', () => {
  it.each([
    ['long.yaml', /--allow-overflow/],
    ['typo.yaml', /did you mean "keyFacts"/],
  ])('%s: build, watch and the preview say the same, with the hint that names the flag', async (file, says) => {
    const build = lines((await runCli(dir, ['build', file, '-o', 'out'])).stderr, file);
    expect(build.join('\n')).toMatch(says);
    expect(build.some((l) => l.startsWith('hint:'))).toBe(true);
    expect(lines(await watchOnce(file), file)).toEqual(build);

    const preview = await startPreview({ file, cwd: dir });
    try {
      for (let waited = 0; !preview.server.current.error && waited < 120_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
      const error = preview.server.current.error!;
      expect(`hint: ${error.hint}`).toBe(build.find((l) => l.startsWith('hint:')));
      expect(error.problems.length).toBeGreaterThan(0);
    } finally {
      await preview.close();
    }
    if (file === 'typo.yaml') expect(lines((await runCli(dir, ['validate', file])).stderr, file)).toEqual(build);
  });
});
