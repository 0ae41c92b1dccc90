/**
 * Sending through SMTP with nodemailer's transport. Errors come back as
 * SendErrors that say which server and which step failed (connecting,
 * TLS, logging in, a recipient, the message) in words a user can act on.
 */
import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { SmtpSettings } from './settings.js';
import { BriefingError } from '../errors.js';

export class SendError extends BriefingError {}

export type SendStep = 'connect' | 'tls' | 'login' | 'sender' | 'recipient' | 'message';

export interface OutgoingMail {
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  text: string;
  html: string;
  attachment: { filename: string; content: Buffer };
}

export interface SentMail {
  messageId: string;
  accepted: string[];
  rejected: { recipient: string; response: string }[];
}

const isLoopback = (host: string) => host === 'localhost' || host === '::1' || /^127\./.test(host);

export function describeServer(s: SmtpSettings): string {
  return `${s.secure ? 'smtps' : 'smtp'}://${s.user ? `${s.user}@` : ''}${s.host}:${s.port}`;
}

/**
 * Where a conversation with the server got to, read from nodemailer's
 * transaction log (commands and replies, never the message or the
 * password), so that an error can name the step: nodemailer reports every
 * timeout and dropped connection as happening at "CONN".
 */
export interface Progress {
  /** The server has said something (its greeting at least). */
  greeted: boolean;
  /**
   * Commands sent and not yet answered, oldest first, by their verb (EHLO,
   * STARTTLS, AUTH, MAIL FROM, RCPT TO, DATA, QUIT): with pipelining,
   * several are sent before the first reply, and the step that failed is
   * the oldest one still waiting.
   */
  waiting: string[];
  /** The last command sent. */
  command: string | undefined;
  /** The whole message has been sent after DATA; only the server's final reply was missing. */
  messageSent: boolean;
  /** The server's last reply. */
  reply: string | undefined;
}

const VERBS = ['MAIL FROM', 'RCPT TO', 'STARTTLS', 'AUTH', 'EHLO', 'HELO', 'LHLO', 'DATA', 'RSET', 'QUIT'];

export const newProgress = (): Progress => ({ greeted: false, waiting: [], command: undefined, messageSent: false, reply: undefined });

function tracker(progress: Progress) {
  const entry = (data: unknown, message: unknown) => {
    const tnx = (data as { tnx?: string } | undefined)?.tnx;
    const line = typeof message === 'string' ? message : '';
    if (tnx === 'server') {
      if (progress.greeted) progress.waiting.shift();
      progress.greeted = true;
      progress.reply = line;
    } else if (tnx === 'client') {
      const upper = line.toUpperCase();
      // A line that is not a command (the steps of AUTH LOGIN) belongs to the command before it.
      progress.command = VERBS.find((v) => upper.startsWith(v)) ?? progress.command;
      if (progress.command) progress.waiting.push(progress.command);
      progress.messageSent = false;
    } else if (tnx === 'message' && line.startsWith('<')) progress.messageSent = true;
  };
  return { trace: entry, debug: entry, info: entry, warn: entry, error: entry, fatal: entry };
}

/** One connection's worth of settings; the password only ever from the environment. */
export function createMailer(settings: SmtpSettings, password: string | undefined) {
  const progress = newProgress();
  const limit = Math.round(settings.timeout * 1000);
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    // Credentials never cross the network in the clear: STARTTLS is required unless the server is on this machine.
    requireTLS: !settings.secure && !!settings.user && !isLoopback(settings.host),
    ...(settings.user && { auth: { user: settings.user, pass: password ?? '' } }),
    connectionTimeout: Math.min(limit, 15_000),
    greetingTimeout: Math.min(limit, 15_000),
    // Half a second past the greeting's limit: a silent server is then always told by its missing greeting. With
    // the two equal, whichever timer a busy machine ran first decided, and "no greeting" read as "cannot connect".
    socketTimeout: limit + 500,
    disableFileAccess: true,
    disableUrlAccess: true,
    logger: tracker(progress),
    transactionLog: true,
  });
  const server = describeServer(settings);

  return {
    server,
    /** Connects and logs in, so that a wrong server or password is found before anything is sent. */
    async verify(): Promise<void> {
      try {
        await transport.verify();
      } catch (err) {
        throw sendError(err, server, settings, password, progress);
      }
    },
    async send(mail: OutgoingMail): Promise<SentMail> {
      const domain = /@([^>\s]+)>?\s*$/.exec(mail.from)?.[1] ?? 'briefing.invalid';
      const messageId = `<${randomUUID()}@${domain}>`;
      try {
        const info = await transport.sendMail({
          from: mail.from,
          to: mail.to,
          ...(mail.cc.length && { cc: mail.cc }),
          ...(mail.bcc.length && { bcc: mail.bcc }),
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId,
          date: new Date(),
          attachments: [{ filename: mail.attachment.filename, content: mail.attachment.content, contentType: 'application/pdf' }],
        });
        const rejectedErrors = (info as { rejectedErrors?: { recipient?: string; response?: string }[] }).rejectedErrors ?? [];
        return {
          messageId,
          accepted: (info.accepted as unknown[]).map(String),
          rejected: (info.rejected as unknown[]).map((r) => {
            const recipient = String(r);
            return { recipient, response: rejectedErrors.find((e) => e.recipient === recipient)?.response ?? 'rejected' };
          }),
        };
      } catch (err) {
        throw sendError(err, server, settings, password, progress);
      }
    },
    close(): void {
      transport.close();
    },
  };
}

interface SmtpFailure {
  code?: string;
  command?: string;
  response?: string;
  responseCode?: number;
  message?: string;
  rejected?: string[];
  rejectedErrors?: { recipient?: string; response?: string }[];
}

const STEP: Record<string, string> = {
  EHLO: 'greeting',
  HELO: 'greeting',
  LHLO: 'greeting',
  STARTTLS: 'STARTTLS',
  AUTH: 'login',
  'MAIL FROM': 'MAIL FROM (the sender)',
  'RCPT TO': 'RCPT TO (the recipients)',
  DATA: 'DATA',
  RSET: 'RSET',
  QUIT: 'QUIT',
};

/** What went wrong, at which step, on which server. */
export function sendError(
  err: unknown,
  server: string,
  settings: SmtpSettings,
  password: string | undefined,
  progress: Progress = newProgress(),
): SendError {
  const e = (err ?? {}) as SmtpFailure;
  const said = (e.response ?? progress.reply)?.trim();
  const reply = e.response ? `: the server said "${e.response.trim()}"` : '';
  const pending = progress.messageSent ? 'DATA' : (progress.waiting[0] ?? progress.command);
  const step = pending ? (STEP[pending] ?? pending) : 'connect';
  const seconds = `${settings.timeout} s`;
  const timeLimit = `raise smtp.timeout in the config file (now ${settings.timeout}; or ?timeout= in BRIEFING_SMTP_URL)`;
  // 421: the server is closing the connection, whatever was asked (RFC 5321 4.2); it is temporary.
  if (said && /^421[ -]/.test(said))
    return new SendError(`${server} closed the connection at ${step}: the server said "${said}"`, {
      hint: 'the server is busy or limits how much you send (421 is temporary): wait a while and send again',
    });
  const dropped = /closed|ECONNRESET|EPIPE/i.test(e.message ?? '');
  const timedOut = e.code === 'ETIMEDOUT' || /timed? ?out/i.test(e.message ?? '');
  // The server took the whole message and never said whether it accepted it: not a connection problem.
  if (progress.messageSent && (timedOut || dropped))
    return new SendError(
      timedOut
        ? `${server} took the whole message but did not answer within ${seconds} after DATA`
        : `${server} closed the connection after taking the whole message, without saying whether it accepted it`,
      {
        hint: `it may or may not have been delivered: ask the recipients before sending again${timedOut ? `; if the server is slow, ${timeLimit}` : ''}`,
      },
    );
  // Connected, but the server never greeted or hung up at once: most often a TLS port spoken to in plain text, or not SMTP at all.
  if (!progress.greeted && (/Greeting never received/i.test(e.message ?? '') || /closed unexpectedly/i.test(e.message ?? '')))
    return new SendError(
      /Greeting/i.test(e.message ?? '')
        ? `${server} took the connection but sent no SMTP greeting`
        : `${server} closed the connection before its SMTP greeting`,
      {
        hint: settings.secure
          ? 'check smtp.port: is it the server’s SMTPS port (465)?'
          : 'check smtp.port: a port that wants TLS from the start (465) needs secure: true (smtps:// in BRIEFING_SMTP_URL)',
      },
    );
  if (progress.greeted && (timedOut || dropped) && (e.code === 'ETIMEDOUT' || e.code === 'ECONNECTION' || e.code === 'ESOCKET'))
    return new SendError(
      timedOut
        ? `${server} stopped answering at ${step}: nothing heard for ${seconds}`
        : `${server} closed the connection at ${step}${said ? ` (its last reply: "${said}")` : ''}`,
      {
        hint: timedOut
          ? `the server may be overloaded; try again later, or ${timeLimit}`
          : 'the server may limit connections or refuse this client; try again later, or ask its administrator',
      },
    );
  const low = (e.message ?? '').replace(/^.*?(ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EHOSTUNREACH|ECONNRESET)/, '$1');
  switch (e.code) {
    case 'ECONNECTION':
    case 'ETIMEDOUT':
    case 'ESOCKET':
    case 'EDNS': {
      const why = /ECONNREFUSED/.test(e.message ?? '')
        ? 'connection refused (is the server running, and is the port right?)'
        : /ENOTFOUND|EDNS/.test(`${e.message} ${e.code}`)
          ? 'no such host'
          : /timed? ?out/i.test(`${e.message} ${e.code}`)
            ? `no answer within ${Math.min(settings.timeout, 15)} s`
            : low || 'connection failed';
      return new SendError(`cannot connect to ${server}: ${why}`, {
        hint: `check smtp.host and smtp.port in the config file or BRIEFING_SMTP_URL (now from ${settings.source})`,
      });
    }
    case 'ETLS':
      return new SendError(`TLS with ${server} failed: ${e.message}`, {
        hint: settings.secure
          ? 'port 465 takes TLS from the start (secure: true); port 587 uses STARTTLS (secure: false)'
          : 'try secure: true on port 465',
      });
    case 'EAUTH':
      return new SendError(`login to ${server} was refused${reply}`, {
        hint:
          password === undefined
            ? 'set the password in the environment variable BRIEFING_SMTP_PASSWORD'
            : 'check the user name (smtp.user or the URL) and BRIEFING_SMTP_PASSWORD',
      });
    case 'ENOAUTH':
      return new SendError(`login to ${server}: no password`, {
        hint: 'set the password in the environment variable BRIEFING_SMTP_PASSWORD',
      });
    case 'EENVELOPE': {
      if (e.command === 'MAIL FROM')
        return new SendError(`${server} refused the sender${reply}`, {
          hint: 'check --from or smtp.from: the server may only let you send as your own address',
        });
      const who =
        e.rejectedErrors?.map((r) => `${r.recipient}${r.response ? ` (${r.response.trim()})` : ''}`).join(', ') ?? e.rejected?.join(', ');
      return new SendError(`${server} refused ${who ? `the recipients ${who}` : `the recipients${reply}`}`, {
        hint: 'check the addresses; nothing was sent',
      });
    }
    case 'EMESSAGE':
      return new SendError(`${server} refused the message${reply}`, {
        hint: 'the server may limit the size of messages; nothing was sent',
      });
    default:
      return new SendError(`sending through ${server} failed${e.command ? ` at ${e.command}` : ''}: ${e.message ?? String(err)}${reply}`, {
        hint: 'nothing was reported as sent; check the server settings and try again',
      });
  }
}
