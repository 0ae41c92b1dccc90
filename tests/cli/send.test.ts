/**
 * `briefing send` against a real SMTP server (smtp-server) on 127.0.0.1, on
 * a free port: what arrives, what is refused before anything is sent, and
 * what a user is told when the server is down or refuses the login.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { minimalYaml } from '../helpers/content.js';

interface Received {
  from: string;
  to: string[];
  mail: ParsedMail;
}

let server: SMTPServer;
let port: number;
let received: Received[];
let dir: string;

async function startSmtp(options: { password?: string; rejectRecipient?: string } = {}) {
  received = [];
  server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: options.password === undefined,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === 'analyst' && auth.password === options.password) cb(null, { user: auth.username });
      else cb(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, cb) {
      if (address.address === options.rejectRecipient) cb(Object.assign(new Error('No such user here'), { responseCode: 550 }));
      else cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          mail: await simpleParser(Buffer.concat(chunks)),
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
}

function run(args: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd: dir,
    env: { BRIEFING_SMTP_URL: `smtp://127.0.0.1:${port}?from=desk@example.org`, ...env },
    color: false,
  };
  return main(['send', ...args], io).then((code) => ({ code, stdout, stderr }));
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'briefing-send-'));
  writeFileSync(
    join(dir, 'green.yaml'),
    minimalYaml({ bluf: 'Shipping returns to normal, says the [port’s notice](https://example.org/notice).' }),
  );
  writeFileSync(join(dir, 'red.yaml'), minimalYaml({ marking: 'TLP:RED', reference: 'R-001' }));
  writeFileSync(join(dir, 'strict.yaml'), minimalYaml({ marking: 'TLP:AMBER+STRICT', reference: 'S-001' }));
  writeFileSync(join(dir, 'amber.yaml'), minimalYaml({ marking: 'TLP:AMBER', reference: 'A-001' }));
});

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

describe('briefing send', () => {
  it('delivers the subject, both bodies and the PDF under its safe name, with Message-ID and Date', async () => {
    await startSmtp();
    const r = await run(['green.yaml', '--to', 'reader@example.org', '--cc', 'chief@example.org']);
    expect(r.stderr).toMatch(
      /^sent green\.yaml "\[TLP:GREEN\] Port authority reopens the northern terminal" to reader@example\.org; cc chief@example\.org/m,
    );
    expect(r.code).toBe(0);
    expect(received).toHaveLength(1);
    const [{ from, to, mail }] = received as [Received];
    expect(from).toBe('desk@example.org');
    expect(to).toEqual(['reader@example.org', 'chief@example.org']);
    expect(mail.subject).toBe('[TLP:GREEN] Port authority reopens the northern terminal');
    expect(mail.text).toContain('BOTTOM LINE\nShipping returns to normal, says the port’s notice <https://example.org/notice>.');
    expect(mail.text).toContain('THE TERMINAL\n- Closed: 28 Feb – 13 Mar 2025');
    expect(mail.text).toContain('SOURCES\n[1] Port Authority: Northern terminal notice <https://example.org/notice>');
    expect(mail.html).toContain('<a href="https://example.org/notice">port’s notice</a>');
    expect(mail.messageId).toMatch(/^<[0-9a-f-]{36}@example\.org>$/);
    expect(Math.abs(mail.date!.getTime() - Date.now())).toBeLessThan(120_000);
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]!.filename).toBe('t-001-2025-03-14.pdf');
    expect(mail.attachments[0]!.contentType).toBe('application/pdf');
    expect(mail.attachments[0]!.content.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('refuses TLP:RED to anyone the config does not allow, naming the marking and the recipient, and sends nothing', async () => {
    await startSmtp();
    writeFileSync(join(dir, 'briefing.config.yaml'), 'send:\n  allow:\n    TLP:RED: [alice@example.org]\n');
    const r = await run(['green.yaml', 'red.yaml', '--to', 'alice@example.org', '--to', 'bob@example.org']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'error: red.yaml: not sent to bob@example.org: TLP:RED may be sent only to the addresses and domains the config allows for it',
    );
    expect(r.stderr).not.toContain('alice@example.org: TLP:RED');
    expect(r.stderr).toContain('nothing sent');
    expect(received).toHaveLength(0);

    const allowed = await run(['red.yaml', '--to', 'alice@example.org']);
    expect(allowed.code).toBe(0);
    expect(received.map((m) => m.mail.subject)).toEqual(['[TLP:RED] Port authority reopens the northern terminal']);
  });

  it('refuses TLP:AMBER+STRICT outside its allowed domains, even with --confirm', async () => {
    await startSmtp();
    writeFileSync(
      join(dir, 'briefing.config.yaml'),
      'send:\n  organisationDomains: [example.org]\n  allow:\n    TLP:AMBER+STRICT: [example.org]\n',
    );
    const r = await run(['strict.yaml', '--to', 'ally@partner.net', '--confirm']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('not sent to ally@partner.net: TLP:AMBER+STRICT may be sent only');
    expect(received).toHaveLength(0);
    expect((await run(['strict.yaml', '--to', 'colleague@example.org'])).code).toBe(0);
    expect(received).toHaveLength(1);
  });

  it('sends TLP:AMBER outside the organisation’s domains only with --confirm', async () => {
    await startSmtp();
    writeFileSync(join(dir, 'briefing.config.yaml'), 'send:\n  organisationDomains: [example.org]\n');
    const inside = await run(['amber.yaml', '--to', 'colleague@example.org']);
    expect(inside.code).toBe(0);
    const outside = await run(['amber.yaml', '--to', 'client@partner.net']);
    expect(outside.code).toBe(1);
    expect(outside.stderr).toContain(
      "not sent to client@partner.net: TLP:AMBER goes outside the organisation's domains (example.org) only with --confirm",
    );
    expect(outside.stderr).toContain('hint: if it may go to them, run again with --confirm');
    expect(received).toHaveLength(1);
    const confirmed = await run(['amber.yaml', '--to', 'client@partner.net', '--confirm']);
    expect(confirmed.code).toBe(0);
    expect(received).toHaveLength(2);
  });

  it('--dry-run says what would go to whom and sends nothing', async () => {
    await startSmtp();
    const r = await run([
      'green.yaml',
      'amber.yaml',
      '--to',
      'reader@example.org',
      '--bcc',
      'archive@example.org',
      '--dry-run',
      '--confirm',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      `would send green.yaml as "[TLP:GREEN] Port authority reopens the northern terminal" with t-001-2025-03-14.pdf`,
    );
    expect(r.stdout).toContain(`from desk@example.org to reader@example.org; bcc archive@example.org via smtp://127.0.0.1:${port}`);
    expect(r.stdout).toContain('would send amber.yaml as "[TLP:AMBER] Port authority');
    expect(r.stderr).toContain('dry run: nothing sent');
    expect(received).toHaveLength(0);
  });

  it('a server that is down: a clear error naming the server and the step, exit 1', async () => {
    // A port that was free a moment ago and has nothing listening now.
    const probe = createNetServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const r = await run(['green.yaml', '--to', 'reader@example.org']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`error: cannot connect to smtp://127.0.0.1:${port}: connection refused`);
    expect(r.stderr).toContain('nothing sent');
    expect(r.stderr).not.toMatch(/^sent /m);
    expect(r.stderr).not.toContain('    at ');
  });

  it('a refused login: a clear error naming the server and the login, exit 1, nothing sent', async () => {
    await startSmtp({ password: 'right' });
    const env = { BRIEFING_SMTP_URL: `smtp://analyst@127.0.0.1:${port}?from=desk@example.org`, BRIEFING_SMTP_PASSWORD: 'wrong' };
    const r = await run(['green.yaml', '--to', 'reader@example.org'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `error: login to smtp://analyst@127.0.0.1:${port} was refused: the server said "535 Invalid username or password"`,
    );
    expect(r.stderr).toContain('hint: check the user name (smtp.user or the URL) and BRIEFING_SMTP_PASSWORD');
    expect(received).toHaveLength(0);

    const ok = await run(['green.yaml', '--to', 'reader@example.org'], { ...env, BRIEFING_SMTP_PASSWORD: 'right' });
    expect(ok.code).toBe(0);
    expect(received).toHaveLength(1);
  });

  it('a recipient the server refuses: the briefing is reported as not sent to them, never as sent; a batch reports each', async () => {
    await startSmtp({ rejectRecipient: 'gone@example.org' });
    const r = await run(['green.yaml', 'amber.yaml', '--to', 'reader@example.org', '--to', 'gone@example.org', '--confirm']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: green.yaml: NOT sent to gone@example.org (550 No such user here)');
    expect(r.stderr).toContain('error: amber.yaml: NOT sent to gone@example.org');
    expect(r.stderr).not.toMatch(/^sent /m);
    expect(r.stderr).toContain('0 sent, 2 not sent');
  });

  it('never reads a password from the config file or the URL', async () => {
    await startSmtp();
    writeFileSync(join(dir, 'briefing.config.yaml'), 'smtp:\n  host: 127.0.0.1\n  password: hunter2\n');
    const fromFile = await run(['green.yaml', '--to', 'reader@example.org']);
    // A mistake in a config file exits 1, whichever command reads it (one loader, config/resolve.ts).
    expect(fromFile.code).toBe(1);
    expect(fromFile.stderr).toContain('smtp.password: passwords are never read from a file');
    writeFileSync(join(dir, 'briefing.config.yaml'), '');
    const fromUrl = await run(['green.yaml', '--to', 'reader@example.org'], { BRIEFING_SMTP_URL: `smtp://a:hunter2@127.0.0.1:${port}` });
    expect(fromUrl.code).toBe(2);
    expect(fromUrl.stderr).toContain('BRIEFING_SMTP_URL has a password in it');
    expect(received).toHaveLength(0);
  });

  it('takes the server and sender from the config file when the environment has none', async () => {
    await startSmtp();
    writeFileSync(join(dir, 'briefing.config.yaml'), `smtp:\n  host: 127.0.0.1\n  port: ${port}\n  from: Desk <desk@example.org>\n`);
    const r = await run(['green.yaml', '--to', 'reader@example.org'], { BRIEFING_SMTP_URL: '' });
    expect(r.code).toBe(0);
    expect(received[0]!.mail.from?.value).toEqual([{ name: 'Desk', address: 'desk@example.org' }]);
  });
});
