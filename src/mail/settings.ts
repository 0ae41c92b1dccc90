/**
 * Where `briefing send` sends from: the SMTP server and sender, the time
 * limit, and which recipients each marking allows. From the `smtp:` and
 * `send:` sections of the config file that applies to the content file
 * (read and checked by config/resolve.ts, found and trusted by
 * config/find.ts), or the environment: BRIEFING_SMTP_URL
 * (`smtp://user@host:587`, `smtps://user@host:465`) overrides the file's
 * server. The password is read only from BRIEFING_SMTP_PASSWORD: never from
 * a file, which might be committed, nor from a URL, which gets logged.
 */
import { UsageError } from '../errors.js';
import type { LoadedConfig } from '../config/resolve.js';

/** How long a server may keep briefing waiting at any one step, unless `smtp.timeout` says otherwise. */
export const DEFAULT_TIMEOUT_SECONDS = 60;

export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user?: string;
  from?: string;
  /** Seconds a server may stay silent at any step before briefing gives up. */
  timeout: number;
  /** Where these settings came from, for messages. */
  source: string;
}

export interface RecipientRules {
  /** The organisation's own domains: TLP:AMBER goes outside them only with --confirm. */
  organisationDomains: string[];
  /** Per marking, the addresses and domains it may be sent to. */
  allow: Record<string, string[]>;
}

/** The mail settings of one config file (or of none). */
export interface MailConfig {
  /** The config file, as messages name it. */
  file?: string;
  smtp?: SmtpSettings;
  rules: RecipientRules;
}

/** The mail settings of a loaded config file; no config means no server and no rules beyond the markings' own. */
export function mailConfig(config: LoadedConfig | undefined): MailConfig {
  const rules: RecipientRules = { organisationDomains: [], allow: {} };
  if (!config) return { rules };
  const { smtp, send } = config.config;
  rules.organisationDomains = (send?.organisationDomains ?? []).map((d) => d.toLowerCase().replace(/^@/, ''));
  rules.allow = Object.fromEntries(
    Object.entries(send?.allow ?? {}).map(([m, list]) => [normaliseMarking(m), list.map((e) => e.toLowerCase())]),
  );
  return {
    file: config.file,
    ...(smtp && {
      smtp: {
        host: smtp.host,
        port: smtp.port ?? (smtp.secure ? 465 : 587),
        secure: smtp.secure ?? smtp.port === 465,
        ...(smtp.user && { user: smtp.user }),
        ...(smtp.from && { from: smtp.from }),
        timeout: smtp.timeout ?? DEFAULT_TIMEOUT_SECONDS,
        source: config.file,
      },
    }),
    rules,
  };
}

/** BRIEFING_SMTP_URL, if set, as settings. */
export function smtpFromEnv(env: Record<string, string | undefined>): SmtpSettings | undefined {
  const raw = env.BRIEFING_SMTP_URL;
  if (raw === undefined || raw.trim() === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    // Not echoed: it may hold a password, and messages end up in logs.
    throw new UsageError('BRIEFING_SMTP_URL is not a URL (its value is not shown here, as it may hold a password)', {
      hint: 'write it as smtp://user@host:587 or smtps://user@host:465, and the password in BRIEFING_SMTP_PASSWORD',
    });
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')
    throw new UsageError(`BRIEFING_SMTP_URL must start with smtp:// or smtps://, got "${url.protocol}//"`, {
      hint: 'write it as smtp://user@host:587 or smtps://user@host:465',
    });
  if (url.password)
    throw new UsageError('BRIEFING_SMTP_URL has a password in it', {
      hint: 'leave it out of the URL and set BRIEFING_SMTP_PASSWORD instead (URLs end up in logs and shell history)',
    });
  if (!url.hostname) throw new UsageError('BRIEFING_SMTP_URL names no server', { hint: 'write it as smtp://user@host:587' });
  const secure = url.protocol === 'smtps:';
  const from = url.searchParams.get('from') ?? undefined;
  const timeout = url.searchParams.get('timeout');
  if (timeout !== null && !(Number(timeout) > 0))
    throw new UsageError(`BRIEFING_SMTP_URL: timeout must be a number of seconds above 0, got "${timeout.slice(0, 20)}"`, {
      hint: 'e.g. smtp://user@host:587?timeout=120',
    });
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(url.username && { user: decodeURIComponent(url.username) }),
    ...(from && { from }),
    timeout: timeout === null ? DEFAULT_TIMEOUT_SECONDS : Number(timeout),
    source: 'BRIEFING_SMTP_URL',
  };
}

/** The server to send through: the environment's, else the config file's. */
export function resolveSmtp(env: Record<string, string | undefined>, config: MailConfig): SmtpSettings | undefined {
  const fromEnv = smtpFromEnv(env);
  if (!fromEnv) return config.smtp;
  // The sender and the time limit may still come from the file when the URL does not say.
  const urlTimeout = /[?&]timeout=/.test(env.BRIEFING_SMTP_URL ?? '');
  return {
    ...fromEnv,
    ...(!fromEnv.from && config.smtp?.from && { from: config.smtp.from }),
    ...(!urlTimeout && config.smtp && { timeout: config.smtp.timeout }),
  };
}

export function normaliseMarking(marking: string): string {
  return marking.trim().toUpperCase().replace(/\s+/g, '');
}
