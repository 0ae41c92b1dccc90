/**
 * Parsed fonts, shared. Parsing a 600 KB TrueType file costs more than laying
 * out a whole briefing, so each file is read and parsed once per process and
 * the parsed font is handed to pdfkit (0.20 accepts a fontkit font) for every
 * document. pdfkit keeps all per-document state (subset, widths) in its own
 * EmbeddedFont, so sharing the parsed font leaks nothing between documents.
 * (The shaping of words is shared too: see tuning/pdfkit-fonts.ts.)
 */
import { readFileSync, statSync } from 'node:fs';
import * as fontkit from 'fontkit';
import type { Face, FontFaces, FontSet } from '../types.js';
import { fixParsedFont } from './tuning/fontkit-fixes.js';

export const FACES: readonly Face[] = ['normal', 'bold', 'italics', 'bolditalics'];

const parsed = new Map<string, { font: fontkit.Font; size: number; mtimeMs: number }>();

/** A file whose size or time changed since it was parsed is parsed again (the CLI's snapshot holds fonts parsed at install). */
export function loadFont(path: string): fontkit.Font {
  const { size, mtimeMs } = statSync(path);
  const known = parsed.get(path);
  if (known && known.size === size && known.mtimeMs === mtimeMs) return known.font;
  const font = fixParsedFont(fontkit.create(readFileSync(path)));
  parsed.set(path, { font, size, mtimeMs });
  return font;
}

export function loadFontSet(families: Record<string, FontFaces>): FontSet {
  const out: FontSet = {};
  for (const [family, faces] of Object.entries(families)) {
    out[family] = Object.fromEntries(FACES.map((face) => [face, loadFont(faces[face])])) as Record<Face, fontkit.Font>;
  }
  return out;
}
