/**
 * An e-mail draft of the briefing: subject "[marking] headline", a plain-text
 * body with the bottom line and the key facts, and the PDF attached. Opened
 * in a mail client it is ready to address and send. nodemailer's composer
 * does the MIME work; the draft is deterministic like the PDF (date, message
 * id and boundaries come from the content, not the clock or chance).
 */
import { createHash } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { markdownPlain } from '../content/richtext.js';
import type { Briefing } from '../types.js';

export function emlSubject(b: Briefing): string {
  return `[${b.marking}] ${b.headline.replace(/\s+/g, ' ')}`;
}

export function emlBody(b: Briefing): string {
  const lines = [b.headline.replace(/\s+/g, ' '), '', `BOTTOM LINE: ${markdownPlain(b.bluf)}`, ''];
  for (const box of b.keyFacts) {
    lines.push(box.title.toUpperCase());
    for (const row of box.rows) lines.push(`- ${row.label}: ${markdownPlain(row.value)}`);
    lines.push('');
  }
  lines.push(`${b.reference}, ${b.date}. ${b.organisation}. Handling: ${b.marking}.`, 'The full briefing is attached as a PDF.');
  return `${lines.join('\n')}\n`;
}

export async function composeEml(b: Briefing, pdf: Buffer, filename: string): Promise<Buffer> {
  const digest = createHash('sha256').update(pdf).digest('hex');
  const composer = new MailComposer({
    subject: emlSubject(b),
    text: emlBody(b),
    date: new Date(`${b.date}T00:00:00Z`),
    messageId: `<${digest.slice(0, 32)}@briefing.invalid>`,
    baseBoundary: digest.slice(0, 16),
    // Outlook and others open a message marked unsent as a draft to edit and send.
    headers: { 'X-Unsent': '1' },
    attachments: [{ filename, content: pdf, contentType: 'application/pdf' }],
  });
  return new Promise((resolve, reject) => composer.compile().build((err, message) => (err ? reject(err) : resolve(message))));
}
