/**
 * Characters the main font lacks: set them in a fallback font (Devanagari,
 * say) instead of as empty boxes, and find the ones no font has at all.
 *
 * pdfmake uses one font per text run, so a run that mixes scripts is split
 * into runs, each in a font that has its characters. Combining marks and
 * joiners stay with the character before them, so a cluster is never split
 * across fonts and fontkit can still shape it.
 */
import type { Font } from 'fontkit';
import type { DocDefinition, FontSet } from '../types.js';
import { DOC_PARTS, LIST_KINDS } from '../template/contract.js';
import { languageChain } from '../template/locales.js';
import { hasSharedPunctuation, isCjkPunctuationAt } from '../text/cjk-punctuation.js';
import { RTL_LETTER } from './shaping.js';

type Node = Record<string, unknown>;

// eslint-disable-next-line no-misleading-character-class -- each character is tested on its own: joiners and marks are meant one by one
const ATTACHES = /[\p{M}\u200c\u200d\ufe00-\ufe0f]/u;
const IGNORABLE = /[\s\u00ad\u200b-\u200f\u2028\u2029\u2060\u2066-\u2069\ufeff]/u;
/** The bidi algorithm's isolates, which text/bidi.ts takes out before anything is drawn. */
const isIsolate = (cp: number) => cp >= 0x2066 && cp <= 0x2069;

/**
 * The fallback families for a briefing's language: the theme's
 * `languageFonts` for the most specific tag of the language that has an
 * entry, then its `fallbacks`. Han characters are shared by Chinese,
 * Japanese and Korean but drawn differently in each, so the face comes from
 * the language, not from the first font that has the character.
 */
export function fallbackFamilies(theme: { fallbacks: string[]; languageFonts?: Record<string, string[]> }, language: string): string[] {
  const out = languageFamilies(theme, language);
  for (const f of theme.fallbacks) if (!out.includes(f)) out.push(f);
  return out;
}

/** The theme's `languageFonts` for the most specific tag of the language that has an entry (none: empty). */
export function languageFamilies(theme: { languageFonts?: Record<string, string[]> }, language: string): string[] {
  const byLanguage = theme.languageFonts ?? {};
  const first = languageChain(language).find((tag) => byLanguage[tag]);
  return first ? [...byLanguage[first]!] : [];
}

/**
 * `punctuation`: a family that sets the punctuation Chinese and Japanese
 * share with Latin text (“ ” …, text/cjk-punctuation.ts) wherever it has it,
 * before the main font.
 */
export function applyFontFallbacks(doc: DocDefinition, fonts: FontSet, fallbacks: readonly string[], punctuation?: string): void {
  if (fallbacks.length === 0 && punctuation === undefined) return;
  const styles = (doc.styles ?? {}) as Record<string, Node>;
  const base = String((doc.defaultStyle as Node | undefined)?.font ?? Object.keys(fonts)[0]);
  const has = (family: string, cp: number) => covers(fonts[family]?.normal, cp);

  const fontOf = (node: Node, inherited: string): string => {
    if (typeof node.font === 'string') return node.font;
    const names = Array.isArray(node.style) ? node.style : node.style === undefined ? [] : [node.style];
    let font = inherited;
    for (const name of names) {
      const f = typeof name === 'string' ? styles[name]?.font : (name as Node | null)?.font;
      if (typeof f === 'string') font = f;
    }
    return font;
  };

  /** Splits one string into runs by font; undefined if the inherited font covers it all. */
  const split = (text: string, font: string): Node[] | undefined => {
    if (RTL_LETTER.test(text)) {
      // Readers take a line set in two faces as two pieces of text and give them in the order
      // they are drawn, which is not the order they are read in a right-to-left line (pdf.js
      // put "S-400" and "«ريلوس»" before the words that precede them). Text with right-to-left
      // letters is set wholly in a right-to-left face that has all its characters (Noto Sans
      // Arabic and Hebrew have Latin letters, digits and punctuation), so its lines are one piece.
      // The face is the first that sets any of the run's letters (the language's own, such as Nastaliq for ur-Aran):
      // where that face lacks a character, the run is split by character below, so a letter it lacks, and only
      // that letter, comes from the next face.
      const letters = [...new Set(Array.from(text).filter((ch) => RTL_LETTER.test(ch)))].map((ch) => ch.codePointAt(0)!);
      const own = [font, ...fallbacks].find((f) => letters.some((cp) => has(f, cp)));
      if (own !== undefined && own !== font && coveredBy(text, own)) return [{ text, font: own }];
    }
    const punctuated = punctuation !== undefined && font !== punctuation && hasSharedPunctuation(text);
    if (!punctuated && coveredBy(text, font)) return undefined;
    const runs: { font: string; text: string }[] = [];
    let needed = false;
    for (let i = 0; i < text.length;) {
      const cp = text.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      const at = i;
      i += ch.length;
      const prev = runs[runs.length - 1];
      let f = font;
      if (prev && (ATTACHES.test(ch) || (IGNORABLE.test(ch) && has(prev.font, cp)))) f = prev.font;
      else if (punctuated && isCjkPunctuationAt(text, at) && has(punctuation, cp)) f = punctuation;
      else if (!has(font, cp) && !IGNORABLE.test(ch)) f = fallbacks.find((fb) => has(fb, cp)) ?? font;
      if (f !== font) needed = true;
      if (prev && prev.font === f) prev.text += ch;
      else runs.push({ font: f, text: ch });
    }
    if (!needed) return undefined;
    return runs.map((r) => (r.font === font ? { text: r.text } : { text: r.text, font: r.font }));
  };

  const coveredBy = (text: string, font: string): boolean => {
    for (let i = 0; i < text.length; i++) {
      const cp = text.codePointAt(i)!;
      if (cp > 0xffff) i++;
      if (cp > 0x20 && !isIsolate(cp) && !has(font, cp)) return false;
    }
    return true;
  };

  /**
   * A run that needs other fonts becomes several runs, each with the run's own
   * properties (bold, italics, colour, link, style): never a run nested in the
   * styled one, whose properties pdfmake would drop when it flattens nested
   * text (its issue #1174).
   */
  const inlines = (items: unknown[], font: string): unknown[] => {
    const out: unknown[] = [];
    for (const item of items) {
      if (typeof item === 'string') {
        const runs = split(item, font);
        if (runs) out.push(...runs);
        else out.push(item);
      } else if (typeof item === 'object' && item !== null && !Array.isArray(item)) {
        const node = item as Node;
        const own = fontOf(node, font);
        if (typeof node.text === 'string') {
          const runs = split(node.text, own);
          if (runs) for (const r of runs) out.push({ ...node, ...r });
          else out.push(node);
        } else if (Array.isArray(node.text)) {
          node.text = inlines(node.text, own);
          out.push(node);
        } else out.push(walk(node, font));
      } else out.push(walk(item, font));
    }
    return out;
  };

  const walk = (value: unknown, font: string): unknown => {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = walk(value[i], font);
      return value;
    }
    if (typeof value === 'string') {
      const runs = split(value, font);
      return runs ? { text: runs } : value;
    }
    if (typeof value !== 'object' || value === null) return value;
    const node = value as Node;
    const own = fontOf(node, font);
    if (typeof node.text === 'string') {
      const runs = split(node.text, own);
      if (runs) node.text = runs;
    } else if (Array.isArray(node.text)) {
      node.text = inlines(node.text, own);
    }
    for (const key of LIST_KINDS) if (Array.isArray(node[key])) walk(node[key], own);
    const table = node.table as Node | undefined;
    if (table && Array.isArray(table.body)) for (const row of table.body as unknown[]) walk(row, own);
    return node;
  };

  for (const part of DOC_PARTS) {
    if (doc[part] !== undefined) doc[part] = walk(doc[part], base);
  }
  keepMarginLineHeights(doc, fonts, base);
}

/**
 * The header and footer sit in the page margins, whose height is fixed, and
 * pdfmake leaves out a header that does not fit in its margin: Arabic, Persian
 * and Urdu continuation pages had no running header, as Noto Sans Arabic's
 * line is 2.1 em where Noto Sans' is 1.36 em. There, a run set in a face with
 * a taller line than the document's own keeps the document face's line height.
 *
 * pdfmake sets a line's baseline one ascender (its tallest face's) below the
 * line's top, whatever the line height: in such a squeezed line a tall face's
 * baseline sinks below the document face's, by 0.84 em in Nastaliq (ascender
 * 1.9 em, Noto Sans's 1.07), and its letters hang out of the line's bottom. In
 * the footer they sank onto the marking bar. So a footer text whose runs use a
 * face with a taller ascender is raised by the difference (a negative top
 * margin, given back below): its baseline is where Noto Sans's would be, and
 * the footer is as tall as before.
 */
function keepMarginLineHeights(doc: DocDefinition, fonts: FontSet, base: string): void {
  const metricsOf = (family: string) =>
    fonts[family]?.normal as { ascent: number; descent: number; lineGap?: number; unitsPerEm: number } | undefined;
  const lineOf = (family: string): number | undefined => {
    const f = metricsOf(family);
    return f ? (f.ascent - f.descent + (f.lineGap ?? 0)) / f.unitsPerEm : undefined;
  };
  const ascentOf = (family: string): number | undefined => {
    const f = metricsOf(family);
    return f ? f.ascent / f.unitsPerEm : undefined;
  };
  const own = lineOf(base);
  const ownAscent = ascentOf(base);
  if (own === undefined || ownAscent === undefined) return;
  const styles = (doc.styles ?? {}) as Record<string, Node | undefined>;
  const sizeOf = (node: Node): number | undefined => {
    if (typeof node.fontSize === 'number') return node.fontSize;
    const style = typeof node.style === 'string' ? styles[node.style] : undefined;
    if (typeof style?.fontSize === 'number') return style.fontSize;
    const fallback = (doc.defaultStyle as Node | undefined)?.fontSize;
    return typeof fallback === 'number' ? fallback : undefined;
  };
  /** The tallest ascender, in ems, among a text node's runs (their own font, else the node's). */
  const tallestAscent = (node: Node, font: string): number => {
    let tallest = ascentOf(font) ?? ownAscent;
    const runs = Array.isArray(node.text) ? (node.text as unknown[]) : [];
    for (const r of runs) {
      if (typeof r !== 'object' || r === null) continue;
      const f = (r as Node).font;
      if (typeof f === 'string') tallest = Math.max(tallest, ascentOf(f) ?? ownAscent);
    }
    return tallest;
  };
  /** The face of a text node's runs with the tallest ascender. */
  const tallestFace = (node: Node, font: string): string => {
    let face = font;
    const runs = Array.isArray(node.text) ? (node.text as unknown[]) : [];
    for (const r of runs) {
      const f = typeof r === 'object' && r !== null ? (r as Node).font : undefined;
      if (typeof f === 'string' && (ascentOf(f) ?? 0) > (ascentOf(face) ?? ownAscent)) face = f;
    }
    return face;
  };
  const lineHeightOf = (node: Node): number => {
    const style = typeof node.style === 'string' ? styles[node.style] : undefined;
    const lh = node.lineHeight ?? style?.lineHeight ?? (doc.defaultStyle as Node | undefined)?.lineHeight;
    return typeof lh === 'number' ? lh : 1;
  };
  const visit = (value: unknown, lift: boolean | 'tall'): void => {
    if (Array.isArray(value)) return value.forEach((v) => visit(v, lift));
    if (typeof value !== 'object' || value === null) return;
    const node = value as Node;
    if (typeof node.font === 'string' && typeof node.text === 'string') {
      const line = lineOf(node.font);
      if (line !== undefined && line > own) node.lineHeight = ((node.lineHeight as number | undefined) ?? 1) * (own / line);
    }
    for (const key of ['text', 'stack', 'columns']) if (Array.isArray(node[key])) visit(node[key], lift);
    const table = node.table as Node | undefined;
    if (table && Array.isArray(table.body)) visit(table.body, lift);
    if (lift && node.text !== undefined && !node.table) raise(node, lift === 'tall' ? TALL_ASCENT : 0);
  };
  /** Raises a text whose runs' tallest ascender exceeds the document face's by more than `beyond` ems. */
  const raise = (node: Node, beyond: number): void => {
    const size = sizeOf(node);
    const font = typeof node.font === 'string' ? node.font : base;
    const taller = tallestAscent(node, font) - ownAscent;
    const by = size === undefined || !(taller > beyond) ? 0 : Math.round(taller * size * 1000) / 1000;
    if (by > 0) shiftOnce(node, by);
  };
  // The running header too, but only for a face far taller than the document's (Nastaliq hung onto the header's rule
  // and the first line under it): Naskh's, Devanagari's and Thai's headers stay where they were.
  visit(doc.header, 'tall');
  visit(doc.footer, true);

  /**
   * The same hanging baseline in the page's tables (the key-facts box, the
   * timeline): a Nastaliq cell's baseline sits 1.9 em below its top, so a
   * 7 pt label sat 2.3 pt higher than its 8.2 pt value (1.9 em × 1.2 pt), and
   * a line squeezed below Nastaliq's own 2.5 em box hangs its letters out of
   * the cell's bottom (the box title's onto the first label). In a row with a
   * cell in a much taller face, each text cell's line is lifted by what it
   * hangs out, then the row's cells share the lowest of those baselines:
   * label and value on one line, each row's ink inside it, and the row as
   * tall as before (what is taken at the top is given back below). Rows
   * without such a face, all of them in other scripts, are left as they are.
   */
  const tallBy = (node: Node, font: string): number => tallestAscent(node, font) - ownAscent;
  const alignRow = (row: unknown[], font: string): void => {
    const cells = row.filter((c): c is Node => typeof c === 'object' && c !== null && (c as Node).text !== undefined && !(c as Node).table);
    const fontOfCell = (c: Node) => (typeof c.font === 'string' ? c.font : font);
    if (!cells.some((c) => tallBy(c, fontOfCell(c)) > TALL_ASCENT)) return;
    // Only rows the template styled cell by cell: a right-to-left list's rows (text/bidi.ts) already set their marker
    // in the item's face, on the item's baseline.
    if (!cells.every((c) => typeof c.style === 'string')) return;
    // A cell's baseline, one ascender down, and where it would be were its line's overhang lifted back into it.
    const depth = (c: Node) => tallestAscent(c, fontOfCell(c)) * (sizeOf(c) ?? 0);
    const overhang = (c: Node) => {
      const face = tallestFace(c, fontOfCell(c));
      const size = sizeOf(c) ?? 0;
      return Math.max(0, (lineOf(face) ?? own) * size * (1 - lineHeightOf(c)));
    };
    const target = Math.max(...cells.map((c) => depth(c) - overhang(c)));
    for (const c of cells) shiftOnce(c, Math.round((depth(c) - target) * 1000) / 1000);
  };
  const tables = (value: unknown, font: string): void => {
    if (Array.isArray(value)) return value.forEach((v) => tables(v, font));
    if (typeof value !== 'object' || value === null) return;
    const node = value as Node;
    const inherited = typeof node.font === 'string' ? node.font : font;
    for (const key of ['stack', 'columns', ...LIST_KINDS]) if (Array.isArray(node[key])) tables(node[key], inherited);
    const table = node.table as Node | undefined;
    if (table && Array.isArray(table.body))
      for (const row of table.body as unknown[]) {
        if (!Array.isArray(row)) continue;
        alignRow(row, inherited);
        tables(row, inherited);
      }
  };
  tables(doc.content, base);
}

/** How much taller (in ems) a face's ascender must be than the document face's for its table rows to be realigned: Nastaliq's is 0.83 em taller. */
const TALL_ASCENT = 0.5;

/**
 * The margins table cells had before shiftOnce moved them: the fitter lays
 * out the same document objects again and again, and each pass must shift
 * from the template's margin, not from the last pass's.
 */
const unshifted = new WeakMap<Node, unknown>();

/** Moves a table cell `by` points up (down if negative) from its template margin, however often the document is laid out. */
function shiftOnce(node: Node, by: number): void {
  if (!unshifted.has(node)) unshifted.set(node, node.margin);
  node.margin = unshifted.get(node);
  shift(node, by);
}

/** Moves a node's content up by `by` points (down if negative) through its top margin, giving the difference back at its bottom. */
function shift(node: Node, by: number): void {
  if (by === 0) return;
  const m = node.margin;
  const [l, t, r, b] =
    typeof m === 'number'
      ? [m, m, m, m]
      : Array.isArray(m) && m.length === 2
        ? [m[0], m[1], m[0], m[1]]
        : Array.isArray(m) && m.length === 4
          ? m
          : [0, 0, 0, 0];
  node.margin = [l, (t as number) - by, r, (b as number) + by];
}

// hasGlyphForCodePoint walks the font's cmap each time; briefings ask about the same few hundred characters.
const coverage = new WeakMap<Font, Map<number, boolean>>();
function covers(font: Font | undefined, cp: number): boolean {
  if (!font) return false;
  let known = coverage.get(font);
  if (!known) coverage.set(font, (known = new Map()));
  let v = known.get(cp);
  if (v === undefined) known.set(cp, (v = font.hasGlyphForCodePoint(cp)));
  return v;
}

/** Characters in `text` that none of `fonts` can show (ignoring whitespace and joiners); fonts are parsed only when asked. */
export function missingGlyphs(text: string, fonts: readonly (() => Font)[]): string[] {
  let missing: Set<string> | undefined;
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    // Printable ASCII that the main font has needs no more checks (the regular expressions below cost more than this lookup).
    if (cp > 0x20 && cp < 0x7f && covers(fonts[0]?.(), cp)) continue;
    const ch = String.fromCodePoint(cp);
    // eslint-disable-next-line no-misleading-character-class -- one character, tested on its own
    if (IGNORABLE.test(ch) || /[\u200c\u200d\ufe00-\ufe0f]/u.test(ch)) continue;
    if (!fonts.some((f) => covers(f(), cp))) (missing ??= new Set()).add(ch);
  }
  return missing ? [...missing] : [];
}

export interface GlyphProblem {
  path: (string | number)[];
  message: string;
}

/** Every content string, with its field path. */
function* strings(value: unknown, path: (string | number)[] = []): Generator<[string, (string | number)[]]> {
  if (typeof value === 'string') yield [value, path];
  else if (Array.isArray(value)) for (let i = 0; i < value.length; i++) yield* strings(value[i], [...path, i]);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* strings(v, [...path, k]);
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}]/u;

/**
 * Characters of the content that no font of the template can show (the main
 * font, then the fallbacks for the briefing's language, in the order a build
 * tries them): they would print as empty boxes. Once per character and field.
 */
export function glyphProblems(
  content: unknown,
  fonts: FontSet,
  template: {
    fonts: Record<string, unknown>;
    theme: { fallbacks: string[]; languageFonts?: Record<string, string[]> };
    missingFonts?: { family: string; package: string; languages?: string[] }[];
  },
  language: string,
): GlyphProblem[] {
  const families = [Object.keys(template.fonts)[0]!, ...fallbackFamilies(template.theme, language)];
  const getters = families.filter((f) => fonts[f]).map((f) => () => fonts[f]!.normal);
  // A larger font the template would use once installed (the full Chinese, Japanese or Korean one), best for this language first.
  const chain = languageChain(language);
  const installable = [...(template.missingFonts ?? [])].sort((a, b) => rank(a.languages, chain) - rank(b.languages, chain));
  const out: GlyphProblem[] = [];
  for (const [text, path] of strings(content)) {
    for (const ch of missingGlyphs(text, getters)) {
      const cp = `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
      const more = CJK.test(ch) ? installable[0] : undefined;
      out.push({
        path,
        message: more
          ? `${cp} "${ch}" is not among the commonly used characters the template ships, so it would print as an empty box; install the full font, which the template then uses: npm install ${more.package}`
          : `${cp} "${ch}" is in no font of the template, so it would print as an empty box; remove or replace it, or add a font that has it to the template's theme.yaml (fonts and fallbacks)`,
      });
    }
  }
  return out;
}

function rank(languages: string[] | undefined, chain: string[]): number {
  const i = chain.findIndex((t) => languages?.includes(t));
  return i < 0 ? chain.length : i;
}
