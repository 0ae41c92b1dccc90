/**
 * Where `briefing send` sends from: the SMTP server and sender, and which
 * recipients each marking allows. From the config file's `smtp:` and
 * `send:` sections, or the environment: BRIEFING_SMTP_URL
 * (`smtp://user@host:587`, `smtps://user@host:465`) overrides the file's
 * server. The password is read only from BRIEFING_SMTP_PASSWORD: never from
 * a file, which might be committed, nor from a URL, which gets logged.
 *
 * The config file is briefing.config.yaml (or .yml, .json), found from the
 * content file's folder upwards. `readMailConfig` is the one place that
 * reads it for mail.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { UsageError } from '../errors.js';

export const CONFIG_NAMES = ['briefing.config.yaml', 'briefing.config.yml', 'briefing.config.json'];

export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user?: string;
  from?: string;
  /** Where these settings came from, for messages. */
  source: string;
}

export interface RecipientRules {
  /** The organisation's own domains: TLP:AMBER goes outside them only with --confirm. */
  organisationDomains: string[];
  /** Per marking, the addresses and domains it may be sent to. */
  allow: Record<string, string[]>;
}

export interface MailConfig {
  file?: string;
  smtp?: SmtpSettings;
  rules: RecipientRules;
}

const SmtpSchema = z.strictObject({
  host: z.string().trim().min(1),
  port: z.number().int().min(1).max(65535).optional(),
  secure: z.boolean().optional(),
  user: z.string().trim().min(1).optional(),
  from: z.string().trim().min(1).optional(),
});

const SendSchema = z.strictObject({
  organisationDomains: z.array(z.string().trim().min(1)).default([]),
  allow: z.record(z.string(), z.array(z.string().trim().min(1))).default({}),
});

/** The nearest config file from the first content file's folder (or `cwd`) upwards. */
export function findConfigFile(cwd: string, contentFiles: string[] = []): string | undefined {
  let dir = resolve(cwd, contentFiles[0] ? dirname(contentFiles[0]) : '.');
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const file = join(dir, name);
      if (existsSync(file)) return file;
    }
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** Reads the mail settings of a config file; a mistake in them is a UsageError naming the file, line and field. */
export function readMailConfig(file: string | undefined): MailConfig {
  const empty: MailConfig = { rules: { organisationDomains: [], allow: {} } };
  if (!file) return empty;
  const text = readFileSync(file, 'utf8');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const pos = lineCounter.linePos(e.pos[0]);
    throw new UsageError(`${file}:${pos.line}:${pos.col}: ${e.message.split('\n')[0]}`, { hint: 'fix the config file’s syntax' });
  }
  const data = (doc.toJS() ?? {}) as Record<string, unknown>;
  const where = (path: (string | number)[]) => {
    const node = doc.getIn(path, true) as { range?: [number, number] } | undefined;
    const pos = node?.range ? lineCounter.linePos(node.range[0]) : undefined;
    return pos ? `${file}:${pos.line}` : file;
  };
  const smtpRaw = data.smtp as Record<string, unknown> | undefined;
  if (smtpRaw && typeof smtpRaw === 'object' && 'password' in smtpRaw)
    throw new UsageError(`${where(['smtp', 'password'])}: smtp.password: passwords are never read from a file`, {
      hint: 'remove it from the file and set the environment variable BRIEFING_SMTP_PASSWORD instead',
    });
  const parse = <T>(schema: z.ZodType<T>, key: string): T | undefined => {
    if (data[key] === undefined) return undefined;
    const r = schema.safeParse(data[key]);
    if (r.success) return r.data;
    const issue = r.error.issues[0]!;
    const path = [key, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    throw new UsageError(`${where(path)}: ${path.join('.')}: ${issue.message}`, {
      hint: 'smtp takes host, port, secure, user and from; send takes organisationDomains and allow (see the README)',
    });
  };
  const smtp = parse(SmtpSchema, 'smtp');
  const send = parse(SendSchema, 'send') ?? { organisationDomains: [], allow: {} };
  return {
    file,
    ...(smtp && {
      smtp: {
        host: smtp.host,
        port: smtp.port ?? (smtp.secure ? 465 : 587),
        secure: smtp.secure ?? smtp.port === 465,
        ...(smtp.user && { user: smtp.user }),
        ...(smtp.from && { from: smtp.from }),
        source: file,
      },
    }),
    rules: {
      organisationDomains: send.organisationDomains.map((d) => d.toLowerCase().replace(/^@/, '')),
      allow: Object.fromEntries(Object.entries(send.allow).map(([m, list]) => [normaliseMarking(m), list.map((e) => e.toLowerCase())])),
    },
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
    throw new UsageError(`BRIEFING_SMTP_URL is not a URL: "${raw}"`, { hint: 'write it as smtp://user@host:587 or smtps://user@host:465' });
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
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(url.username && { user: decodeURIComponent(url.username) }),
    ...(from && { from }),
    source: 'BRIEFING_SMTP_URL',
  };
}

/** The server to send through: the environment's, else the config file's. */
export function resolveSmtp(env: Record<string, string | undefined>, config: MailConfig): SmtpSettings | undefined {
  const fromEnv = smtpFromEnv(env);
  if (!fromEnv) return config.smtp;
  // The sender may still come from the file when the URL does not say.
  return { ...fromEnv, ...(!fromEnv.from && config.smtp?.from && { from: config.smtp.from }) };
}

export function normaliseMarking(marking: string): string {
  return marking.trim().toUpperCase().replace(/\s+/g, '');
}
