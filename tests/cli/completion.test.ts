/**
 * Shell completion as a user has it: the script `briefing completion` prints,
 * loaded by a real interactive bash (`bash --rcfile … -ic`), which then asks
 * the installed command (bin/briefing.js, through a `briefing` on the PATH)
 * for candidates exactly as a TAB does. For every command: the candidates are
 * right, and nothing is written, built or started (a watcher or a preview
 * server would hold the shell until the time limit).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { fixture } from '../helpers/content.js';

const BIN = fileURLToPath(new URL('../../bin/briefing.js', import.meta.url));

let home: string;
let work: string;
let rc: string;
let path: string;

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'briefing-completion-'));
  work = join(home, 'desk');
  mkdirSync(join(work, 'content'), { recursive: true });
  cpSync(fixture('minimal'), join(work, 'content'), { recursive: true });
  writeFileSync(join(work, 'notes.txt'), 'not content\n');
  writeFileSync(join(work, 'briefing.config.yaml'), 'organisation: Desk\n');
  // `briefing` on the PATH, as `npm i -g` puts it there.
  const bin = join(home, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'briefing'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(join(bin, 'briefing'), 0o755);
  path = `${bin}:${process.env.PATH}`;
  const script = spawnSync('briefing', ['completion', 'bash'], { env: { ...process.env, PATH: path }, encoding: 'utf8' });
  expect(script.status).toBe(0);
  rc = join(home, 'bashrc');
  writeFileSync(rc, script.stdout); // as `briefing completion >> ~/.bashrc` does
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

/** What TAB offers after `line` (the words typed; an empty last word when the line ends in a space). */
function tab(line: string): string[] {
  // Bash's own split, colons apart (COMP_WORDBREAKS); the script reads COMP_LINE up to the cursor.
  const words = line.split(/( |:)/).filter((w) => w !== ' ');
  const array = words.map((w) => `'${w}'`).join(' ');
  const r = spawnSync(
    'bash',
    [
      '--rcfile',
      rc,
      '-ic',
      `COMP_WORDS=(${array}); COMP_CWORD=${words.length - 1}; COMP_LINE='${line}'; COMP_POINT=${line.length}; _briefing_completions; printf '%s\\n' "\${COMPREPLY[@]}"`,
    ],
    { cwd: work, env: { HOME: home, PATH: path, TERM: 'dumb' }, encoding: 'utf8', timeout: 60_000 },
  );
  expect(r.signal, `TAB after "${line}" did not return: it ran something`).toBeNull();
  expect(r.status).toBe(0);
  return r.stdout.split('\n').filter(Boolean);
}

const listing = () => readdirSync(work, { recursive: true }).map(String).sort();

describe('completion in a real bash', () => {
  it('lists commands, flags, their values and files', () => {
    expect(tab('briefing ')).toEqual(COMMANDS.map((c) => c.command.split(' ')[0]));
    expect(tab('briefing bu')).toEqual(['build']);
    expect(tab('briefing build con')).toEqual(['content/']);
    expect(tab('briefing build content/')).toEqual(['content/briefing.yaml']);
    expect(tab('briefing build ')).toEqual(['content/']); // notes.txt and the config file are not content
    expect(tab('briefing build --pa')).toEqual(['--paper']);
    expect(tab('briefing build --paper ')).toEqual(['A4', 'Letter']);
    expect(tab('briefing build -t ')).toContain('briefing');
    expect(tab('briefing init --marking ')).toEqual(['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED']);
    // bash replaces only what follows the colon
    expect(tab('briefing init --marking TLP:A')).toEqual(['AMBER', 'AMBER+STRICT']);
    expect(tab('briefing template ')).toEqual(['copy']);
    expect(tab('briefing template copy ')).toContain('briefing');
    expect(tab('briefing send content/minimal.yaml --c')).toContain('--cc');
    expect(tab('briefing nosuch ')).toEqual([]);
  });

  it.each(COMMANDS.map((c) => c.command.split(' ')[0]!))('TAB after `briefing %s` writes nothing and starts nothing', (name) => {
    const before = listing();
    for (const line of [
      `briefing ${name} `,
      `briefing ${name} con`,
      `briefing ${name} content/`,
      `briefing ${name} fo`,
      `briefing ${name} --`,
    ])
      tab(line);
    expect(listing()).toEqual(before);
  });
});
