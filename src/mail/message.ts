/**
 * The words of an e-mail about a briefing, the same for the `.eml` draft and
 * for `briefing send`: the subject `[MARKING] headline`, a plain-text body
 * and an HTML alternative with the bottom line, the key facts and the
 * sources. A link keeps its address in the plain text (`statement
 * <https://…>`), since a reader of plain text cannot click it.
 */
import { markdownInlines, type Inline } from '../content/richtext.js';
import type { Briefing } from '../content/schema.js';

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

/** The fixed words of a message. */
export interface MailLabels {
  bottomLine: string;
  sources: string;
  handling: string;
  attached: (file: string) => string;
}

const ENGLISH: MailLabels = {
  bottomLine: 'Bottom line',
  sources: 'Sources',
  handling: 'Handling',
  attached: (file) => `The full briefing is attached as a PDF: ${file}`,
};

/**
 * The labels in the briefing's language. Only English so far: other
 * languages get English labels around their own text until the template's
 * locale files carry these words too.
 */
export function mailLabels(_language: string | undefined): MailLabels {
  return ENGLISH;
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

export function mailSubject(b: Pick<Briefing, 'marking' | 'headline'>): string {
  return `[${oneLine(b.marking)}] ${oneLine(b.headline)}`;
}

/** Runs of inline Markdown, with the runs of one link gathered so its address is written once. */
function linkGroups(source: string): { text: string; link?: string; bold?: boolean; italics?: boolean }[][] {
  const groups: Inline[][] = [];
  for (const run of markdownInlines(source)) {
    const last = groups[groups.length - 1];
    if (run.link && last?.[0]?.link === run.link) last.push(run);
    else groups.push([run]);
  }
  return groups;
}

/** Inline Markdown as plain text; a link is written `text <address>` (or `<address>` when the text is the address). */
export function plainInline(source: string): string {
  return oneLine(
    linkGroups(source)
      .map((group) => {
        const text = group.map((r) => r.text).join('');
        const link = group[0]!.link;
        if (!link) return text;
        const address = link.replace(/^mailto:/i, '');
        return oneLine(text) === address || oneLine(text) === link ? `<${link}>` : `${text} <${link}>`;
      })
      .join(''),
  );
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/** Inline Markdown as HTML: bold, italics and links; everything else is text. */
export function htmlInline(source: string): string {
  return linkGroups(source)
    .map((group) => {
      const inner = group
        .map((r) => {
          let h = escapeHtml(r.text.replace(/\s+/g, ' '));
          if (r.bold) h = `<strong>${h}</strong>`;
          if (r.italics) h = `<em>${h}</em>`;
          return h;
        })
        .join('');
      const link = group[0]!.link;
      return link ? `<a href="${escapeHtml(link)}">${inner}</a>` : inner;
    })
    .join('')
    .trim();
}

function sourceLine(s: Briefing['sources'][number]): { text: string; html: string } {
  const title = oneLine(`${s.publisher}: ${s.title}${s.date ? `, ${s.date}` : ''}`);
  if (!s.url) return { text: title, html: escapeHtml(title) };
  return {
    text: `${title} <${s.url}>`,
    html: `${escapeHtml(title)}<br><a href="${escapeHtml(s.url)}">${escapeHtml(s.url)}</a>`,
  };
}

/** Subject and both bodies. `attachment` is the PDF's file name, as the message carries it. */
export function mailContent(b: Briefing, attachment: string, labels = mailLabels(b.language)): MailContent {
  const footer = `${b.reference}, ${b.date}. ${oneLine(b.organisation)}. ${labels.handling}: ${oneLine(b.marking)}.`;
  const sources = b.sources.map(sourceLine);

  const text: string[] = [oneLine(b.headline), '', plainInline(b.standfirst), '', labels.bottomLine.toUpperCase(), plainInline(b.bluf), ''];
  for (const box of b.keyFacts) {
    text.push(oneLine(box.title).toUpperCase());
    for (const row of box.rows) text.push(`- ${oneLine(row.label)}: ${plainInline(row.value)}`);
    text.push('');
  }
  if (sources.length > 0) {
    text.push(labels.sources.toUpperCase());
    for (const s of sources) text.push(`- ${s.text}`);
    text.push('');
  }
  text.push(footer, labels.attached(attachment));

  const lang = escapeHtml(b.language ?? 'en');
  const h2 = (s: string) =>
    `<h2 style="font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:#444;margin:18px 0 6px">${escapeHtml(s)}</h2>`;
  const html: string[] = [
    `<!doctype html>`,
    `<html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(mailSubject(b))}</title></head>`,
    `<body style="font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.45;color:#1f2328;max-width:680px">`,
    `<p style="font-weight:bold;letter-spacing:.05em;margin:0 0 8px">${escapeHtml(oneLine(b.marking))}</p>`,
    `<h1 style="font-size:20px;margin:0 0 8px">${escapeHtml(oneLine(b.headline))}</h1>`,
    `<p style="color:#444;margin:0 0 12px">${htmlInline(b.standfirst)}</p>`,
    h2(labels.bottomLine),
    `<p style="margin:0">${htmlInline(b.bluf)}</p>`,
  ];
  for (const box of b.keyFacts) {
    html.push(h2(oneLine(box.title)), `<table style="border-collapse:collapse">`);
    for (const row of box.rows)
      html.push(
        `<tr><th style="text-align:left;vertical-align:top;padding:2px 12px 2px 0;white-space:nowrap">${escapeHtml(oneLine(row.label))}</th><td style="padding:2px 0">${htmlInline(row.value)}</td></tr>`,
      );
    html.push(`</table>`);
  }
  if (sources.length > 0) {
    html.push(h2(labels.sources), `<ul style="padding-left:18px;margin:0">`);
    for (const s of sources) html.push(`<li style="margin:0 0 4px">${s.html}</li>`);
    html.push(`</ul>`);
  }
  html.push(
    `<p style="color:#59636e;font-size:12px;margin:18px 0 0">${escapeHtml(footer)}<br>${escapeHtml(labels.attached(attachment))}</p>`,
    `</body></html>`,
  );
  return { subject: mailSubject(b), text: `${text.join('\n')}\n`, html: `${html.join('\n')}\n` };
}
