/**
 * The plain-text fields of a briefing with straight quotes made
 * typographic for its language (src/text/typography.ts). Markdown fields
 * are done where their Markdown is read (richtext.ts), so that code spans
 * and link addresses keep what was typed; codes (reference, marking, tags,
 * addresses, dates) are left alone.
 */
import type { Briefing } from './schema.js';
import { smartQuotes } from '../text/typography.js';

export function withTypographicQuotes(b: Briefing): Briefing {
  const t = (s: string) => smartQuotes(s, b.language);
  const maybe = (s: string | undefined) => (s === undefined ? s : t(s));
  return {
    ...b,
    headline: t(b.headline),
    organisation: t(b.organisation),
    product: maybe(b.product),
    author: maybe(b.author),
    sections: b.sections.map((s) => ({ ...s, heading: t(s.heading) })),
    keyFacts: b.keyFacts.map((k) => ({ ...k, title: t(k.title), rows: k.rows.map((r) => ({ ...r, label: t(r.label) })) })),
    timeline: b.timeline.map((e) => ({ ...e, date: t(e.date) })),
    quotes: b.quotes.map((q) => ({ ...q, text: t(q.text), attribution: t(q.attribution) })),
    sources: b.sources.map((s) => ({ ...s, publisher: t(s.publisher), title: t(s.title), date: maybe(s.date) })),
  };
}
