/**
 * Thai (like Lao, Khmer and Burmese) writes no spaces between words, and
 * pdfmake's line breaker (UAX #14, without a dictionary) finds no place to
 * break inside a run of Thai: a long run would overflow or break anywhere.
 * Node's ICU has the word dictionaries; here a zero-width space goes between
 * the words it finds, which the line breaker takes as a break opportunity.
 * Shaping (pdf/shaping.ts) gives that space no width and no characters, so
 * it does not show (pdf.js drops it when copying; other readers keep it, as
 * a word break it is).
 */
import type { DocDefinition } from '../types.js';

const NO_SPACES = /[\u0e00-\u0e7f\u0e80-\u0eff\u1780-\u17ff\u1000-\u109f]/;
export const ZWSP = '\u200b';
type Node = Record<string, unknown>;

const segmenters = new Map<string, Intl.Segmenter>();

/** `text` with a zero-width space between its Thai, Lao, Khmer and Burmese words. */
export function markWordBreaks(text: string): string {
  if (!NO_SPACES.test(text)) return text;
  let segmenter = segmenters.get('th');
  if (!segmenter) segmenters.set('th', (segmenter = new Intl.Segmenter('th', { granularity: 'word' })));
  let out = '';
  let previousWord = false;
  for (const { segment, isWordLike } of segmenter.segment(text)) {
    const word = isWordLike === true && NO_SPACES.test(segment);
    if (word && previousWord) out += ZWSP;
    out += segment;
    previousWord = word;
  }
  return out;
}

/** Marks the word breaks in every text of `doc` (a no-op without text in those scripts). */
export function applyWordBreaks(doc: DocDefinition): void {
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return markWordBreaks(value);
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = walk(value[i]);
      return value;
    }
    if (typeof value !== 'object' || value === null) return value;
    const node = value as Node;
    if (node.text !== undefined) node.text = walk(node.text);
    for (const key of ['stack', 'columns', 'ul', 'ol']) if (Array.isArray(node[key])) walk(node[key]);
    const table = node.table as Node | undefined;
    if (table && Array.isArray(table.body)) for (const row of table.body as unknown[]) walk(row);
    return node;
  };
  for (const part of ['content', 'header', 'footer', 'background'] as const) if (doc[part] !== undefined) doc[part] = walk(doc[part]);
}
