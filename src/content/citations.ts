/**
 * Citations: a source has an `id` (or is known by its number in `sources`),
 * Markdown cites it in pandoc's syntax (`[@tass]`, `[@tass; @duma]`, `[@2]`)
 * and key-fact rows, timeline entries and quotes name it in `source:`. On the
 * page a citation is a superscript number linking to its source's entry.
 *
 * The merge step replaces each citation by a marker holding the numbers it
 * resolves to (resolveCitations); richtext.ts turns the marker into the
 * superscript runs. So the Markdown reader never needs the sources, and its
 * cache stays keyed by the text alone.
 */
import type { Briefing, Source } from './schema.js';
import type { FieldPath } from '../types.js';
import { blufText } from './confidence.js';

/** The pattern of a source id is SOURCE_KEY (scales.ts); KEY is the same, inside a citation. */
const KEY = '[\\p{L}\\p{N}_](?:[\\p{L}\\p{N}_.:-]*[\\p{L}\\p{N}_])?';
/**
 * `[@a]` or `[@a; @b]`, with any space before it (a superscript sits against the word it follows); not
 * `\\[@a]` (escaped: the author means the brackets) nor `[@a](https://…)` (a link whose text is "@a").
 */
const CITATION = new RegExp(`[ \\t]*(?<!\\\\)\\[(@${KEY}(?:\\s*;\\s*@${KEY})*)\\](?![(\\[])`, 'gu');

/** Marker characters (private use) around a resolved citation: numbers and labels, never typed by an author. */
export const CITE_OPEN = '\uE000';
export const CITE_CLOSE = '\uE001';
export const CITE_SEP = '\uE002';
export const CITE_LABEL = '\uE003';

/** The keys of every citation in a Markdown text, in order. */
export function citationKeys(markdown: string): string[] {
  const keys: string[] = [];
  for (const m of markdown.matchAll(CITATION)) for (const k of m[1]!.split(';')) keys.push(k.trim().slice(1));
  return keys;
}

/** Each key a source answers to (its id, its number as text) → its number, 1-based, as the sources list numbers them. */
export function sourceNumbers(sources: readonly Pick<Source, 'id'>[]): Map<string, number> {
  const numbers = new Map<string, number>();
  sources.forEach((s, i) => numbers.set(String(i + 1), i + 1));
  sources.forEach((s, i) => {
    if (s.id !== undefined && !numbers.has(s.id)) numbers.set(s.id, i + 1);
  });
  return numbers;
}

/** One resolved citation: the source's number and what a screen reader is told (/Contents), e.g. "Source 2: TASS". */
export interface Cite {
  n: number;
  label: string;
}

/** `source:` as a list of keys. */
export const sourceList = (source: string | string[] | undefined): string[] =>
  source === undefined ? [] : Array.isArray(source) ? source : [source];

/**
 * The marker for a run of citations (citation-runs.ts reads it back). The
 * label is written in hexadecimal: the marker sits inside Markdown, and a
 * publisher's name may hold characters Markdown reads (* _ [).
 */
export function citeMarker(cites: readonly Cite[]): string {
  const hex = (s: string) => Buffer.from(s, 'utf8').toString('hex');
  return CITE_OPEN + cites.map((c) => `${c.n}${CITE_LABEL}${hex(c.label)}`).join(CITE_SEP) + CITE_CLOSE;
}

/** A marker read back: the numbers and labels, in order. */
export function readMarker(body: string): Cite[] {
  return body.split(CITE_SEP).map((part) => {
    const [n, label = ''] = part.split(CITE_LABEL);
    return { n: Number(n), label: Buffer.from(label, 'hex').toString('utf8') };
  });
}

/** Markdown with each citation replaced by its marker; a key that names no source is left as typed (validation reports it). */
export function resolveCitations(markdown: string, cite: (key: string) => Cite | undefined): string {
  return markdown.replace(CITATION, (whole, body: string) => {
    const cites = body.split(';').map((k) => cite(k.trim().slice(1)));
    if (cites.some((c) => c === undefined)) return whole;
    return citeMarker(cites as Cite[]);
  });
}

/** Every place the briefing cites a source: Markdown citations and `source:` fields, with their field paths. */
export function citationsOf(b: Briefing): { path: FieldPath; key: string }[] {
  const out: { path: FieldPath; key: string }[] = [];
  const md = (path: FieldPath, text: string) => {
    for (const key of citationKeys(text)) out.push({ path, key });
  };
  const field = (path: FieldPath, source: string | string[] | undefined) =>
    sourceList(source).forEach((key, i) => out.push({ path: Array.isArray(source) ? [...path, 'source', i] : [...path, 'source'], key }));
  md(['standfirst'], b.standfirst);
  md(typeof b.bluf === 'string' ? ['bluf'] : ['bluf', 'text'], blufText(b.bluf));
  b.sections.forEach((s, i) => md(['sections', i, 'body'], s.body));
  b.keyFacts.forEach((k, i) =>
    k.rows.forEach((r, j) => {
      md(['keyFacts', i, 'rows', j, 'value'], r.value);
      field(['keyFacts', i, 'rows', j], r.source);
    }),
  );
  b.timeline.forEach((t, i) => {
    md(['timeline', i, 'event'], t.event);
    field(['timeline', i], t.source);
  });
  b.quotes.forEach((q, i) => field(['quotes', i], q.source));
  // A chart's `source:` (an id or a number) is a citation too: checked, and counted as citing its source.
  const chart = (path: FieldPath, source: string | number | undefined) => {
    if (source !== undefined) out.push({ path: [...path, 'source'], key: String(source) });
  };
  b.keyFacts.forEach((k, i) => chart(['keyFacts', i, 'chart'], k.chart?.source));
  (b.charts ?? []).forEach((c, i) => chart(['charts', i], c.source));
  return out;
}

/** Markdown with its citations taken out, for text that has no sources list (the PDF's subject). */
export const withoutCitations = (markdown: string): string => markdown.replace(CITATION, '');

/**
 * Markdown with each citation written as its numbers in brackets, `[1]` or
 * `[1, 3]`, for the e-mail body, whose sources are numbered the same way.
 * The brackets are escaped: Markdown must show them, not read a link.
 */
export function citationsAsNumbers(markdown: string, numbers: ReadonlyMap<string, number>): string {
  return markdown.replace(CITATION, (whole, body: string) => {
    const ns = body.split(';').map((k) => numbers.get(k.trim().slice(1)));
    return ns.some((n) => n === undefined) ? whole : ` \\[${ns.join(', ')}\\]`;
  });
}

/** A `source:` field as ` [1, 3]` (nothing when it has none). */
export function sourcesAsNumbers(source: string | string[] | undefined, numbers: ReadonlyMap<string, number>): string {
  const ns = sourceList(source)
    .map((k) => numbers.get(k))
    .filter((n) => n !== undefined);
  return ns.length ? ` [${ns.join(', ')}]` : '';
}
