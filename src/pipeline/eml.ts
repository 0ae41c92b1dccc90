/**
 * An e-mail draft of the briefing: the same subject and bodies as `briefing
 * send` (mail/message.ts: plain text with links' addresses and the sources,
 * and an HTML alternative), the PDF attached, From/To when given. Opened in a
 * mail client it is ready to send. nodemailer's composer does the MIME work;
 * the draft is deterministic like the PDF (date, message id and boundaries
 * come from the content, not the clock or chance).
 */
import { createHash } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { Briefing } from '../types.js';
import { mailContent, mailSubject } from '../mail/message.js';

export interface EmlAddresses {
  from?: string;
  to?: string[];
  cc?: string[];
}

export function emlSubject(b: Briefing): string {
  return mailSubject(b);
}

export async function composeEml(b: Briefing, pdf: Buffer, filename: string, addresses: EmlAddresses = {}): Promise<Buffer> {
  const digest = createHash('sha256').update(pdf).digest('hex');
  const { subject, text, html } = mailContent(b, filename);
  const composer = new MailComposer({
    subject,
    text,
    html,
    ...(addresses.from && { from: addresses.from }),
    ...(addresses.to?.length && { to: addresses.to }),
    ...(addresses.cc?.length && { cc: addresses.cc }),
    date: new Date(`${b.date}T00:00:00Z`),
    messageId: `<${digest.slice(0, 32)}@briefing.invalid>`,
    baseBoundary: digest.slice(0, 16),
    // Outlook and others open a message marked unsent as a draft to edit and send.
    headers: { 'X-Unsent': '1' },
    attachments: [{ filename, content: pdf, contentType: 'application/pdf' }],
  });
  return new Promise((resolve, reject) => composer.compile().build((err, message) => (err ? reject(err) : resolve(message))));
}
