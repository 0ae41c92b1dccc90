/**
 * Parsed fonts, shared. Parsing a 600 KB TrueType file costs more than laying
 * out a whole briefing, so each file is read and parsed once per process and
 * the parsed font is handed to pdfkit (0.20 accepts a fontkit font) for every
 * document. pdfkit keeps all per-document state (subset, widths) in its own
 * EmbeddedFont, so sharing the parsed font leaks nothing between documents.
 * (The shaping of words is shared too: see tuning/pdfkit-fonts.ts.)
 *
 * A font is parsed when it is first asked for, not when the template is
 * loaded: a template names fonts for a dozen scripts, and a Latin briefing
 * must not pay for reading its Chinese or Arabic ones.
 */
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { TemplateError } from '../errors.js';
import { FONT_FILE_BYTES, readBoundedBytes } from '../template/files.js';
import { createFont, fontProblem } from '../template/font-check.js';
import * as fontkit from 'fontkit';
import type { Face, FontFaces, FontSet } from '../types.js';
import { shapeForPdf } from './shaping.js';
import { fixParsedFont } from './tuning/fontkit-fixes.js';
import { markTablesDecodedWhenRead } from './tuning/lazy-mark-tables.js';

export const FACES: readonly Face[] = ['normal', 'bold', 'italics', 'bolditalics'];

const parsed = new Map<string, { font: fontkit.Font; size: number; mtimeMs: number }>();

/**
 * `file` or, for a collection (.ttc/.otc), `file#Name`: the face whose
 * PostScript name or full name is Name. A file whose size or time changed
 * since it was parsed is parsed again (the CLI's snapshot holds fonts parsed
 * at install).
 */
export function loadFont(spec: string, shown = `font file ${basename(splitFontSpec(spec).path)}`): fontkit.Font {
  const { path, face } = splitFontSpec(spec);
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
  const known = parsed.get(spec);
  if (known && known.size === size && known.mtimeMs === mtimeMs) return known.font;
  const bytes = readFontBytes(path, shown);
  let made;
  try {
    made = fontProblem(bytes) ?? createFont(bytes, (f) => pickFace(f, path, face));
  } catch (err) {
    if (err instanceof FontFaceError) throw new TemplateError(`${shown}: ${err.message}`, { file: path }, err.hint);
    throw err;
  }
  if (typeof made === 'string' || 'problem' in made)
    throw new TemplateError(
      `${shown} ${typeof made === 'string' ? made : made.problem}`,
      { file: path },
      'name a TrueType, OpenType or WOFF font file in theme.yaml',
    );
  const font = shapeForPdf(fixParsedFont(markTablesDecodedWhenRead(made.font)));
  parsed.set(spec, { font, size, mtimeMs });
  return font;
}

/**
 * For a collection file (.ttc, .otc, or any file named with `#`): throws a
 * FontFaceError unless it holds the named face. Reads the file's table of
 * faces, not the faces.
 */
export function checkFontFace(path: string, face: string | undefined): void {
  if (face === undefined && !/\.(ttc|otc)$/i.test(path)) return;
  pickFace(fontkit.create(readFontBytes(path, `font file ${basename(path)}`)), path, face);
}

/**
 * A font file's bytes; a file named `….br` is a font compressed with Brotli
 * (RFC 7932), decompressed here. The built-in Chinese, Japanese and Korean
 * fonts ship so (scripts/subset-cjk.py): 11 MB where the TrueType files were
 * 24 MB installed and 13 MB packed, and a 4 MB font decompresses in about
 * 25 ms, paid only by a briefing that uses it. Not WOFF2: fontkit reads
 * WOFF2 but cannot subset it for the PDF.
 */
export function readFontBytes(path: string, shown: string): Buffer {
  const bytes = readBoundedBytes(path, shown, FONT_FILE_BYTES);
  if (!/\.br$/i.test(path)) return bytes;
  try {
    // maxOutputLength: a small file that would decompress past the cap is refused, not decompressed.
    return brotliDecompressSync(bytes, { maxOutputLength: FONT_FILE_BYTES });
  } catch {
    throw new TemplateError(
      `${shown} is a damaged Brotli-compressed font (it does not decompress to a font of at most ${FONT_FILE_BYTES / 1024 / 1024} MB)`,
      { file: path },
      'compress the TrueType or OpenType file again (e.g. `brotli -q 11 font.ttf`), or name the uncompressed file in theme.yaml',
    );
  }
}

/** `a/b.ttc#Noto Sans CJK JP` → the file and the face's name. */
export function splitFontSpec(spec: string): { path: string; face: string | undefined } {
  const hash = spec.lastIndexOf('#');
  return hash > 0 ? { path: spec.slice(0, hash), face: spec.slice(hash + 1) } : { path: spec, face: undefined };
}

type Collection = { fonts: fontkit.Font[] };
const isCollection = (f: unknown): f is Collection => Array.isArray((f as Collection).fonts);

/** The faces a collection file holds, by PostScript name and full name (for error messages and `briefing fonts`). */
export function faceNames(f: unknown): string[] {
  if (!isCollection(f)) return [(f as fontkit.Font).postscriptName];
  return f.fonts.map((x) => `${x.postscriptName} ("${x.fullName}")`);
}

function pickFace(f: unknown, path: string, face: string | undefined): fontkit.Font {
  if (!isCollection(f)) return f as fontkit.Font;
  const fonts = f.fonts;
  const want = face?.toLowerCase();
  const found =
    want === undefined ? undefined : fonts.find((x) => x.postscriptName.toLowerCase() === want || x.fullName?.toLowerCase() === want);
  if (!found) {
    throw new FontFaceError(
      face === undefined ? `"${path}" is a font collection: name the face after "#"` : `"${path}" has no face named "${face}"`,
      `write the file as "${path.split('/').pop()}#<name>", with one of: ${faceNames(f).join(', ')}`,
    );
  }
  return found;
}

/** A font file that cannot be used as named; the template loader turns it into a TemplateError. */
export class FontFaceError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

/** The template's fonts as pdfmake wants them, each face parsed when first read. */
export function loadFontSet(families: Record<string, FontFaces>): FontSet {
  const out: FontSet = {};
  for (const [family, faces] of Object.entries(families)) {
    const set = {} as Record<Face, fontkit.Font>;
    for (const face of FACES) {
      let font: fontkit.Font | undefined;
      Object.defineProperty(set, face, {
        enumerable: true,
        get: () => {
          if (!font) used.add(faces[face]);
          return (font ??= loadFont(faces[face], `font ${family}.${face} (${basename(splitFontSpec(faces[face]).path)})`));
        },
      });
    }
    out[family] = set;
  }
  return out;
}

const used = new Set<string>();

/** The font files that font sets made since the last call have read (for tests: which fonts a build needed); starts afresh. */
export function takeUsedFonts(): string[] {
  const out = [...used];
  used.clear();
  return out;
}
