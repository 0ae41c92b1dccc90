/**
 * A fix to fontkit's output, made on each parsed font (fonts.ts parses
 * each file once per process and shares it): declared in registry.ts like
 * the speed layer, but kept when it is switched off, because without them
 * the PDF's text is wrong.
 */
import type * as fontkit from 'fontkit';
import { replaceOwnMethod } from './registry.js';

export function fixParsedFont(font: fontkit.Font): fontkit.Font {
  // Which ccmp to shape with (precomposed letters kept whole, Arabic joined) is pdf/shaping.ts's, by script.
  glyphsKeepTheirCharacters(font);
  return font;
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
