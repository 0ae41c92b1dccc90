/**
 * What fontkit's shaping needs to be right in a PDF, done on each parsed
 * font's layout(): direction, mirrored brackets, which ccmp to use, and the
 * characters each glyph stands for, which PDFKit writes into the font's
 * ToUnicode map: the text a reader copies out of the PDF.
 */
import bidiFactory from 'bidi-js';
import type * as fontkit from 'fontkit';
import { replaceOwnMethod } from './tuning/registry.js';

const bidi = bidiFactory();

/**
 * The marker the bidi pass (text/bidi.ts) puts on text at a right-to-left
 * level. It is OpenType's own feature for right-to-left mirrored forms, so a
 * font that has it applies it too.
 */
export const RTL_FEATURE = 'rtlm';

/** Letters of the right-to-left scripts (bidi classes R and AL): fontkit lays text with them out right to left. */
export const RTL_LETTER =
  /[\u0590-\u05ff\u0600-\u0608\u060b\u060d\u061b-\u064a\u066d-\u066f\u0671-\u06d5\u06e5\u06e6\u06ee\u06ef\u06fa-\u070d\u0710-\u074f\u0750-\u08ff\ufb1d-\ufdff\ufe70-\ufefe]|[\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;

/** Text fontkit may shape without ccmp: Latin, Greek and Cyrillic letters and common punctuation, with no combining marks. */
const PRECOMPOSED_ONLY = /^[ -\u02ff\u0370-\u052f\u1e00-\u1fff\u2000-\u206f\u20a0-\u20cf\u2100-\u218f]*$/;
const COMBINING_MARK = /\p{M}/u;

type Glyph = fontkit.Glyph & { codePoints: number[]; id: number | string; advanceWidth: number };
type Run = { glyphs: Glyph[]; positions: unknown[] };
type Layout = (text: string, features?: unknown, script?: string, language?: string, direction?: string) => Run;

/** Makes `font` shape for a PDF (see below), through the registry ('pdf-shaping'); returns it. */
export function shapeForPdf(font: fontkit.Font): fontkit.Font {
  const f = font as unknown as { layout: Layout; createSubset(): Subset; glyphForCodePoint(cp: number): Glyph };
  const layout = f.layout.bind(font);
  const natural = new Map<number, number>();
  const gidOf = (cp: number) => {
    let id = natural.get(cp);
    if (id === undefined) natural.set(cp, (id = f.glyphForCodePoint(cp).id as number));
    return id;
  };
  // PDFKit caches the shaping of each word, but not of text with font features, and the bidi pass marks
  // right-to-left text with one: without this cache an Arabic briefing shapes each word on every fitting pass.
  const cache = new Map<string, Run>();
  const cachedLayout: Layout = (text, features, script, language, direction) => {
    const key =
      script === undefined && language === undefined && direction === undefined ? `${featureKey(features)}\u0000${text}` : undefined;
    const known = key === undefined ? undefined : cache.get(key);
    // PDFKit scales the positions it is given in place: each caller gets its own copies.
    if (known) return copyRun(known);
    const run = shape(text, features, script, language, direction);
    if (key !== undefined) {
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(key, copyRun(run));
    }
    return run;
  };
  const shape: Layout = (text, features, script, language, direction) => {
    const rtl = hasFeature(features, RTL_FEATURE);
    const letters = RTL_LETTER.test(text);
    // fontkit takes the direction from the first script it sees: Arabic-Indic digits and
    // Arabic punctuation on their own would come out reversed. The bidi pass says which text
    // is at a right-to-left level; anything else with no right-to-left letter is laid out left to right.
    direction ??= rtl ? 'rtl' : letters ? undefined : 'ltr';
    // fontkit's ccmp splits precomposed letters such as Vietnamese "ọ" into a base and a
    // combining mark, and text extraction maps each glyph to one character, so "Trọng" would
    // copy out as "Trong". Latin, Greek and Cyrillic text without marks keeps its precomposed
    // glyphs; every other script (Arabic joins with ccmp, Devanagari needs it) is shaped in full.
    if (features === undefined && PRECOMPOSED_ONLY.test(text) && !COMBINING_MARK.test(text)) features = { ccmp: false };
    const run = layout(text, features, script, language, direction);
    const reversed = rtl || (letters && direction !== 'ltr');
    if (rtl) mirror(run.glyphs, f, gidOf);
    if (IGNORABLE.test(text)) spellIgnorables(text, run, reversed);
    spellGlyphs(text, run.glyphs, reversed);
    if (text.includes('\u200b')) hideZeroWidthSpaces(run);
    keyGlyphs(run.glyphs, gidOf);
    return run;
  };
  replaceOwnMethod('pdf-shaping', font, 'layout', () => cachedLayout);
  replaceOwnMethod('pdf-shaping', font, 'createSubset', (createSubset: () => Subset) => () => glyphKeyedSubset(createSubset()));
  return font;
}

const CACHE_LIMIT = 20_000;
const WORD_JOINER = 0x2060;

function featureKey(features: unknown): string {
  if (features === undefined) return '';
  return Array.isArray(features) ? features.join(',') : JSON.stringify(features);
}

/** A run PDFKit may change: its own glyph list and position objects (glyphs are not changed). */
function copyRun(run: Run): Run {
  return Object.assign(Object.create(Object.getPrototypeOf(run) as object), run, {
    glyphs: run.glyphs.slice(),
    positions: run.positions.map((p) => ({ ...(p as object) })),
  }) as Run;
}

function hasFeature(features: unknown, tag: string): boolean {
  if (Array.isArray(features)) return features.includes(tag);
  return typeof features === 'object' && features !== null && (features as Record<string, unknown>)[tag] === true;
}

/** Invisible characters fontkit draws as a space with no width (Unicode's default ignorables). */
const IGNORABLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/u;
const IGNORABLES = /[\u00ad\u200b-\u200d\u2060\ufeff]/gu;

/**
 * fontkit draws an invisible character (the zero-width spaces between Thai
 * words, Persian's zero-width non-joiner) with the space glyph, no width, and
 * the space's character, so pdf.js copied a space into the middle of Thai
 * text. Each such glyph, in reading order, gets the character it stands for.
 */
function spellIgnorables(text: string, run: Run, reversed: boolean): void {
  const chars = text.match(IGNORABLES) ?? [];
  const n = run.glyphs.length;
  for (let j = 0, k = 0; j < n && k < chars.length; j++) {
    const i = reversed ? n - 1 - j : j;
    const g = run.glyphs[i]!;
    if (g.codePoints.length !== 1 || g.codePoints[0] !== 0x20 || (run.positions[i] as { xAdvance: number }).xAdvance !== 0) continue;
    run.glyphs[i] = view(g, g.id, [chars[k++]!.codePointAt(0)!]);
  }
}

/** The zero-width spaces text/segment.ts puts between Thai words: no width (some fonts give one). */
function hideZeroWidthSpaces(run: Run): void {
  for (let i = 0; i < run.glyphs.length; i++) {
    const g = run.glyphs[i]!;
    if (g.codePoints.length !== 1 || g.codePoints[0] !== 0x200b) continue;
    run.glyphs[i] = view(g, g.id, [0x200b], 0);
    const p = run.positions[i] as { xAdvance: number };
    p.xAdvance = 0;
  }
}

/** Brackets and other paired signs at a right-to-left level take their mirror image (Unicode's Bidi_Mirroring_Glyph), keeping their own character. */
function mirror(glyphs: Glyph[], f: { glyphForCodePoint(cp: number): Glyph }, gidOf: (cp: number) => number): void {
  for (let i = 0; i < glyphs.length; i++) {
    const g = glyphs[i]!;
    if (g.codePoints.length !== 1) continue;
    const m = bidi.getMirroredCharacter(String.fromCodePoint(g.codePoints[0]!));
    if (!m || g.id !== gidOf(g.codePoints[0]!)) continue;
    const other = f.glyphForCodePoint(m.codePointAt(0)!);
    if (other.id === 0) continue;
    glyphs[i] = view(other, other.id as number, g.codePoints);
  }
}

/**
 * Gives each glyph the characters it stands for, so that the glyphs read in
 * order (right to left for right-to-left text, as readers take it) spell
 * the text. Shaping moves glyphs: a Devanagari vowel sign written before its
 * consonant, the reph drawn after the cluster it starts. fontkit leaves each
 * glyph its own characters, so "पुतिन" would copy out as "पुि तन". Where the
 * glyphs of a cluster are out of order, the cluster's characters go to its
 * first glyph and the rest stand for none; clusters in order keep fontkit's.
 */
function spellGlyphs(text: string, glyphs: Glyph[], reversed: boolean): void {
  const cps: number[] = [];
  for (const ch of text) cps.push(ch.codePointAt(0)!);
  const n = glyphs.length;
  const at = (k: number) => (reversed ? n - 1 - k : k);
  let p = 0;
  let start = 0;
  let acc: number[] = [];
  for (let k = 0; k < n; k++) {
    acc.push(...glyphs[at(k)]!.codePoints);
    if (acc.length === 0 || p + acc.length > cps.length) {
      if (acc.length === 0) start = k + 1;
      continue;
    }
    const slice = cps.slice(p, p + acc.length);
    if (!sameMultiset(acc, slice)) continue;
    if (!acc.every((c, i) => c === slice[i])) {
      // One character a glyph, in reading order, the last glyph taking what is left.
      for (let j = start, c = 0; j <= k; j++) {
        const g = glyphs[at(j)]!;
        const take = j === k ? slice.length - c : Math.min(1, slice.length - c);
        glyphs[at(j)] = view(g, g.id, slice.slice(c, c + take));
        c += take;
      }
    }
    p += acc.length;
    acc = [];
    start = k + 1;
  }
}

function sameMultiset(a: number[], b: number[]): boolean {
  if (a.length !== b.length) return false;
  const x = [...a].sort((m, n) => m - n);
  const y = [...b].sort((m, n) => m - n);
  return x.every((c, i) => c === y[i]);
}

/**
 * PDFKit puts a glyph into the font subset once, and maps it to the
 * characters of its first use. Noto Sans Arabic draws "ف" and "ق" on one
 * dotless base, and contextual forms and mirrored brackets are glyphs of
 * other characters, so the first use would speak for every later one ("في"
 * copying out as "قي"). A glyph that stands for other characters than its own
 * in the font's character map is therefore keyed by glyph and characters
 * together, and the subset gives each such key an entry of its own.
 */
function keyGlyphs(glyphs: Glyph[], gidOf: (cp: number) => number): void {
  for (let i = 0; i < glyphs.length; i++) {
    const g = glyphs[i]!;
    const id = typeof g.id === 'string' ? Number(g.id.slice(0, g.id.indexOf('|'))) : g.id;
    // A glyph that stands for no character (an Arabic letter's dots, drawn apart from its
    // base) would copy out as garbage in pdf.js, which reads an empty mapping as none: it
    // stands for the invisible word joiner instead, which readers drop.
    const cps = g.codePoints.length > 0 ? g.codePoints : [WORD_JOINER];
    if (cps.length === 1 && gidOf(cps[0]!) === id) continue;
    glyphs[i] = view(g, `${id}|${cps.join(',')}`, cps);
  }
}

function view(g: Glyph, id: number | string, codePoints: number[], advanceWidth = g.advanceWidth): Glyph {
  return Object.create(g, {
    id: { value: id, enumerable: true },
    codePoints: { value: codePoints, enumerable: true },
    advanceWidth: { value: advanceWidth, enumerable: true },
  }) as Glyph;
}

interface Subset {
  glyphs: number[];
  mapping: Record<string | number, number>;
  includeGlyph(glyph: number | string | { id: number }): number;
}

/** A font subset that takes glyph keys ("id|characters") as well as ids: each key is a copy of the glyph, with its own place in the subset. */
function glyphKeyedSubset(subset: Subset): Subset {
  replaceOwnMethod(
    'pdf-shaping',
    subset,
    'includeGlyph',
    (include: Subset['includeGlyph']) => (glyph: Parameters<Subset['includeGlyph']>[0]) => {
      if (typeof glyph !== 'string') return include(glyph);
      let i = subset.mapping[glyph];
      if (i === undefined) {
        subset.glyphs.push(Number(glyph.slice(0, glyph.indexOf('|'))));
        i = subset.mapping[glyph] = subset.glyphs.length - 1;
      }
      return i;
    },
  );
  return subset;
}
