/**
 * Briefing content (the YAML of content/ and bench/variants.mjs) as the JSON
 * that bench/typst/briefing.typ reads from `sys.inputs.data`: the same fields,
 * with dates written out and the Markdown of body text split into paragraphs
 * and bullet lists of runs (`[text, bold]`), so the Typst template places text
 * and never evaluates any of it as markup.
 */
import { parse } from 'yaml';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** 2025-12-01 (a string, or a Date as YAML may read it) → "1 December 2025", as the built-in template writes it in English. */
function longDate(value) {
  const iso = value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** `**bold**` and plain text → runs [text, bold]. */
function runs(text) {
  return String(text ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .split('**')
    .map((t, i) => [t, i % 2 === 1])
    .filter(([t]) => t !== '');
}

/** Markdown body → [{ list: false, items: [runs] } | { list: true, items: [runs, …] }]. */
function blocks(body) {
  const out = [];
  for (const chunk of String(body ?? '').split(/\n\s*\n/)) {
    const lines = chunk.split('\n');
    if (/^\s*- /.test(lines[0])) {
      const items = [];
      for (const l of lines) {
        if (/^\s*- /.test(l)) items.push(l.replace(/^\s*- /, ''));
        else items[items.length - 1] += ` ${l.trim()}`;
      }
      out.push({ list: true, items: items.map(runs) });
    } else out.push({ list: false, items: [runs(chunk)] });
  }
  return out;
}

/** One briefing's YAML text → the JSON string for `sys.inputs.data`. */
export function typstData(yamlText) {
  const c = parse(yamlText);
  return JSON.stringify({
    organisation: c.organisation ?? '',
    product: c.product ?? '',
    reference: c.reference ?? '',
    date: longDate(c.date),
    marking: c.marking ?? '',
    headline: c.headline ?? '',
    standfirst: runs(c.standfirst),
    bluf: runs(c.bluf),
    sections: (c.sections ?? []).map((s) => ({ heading: s.heading, blocks: blocks(s.body) })),
    keyFacts: (c.keyFacts ?? []).map((k) => ({ title: k.title, rows: k.rows.map((r) => ({ label: r.label, value: runs(r.value) })) })),
    timeline: (c.timeline ?? []).map((t) => ({ date: String(t.date), event: runs(t.event) })),
    quotes: (c.quotes ?? []).map((q) => ({ text: runs(q.text), attribution: q.attribution ?? '' })),
    sources: (c.sources ?? []).map((s) => ({ publisher: s.publisher ?? '', title: s.title ?? '', url: s.url ?? '' })),
  });
}
