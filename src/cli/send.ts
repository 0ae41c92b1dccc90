/**
 * `briefing send <paths..> --to ADDR`: builds each briefing and e-mails it
 * with its PDF attached.
 *
 * Everything that can be checked before a message leaves is checked for the
 * whole batch first: every file builds, every recipient is allowed by every
 * marking (recipients.ts), the server answers and accepts the login. If any
 * of that fails, nothing is sent. Then each briefing is sent on its own and
 * reported on its own; one the server took for only some recipients is
 * reported as a failure, naming who got it and who did not.
 */
import { basename, dirname, resolve } from 'node:path';
import { createColors } from 'picocolors';
import type { Paper } from '../types.js';
import { EXIT, UsageError } from '../errors.js';
import type { BuildOptions, BuildResult } from '../index.js';
import { describeError } from './report.js';
import { expandInputs } from './inputs.js';
import { printable } from '../printable.js';

export interface SendFlags {
  paths: string[];
  to: string[];
  cc: string[];
  bcc: string[];
  from: string | undefined;
  dryRun: boolean;
  confirm: boolean;
  template: string;
  paper: Paper | undefined;
}

interface SendIO {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  cwd: string;
  env: Record<string, string | undefined>;
  color: boolean;
}

export async function sendCommand(flags: SendFlags, io: SendIO): Promise<number> {
  const c = createColors(io.color);
  const [{ buildBriefing, outputName }, settings, { checkRecipients, parseAddresses }, { mailContent }] = await Promise.all([
    import('../index.js'),
    import('../mail/settings.js'),
    import('../mail/recipients.js'),
    import('../mail/message.js'),
  ]);
  const to = parseAddresses(flags.to, '--to');
  const cc = parseAddresses(flags.cc, '--cc');
  const bcc = parseAddresses(flags.bcc, '--bcc');
  if (to.length === 0) throw new UsageError('--to names no recipient', { hint: 'briefing send content/a.yaml --to name@example.org' });
  const everyone = [...to, ...cc, ...bcc];

  const { files, missing } = await expandInputs(flags.paths, io.cwd);
  const configFile = settings.findConfigFile(io.cwd, files);
  const config = settings.readMailConfig(configFile);
  const smtp = settings.resolveSmtp(io.env, config);
  const from = flags.from ?? smtp?.from;
  if (!flags.dryRun && !smtp)
    throw new UsageError('no SMTP server is configured', {
      hint: 'set BRIEFING_SMTP_URL (e.g. smtp://you@mail.example.org:587) or add smtp: { host, port, user, from } to briefing.config.yaml',
    });
  if (!from)
    throw new UsageError('no sender: say who it is from', {
      hint: 'pass --from you@example.org, or set smtp.from in briefing.config.yaml',
    });
  const [sender] = parseAddresses([from], '--from');

  // 1. Build everything, and check every recipient against every marking.
  const options: BuildOptions = { template: flags.template, ...(flags.paper && { paper: flags.paper }), cwd: io.cwd };
  type Ready = { file: string; result: BuildResult; filename: string };
  const ready: Ready[] = [];
  let problems = missing.length;
  for (const m of missing) io.stderr.write(`${c.red('error:')} ${printable(`${m.input}: ${m.message}`)}\n`);
  for (const file of files) {
    let result: BuildResult;
    try {
      const path = resolve(io.cwd, file);
      // The config file's defaults (organisation, marking, logo…), as build applies them.
      const config = await (await import('../config/resolve.js')).findConfigFile(dirname(path));
      result = await buildBriefing({ path, file }, { ...options, ...(config && { config }) });
    } catch (err) {
      const e = describeError(err, file);
      io.stderr.write(`${c.red('error:')} ${printable(e.message)}\n${e.hint ? `${c.dim('hint:')} ${printable(e.hint)}\n` : ''}`);
      problems++;
      continue;
    }
    const refusals = checkRecipients(result.briefing.marking, everyone, config.rules, flags.confirm);
    for (const r of refusals) {
      io.stderr.write(`${c.red('error:')} ${printable(`${file}: not sent to ${r.recipient}: ${r.reason}`)}\n`);
      problems++;
    }
    if (refusals.length > 0) {
      const confirmable = refusals.every((r) => r.confirmable);
      io.stderr.write(
        `${c.dim('hint:')} ${confirmable ? 'if it may go to them, run again with --confirm' : `list who may receive ${refusals[0]!.marking} under send.allow in ${configFile ?? 'briefing.config.yaml'}, or leave them out`}\n`,
      );
    }
    ready.push({ file, result, filename: basename(outputName(result.briefing, io.cwd)) });
  }
  if (files.length === 0 && missing.length === 0) {
    io.stderr.write(`${c.red('error:')} no content files to send\n`);
    return EXIT.failed;
  }
  if (problems > 0) {
    io.stderr.write(`${c.red('nothing sent')}: fix the ${problems === 1 ? 'problem' : `${problems} problems`} above first\n`);
    return EXIT.failed;
  }

  const { createMailer, describeServer } = await import('../mail/send.js');
  const via = smtp ? describeServer(smtp) : '(no server configured)';
  const recipients = [`to ${to.join(', ')}`, cc.length ? `cc ${cc.join(', ')}` : '', bcc.length ? `bcc ${bcc.join(', ')}` : '']
    .filter(Boolean)
    .join('; ');
  if (flags.dryRun) {
    for (const r of ready) {
      const { subject } = mailContent(r.result.briefing, r.filename);
      io.stdout.write(
        `would send ${r.file} as "${subject}" with ${r.filename} (${kb(r.result.pdf)}) from ${sender} ${recipients} via ${via}\n`,
      );
    }
    io.stderr.write(`${c.yellow('dry run')}: nothing sent\n`);
    return EXIT.ok;
  }

  // 2. Connect and log in once, before anything is sent.
  const mailer = createMailer(smtp!, io.env.BRIEFING_SMTP_PASSWORD);
  try {
    try {
      await mailer.verify();
    } catch (err) {
      const e = err as { message: string; hint?: string };
      io.stderr.write(
        `${c.red('error:')} ${printable(e.message)}\n${e.hint ? `${c.dim('hint:')} ${printable(e.hint)}\n` : ''}${c.red('nothing sent')}\n`,
      );
      return EXIT.failed;
    }
    // 3. Send each, and report each.
    let sent = 0;
    let failed = 0;
    for (const r of ready) {
      const { subject, text, html } = mailContent(r.result.briefing, r.filename);
      try {
        const info = await mailer.send({
          from: from!,
          to,
          cc,
          bcc,
          subject,
          text,
          html,
          attachment: { filename: r.filename, content: r.result.pdf },
        });
        if (info.rejected.length > 0) {
          failed++;
          io.stderr.write(
            `${c.red('error:')} ${r.file}: NOT sent to ${info.rejected.map((x) => `${x.recipient} (${x.response.trim()})`).join(', ')}; ${mailer.server} took it only for ${info.accepted.join(', ')}\n`,
          );
        } else {
          sent++;
          io.stderr.write(`${c.green('sent')} ${r.file} "${subject}" ${recipients} ${c.dim(`(${info.messageId} via ${mailer.server})`)}\n`);
        }
      } catch (err) {
        failed++;
        const e = err as { message: string; hint?: string };
        io.stderr.write(
          `${c.red('error:')} ${printable(`${r.file}: not sent: ${e.message}`)}\n${e.hint ? `${c.dim('hint:')} ${printable(e.hint)}\n` : ''}`,
        );
      }
    }
    if (ready.length > 1 || failed > 0)
      io.stderr.write(`${failed > 0 ? c.red(`${sent} sent, ${failed} not sent`) : c.green(`${sent} sent`)}\n`);
    return failed > 0 ? EXIT.failed : EXIT.ok;
  } finally {
    mailer.close();
  }
}

const kb = (b: Buffer) => `${(b.length / 1024).toFixed(1)} KB`;
