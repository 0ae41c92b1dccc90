/**
 * The words of an e-mail about a briefing, the same for the `.eml` draft and
 * for `briefing send`: the subject `[MARKING] headline`, a plain-text body
 * and an HTML alternative with the bottom line, the key facts and the
 * sources. A link keeps its address in the plain text (`statement
 * <https://…>`), since a reader of plain text cannot click it.
 */
import { markdownInlines, type Inline } from '../content/richtext.js';
import type { Briefing } from '../content/schema.js';
import { blufText } from '../content/confidence.js';
import { citationsAsNumbers, sourceNumbers, sourcesAsNumbers } from '../content/citations.js';
import { fillLabel, messages, upper } from '../template/locales.js';

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

/** The fixed words of a message, from the template's locale files (`locales/<tag>.yaml`). */
export interface MailLabels {
  bottomLine: string;
  sources: string;
  handling: string;
  attached: (file: string) => string;
}

/** The labels in the briefing's language: the built-in template's words (templates/briefing/locales/), as the PDF prints them. */
export function mailLabels(language: string | undefined): MailLabels {
  const m = messages(language ?? 'en');
  return {
    bottomLine: m.bottom_line!,
    sources: m.sources!,
    handling: m.handling!,
    attached: (file) => fillLabel(m.email_attached!, { file }),
  };
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

function sourceLine(s: Briefing['sources'][number], i: number): { text: string; html: string } {
  // Numbered as the page numbers them, so that a citation's [2] finds its source.
  const title = oneLine(`[${i + 1}] ${s.publisher}: ${s.title}${s.date ? `, ${s.date}` : ''}`);
  if (!s.url) return { text: title, html: escapeHtml(title) };
  return {
    text: `${title} <${s.url}>`,
    html: `${escapeHtml(title)}<br><a href="${escapeHtml(s.url)}">${escapeHtml(s.url)}</a>`,
  };
}

/** Subject and both bodies. */
export function mailContent(b: Briefing, attachment: string, labels = mailLabels(b.language)): MailContent {
  const footer = `${b.reference}, ${b.date}. ${oneLine(b.organisation)}. ${labels.handling}: ${oneLine(b.marking)}.`;
  const attached = labels.attached(attachment);
  const sources = b.sources.map(sourceLine);
  // Citations as [1], numbered like the sources list below (content/citations.ts).
  const numbers = sourceNumbers(b.sources);
  const md = (s: string) => citationsAsNumbers(s, numbers);
  const bluf = md(blufText(b.bluf));

  const text: string[] = [
    oneLine(b.headline),
    '',
    plainInline(md(b.standfirst)),
    '',
    upper(labels.bottomLine, b.language ?? 'en'),
    plainInline(bluf),
    '',
  ];
  for (const box of b.keyFacts) {
    text.push(upper(oneLine(box.title), b.language ?? 'en'));
    for (const row of box.rows) text.push(`- ${oneLine(row.label)}: ${plainInline(md(row.value))}${sourcesAsNumbers(row.source, numbers)}`);
    text.push('');
  }
  if (sources.length > 0) {
    text.push(upper(labels.sources, b.language ?? 'en'));
    for (const s of sources) text.push(s.text);
    text.push('');
  }
  text.push(footer, attached);

  const lang = escapeHtml(b.language ?? 'en');
  const h2 = (s: string) =>
    `<h2 style="font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:#444;margin:18px 0 6px">${escapeHtml(s)}</h2>`;
  const html: string[] = [
    `<!doctype html>`,
    `<html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(mailSubject(b))}</title></head>`,
    `<body style="font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.45;color:#1f2328;max-width:680px">`,
    `<p style="font-weight:bold;letter-spacing:.05em;margin:0 0 8px">${escapeHtml(oneLine(b.marking))}</p>`,
    `<h1 style="font-size:20px;margin:0 0 8px">${escapeHtml(oneLine(b.headline))}</h1>`,
    `<p style="color:#444;margin:0 0 12px">${htmlInline(md(b.standfirst))}</p>`,
    h2(labels.bottomLine),
    `<p style="margin:0">${htmlInline(bluf)}</p>`,
  ];
  for (const box of b.keyFacts) {
    html.push(h2(oneLine(box.title)), `<table style="border-collapse:collapse">`);
    for (const row of box.rows)
      html.push(
        `<tr><th style="text-align:left;vertical-align:top;padding:2px 12px 2px 0;white-space:nowrap">${escapeHtml(oneLine(row.label))}</th><td style="padding:2px 0">${htmlInline(md(row.value))}${escapeHtml(sourcesAsNumbers(row.source, numbers))}</td></tr>`,
      );
    html.push(`</table>`);
  }
  if (sources.length > 0) {
    html.push(h2(labels.sources));
    for (const s of sources) html.push(`<p style="margin:0 0 4px">${s.html}</p>`);
  }
  html.push(
    `<p style="color:#59636e;font-size:12px;margin:18px 0 0">${escapeHtml(footer)}<br>${escapeHtml(attached)}</p>`,
    `</body></html>`,
  );
  return { subject: mailSubject(b), text: `${text.join('\n')}\n`, html: `${html.join('\n')}\n` };
}
