/**
 * `briefing send <paths..> --to ADDR`: builds each briefing and e-mails it
 * with its PDF attached.
 *
 * Each file is sent under its own rules: the config file that applies to
 * it (cli/settings.ts) gives its template, server, sender and who may
 * receive which marking, as `build` would apply them to that file.
 * Everything that can be checked before a message leaves is checked for
 * the whole batch first: the addresses, every file builds, every recipient
 * is allowed by every file's own marking and config (recipients.ts), every
 * server answers and accepts the login. If any of that fails, nothing is
 * sent. Then each briefing is sent on its own and reported on its own; one
 * the server took for only some recipients is reported as a failure, naming
 * who got it and who did not.
 *
 * Everything printed passes through `printable`: a headline or a file name
 * can hold ESC and BEL bytes, which a terminal would obey.
 */
import { basename, dirname, resolve } from 'node:path';
import { createColors } from 'picocolors';
import type { Paper } from '../types.js';
import { EXIT, UsageError } from '../errors.js';
import type { BuildResult } from '../index.js';
import type { RecipientRules, SmtpSettings } from '../mail/settings.js';
import { describeError } from './report.js';
import { expandInputs } from './inputs.js';
import { runSettings } from './settings.js';
import { jsonForTerminal, printable } from '../printable.js';

export interface SendFlags {
  paths: string[];
  to: string[];
  cc: string[];
  bcc: string[];
  from: string | undefined;
  dryRun: boolean;
  confirm: boolean;
  json: boolean;
  config: string | false | undefined;
  template: string | undefined;
  paper: Paper | undefined;
}

interface SendIO {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  cwd: string;
  env: Record<string, string | undefined>;
  color: boolean;
}

/** What became of one file, as `--json` reports it. */
interface FileOutcome {
  file: string;
  config: string | null;
  status: 'refused' | 'failed' | 'would send' | 'sent' | 'not sent';
  subject?: string;
  attachment?: string;
  from?: string;
  server?: string;
  messageId?: string;
  /** Recipients the server refused. */
  rejected?: { recipient: string; response: string }[];
  errors: { message: string; hint?: string }[];
}

export async function sendCommand(flags: SendFlags, io: SendIO): Promise<number> {
  const c = createColors(io.color && !flags.json);
  const say = (s: string) => {
    if (!flags.json) io.stderr.write(s);
  };
  const error = (message: string, hint?: string) =>
    say(`${c.red('error:')} ${printable(message)}\n${hint ? `${c.dim('hint:')} ${printable(hint)}\n` : ''}`);
  const [{ buildBriefing, outputName }, { resolveSmtp, smtpFromEnv }, { checkRecipients, parseAddresses }, { mailContent }] =
    await Promise.all([
      import('../index.js'),
      import('../mail/settings.js'),
      import('../mail/recipients.js'),
      import('../mail/message.js'),
    ]);
  // The command line's addresses, checked before anything is read or built.
  const to = parseAddresses(flags.to, '--to');
  const cc = parseAddresses(flags.cc, '--cc');
  const bcc = parseAddresses(flags.bcc, '--bcc');
  if (flags.from !== undefined) parseAddresses([flags.from], '--from', { one: true });
  // BRIEFING_SMTP_URL is part of the command as typed: a mistake in it is a usage error, found first.
  smtpFromEnv(io.env);
  if (to.length === 0) throw new UsageError('--to names no recipient', { hint: 'briefing send content/a.yaml --to name@example.org' });
  const everyone = [...to, ...cc, ...bcc];
  const recipients = [`to ${to.join(', ')}`, cc.length ? `cc ${cc.join(', ')}` : '', bcc.length ? `bcc ${bcc.join(', ')}` : '']
    .filter(Boolean)
    .join('; ');

  const { files, missing } = await expandInputs(flags.paths, io.cwd);
  const settings = runSettings(flags, io, { announce: !flags.json });
  const outcomes: FileOutcome[] = [];
  let problems = missing.length;
  for (const m of missing) {
    error(`${m.input}: ${m.message}`);
    outcomes.push({ file: m.input, config: null, status: 'failed', errors: [{ message: `${m.input}: ${m.message}` }] });
  }

  // 1. Each file under its own config: build it, and check its recipients against its marking and its config's rules.
  type Ready = { outcome: FileOutcome; result: BuildResult; filename: string; smtp: SmtpSettings | undefined; from: string };
  const ready: Ready[] = [];
  for (const file of files) {
    const outcome: FileOutcome = { file, config: null, status: 'failed', errors: [] };
    outcomes.push(outcome);
    const fail = (message: string, hint?: string) => {
      outcome.errors.push({ message, ...(hint && { hint }) });
      error(message, hint);
      problems++;
    };
    let result: BuildResult;
    let smtp: SmtpSettings | undefined;
    let from: string | undefined;
    let rules: RecipientRules;
    try {
      const path = resolve(io.cwd, file);
      const here = await settings.forDir(dirname(path));
      outcome.config = here.config?.file ?? null;
      smtp = resolveSmtp(io.env, here.mail);
      from = flags.from ?? smtp?.from;
      rules = here.mail.rules;
      result = await buildBriefing({ path, file }, here.build);
    } catch (err) {
      const e = describeError(err, file);
      fail(e.message, e.hint);
      continue;
    }
    const where = outcome.config ?? 'briefing.config.yaml';
    if (!flags.dryRun && !smtp)
      fail(
        `${file}: no SMTP server is configured for it`,
        `set BRIEFING_SMTP_URL (e.g. smtp://you@mail.example.org:587) or add smtp: { host, port, user, from } to ${where}`,
      );
    if (!from) fail(`${file}: no sender: say who it is from`, `pass --from you@example.org, or set smtp.from in ${where}`);
    else if (flags.from === undefined) {
      try {
        parseAddresses([from], `smtp.from in ${smtp?.source ?? where}`, { one: true });
      } catch (err) {
        const e = err as UsageError;
        fail(`${file}: ${e.message}`, e.hint);
      }
    }
    const refusals = checkRecipients(result.briefing.marking, everyone, rules, flags.confirm);
    for (const r of refusals) fail(`${file}: not sent to ${r.recipient}: ${r.reason}`);
    if (refusals.length > 0) {
      const hint = refusals.every((r) => r.confirmable)
        ? 'if it may go to them, run again with --confirm'
        : `list who may receive ${refusals[0]!.marking} under send.allow in ${where}, or leave them out`;
      outcome.errors[outcome.errors.length - 1]!.hint = hint;
      say(`${c.dim('hint:')} ${printable(hint)}\n`);
      outcome.status = 'refused';
    }
    const filename = basename(outputName(result.briefing, io.cwd));
    Object.assign(outcome, {
      subject: mailContent(result.briefing, filename).subject,
      attachment: filename,
      ...(from && { from }),
    });
    if (outcome.errors.length === 0) ready.push({ outcome, result, filename, smtp, from: from! });
  }
  const finish = (code: number) => {
    if (flags.json) {
      const count = (s: FileOutcome['status']) => outcomes.filter((o) => o.status === s).length;
      const summary = flags.dryRun
        ? { wouldSend: count('would send'), refused: count('refused'), failed: count('failed') }
        : { sent: count('sent'), notSent: outcomes.length - count('sent') };
      io.stdout.write(`${jsonForTerminal(JSON.stringify({ dryRun: flags.dryRun, results: outcomes, summary }, null, 2))}\n`);
    }
    return code;
  };
  if (files.length === 0 && missing.length === 0) {
    error('no content files to send');
    return finish(EXIT.failed);
  }
  if (problems > 0) {
    for (const r of ready) r.outcome.status = 'not sent';
    say(`${c.red('nothing sent')}: fix the ${problems === 1 ? 'problem' : `${problems} problems`} above first\n`);
    return finish(EXIT.failed);
  }

  const { createMailer, describeServer } = await import('../mail/send.js');
  if (flags.dryRun) {
    for (const r of ready) {
      const via = r.smtp ? describeServer(r.smtp) : '(no server configured)';
      Object.assign(r.outcome, { status: 'would send', ...(r.smtp && { server: via }) });
      if (!flags.json)
        io.stdout.write(
          `${printable(`would send ${r.outcome.file} as "${r.outcome.subject}" with ${r.filename} (${kb(r.result.pdf)}) from ${r.from} ${recipients} via ${via}${r.outcome.config ? ` (config ${r.outcome.config})` : ''}`)}\n`,
        );
    }
    say(`${c.yellow('dry run')}: nothing sent\n`);
    return finish(EXIT.ok);
  }

  // 2. Connect and log in to every server once, before anything is sent.
  const mailers = new Map<string, ReturnType<typeof createMailer>>();
  const mailerFor = (smtp: SmtpSettings) => {
    const key = JSON.stringify([smtp.host, smtp.port, smtp.secure, smtp.user, smtp.timeout]);
    let m = mailers.get(key);
    if (!m) mailers.set(key, (m = createMailer(smtp, io.env.BRIEFING_SMTP_PASSWORD)));
    return m;
  };
  try {
    for (const r of ready) r.outcome.server = mailerFor(r.smtp!).server;
    for (const mailer of mailers.values()) {
      try {
        await mailer.verify();
      } catch (err) {
        const e = err as { message: string; hint?: string };
        for (const r of ready) {
          r.outcome.status = 'not sent';
          if (r.outcome.server === mailer.server) r.outcome.errors.push({ message: e.message, ...(e.hint && { hint: e.hint }) });
        }
        error(e.message, e.hint);
        say(`${c.red('nothing sent')}\n`);
        return finish(EXIT.failed);
      }
    }
    // 3. Send each, and report each.
    let sent = 0;
    let failed = 0;
    for (const r of ready) {
      const mailer = mailerFor(r.smtp!);
      const { subject, text, html } = mailContent(r.result.briefing, r.filename);
      const file = r.outcome.file;
      try {
        const info = await mailer.send({
          from: r.from,
          to,
          cc,
          bcc,
          subject,
          text,
          html,
          attachment: { filename: r.filename, content: r.result.pdf },
        });
        r.outcome.messageId = info.messageId;
        if (info.rejected.length > 0) {
          failed++;
          Object.assign(r.outcome, { status: 'not sent', rejected: info.rejected });
          const message = `${file}: NOT sent to ${info.rejected.map((x) => `${x.recipient} (${x.response.trim()})`).join(', ')}; ${mailer.server} took it only for ${info.accepted.join(', ')}`;
          r.outcome.errors.push({ message });
          error(message);
        } else {
          sent++;
          r.outcome.status = 'sent';
          say(
            `${c.green('sent')} ${printable(`${file} "${subject}" ${recipients}`)} ${c.dim(printable(`(${info.messageId} via ${mailer.server})`))}\n`,
          );
        }
      } catch (err) {
        failed++;
        const e = err as { message: string; hint?: string };
        r.outcome.status = 'not sent';
        r.outcome.errors.push({ message: `${file}: not sent: ${e.message}`, ...(e.hint && { hint: e.hint }) });
        error(`${file}: not sent: ${e.message}`, e.hint);
      }
    }
    if (ready.length > 1 || failed > 0) say(`${failed > 0 ? c.red(`${sent} sent, ${failed} not sent`) : c.green(`${sent} sent`)}\n`);
    return finish(failed > 0 ? EXIT.failed : EXIT.ok);
  } finally {
    for (const m of mailers.values()) m.close();
  }
}

const kb = (b: Buffer) => `${(b.length / 1024).toFixed(1)} KB`;
