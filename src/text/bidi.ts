/**
 * Right-to-left text, the first half: before layout, each paragraph gets
 * its embedding levels from the Unicode bidirectional algorithm (bidi-js),
 * and its runs are cut where the level changes. Each piece carries its level
 * (`bidiLevel`), and pieces at a right-to-left level carry the `rtlm` font
 * feature, which tells shaping (pdf/shaping.ts) to lay them out right to left
 * with mirrored brackets. pdfmake then breaks lines as usual, in logical
 * order; the second half (pdf/bidi-lines.ts) puts each line's pieces in
 * visual order once the line is made. (Reordering whole paragraphs before
 * line breaking cannot work: the first words would end up on the last line.)
 *
 * In a right-to-left document, bullet lists are rebuilt with the bullet on
 * the right, as pdfmake draws its own markers on the left only.
 */
import bidiFactory from 'bidi-js';
import { RTL_FEATURE } from '../pdf/shaping.js';
import type { DocDefinition } from '../types.js';

const bidi = bidiFactory();
type Node = Record<string, unknown>;

const ANY_RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\u200f\u202b\u202e\u2067]|[\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;

/**
 * Scripts written right to left (Hebrew too: a PDF reader would take its
 * letter-spaced words apart), whose letters join (Arabic, Syriac, N'Ko), hang from a common line
 * (Devanagari) or stack their marks without spaces between words (Thai, Lao,
 * Khmer, Burmese): letter spacing would tear their words apart (and widen the
 * zero-width word breaks of text/segment.ts), so the tracking a template
 * gives labels and headings is not applied to them.
 */
/* eslint-disable no-misleading-character-class -- ranges, tested one character at a time */
const UNTRACKED =
  /[\u0590-\u05ff\ufb1d-\ufb4f\u0600-\u08ff\ufb50-\ufdff\ufe70-\ufefe\u0700-\u074f\u07c0-\u07ff\u0900-\u097f\ua8e0-\ua8ff\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]/u;
/* eslint-enable no-misleading-character-class */

export type Direction = 'ltr' | 'rtl';

/** Whether font family `family` draws every character of `text` (for a list marker set in its item's face). */
export type Draws = (family: string, text: string) => boolean;

/**
 * Cuts every paragraph of `doc` into runs of one embedding level; a no-op for a left-to-right document without right-to-left text.
 * `draws`: whether a face has a list marker's characters (else markers stay in the document's face).
 */
export function applyBidi(doc: DocDefinition, direction: Direction, draws?: Draws): void {
  const rtl = direction === 'rtl';
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = walk(value[i]);
      return value;
    }
    if (typeof value === 'string') {
      if (!rtl && !ANY_RTL.test(value)) return withoutIsolates(value);
      return paragraph({ text: value }, rtl);
    }
    if (typeof value !== 'object' || value === null) return value;
    let node = value as Node;
    if (node.text !== undefined) node = paragraph(node, rtl);
    for (const key of ['stack', 'columns']) if (Array.isArray(node[key])) walk(node[key]);
    if (Array.isArray(node.ul) || Array.isArray(node.ol)) {
      walk(node.ul ?? node.ol);
      if (rtl) return listWithMarkersOnTheRight(node, (doc.styles ?? {}) as Record<string, Node>, draws);
    }
    const table = node.table as Node | undefined;
    if (table && Array.isArray(table.body)) for (const row of table.body as unknown[]) walk(row);
    return node;
  };
  for (const part of ['content', 'header', 'footer', 'background'] as const) {
    if (doc[part] !== undefined) doc[part] = walk(doc[part]);
  }
}

/**
 * The bidi algorithm's isolates (FSI, LRI, RLI, PDI): a template puts them
 * around a value (a date, a reference) so that it is ordered as one unit and
 * never across its neighbours. They steer the levels and are then taken out:
 * no font draws them and no reader should copy them.
 */
const ISOLATES = /[\u2066-\u2069]/g;
const withoutIsolates = (s: string) =>
  s.includes('\u2066') || s.includes('\u2067') || s.includes('\u2068') || s.includes('\u2069') ? s.replace(ISOLATES, '') : s;

/**
 * A page number the engine fills in later (`{n}`, `{N}`, pdf/engine.ts) is
 * given the levels of a number, so it stays one piece, laid out as a number
 * is, whatever its neighbours.
 */
const PAGE_PLACEHOLDER = /\{(?:n|N|pages)\}/g;

/** The node with its text cut into pieces of one level each. */
function paragraph(node: Node, rtl: boolean): Node {
  const runs = flatten(node.text);
  let text = '';
  for (const r of runs) text += r.text;
  if (!rtl && !ANY_RTL.test(text)) {
    if (!UNTRACKED.test(text) && withoutIsolates(text) === text) return node;
    return {
      ...node,
      text: runs.map((r) => {
        const t = withoutIsolates(r.text);
        return UNTRACKED.test(t) ? { ...r, text: t, characterSpacing: 0 } : { ...r, text: t };
      }),
    };
  }
  const { levels } = bidi.getEmbeddingLevels(
    text.replace(PAGE_PLACEHOLDER, (m) => '0'.repeat(m.length)),
    rtl ? 'rtl' : 'ltr',
  );
  const pieces: Node[] = [];
  let offset = 0;
  for (const run of runs) {
    const t = run.text;
    let start = 0;
    for (let i = 1; i <= t.length; i++) {
      if (i < t.length && levels[offset + i] === levels[offset + start]) continue;
      // A surrogate pair's halves share a level, so a cut never falls between them.
      const level = levels[offset + start]!;
      const part = withoutIsolates(t.slice(start, i));
      start = i;
      if (part === '') continue;
      // Each piece is drawn in visual order (pdf/bidi-lines.ts), so PDF readers, which
      // read a line as drawn and apply the bidi algorithm themselves, read it in logical order.
      const piece: Node = { ...run, text: part, bidiLevel: level, bidiRtl: rtl };
      if (UNTRACKED.test(part)) piece.characterSpacing = 0;
      if (level & 1) piece.fontFeatures = withFeature(run.fontFeatures);
      pieces.push(piece);
    }
    if (t.length === 0) pieces.push({ ...run, bidiLevel: rtl ? 1 : 0, bidiRtl: rtl });
    offset += t.length;
  }
  if (pieces.length === 0) pieces.push({ ...runs[0], text: '', bidiLevel: rtl ? 1 : 0, bidiRtl: rtl });
  return { ...node, text: pieces };
}

function withFeature(features: unknown): unknown {
  if (Array.isArray(features)) return features.includes(RTL_FEATURE) ? features : [...features, RTL_FEATURE];
  return [RTL_FEATURE];
}

/**
 * A node's text as a flat list of runs, each with the properties of the runs
 * it was nested in (its own win). pdfmake flattens nested text itself but
 * drops the outer runs' properties (its issue #1174).
 */
/** The font family named on the first text run of a list item (set by pdf/fallback.ts), if any. */
function firstFont(item: unknown): string | undefined {
  if (Array.isArray(item)) return item.length > 0 ? firstFont(item[0]) : undefined;
  if (typeof item !== 'object' || item === null) return undefined;
  const node = item as Node;
  const inner = node.text ?? node.stack;
  const deeper = Array.isArray(inner) ? firstFont(inner) : undefined;
  return deeper ?? (typeof node.font === 'string' ? node.font : undefined);
}

function flatten(text: unknown, inherited: Node = {}): (Node & { text: string })[] {
  if (typeof text === 'string' || typeof text === 'number') return [{ ...inherited, text: String(text) }];
  if (Array.isArray(text)) return text.flatMap((t) => flatten(t, inherited));
  if (typeof text === 'object' && text !== null) {
    const { text: inner, ...own } = text as Node;
    return flatten(inner ?? '', { ...inherited, ...own });
  }
  return [];
}

/**
 * pdfmake draws list markers on the left only. A right-to-left list becomes
 * a borderless table with the marker in a narrow column on the right.
 */
function listWithMarkersOnTheRight(node: Node, styles: Record<string, Node>, draws?: Draws): Node {
  const ordered = Array.isArray(node.ol);
  const items = (node.ul ?? node.ol) as unknown[];
  const start = typeof node.start === 'number' ? node.start : 1;
  const { ul: _ul, ol: _ol, start: _s, ...rest } = node;
  const markerColor = node.markerColor ?? (typeof node.style === 'string' ? styles[node.style]?.markerColor : undefined);
  const body = items.map((item, i) => {
    const text = ordered ? `${start + i}.` : '•';
    // The marker in its item's face: a cell's baseline sits one ascender of its face below the top, and a taller
    // face's (Nastaliq 1.9 em, Naskh 1.37, Noto Sans 1.07) put the item's first line below a Noto Sans bullet.
    const font = firstFont(item);
    return [
      item,
      {
        text,
        ...(font !== undefined && draws?.(font, text) && { font }),
        ...(markerColor !== undefined && { color: markerColor }),
        alignment: 'right',
      },
    ];
  });
  return {
    ...rest,
    table: { widths: ['*', 'auto'], body },
    layout: {
      hLineWidth: () => 0,
      vLineWidth: () => 0,
      paddingLeft: () => 0,
      paddingRight: (i: number) => (i === 0 ? 4 : 0),
      paddingTop: () => 0,
      paddingBottom: () => 0,
    },
  };
}
