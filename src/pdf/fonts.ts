/**
 * Parsed fonts, shared. Parsing a 600 KB TrueType file costs more than laying
 * out a whole briefing, so each file is read and parsed once per process and
 * the parsed font is handed to pdfkit (0.20 accepts a fontkit font) for every
 * document. pdfkit keeps all per-document state (subset, widths) in its own
 * EmbeddedFont, so sharing the parsed font leaks nothing between documents.
 * (The shaping of words is shared too: see tuning/pdfkit-fonts.ts.)
 */
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { TemplateError } from '../errors.js';
import { FONT_FILE_BYTES, readBoundedBytes } from '../template/files.js';
import { createFont, fontProblem } from '../template/font-check.js';
import * as fontkit from 'fontkit';
import type { Face, FontFaces, FontSet } from '../types.js';
import { fixParsedFont } from './tuning/fontkit-fixes.js';

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
  const font = fixParsedFont(made.font);
  parsed.set(path, { font, size, mtimeMs });
  return font;
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
