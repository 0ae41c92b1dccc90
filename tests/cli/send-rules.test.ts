/**
 * `briefing send` as a hostile or careless user meets it, against a real
 * SMTP server (smtp-server) on 127.0.0.1, port 0: each file under its own
 * config's rules, addresses read one way only, nothing a terminal would
 * obey printed, no password echoed, SMTP failures named by their step, a
 * time limit of the user's choosing, and a JSON report. Each of these
 * failed on the main branch before this change.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { minimalYaml } from '../helpers/content.js';

let dir: string;
let server: SMTPServer | undefined;
let port: number;
let delivered: number;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'briefing-send-rules-'));
  delivered = 0;
});
afterEach(async () => {
  if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
  server = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** A server that takes everything, unless `options` make it misbehave. */
async function startSmtp(options: Partial<SMTPServerOptions> = {}) {
  server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, cb) {
      stream.resume();
      stream.on('end', () => {
        delivered++;
        cb();
      });
    },
    ...options,
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
}

/** The CLI in `dir`, sending through the test's server unless `env` says otherwise. */
const run = (argv: string[], env: Record<string, string> = {}) =>
  runCli(dir, argv, { BRIEFING_SMTP_URL: `smtp://127.0.0.1:${port}?from=desk@example.org`, ...env });

const write = (name: string, text: string) => {
  mkdirSync(join(dir, name, '..'), { recursive: true });
  writeFileSync(join(dir, name), text);
};

describe('each briefing under its own rules', () => {
  beforeEach(async () => {
    await startSmtp();
    // a/ is a public desk; b/ is an organisation whose TLP:AMBER stays within b.example.
    write('a/briefing.config.yaml', 'organisation: Desk A\n');
    write('a/a.yaml', minimalYaml({ marking: 'TLP:CLEAR', reference: 'A-1' }));
    write('b/briefing.config.yaml', 'organisation: Desk B\nsend: { organisationDomains: [b.example] }\n');
    write('b/b.yaml', minimalYaml({ marking: 'TLP:AMBER', reference: 'B-1' }));
  });

  it.each([[['a/a.yaml', 'b/b.yaml']], [['b/b.yaml', 'a/a.yaml']]])(
    'send %j outside b’s domains is refused whatever the order, naming b’s file, and sends nothing',
    async (files) => {
      const r = await run(['send', ...files, '--to', 'x@evil.test']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`b/b.yaml: not sent to x@evil.test: TLP:AMBER goes outside the organisation's domains (b.example)`);
      expect(r.stderr).not.toContain('a/a.yaml: not sent');
      expect(r.stderr).toContain('nothing sent');
      expect(delivered).toBe(0);
    },
  );

  it('inside b’s domains both go, each from its own config', async () => {
    const r = await run(['send', 'a/a.yaml', 'b/b.yaml', '--to', 'chief@b.example']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('config: a/briefing.config.yaml');
    expect(r.stderr).toContain('config: b/briefing.config.yaml');
    expect(delivered).toBe(2);
  });

  it('--json says per file what would go, through which config, and refuses as a whole', async () => {
    const ok = await run(['send', 'a/a.yaml', 'b/b.yaml', '--to', 'chief@b.example', '--dry-run', '--json']);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toBe('');
    const report = JSON.parse(ok.stdout) as { results: { file: string; config: string; status: string }[]; summary: unknown };
    expect(report.results.map((r) => [r.file, r.config, r.status])).toEqual([
      ['a/a.yaml', 'a/briefing.config.yaml', 'would send'],
      ['b/b.yaml', 'b/briefing.config.yaml', 'would send'],
    ]);
    const refused = await run(['send', 'a/a.yaml', 'b/b.yaml', '--to', 'x@evil.test', '--json']);
    expect(refused.code).toBe(1);
    const r2 = JSON.parse(refused.stdout) as { results: { file: string; status: string; errors: { message: string }[] }[] };
    expect(r2.results.map((r) => r.status)).toEqual(['not sent', 'refused']);
    expect(r2.results[1]!.errors[0]!.message).toContain('not sent to x@evil.test');
    expect(delivered).toBe(0);
  });
});

describe('addresses are read one way only, before anything is built', () => {
  beforeEach(async () => {
    await startSmtp();
    write('a.yaml', minimalYaml());
  });

  it.each([
    ['a@x.org b@y.org', 'is not one e-mail address'],
    ['a@x.org\tb@y.org', 'is not one e-mail address'],
    ['a@x.org\nb@y.org', 'is not one e-mail address'],
    ['Team: a@x.org', 'reads as a group named "Team"'],
    ['x:y@z.org', 'reads as a group named "x"'],
    ['<a@x.org> b@y.org', 'is not one e-mail address'],
  ])('--to %j is refused: %s', async (to, message) => {
    const r = await run(['send', 'a.yaml', '--to', to]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(delivered).toBe(0);
  });

  it('commas separate addresses; a comma inside a quoted name does not', async () => {
    const r = await run(['send', 'a.yaml', '--to', 'a@x.org, "Doe, Jane" <jane@y.org>', '--dry-run']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('to a@x.org, jane@y.org');
  });

  it('--from is checked too, as one address', async () => {
    const r = await run(['send', 'a.yaml', '--to', 'a@x.org', '--from', 'me@x.org you@y.org']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--from: "me@x.org you@y.org" is not one e-mail address');
    expect(delivered).toBe(0);
  });

  it('build --eml checks --to and --from before it writes anything', async () => {
    const to = await run(['build', 'a.yaml', '--eml', '--to', 'a@x.org b@y.org']);
    expect(to.code).toBe(2);
    expect(to.stderr).toContain('--to: "a@x.org b@y.org" is not one e-mail address');
    const from = await run(['build', 'a.yaml', '--eml', '--to', 'a@x.org', '--from', 'Desk: d@x.org']);
    expect(from.code).toBe(2);
    expect(from.stderr).toContain('--from: "Desk: d@x.org" reads as a group');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});

describe('what send prints', () => {
  it('control characters in a headline are shown, never sent to the terminal', async () => {
    await startSmtp();
    write('a.yaml', minimalYaml({ headline: 'Port \u001b[2J\u0007reopens' }));
    const dry = await run(['send', 'a.yaml', '--to', 'a@x.org', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('Port \\x1B[2J\\x07reopens');
    const sent = await run(['send', 'a.yaml', '--to', 'a@x.org']);
    expect(sent.code, sent.stderr).toBe(0);
    // eslint-disable-next-line no-control-regex -- looking for raw control characters is the point
    expect(`${dry.stdout}${dry.stderr}${sent.stdout}${sent.stderr}`).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
  });

  it('an unparsable BRIEFING_SMTP_URL is refused without echoing it (it may hold a password)', async () => {
    write('a.yaml', minimalYaml());
    const r = await run(['send', 'a.yaml', '--to', 'a@x.org'], { BRIEFING_SMTP_URL: 'smtp://analyst:hunter2@[mail.example.org' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('BRIEFING_SMTP_URL is not a URL');
    expect(r.stderr).not.toContain('hunter2');
  });
});

describe('SMTP failures name their step and get the right hint', () => {
  beforeEach(() => write('a.yaml', minimalYaml()));

  // Time limits of 3 s, not 1: a limit shorter than a busy machine may keep the process from running would
  // measure the machine, not the server.
  it('a server that takes the whole message and never answers DATA: not "cannot connect", and the time limit is the user’s', async () => {
    await startSmtp({
      onData(stream) {
        stream.resume();
        // Never calls back: the final reply after the message never comes.
      },
    });
    const t0 = Date.now();
    const r = await run(['send', 'a.yaml', '--to', 'a@x.org'], {
      BRIEFING_SMTP_URL: `smtp://127.0.0.1:${port}?from=desk@example.org&timeout=3`,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('took the whole message but did not answer within 3 s after DATA');
    expect(r.stderr).toContain('it may or may not have been delivered');
    expect(r.stderr).not.toContain('cannot connect');
    expect(Date.now() - t0).toBeLessThan(30_000);
  });

  it('smtp.timeout in the config file sets the limit', async () => {
    await startSmtp({ onData: (stream) => stream.resume() });
    write('briefing.config.yaml', `smtp: { host: 127.0.0.1, port: ${port}, from: desk@example.org, timeout: 3 }\n`);
    const r = await run(['send', 'a.yaml', '--to', 'a@x.org'], { BRIEFING_SMTP_URL: '' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('did not answer within 3 s after DATA');
    expect(r.stderr).toContain('raise smtp.timeout');
  });

  it('a connection dropped at RCPT TO is named as such', async () => {
    await startSmtp({
      onRcptTo(_address, session, cb) {
        // Drop the connection instead of answering.
        (server as unknown as { connections: Set<{ id: string; _socket: { destroy(): void } }> }).connections.forEach((c) => {
          if (c.id === session.id) c._socket.destroy();
        });
        void cb;
      },
    });
    const r = await run(['send', 'a.yaml', '--to', 'a@x.org']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/closed the connection at RCPT TO \(the recipients\)/);
    expect(r.stderr).not.toContain('cannot connect');
  });

  it('a 421 reply is a temporary refusal, said as such', async () => {
    await startSmtp({
      onMailFrom(_address, _session, cb) {
        cb(Object.assign(new Error('Too many messages, try later'), { responseCode: 421 }));
      },
    });
    const r = await run(['send', 'a.yaml', '--to', 'a@x.org']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('421');
    expect(r.stderr).toContain('421 is temporary');
    expect(delivered).toBe(0);
  });
});

it('a port that takes the connection but never greets (TLS spoken to in plain text) is told apart from one that is down', async () => {
  const { createServer } = await import('node:net');
  const silent = createServer(() => {});
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const silentPort = (silent.address() as AddressInfo).port;
  try {
    write('a.yaml', minimalYaml());
    const r = await runCli(dir, ['send', 'a.yaml', '--to', 'a@x.org'], {
      BRIEFING_SMTP_URL: `smtp://127.0.0.1:${silentPort}?from=desk@example.org&timeout=5`,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`smtp://127.0.0.1:${silentPort} took the connection but sent no SMTP greeting`);
    expect(r.stderr).toContain('secure: true');
  } finally {
    silent.close();
  }
});
