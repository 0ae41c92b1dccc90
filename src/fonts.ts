/**
 * Parsed fonts, shared. Parsing a 600 KB TrueType file costs more than laying
 * out a whole briefing, so each file is read and parsed once per process and
 * the parsed font is handed to pdfkit (0.20 accepts a fontkit font) for every
 * document. pdfkit keeps all per-document state (subset, widths) in its own
 * EmbeddedFont, so sharing the parsed font leaks nothing between documents.
 * (The shaping of words is shared too: see shareLayoutCaches in engine.ts.)
 */
import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import type { FontFaces } from './template.js';

export type Face = keyof FontFaces;
export const FACES: readonly Face[] = ['normal', 'bold', 'italics', 'bolditalics'];

/** pdfmake's font dictionary, with parsed fonts in place of file names. */
export type FontSet = Record<string, Record<Face, fontkit.Font>>;

const parsed = new Map<string, fontkit.Font>();

export function loadFont(path: string): fontkit.Font {
  let font = parsed.get(path);
  if (!font) {
    font = keepPrecomposedLetters(fontkit.create(readFileSync(path)));
    parsed.set(path, font);
  }
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

export function loadFontSet(families: Record<string, FontFaces>): FontSet {
  const out: FontSet = {};
  for (const [family, faces] of Object.entries(families)) {
    out[family] = Object.fromEntries(FACES.map((face) => [face, loadFont(faces[face])])) as Record<Face, fontkit.Font>;
  }
  return out;
}
