/**
 * Config trust, as git's safe.directory: a config file someone else could
 * have planted (not the user's or root's, or in a folder others may write
 * to, like a sticky /tmp) is skipped with a warning; the search stops at
 * $HOME, a repository root or a file-system boundary; `send` and `-v` say
 * which config they used. On the main branch before this, a planted config
 * above the content was obeyed: its `out`, its template and its SMTP server.
 */
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { searchConfig } from '../../src/config/find.js';
import { minimalYaml } from '../helpers/content.js';

let dir: string;
let listener: Server;
let connections: number;
let listenerPort: number;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'briefing-trust-'));
  connections = 0;
  // Stands for an attacker's SMTP server: it must never be contacted.
  listener = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  listenerPort = (listener.address() as AddressInfo).port;
});
afterEach(async () => {
  await new Promise<void>((resolve) => listener.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

/** The CLI in `cwd`, with a home folder that is not above it. */
const run = (cwd: string, argv: string[], env: Record<string, string> = {}) => runCli(cwd, argv, { HOME: join(dir, 'no-home'), ...env });

/** A shared folder like /tmp (sticky, world-writable) with a planted config, and the victim's own folder inside it. */
function plantedInSharedFolder() {
  const shared = join(dir, 'shared');
  mkdirSync(shared);
  chmodSync(shared, 0o1777);
  writeFileSync(
    join(shared, 'briefing.config.yaml'),
    `organisation: Planted\nout: stolen\nsmtp: { host: 127.0.0.1, port: ${listenerPort}, from: spy@evil.test }\n`,
  );
  const victim = join(shared, 'victim');
  mkdirSync(victim, { mode: 0o700 });
  writeFileSync(join(victim, 'a.yaml'), minimalYaml({ organisation: 'Victim Desk' }));
  return { shared, victim };
}

describe('a config someone else could have planted is skipped, with a warning', () => {
  it('in a world-writable folder above the content: its out folder is not used, and build says why', async () => {
    const { shared, victim } = plantedInSharedFolder();
    const r = await run(victim, ['build', 'a.yaml']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      `warning: ignored the config file ${join(shared, 'briefing.config.yaml')}: its folder ${shared} is writable by every user`,
    );
    expect(existsSync(join(shared, 'stolen'))).toBe(false);
    expect(readdirSync(join(victim, 'out'))).toHaveLength(1);
  });

  it('send never takes a planted SMTP server: nothing connects to it, and nothing is sent', async () => {
    const { victim } = plantedInSharedFolder();
    const r = await run(victim, ['send', 'a.yaml', '--to', 'reader@example.org'], { BRIEFING_SMTP_PASSWORD: 'secret' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('a.yaml: no SMTP server is configured for it');
    expect(r.stderr).toContain('nothing sent');
    expect(connections).toBe(0);
  });

  // Giving a file to another user takes root.
  it.skipIf(process.getuid?.() !== 0)('a config owned by another user is skipped, even in a folder of ours', async () => {
    const mine = join(dir, 'mine');
    mkdirSync(join(mine, 'content'), { recursive: true });
    writeFileSync(join(mine, 'briefing.config.yaml'), 'out: elsewhere\n');
    chownSync(join(mine, 'briefing.config.yaml'), 65534, 65534);
    writeFileSync(join(mine, 'content', 'a.yaml'), minimalYaml());
    const found = searchConfig(join(mine, 'content'), { home: dir });
    expect(found.path).toBeUndefined();
    expect(found.skipped).toEqual([{ path: join(mine, 'briefing.config.yaml'), reason: 'it belongs to another user (uid 65534)' }]);
    const r = await run(mine, ['build', 'content/a.yaml']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('it belongs to another user (uid 65534)');
    expect(existsSync(join(mine, 'elsewhere'))).toBe(false);
  });

  it.skipIf(process.getuid?.() !== 0)('a folder writable by another group is not ours; by our own primary group it is', () => {
    const team = join(dir, 'team');
    mkdirSync(team);
    writeFileSync(join(team, 'briefing.config.yaml'), 'out: x\n');
    chmodSync(team, 0o770);
    chownSync(team, process.getuid!(), 65534);
    expect(searchConfig(team, { home: dir }).skipped[0]?.reason).toBe(
      `its folder ${team} is writable by the group 65534, so others could have put it there`,
    );
    chownSync(team, process.getuid!(), process.getgid!());
    expect(searchConfig(team, { home: dir }).path).toBe(join(team, 'briefing.config.yaml'));
  });

  it('naming a file with --config is trusting it', async () => {
    const { shared, victim } = plantedInSharedFolder();
    writeFileSync(join(shared, 'briefing.config.yaml'), 'out: chosen\n');
    const r = await run(victim, ['build', 'a.yaml', '--config', join(shared, 'briefing.config.yaml')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('warning');
    expect(readdirSync(join(shared, 'chosen'))).toHaveLength(1);
  });
});

describe('the search stops where a project ends', () => {
  it('at the home folder: a config above it does not apply', async () => {
    writeFileSync(join(dir, 'briefing.config.yaml'), 'out: above-home\n');
    const home = join(dir, 'home');
    mkdirSync(join(home, 'work'), { recursive: true });
    expect(searchConfig(join(home, 'work'), { home }).path).toBeUndefined();
    writeFileSync(join(home, 'briefing.config.yaml'), 'out: in-home\n');
    expect(searchConfig(join(home, 'work'), { home }).path).toBe(join(home, 'briefing.config.yaml'));
  });

  it('at a repository root (a folder with .git): a config above it does not apply', async () => {
    writeFileSync(join(dir, 'briefing.config.yaml'), 'out: above-repo\n');
    const repo = join(dir, 'repo');
    mkdirSync(join(repo, '.git'), { recursive: true });
    mkdirSync(join(repo, 'content'));
    writeFileSync(join(repo, 'content', 'a.yaml'), minimalYaml());
    expect(searchConfig(join(repo, 'content'), { home: '/nonexistent' }).path).toBeUndefined();
    const r = await run(repo, ['build', 'content/a.yaml']);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(dir, 'above-repo'))).toBe(false);
  });
});

describe('which config was used is said', () => {
  it('build -v and send name the config file', async () => {
    writeFileSync(join(dir, 'briefing.config.yaml'), 'organisation: Named Desk\n');
    writeFileSync(join(dir, 'a.yaml'), minimalYaml({ organisation: undefined }));
    const build = await run(dir, ['build', 'a.yaml', '-v']);
    expect(build.code, build.stderr).toBe(0);
    expect(build.stderr).toContain('config: briefing.config.yaml');
    const quiet = await run(dir, ['build', 'a.yaml']);
    expect(quiet.stderr).not.toContain('config:');
    const send = await run(dir, ['send', 'a.yaml', '--to', 'reader@example.org', '--from', 'desk@example.org', '--dry-run']);
    expect(send.code, send.stderr).toBe(0);
    expect(send.stderr).toContain('config: briefing.config.yaml');
    expect(send.stdout).toContain('(config briefing.config.yaml)');
  });
});
