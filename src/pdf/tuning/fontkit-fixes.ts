/**
 * A fix to fontkit's output, made on each parsed font (fonts.ts parses
 * each file once per process and shares it): declared in registry.ts like
 * the speed layer, but kept when it is switched off, because without them
 * the PDF's text is wrong.
 */
import type * as fontkit from 'fontkit';
import { replaceMethod, replaceOwnMethod } from './registry.js';

export function fixParsedFont(font: fontkit.Font): fontkit.Font {
  // Which ccmp to shape with (precomposed letters kept whole, Arabic joined) is pdf/shaping.ts's, by script.
  glyphsKeepTheirCharacters(font);
  marksWithoutAnchorsSkipped(font);
  return font;
}

/**
 * OpenType lets a mark-to-base (or mark-to-ligature, mark-to-mark) table
 * leave out the anchor of a mark class on a base it has no place for (a NULL
 * offset); the shaper must then let the lookup's next subtable try, as
 * HarfBuzz does. fontkit 2.0.4 reads the missing anchor's coordinates and
 * throws, which Noto Nastaliq Urdu meets on almost every word. Here a missing
 * anchor ends that subtable's attempt (applyLookup returns false): the mark
 * stays where the earlier lookups put it, or the next subtable places it.
 * The GPOS processor is fontkit's, one class for every font: reached through
 * the first font with a GPOS table, whose layout engine it builds (the font
 * was parsed to be laid out, so that is only done earlier).
 */
const NO_ANCHOR = Symbol('no anchor');

function marksWithoutAnchorsSkipped(font: fontkit.Font): void {
  if (!(font as unknown as { GPOS?: unknown }).GPOS) return;
  const gpos = (font as unknown as { _layoutEngine?: { engine?: { GPOSProcessor?: object } } })._layoutEngine?.engine?.GPOSProcessor;
  if (!gpos) return;
  const processor = Object.getPrototypeOf(gpos) as Record<string, unknown>;
  replaceMethod(
    'gpos-null-anchor',
    processor,
    'applyAnchor',
    (applyAnchor: (this: unknown, markRecord: { markAnchor?: unknown }, baseAnchor: unknown, base: number) => void) =>
      function (this: unknown, markRecord: { markAnchor?: unknown }, baseAnchor: unknown, base: number) {
        if (!baseAnchor || !markRecord?.markAnchor) throw NO_ANCHOR;
        return applyAnchor.call(this, markRecord, baseAnchor, base);
      },
  );
  replaceMethod(
    'gpos-null-anchor',
    processor,
    'applyLookup',
    (applyLookup: (this: unknown, type: number, table: unknown) => boolean) =>
      function (this: unknown, type: number, table: unknown) {
        try {
          return applyLookup.call(this, type, table);
        } catch (err) {
          if (err === NO_ANCHOR) return false;
          throw err;
        }
      },
  );
}

/**
 * fontkit keeps one glyph object per glyph id, and it remembers the
 * characters of whichever text first produced that glyph. PDFKit writes those
 * characters into the PDF's ToUnicode map, the text a reader copies out. So
 * with a shared parsed font, "fi" set with the fi ligature would copy out as
 * "ﬁ" in every later document if an earlier one had typed "ﬁ": a document's
 * bytes would depend on the ones built before it. Here a glyph asked for with
 * other characters comes back as a view carrying those characters.
 */
type Glyph = { codePoints: number[] };

function glyphsKeepTheirCharacters(font: fontkit.Font): void {
  replaceOwnMethod(
    'glyph-characters',
    font,
    'getGlyph',
    (getGlyph: (id: number, characters?: number[]) => Glyph | null) => (id: number, characters?: number[]) => {
      const glyph = getGlyph(id, characters);
      // Without characters (subsetting, metrics) any glyph object will do.
      if (!glyph || characters === undefined || sameCodePoints(glyph.codePoints, characters)) return glyph;
      return Object.create(glyph, { codePoints: { value: characters, enumerable: true } }) as Glyph;
    },
  );
}

function sameCodePoints(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((c, i) => c === b[i]);
}
