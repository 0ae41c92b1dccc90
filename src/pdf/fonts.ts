/**
 * Parsed fonts, shared. Parsing a 600 KB TrueType file costs more than laying
 * out a whole briefing, so each file is read and parsed once per process and
 * the parsed font is handed to pdfkit (0.20 accepts a fontkit font) for every
 * document. pdfkit keeps all per-document state (subset, widths) in its own
 * EmbeddedFont, so sharing the parsed font leaks nothing between documents.
 * (The shaping of words is shared too: see shareLayoutCaches in engine.ts.)
 */
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { TemplateError } from '../errors.js';
import { FONT_FILE_BYTES, readBoundedBytes } from '../template/files.js';
import { createFont, fontProblem } from '../template/font-check.js';
import * as fontkit from 'fontkit';
import type { Face, FontFaces, FontSet } from '../types.js';

export const FACES: readonly Face[] = ['normal', 'bold', 'italics', 'bolditalics'];

const parsed = new Map<string, { font: fontkit.Font; size: number; mtimeMs: number }>();

/** A file whose size or time changed since it was parsed is parsed again (the CLI's snapshot holds fonts parsed at install). */
export function loadFont(path: string, shown = `font file ${basename(path)}`): fontkit.Font {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    // Removed or moved since the template was read, or since the snapshot was made at install.
    throw new TemplateError(
      `${shown} does not exist`,
      { file: path },
      'reinstall briefing and its font packages (npm ci), or fix the path in theme.yaml',
    );
  }
  const { size, mtimeMs } = stat;
  const known = parsed.get(path);
  if (known && known.size === size && known.mtimeMs === mtimeMs) return known.font;
  const bytes = readBoundedBytes(path, shown, FONT_FILE_BYTES);
  const made = fontProblem(bytes) ?? createFont(bytes);
  if (typeof made === 'string' || 'problem' in made)
    throw new TemplateError(
      `${shown} ${typeof made === 'string' ? made : made.problem}`,
      { file: path },
      'name a TrueType, OpenType or WOFF font file in theme.yaml',
    );
  const font = glyphsKeepTheirCharacters(keepPrecomposedLetters(made.font));
  parsed.set(path, { font, size, mtimeMs });
  return font;
}

const COMBINING_MARK = /\p{M}/u;

/**
 * fontkit's ccmp feature splits precomposed letters such as Vietnamese "ọ"
 * into a base glyph and a combining mark. PDF text extraction maps each glyph
 * to one character, so "Trọng" would copy out of the PDF as "Trong". Text with
 * no combining marks is therefore shaped without ccmp, which keeps the font's
 * precomposed glyph; text that has marks (Devanagari vowel signs, decomposed
 * input) keeps ccmp, which it needs to shape.
 */
function keepPrecomposedLetters(font: fontkit.Font): fontkit.Font {
  const layout = font.layout.bind(font);
  font.layout = (text: string, features?: unknown) => layout(text, features ?? (COMBINING_MARK.test(text) ? undefined : { ccmp: false }));
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

function glyphsKeepTheirCharacters(font: fontkit.Font): fontkit.Font {
  const shared = font as unknown as { getGlyph(id: number, characters?: number[]): Glyph | null };
  const getGlyph = shared.getGlyph.bind(font);
  shared.getGlyph = (id, characters) => {
    const glyph = getGlyph(id, characters);
    // Without characters (subsetting, metrics) any glyph object will do.
    if (!glyph || characters === undefined || sameCodePoints(glyph.codePoints, characters)) return glyph;
    return Object.create(glyph, { codePoints: { value: characters, enumerable: true } }) as Glyph;
  };
  return font;
}

function sameCodePoints(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((c, i) => c === b[i]);
}

export function loadFontSet(families: Record<string, FontFaces>): FontSet {
  const out: FontSet = {};
  for (const [family, faces] of Object.entries(families)) {
    out[family] = Object.fromEntries(
      FACES.map((face) => [face, loadFont(faces[face], `font ${family}.${face} (${basename(faces[face])})`)]),
    ) as Record<Face, fontkit.Font>;
  }
  return out;
}
