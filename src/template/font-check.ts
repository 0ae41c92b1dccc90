/**
 * Is this file a font that can be used? fontkit reads tables lazily, so a
 * truncated file parses and then fails halfway through a layout with an
 * error that names no file. The table directory is checked against the
 * file's length first, and the font is made to do a little work (map a
 * character, read its width) while a failure can still name the file.
 */
import * as fontkit from 'fontkit';

/** Why these bytes are not a usable font, or undefined. */
export function fontProblem(bytes: Buffer): string | undefined {
  if (bytes.length < 12) return 'is not a font file (it is too short to be one)';
  const tag = bytes.toString('latin1', 0, 4);
  if (tag === 'wOFF') {
    if (bytes.length < 44 || bytes.readUInt32BE(8) !== bytes.length)
      return 'is a damaged font file (its length does not match its header: truncated?)';
  } else if (tag === 'wOF2') {
    if (bytes.length < 48 || bytes.readUInt32BE(8) !== bytes.length)
      return 'is a damaged font file (its length does not match its header: truncated?)';
  } else if (tag === 'ttcf') {
    const fonts = bytes.length >= 12 ? bytes.readUInt32BE(8) : 0;
    if (fonts === 0 || 12 + fonts * 4 > bytes.length) return 'is a damaged font collection (truncated?)';
    for (let i = 0; i < fonts; i++) {
      const p = tablesProblem(bytes, bytes.readUInt32BE(12 + i * 4));
      if (p) return p;
    }
  } else if (tag === '\0\x01\0\0' || tag === 'OTTO' || tag === 'true' || tag === 'typ1') {
    const p = tablesProblem(bytes, 0);
    if (p) return p;
  } else {
    return 'is not a font file (TrueType, OpenType, WOFF or WOFF2 expected)';
  }
  return undefined;
}

interface ReadableFont {
  unitsPerEm: number;
  numGlyphs: number;
  layout(text: string): unknown;
  glyphForCodePoint(cp: number): { advanceWidth: number };
}

/**
 * The font fontkit made of bytes that passed fontProblem, or why it cannot be
 * used. Only cheap tables are touched, so nothing it caches differs from what
 * a build would make anyway.
 */
export function createFont(bytes: Buffer): { font: fontkit.Font } | { problem: string } {
  try {
    const font = fontkit.create(bytes) as unknown as Partial<ReadableFont>;
    if (!font || typeof font.layout !== 'function' || typeof font.glyphForCodePoint !== 'function')
      return { problem: 'is a font collection or an unknown kind of font; name a single TrueType or OpenType font' };
    if (!((font.unitsPerEm ?? 0) > 0) || !((font.numGlyphs ?? 0) > 0)) return { problem: 'is a damaged font file (no glyphs)' };
    void font.glyphForCodePoint(0x41).advanceWidth;
    return { font: font as unknown as fontkit.Font };
  } catch {
    return { problem: 'is a damaged font file (it cannot be read as a font)' };
  }
}

function tablesProblem(bytes: Buffer, start: number): string | undefined {
  if (start + 12 > bytes.length) return 'is a damaged font file (truncated)';
  const tables = bytes.readUInt16BE(start + 4);
  if (tables === 0 || start + 12 + tables * 16 > bytes.length) return 'is a damaged font file (truncated)';
  for (let i = 0; i < tables; i++) {
    const rec = start + 12 + i * 16;
    const offset = bytes.readUInt32BE(rec + 8);
    const length = bytes.readUInt32BE(rec + 12);
    if (offset + length > bytes.length) return 'is a damaged font file (truncated: a table runs past its end)';
  }
  return undefined;
}
