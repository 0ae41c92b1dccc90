/**
 * PDFKit does its font work per document: each PDF document wraps each
 * parsed font afresh, with empty caches. A fitted briefing is laid out
 * several times, each time in a new document, and a batch builds many; the
 * work below depends only on the parsed font, so it is done once per font
 * and shared by every document that uses it:
 *
 * - the shaping of each word (PDFKit's own layout cache, shared);
 * - the width of each string PDFKit is asked to measure (and, while at it,
 *   a line's glyphs are gathered for writing without copying them per word);
 * - each glyph's outline bytes and metrics, copied into each document's
 *   font subset.
 *
 * Every cached value is what PDFKit or fontkit would compute again, so the
 * bytes do not change. The caches are capped, so memory stays flat however
 * many briefings a process builds.
 */

import { isOn, replaceMethod, replaceOwnMethod, type ReplacementId } from './registry.js';

const CACHE_LIMIT = 100_000;
/** Glyph ids as PDFKit writes them in a text string: four hex digits. */
const HEX: string[] = [];

/** Shaped words by parsed font: PDFKit's cached runs are in font units, independent of type size and document, and nothing mutates them. */
const layoutCaches = new WeakMap<object, { runs: Record<string, unknown>; size: number }>();
/** Widths of strings, in font units, by parsed font. */
const widthCaches = new WeakMap<object, Map<string, number>>();
/** What a font subset copies for a glyph, by parsed font. */
const subsetGlyphs = new WeakMap<object, Map<number, SubsetGlyph>>();

interface SubsetGlyph {
  /** The glyph's bytes in the font's glyf table. */
  bytes: Uint8Array;
  /** Of a composite glyph: its parts, and where in `bytes` each part's glyph id is written. */
  components: { glyphID: number; pos: number }[] | undefined;
  advance: number;
  bearing: number;
}

const FONT_WORK: readonly ReplacementId[] = ['shared-shaping', 'string-widths', 'line-encoding', 'subset-glyphs'];

/**
 * Makes the fonts that `doc` (a pdfmake PDFDocument) provides share their
 * work with every other document's. PDFKit's classes for a font and its
 * subset are reached through the first font provided, which is when their
 * methods are replaced (registry.ts).
 */
export function shareFontWork(doc: any): void {
  if (!FONT_WORK.some(isOn)) return;
  replaceOwnMethod(FONT_WORK, doc, 'provideFont', (provideFont) => (family: string, bold: boolean, italics: boolean) => {
    const font = provideFont(family, bold, italics);
    if (!font.layoutCache || font.briefingFont) return font;
    font.briefingFont = true;
    cacheWidths(Object.getPrototypeOf(font));
    if (font.subset && typeof font.subset._addGlyph === 'function') reuseSubsetGlyphs(Object.getPrototypeOf(font.subset));
    if (isOn('shared-shaping')) {
      let shared = layoutCaches.get(font.font);
      if (!shared || shared.size > CACHE_LIMIT) layoutCaches.set(font.font, (shared = { runs: font.layoutCache, size: 0 }));
      font.layoutCache = shared.runs;
      font.sharesLayoutCache = true;
    }
    return font;
  });
}

/**
 * PDFKit's EmbeddedFont sums a string's width from its shaped words every
 * time it is asked for: remember the sum. (Also counts the shared cache.)
 */
function cacheWidths(proto: any): void {
  replaceMethod(
    'shared-shaping',
    proto,
    'layoutRun',
    (layoutRun) =>
      function (this: any, text: string, features?: unknown) {
        // A word shaped afresh is about to go into the shared cache: count it, so the cache can be capped without counting its keys.
        if (this.sharesLayoutCache) layoutCaches.get(this.font)!.size++;
        return layoutRun.call(this, text, features);
      },
  );
  // PDFKit's encode gathers a line's glyphs by concatenating each word's arrays onto the ones
  // before (a copy per word, and text runs are whole lines) and formats every glyph id anew.
  replaceMethod(
    'line-encoding',
    proto,
    'encode',
    (encode) =>
      function (this: any, text: string, features?: unknown) {
        if (features || !this.briefingFont) return encode.call(this, text, features);
        const hex: string[] = [];
        const positions: unknown[] = [];
        // Words as PDFKit's layout() cuts them: each ends after a space or tab, and the rest is the last.
        let last = 0;
        for (let i = 0; i <= text.length; i++) {
          if (i < text.length && text[i] !== ' ' && text[i] !== '\t') continue;
          if (i === text.length && last === i) break;
          const run = this.layoutCached(text.slice(last, i + 1));
          last = i + 1;
          const glyphs = run.glyphs;
          for (let g = 0; g < glyphs.length; g++) {
            const glyph = glyphs[g];
            const gid = this.subset.includeGlyph(glyph.id);
            hex.push((HEX[gid] ??= `0000${gid.toString(16)}`.slice(-4)));
            if (this.widths[gid] == null) this.widths[gid] = glyph.advanceWidth * this.scale;
            if (this.unicode[gid] == null) this.unicode[gid] = glyph.codePoints;
            positions.push(run.positions[g]);
          }
        }
        return [hex, positions];
      },
  );
  replaceMethod(
    'string-widths',
    proto,
    'widthOfString',
    (widthOfString) =>
      function (this: any, string: string, size: number, features?: unknown) {
        if (features || !this.briefingFont) return widthOfString.call(this, string, size, features);
        let widths = widthCaches.get(this.font);
        if (!widths || widths.size > CACHE_LIMIT) widthCaches.set(this.font, (widths = new Map()));
        let width = widths.get(string);
        if (width === undefined) {
          width = this.layout(string, features, true).advanceWidth as number;
          widths.set(string, width);
        }
        return width * (size / 1000);
      },
  );
}

/**
 * fontkit's TrueType subset decodes every glyph's whole outline each time a
 * document embeds it, only to learn whether it is made of other glyphs.
 * Keep what it copies from each glyph instead. Fonts with variations are
 * re-encoded by fontkit and left to it.
 */
function reuseSubsetGlyphs(proto: any): void {
  replaceMethod(
    'subset-glyphs',
    proto,
    '_addGlyph',
    (addGlyph) =>
      function (this: any, gid: number) {
        const font = this.font;
        if (font._variationProcessor) return addGlyph.call(this, gid);
        let glyphs = subsetGlyphs.get(font);
        if (!glyphs || glyphs.size > CACHE_LIMIT) subsetGlyphs.set(font, (glyphs = new Map()));
        let g = glyphs.get(gid);
        if (!g) {
          const glyph = font.getGlyph(gid);
          const glyf = glyph._decode();
          const start = font.loca.offsets[gid];
          const stream = font._getTableStream('glyf');
          stream.pos += start;
          const bytes = stream.readBuffer(font.loca.offsets[gid + 1] - start);
          const components =
            glyf && glyf.numberOfContours < 0 ? glyf.components.map((c: any) => ({ glyphID: c.glyphID, pos: c.pos })) : undefined;
          glyphs.set(gid, (g = { bytes, components, advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing }));
        }
        // As fontkit does it: a composite glyph's copy gets its parts' ids in this subset.
        let bytes = g.bytes;
        if (g.components) {
          bytes = new Uint8Array(bytes);
          const view = new DataView(bytes.buffer);
          for (const c of g.components) view.setUint16(c.pos, this.includeGlyph(c.glyphID));
        }
        this.glyf.push(bytes);
        this.loca.offsets.push(this.offset);
        this.hmtx.metrics.push({ advance: g.advance, bearing: g.bearing });
        this.offset += bytes.length;
        return this.glyf.length - 1;
      },
  );
}
