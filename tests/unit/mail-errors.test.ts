/**
 * How an SMTP failure is worded (mail/send.ts `sendError`), from the step
 * the conversation was at: nodemailer reports every timeout and dropped
 * connection as happening at "CONN", so the step comes from the
 * transaction log (`Progress`). The same failures against a real server
 * are in tests/cli/send-rules.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { newProgress, sendError, type Progress } from '../../src/mail/send.js';
import type { SmtpSettings } from '../../src/mail/settings.js';

const settings: SmtpSettings = { host: 'mail.example.org', port: 587, secure: false, timeout: 30, source: 'briefing.config.yaml' };
const server = 'smtp://mail.example.org:587';
const at = (p: Partial<Progress>): Progress => ({ ...newProgress(), greeted: true, ...p });
const timeout = { code: 'ETIMEDOUT', command: 'CONN', message: 'Timeout' };
const dropped = { code: 'ECONNECTION', command: 'CONN', message: 'Connection closed unexpectedly' };

describe('sendError names the step and gives the hint for it', () => {
  it('a refused connection is a connection problem, with the settings to check', () => {
    const e = sendError({ code: 'ESOCKET', message: 'connect ECONNREFUSED 127.0.0.1:587' }, server, settings, undefined);
    expect(e.message).toBe(`cannot connect to ${server}: connection refused (is the server running, and is the port right?)`);
    expect(e.hint).toContain('smtp.host and smtp.port');
  });

  it('silence after the whole message is not a connection problem: it may have been delivered', () => {
    const e = sendError(timeout, server, settings, undefined, at({ waiting: [], command: 'DATA', messageSent: true }));
    expect(e.message).toBe(`${server} took the whole message but did not answer within 30 s after DATA`);
    expect(e.hint).toMatch(/may or may not have been delivered.*raise smtp\.timeout/);
  });

  it('with pipelining, the step is the oldest command still waiting for its reply', () => {
    const e = sendError(dropped, server, settings, undefined, at({ waiting: ['RCPT TO', 'DATA'], command: 'DATA', reply: '250 OK' }));
    expect(e.message).toBe(`${server} closed the connection at RCPT TO (the recipients) (its last reply: "250 OK")`);
  });

  it('a 421 reply is temporary, whatever the step', () => {
    const e = sendError(
      { code: 'EENVELOPE', command: 'MAIL FROM', response: '421 4.7.0 Try again later', message: 'x' },
      server,
      settings,
      undefined,
      at({ waiting: ['MAIL FROM'] }),
    );
    expect(e.message).toBe(`${server} closed the connection at MAIL FROM (the sender): the server said "421 4.7.0 Try again later"`);
    expect(e.hint).toContain('421 is temporary');
  });

  it('a server that stops answering at login says so, with the time limit', () => {
    const e = sendError(timeout, server, settings, 'pw', at({ waiting: ['AUTH'], command: 'AUTH' }));
    expect(e.message).toBe(`${server} stopped answering at login: nothing heard for 30 s`);
    expect(e.hint).toContain('raise smtp.timeout');
  });

  it('no greeting on a port that took the connection points at TLS from the start', () => {
    const e = sendError({ code: 'ETIMEDOUT', message: 'Greeting never received' }, server, settings, undefined, newProgress());
    expect(e.message).toBe(`${server} took the connection but sent no SMTP greeting`);
    expect(e.hint).toContain('secure: true');
  });
});
