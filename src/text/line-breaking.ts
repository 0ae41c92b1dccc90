/**
 * How briefing breaks lines, in place of pdfmake's own rules (0.3.14's) where
 * they fall short:
 *
 * - A word wider than its column is broken so that nothing runs off the
 *   page: after a hyphenation point with a hyphen if it is a word of the
 *   document's language, after `/ . - ? & =` if it is an address (never
 *   right after `https://`), else between any two characters (a hash, a
 *   code). pdfmake broke only a single text run, and by measuring the whole
 *   rest of it again for every line (quadratic: an 8,000-character word took
 *   15 s); here each character is measured once, so breaking is linear.
 * - Such a word no longer widens its column: pdfmake sized columns and table
 *   cells to their longest word, pushing the page's side column off the
 *   paper.
 * - Words of letters are never broken without a hyphen. Where a style says
 *   `"hyphens": "auto"` (CSS's name), a word that does not fit at the end of
 *   a line that would be left more than a quarter empty is hyphenated to
 *   fill it; otherwise only words too wide for a line of their own are.
 * - Korean is broken only at spaces (CSS `word-break: keep-all`), and
 *   addresses only where the rules above allow.
 * - A text node whose style says `"textWrap": "balance"` (the headline) is
 *   set in the narrowest width that keeps its number of lines, so that lines
 *   come out even and the last one never holds a single word.
 *
 * Everything else is pdfmake's own behaviour, kept exactly (same lines, same
 * bytes). These are rules of the output, not speed-ups: declared in
 * pdf/tuning/registry.ts as fixes, so switching the speed layer off keeps
 * them, and installed with the rest when the engine makes its first document.
 */
import DocMeasureModule from 'pdfmake/js/DocMeasure.js';
import LayoutBuilderModule from 'pdfmake/js/LayoutBuilder.js';
import LineModule from 'pdfmake/js/Line.js';
import StyleContextStackModule from 'pdfmake/js/StyleContextStack.js';
import TextBreakerModule from 'pdfmake/js/TextBreaker.js';
import TextInlinesModule from 'pdfmake/js/TextInlines.js';
import { replaceMethod } from '../pdf/tuning/registry.js';
import { hyphenationPoints } from './hyphenation.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

// Node hands a CommonJS module's exports over as the default import; some loaders (vitest) unwrap its `exports.default` first.
const unwrap = (m: any): any => m?.default?.default ?? m?.default ?? m;
const DocMeasure = unwrap(DocMeasureModule);
const LayoutBuilder = unwrap(LayoutBuilderModule);
const Line = unwrap(LineModule);
const StyleContextStack = unwrap(StyleContextStackModule);
const TextBreaker = unwrap(TextBreakerModule);
const TextInlines = unwrap(TextInlinesModule);

type Inline = Record<string, any>;

/** A line is hyphenated to fill it when a word that does not fit would leave more than this share of it empty. */
const FILL_SHARE = 0.25;
/** A word wider than this many ems does not set the minimum width of its column or cell: it will be broken instead. */
const MIN_WIDTH_EMS = 8;
const HYPHEN = '-';
/**
 * Points a line may exceed its width by: the rounding error of adding the same
 * widths in another order. An auto-width column is exactly as wide as its text
 * summed word by word, and the line summed unit by unit came out 7e-15 pt wider:
 * the Urdu footer's date, marked never to wrap, broke onto two overlapping lines.
 */
const SUM_SLACK = 1e-6;

const HANGUL = /[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff]/;
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
/** An address, as linked or typed: its own break rules apply. Trailing punctuation is the sentence's, not the address's. */
const URL = /\b(?:(?:https?|ftp):\/\/|mailto:|www\.)[^\s<>"\u201c\u201d«»]*[^\s<>"\u201c\u201d«».,;:!?'\u2019)\]]/giu;
const URL_START = /^(?:(?:https?|ftp):\/\/|mailto:|www\.)/i;
const URL_BREAK_AFTER = new Set(['/', '.', '-', '?', '&', '=']);
/** A word of letters, perhaps between punctuation ("(Manufacturing),"). */
const WORD = /^([^\p{L}\p{N}]*)([\p{L}\p{M}]+)([^\p{L}\p{N}]*)$/u;

/** Options for one layout: set on the LayoutBuilder by the engine (see typesetWith). */
export interface TypesetOptions {
  /** BCP 47 tag of the document's language: chooses the hyphenation patterns. */
  language?: string;
}

/** Gives a LayoutBuilder this layout's options; call before layoutDocument. */
export function typesetWith(builder: object, options: TypesetOptions): void {
  (builder as any).briefingTypeset = options;
}

/**
 * Installs briefing's line breaking on pdfmake's classes, through the
 * registry (pdf/tuning/registry.ts: word-breaks, column-widths,
 * line-building, flat-inlines); called by pdf/tuning/install.ts.
 */
export function installLineBreaking(): void {
  replaceMethod('word-breaks', TextBreaker.prototype, 'getBreaks', joinBreaks);
  replaceMethod('column-widths', DocMeasure.prototype, 'measureLeaf', measureLeafWithRules);
  replaceMethod('line-building', LayoutBuilder.prototype, 'buildNextLine', () => buildNextLine);
  replaceMethod('flat-inlines', TextInlines.prototype, 'buildInlines', () => buildInlines);
}

/** pdfmake's getBreaks, then the opportunities briefing takes away (joinUnbreakable). */
export function joinBreaks(getBreaks: (texts: unknown, stack: unknown) => Inline[]) {
  return function (this: unknown, texts: unknown, stack: unknown): Inline[] {
    return joinUnbreakable(getBreaks.call(this, texts, stack));
  };
}

/** pdfmake's measureLeaf, then the style properties briefing's line breaking reads, and the min width capped. */
export function measureLeafWithRules(measureLeaf: (node: any) => unknown) {
  return function (this: any, node: any): unknown {
    const result = measureLeaf.call(this, node);
    node._textWrap = StyleContextStack.getStyleProperty(node, this.styleStack, 'textWrap', null);
    node._hyphens = StyleContextStack.getStyleProperty(node, this.styleStack, 'hyphens', null);
    capMinWidth(node);
    // "maxWidth" (points) on a text node in an auto-width column: the column is as wide as the text's longest line
    // needs, up to that, and pdfmake never squeezes it narrower (the timeline's dates: none wraps while another does not).
    if (typeof node.maxWidth === 'number') node._minWidth = node._maxWidth = Math.min(node._maxWidth, node.maxWidth);
    return result;
  };
}

/**
 * pdfmake's TextInlines.buildInlines, with its text runs flattened in one
 * pass: pdfmake concatenates the list anew for every run (quadratic: a
 * paragraph of 20,000 runs, as `*a*a*a…` makes, took seconds per layout).
 * Otherwise step for step pdfmake's (unchanged from 0.3.11 to 0.3.14), so the same inlines and widths;
 * `this.measure` is whatever measures (pdfmake's or the speed layer's).
 */
export function buildInlines(this: any, textArray: unknown, styleContextStack: unknown) {
  const trimmed = (item: Inline) => Math.max(0, item.width - item.leadingCut - item.trailingCut);
  let minWidth = 0;
  let maxWidth = 0;
  let current: { width: number; leadingCut: number; trailingCut: number } | null = null;
  const broken = new TextBreaker().getBreaks(flattenText(textArray), styleContextStack);
  const measured: Inline[] = this.measure(broken, styleContextStack);
  for (const inline of measured) {
    minWidth = Math.max(minWidth, trimmed(inline));
    current ??= { width: 0, leadingCut: inline.leadingCut, trailingCut: 0 };
    current.width += inline.width;
    current.trailingCut = inline.trailingCut;
    maxWidth = Math.max(maxWidth, trimmed(current as Inline));
    if (inline.lineEnd) current = null;
  }
  if (StyleContextStack.getStyleProperty({}, styleContextStack, 'noWrap', false)) minWidth = maxWidth;
  return { items: measured, minWidth, maxWidth };
}

/** pdfmake's flattenTextArray, in one pass: nested lists and runs whose text is a list become one list of runs. */
function flattenText(array: unknown): unknown[] {
  const out: unknown[] = [];
  const visit = (list: unknown[]) => {
    for (const item of list) {
      if (Array.isArray(item)) visit(item);
      else if (item && Array.isArray((item as Inline).text)) visit((item as Inline).text);
      else out.push(item);
    }
  };
  visit(Array.isArray(array) ? array : [array]);
  return out;
}

/* ---------------------------------------------------------------- breaks -- */

/**
 * pdfmake splits text where Unicode's line breaking rules (UAX #14) allow.
 * Two of those opportunities are taken away here: between Hangul letters
 * (and the letters and digits next to them), as Korean is broken only at
 * spaces, and inside addresses, whose own rules apply when one must break.
 */
function joinUnbreakable(words: Inline[]): Inline[] {
  if (words.length === 0 || (words.length === 1 && !words[0]!.text.includes('\u00ad'))) return words;
  let s = '';
  const starts = new Array<number>(words.length);
  for (let i = 0; i < words.length; i++) {
    starts[i] = s.length;
    s += words[i]!.text + (words[i]!.lineEnd ? '\n' : '');
  }
  const hangul = HANGUL.test(s);
  const urls: [number, number][] = [];
  if (/:\/\/|mailto:|www\./i.test(s)) for (const m of s.matchAll(URL)) urls.push([m.index, m.index + m[0].length]);
  // Soft hyphens typed in the content: pdfmake would draw each as a visible hyphen, mid-line too, and copy it out.
  // They are dropped (words that must break are hyphenated by the patterns).
  const shy = s.includes('\u00ad');
  if (!hangul && urls.length === 0 && !shy) return words;
  const out: Inline[] = [words[0]!];
  let u = 0;
  for (let i = 1; i < words.length; i++) {
    const prev = out[out.length - 1]!;
    const w = words[i]!;
    const b = starts[i]!;
    while (u < urls.length && urls[u]![1] <= b) u++;
    const inUrl = u < urls.length && urls[u]![0] < b;
    const softHyphen = shy && s[b - 1] === '\u00ad';
    const join = !prev.lineEnd && w.text !== '' && (inUrl || softHyphen || (hangul && keepAll(s, b)));
    if (!join) {
      out.push(w);
    } else if (sameOwnStyle(prev, w)) {
      prev.text += w.text;
      prev.lineEnd = w.lineEnd;
      prev.noNewLine = w.noNewLine;
      if (!prev.lineEnd) delete prev.lineEnd;
      if (!prev.noNewLine) delete prev.noNewLine;
    } else {
      prev.noNewLine = true;
      out.push(w);
    }
  }
  if (shy) for (const w of out) if (w.text.includes('\u00ad')) w.text = w.text.replace(/\u00ad/g, '');
  return out;
}

/** No break between two letters or digits when one of them is Hangul. */
function keepAll(s: string, b: number): boolean {
  const before = s[b - 1]!;
  const after = s[b]!;
  return WORD_CHAR.test(before) && WORD_CHAR.test(after) && (HANGUL.test(before) || HANGUL.test(after));
}

const BREAK_KEYS = new Set(['text', 'lineEnd', 'noNewLine']);
function sameOwnStyle(a: Inline, b: Inline): boolean {
  let n = 0;
  for (const k in a) {
    if (BREAK_KEYS.has(k)) continue;
    if (a[k] !== b[k]) return false;
    n++;
  }
  for (const k in b) if (!BREAK_KEYS.has(k)) n--;
  return n === 0;
}

/* ----------------------------------------------------------- min widths -- */

/**
 * pdfmake sizes auto and star columns, and table cells, no narrower than
 * their longest word. A word wider than a few ems will be broken if it must
 * (see breakUnit), so it asks for no more than that.
 */
function capMinWidth(node: any): void {
  const inlines: Inline[] | undefined = node._inlines;
  if (!inlines || !(node._minWidth > 0)) return;
  let min = 0;
  let capped = false;
  for (const x of inlines) {
    const trimmed = Math.max(0, x.width - (x.leadingCut || 0) - (x.trailingCut || 0));
    const cap = MIN_WIDTH_EMS * (x.fontSize || 12);
    if (trimmed > cap && !x.noWrap) capped = true;
    min = Math.max(min, x.noWrap ? trimmed : Math.min(trimmed, cap));
  }
  if (capped && min < node._minWidth) node._minWidth = min;
}

/* ---------------------------------------------------------------- lines -- */

/** A run of inlines with no break opportunity between them: a word, perhaps in several styles. */
interface Unit {
  /** Index after its last inline. */
  end: number;
  width: number;
  /** pdfmake's sum of the trailing cuts (spaces) of its inlines. */
  trailing: number;
}

/**
 * The unit starting at inlines[i]. Past `enough` points it is cut short: it
 * will be broken anyway, and a word made of thousands of runs (`*a*a*a…`)
 * must not be walked whole for every line it is broken into.
 */
function unitAt(inlines: Inline[], i: number, enough = Infinity): Unit {
  let j = i;
  let width = 0;
  let trailing = 0;
  for (;;) {
    const x = inlines[j]!;
    width += x.width;
    trailing += x.trailingCut || 0;
    j++;
    if (!x.noNewLine || x.lineEnd || j >= inlines.length || width > enough) break;
  }
  return { end: j, width, trailing };
}

const measurer = new TextInlines(null);
const widthOf = (text: string, inline: Inline): number => measurer.widthOfText(text, inline);

export function buildNextLine(this: any, textNode: any): any {
  const inlines: Inline[] | undefined = textNode._inlines;
  if (!inlines || inlines.length === 0) return null;
  const context = this.writer.context();
  const available: number = context.availableWidth;
  const options: TypesetOptions = this.briefingTypeset ?? {};
  const balance = textNode._textWrap === 'balance';
  const maxWidth = balance ? balancedWidth(textNode, available) : available;
  const line = new Line(maxWidth);
  // How wide the line's column is, for the check that nothing is drawn outside it (overflow.ts).
  line.columnWidth = available;

  while (inlines.length > 0 && !line.newLineForced) {
    const unit = unitAt(inlines, 0, 2 * maxWidth + 100);
    const empty = line.inlines.length === 0;
    const lead = empty ? inlines[0]!.leadingCut || 0 : line.leadingCut;
    if (line.inlineWidths + unit.width - lead - unit.trailing <= maxWidth + SUM_SLACK) {
      for (let k = 0; k < unit.end; k++) line.addInline(inlines.shift());
      continue;
    }
    if (empty) {
      // Too wide for a line of its own: it must be broken.
      breakUnit(line, inlines, unit, maxWidth, options, true);
    } else if (textNode._hyphens === 'auto' && !balance && maxWidth - line.getWidth() > FILL_SHARE * maxWidth) {
      breakUnit(line, inlines, unit, maxWidth, options, false);
    }
    break;
  }
  line.lastLineInParagraph = inlines.length === 0;
  return line;
}

/** How a unit may be broken, and where. */
interface BreakPoint {
  /** Offset in the unit's text after which it breaks. */
  at: number;
  hyphen: boolean;
}

/**
 * Breaks the unit at the start of `inlines` at the last point where its
 * first part fits on `line`, and adds that part. `mustBreak` (the unit does
 * not fit on a line of its own): every break point is allowed, down to
 * single characters; otherwise only hyphenation points are (and nothing
 * happens if none fits).
 */
function breakUnit(line: any, inlines: Inline[], unit: Unit, maxWidth: number, options: TypesetOptions, mustBreak: boolean): void {
  const members = inlines.slice(0, unit.end);
  if (members.some((m) => m.noWrap)) {
    if (mustBreak) for (let k = 0; k < unit.end; k++) line.addInline(inlines.shift());
    return;
  }
  const starts: number[] = [];
  let text = '';
  for (const m of members) {
    starts.push(text.length);
    text += m.text;
  }
  // The unit's first inline opens the line or follows the line's last one: its leading spaces are cut only at a line start.
  const base = line.inlines.length === 0 ? -(members[0]!.leadingCut || 0) : line.inlineWidths - line.leadingCut;
  const room = maxWidth - base;

  /** Exact width of the unit's text before `at`, plus a hyphen. */
  const widthTo = (at: number, hyphen: boolean): number => {
    let w = 0;
    for (let i = 0; i < members.length; i++) {
      const m = members[i]!;
      const end = starts[i]! + m.text.length;
      if (end <= at) {
        w += m.width;
        if (end === at) return w + (hyphen ? widthOf(HYPHEN, m) : 0);
      } else {
        return w + widthOf(m.text.slice(0, at - starts[i]!) + (hyphen ? HYPHEN : ''), m);
      }
    }
    return w;
  };

  // A bound on where the first part can end, from character widths measured once each (linear in the line's length).
  const reach = approximateReach(members, starts, room);

  // The rest of an address broken before keeps its rules, though it no longer starts with a scheme.
  const url = members[0]!.briefingUrl === true || URL_START.test(text);
  const preferred = preferredBreaks(text, reach, options, url);
  let point = lastFitting(preferred, widthTo, room);
  if (!point && mustBreak) {
    const word = WORD.test(text);
    point = lastFitting(graphemeBreaks(text, reach, word), widthTo, room) ?? graphemeBreaks(text, text.length, word)[0];
  }
  if (!point) {
    if (mustBreak) for (let k = 0; k < unit.end; k++) line.addInline(inlines.shift());
    return;
  }
  splitAt(line, inlines, members, starts, point);
  if (url && inlines.length > 0) inlines[0]!.briefingUrl = true;
}

/** The last break point whose first part fits in `room` (binary search: widths grow with the offset). */
function lastFitting(points: BreakPoint[], widthTo: (at: number, hyphen: boolean) => number, room: number): BreakPoint | undefined {
  let lo = 0;
  let hi = points.length - 1;
  let best: BreakPoint | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const p = points[mid]!;
    if (widthTo(p.at, p.hyphen) <= room) {
      best = p;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

const charWidths = new WeakMap<object, Map<string, number>>();
/**
 * The offset in the unit's text up to which its first part might fit, from
 * each character's own width (kerning aside, so with a margin). Measuring
 * stops once past the room, so a long word costs what one line of it does.
 */
function approximateReach(members: Inline[], starts: number[], room: number): number {
  let w = 0;
  for (let i = 0; i < members.length; i++) {
    const m = members[i]!;
    let widths = charWidths.get(m.font);
    if (!widths) charWidths.set(m.font, (widths = new Map()));
    const spacing = m.characterSpacing || 0;
    for (let j = 0; j < m.text.length;) {
      const cp = m.text.codePointAt(j)!;
      const ch = String.fromCodePoint(cp);
      const key = `${m.fontSize}\u0000${ch}`;
      let cw = widths.get(key);
      if (cw === undefined) widths.set(key, (cw = widthOf(ch, m)));
      w += cw + spacing;
      j += ch.length;
      // 10% and a few characters' leeway for kerning and shaping, which single characters do not show.
      if (w > room * 1.1 + 3 * m.fontSize) return starts[i]! + j;
    }
  }
  return starts[members.length - 1]! + members[members.length - 1]!.text.length;
}

/** Break points for an address or a word, up to `reach`: the ones a reader expects. */
function preferredBreaks(text: string, reach: number, options: TypesetOptions, url: boolean): BreakPoint[] {
  const points: BreakPoint[] = [];
  const trimmed = text.replace(/\s+$/, '');
  if (url) {
    // Never right after the scheme: "https://" alone at a line's end reads as a broken address.
    const scheme = URL_START.test(trimmed) ? trimmed.indexOf('://') : -1;
    const from = scheme >= 0 ? scheme + 3 : URL_START.test(trimmed) ? trimmed.indexOf(':') + 1 : 0;
    for (let i = from + 1; i < Math.min(trimmed.length - 1, reach); i++) {
      // Not inside a run of them ("//", "..."): after its last.
      if (!URL_BREAK_AFTER.has(trimmed[i]!) || trimmed[i + 1] === trimmed[i]) continue;
      points.push({ at: i + 1, hyphen: false });
    }
    return points;
  }
  const m = WORD.exec(trimmed);
  if (m) {
    const offset = m[1]!.length;
    for (const p of hyphenationPoints(m[2]!, options.language)) {
      if (offset + p >= reach) break;
      points.push({ at: offset + p, hyphen: true });
    }
  }
  return points;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
/** Every boundary between characters (grapheme clusters) up to `reach`; with a hyphen between two letters of a word. */
function graphemeBreaks(text: string, reach: number, word: boolean): BreakPoint[] {
  const points: BreakPoint[] = [];
  const limit = Math.min(text.length - 1, reach);
  // Segment only what can matter: a long word costs one line's worth of work.
  for (const { index } of graphemes.segment(text.slice(0, limit + 1))) {
    if (index === 0) continue;
    if (index > limit) break;
    const hyphen = word && WORD_CHAR.test(text[index - 1]!) && WORD_CHAR.test(text[index]!);
    points.push({ at: index, hyphen });
  }
  return points;
}

/** Adds the unit's text before `point` to the line and leaves the rest at the head of `inlines`. */
function splitAt(line: any, inlines: Inline[], members: Inline[], starts: number[], point: BreakPoint): void {
  let i = 0;
  while (i < members.length && starts[i]! + members[i]!.text.length <= point.at) i++;
  const restOf = readWhole(members, starts, point);
  // Members wholly before the break go on the line; the last of them carries the hyphen if the break is at its end.
  for (let k = 0; k < i; k++) {
    const m = inlines.shift()!;
    if (k === i - 1 && i < members.length && starts[i] === point.at) {
      if (point.hyphen) {
        if (!m.brokenWordTail) m.brokenWordRest = restOf;
        m.text += HYPHEN;
        m.width = widthOf(m.text, m);
      }
      m.noNewLine = false;
    }
    line.addInline(m);
  }
  if (i >= members.length || starts[i] === point.at) return;
  const m = inlines[0]!;
  const cut = point.at - starts[i]!;
  const head: Inline = {
    ...m,
    text: m.text.slice(0, cut) + (point.hyphen ? HYPHEN : ''),
    trailingCut: 0,
    noNewLine: false,
    lineEnd: false,
  };
  head.width = widthOf(head.text, head);
  if (point.hyphen && !m.brokenWordTail) head.brokenWordRest = restOf;
  const restText = m.text.slice(cut);
  const rest: Inline = { ...m, text: restText, leadingCut: 0 };
  if (point.hyphen) rest.brokenWordTail = true;
  const headBare = point.hyphen ? head.width - widthOf(HYPHEN, head) : head.width;
  const estimate = m.width - headBare;
  // Measured again only when it might fit a line: a long rest is broken again anyway, and measuring it each time would be quadratic.
  rest.width = estimate < 2 * line.maxWidth ? widthOf(restText, rest) : estimate;
  inlines[0] = rest;
  line.addInline(head);
}

/**
 * The text layer of a word hyphenated at a line's end: the part before the
 * hyphen reads as the whole word (`brokenWordRest`: the rest, which it
 * writes invisibly in the hyphen's place), and the rest of it, on the next
 * lines, as nothing (`brokenWordTail`: drawn as shapes), so every reader
 * gives the word whole and no hyphen (pdf/broken-words.ts). Returns the
 * word's text after the break (without its trailing spaces) and marks the
 * members after the break; "" when the break is not hyphenated.
 */
function readWhole(members: Inline[], starts: number[], point: BreakPoint): string {
  if (!point.hyphen) return '';
  let after = '';
  for (let k = 0; k < members.length; k++) {
    const m = members[k]!;
    const start = starts[k]!;
    if (start + m.text.length <= point.at) continue;
    if (start >= point.at) {
      after += m.text;
      m.brokenWordTail = true;
    } else after += m.text.slice(point.at - start);
  }
  return after.replace(/\s+$/u, '');
}

/* -------------------------------------------------------------- balance -- */

/**
 * The narrowest width that sets the node in as many lines as the full
 * width does (found by bisection, on widths alone), so that a headline's
 * lines come out even. Remembered on the node for this layout.
 */
function balancedWidth(textNode: any, available: number): number {
  const known = textNode._balanced;
  if (known && known.available === available) return known.width;
  const inlines: Inline[] = textNode._inlines;
  const lines = countLines(inlines, available);
  if (lines >= 2 && Number.isFinite(lines)) breakAtPhrase(inlines, available, lines);
  let width = available;
  if (lines >= 2 && Number.isFinite(lines)) {
    let lo = available / lines;
    let hi = available;
    for (let i = 0; i < 14 && hi - lo > 0.5; i++) {
      const mid = (lo + hi) / 2;
      if (countLines(inlines, mid) === lines) hi = mid;
      else lo = mid;
    }
    width = Math.min(available, hi + 0.01);
  }
  textNode._balanced = { available, width };
  return width;
}

/** Han and kana: Chinese and Japanese, which may break between any two characters. */
const BREAKS_ANYWHERE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const ENDS_WITH_SPACE = /[ \u3000]$/u;
/** A clause ends after an ideographic comma or full stop. */
// 、，。；： (written as escapes: the startup snapshot keeps its source Latin-1).
const ENDS_CLAUSE = /[\u3001\uff0c\u3002\uff1b\uff1a]$/u;
const HIRAGANA = /\p{Script=Hiragana}/u;
/** What may not start a line in Japanese (a prolonged sound mark, small kana, closing punctuation): never a phrase start. */
const NO_LINE_START =
  /^[\p{Script=Hiragana}\u30fc\u3083\u3085\u3087\u3063\u3041\u3043\u3045\u3047\u3049\u30e3\u30e5\u30e7\u30c3\u30a1\u30a3\u30a5\u30a7\u30a9\u3001\u3002\uff0c\uff0e\u300d\u300f\uff09\u3015\u3011\u3009\u300b\u30fb\uff1a\uff1b\uff01\uff1f]/u;

/**
 * Where a Chinese or Japanese headline's first line would best end: at a
 * space typed between phrases (0); else, at the end of a clause (after 、 or
 * ，) or of a Japanese phrase, a run of hiragana particles and endings
 * followed by the next phrase's kanji or katakana (…訪印前に|インドとの…) (1);
 * undefined elsewhere.
 */
function phraseEnd(last: string, next: string): 0 | 1 | undefined {
  if (ENDS_WITH_SPACE.test(last)) return 0;
  if (ENDS_CLAUSE.test(last)) return 1;
  if (HIRAGANA.test(last.slice(-1)) && next !== '' && !NO_LINE_START.test(next)) return 1;
  return undefined;
}

/**
 * Chinese and Japanese break between any two characters, so balancing a
 * headline's lines could split a compound (軍事後方支援協定) or a phrase
 * (訪印前|に) where a phrase boundary would serve. When ending the first
 * line at a space typed between phrases, or else at a clause's or phrase's
 * end (phraseEnd), keeps the number of lines and leaves the first line at
 * least half an even share, it is made to end at the one nearest an even
 * share of the text (`lineEnd`, pdfmake's forced break); balancing then
 * evens out the rest.
 */
function breakAtPhrase(inlines: Inline[], available: number, lines: number): void {
  if (!inlines.some((x) => BREAKS_ANYWHERE.test(String(x.text)))) return;
  if (inlines.some((x, k) => x.lineEnd && k < inlines.length - 1)) return;
  let total = 0;
  for (const x of inlines) total += x.width;
  const share = total / lines;
  let used = 0;
  const best: ({ at: number; distance: number } | undefined)[] = [undefined, undefined];
  for (let i = 0; i < inlines.length;) {
    const unit = unitAt(inlines, i);
    used += unit.width;
    const last = inlines[unit.end - 1]!;
    if (used - unit.trailing > available) break;
    const kind = unit.end < inlines.length ? phraseEnd(String(last.text), String(inlines[unit.end]!.text)) : undefined;
    // A first line of a word or two before a long rest would look worse than a split compound.
    if (kind !== undefined && used >= share / 2) {
      last.lineEnd = true;
      const fits = countLines(inlines, available) === lines;
      last.lineEnd = false;
      const distance = Math.abs(used - share);
      if (fits && (!best[kind] || distance < best[kind].distance)) best[kind] = { at: unit.end - 1, distance };
    }
    i = unit.end;
  }
  const chosen = best[0] ?? best[1];
  if (chosen) inlines[chosen.at]!.lineEnd = true;
}

/** Lines the greedy rule gives at `width`; Infinity if a word does not fit at all. */
function countLines(inlines: Inline[], width: number): number {
  let lines = 1;
  let used = 0;
  let lead = 0;
  let empty = true;
  for (let i = 0; i < inlines.length;) {
    const unit = unitAt(inlines, i);
    const first = inlines[i]!;
    if (!empty && used + unit.width - lead - unit.trailing > width) {
      lines++;
      empty = true;
      used = 0;
    }
    if (empty) {
      lead = first.leadingCut || 0;
      if (unit.width - lead - unit.trailing > width) return Infinity;
      empty = false;
    }
    used += unit.width;
    if (inlines[unit.end - 1]!.lineEnd && unit.end < inlines.length) {
      lines++;
      empty = true;
      used = 0;
    }
    i = unit.end;
  }
  return lines;
}
