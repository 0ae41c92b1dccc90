/**
 * The logo in the masthead: a PNG, JPEG or SVG file from the config file's
 * folder or the template's folder, checked before anything is laid out.
 * Only local files inside that folder are read (its real path, after
 * symbolic links, must stay inside), at most MAX_LOGO_BYTES; a file that is
 * not a readable image is refused with its name and what is wrong.
 *
 * The template sees it as `logo`: `{ kind, src, width, height }`, where
 * `kind` is the pdfmake node key ("image" or "svg") and `src` its value (a
 * data URL or the SVG text), so a template writes
 * `{ "{{logo.kind}}": {{json logo.src}}, "fit": [120, 36] }`.
 */
import { realpathSync, statSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { TemplateError, type SourcePosition } from '../errors.js';
import { svgProblem } from './svg.js';
import { decodeText, readFileBytes, realPathOf, type Refusal } from '../files/read.js';
import type { Logo } from '../types.js';

export const MAX_LOGO_BYTES = 1024 * 1024;
/** Pixels a raster logo may have: a masthead logo is a few hundred pixels wide; more only costs time. */
const MAX_LOGO_PIXELS = 4_000_000;

export interface LogoSpec {
  /** The file, absolute. */
  path: string;
  /** The folder it must be inside. */
  root: string;
  /** Where the logo was named (a config or theme line), for messages. */
  origin: SourcePosition | undefined;
  /** What it shows, for screen readers (the config's logoAlt). */
  alt?: string;
}

const cache = new Map<string, { mtimeMs: number; size: number; logo: Logo }>();

export function loadLogo(spec: LogoSpec): Logo {
  const fail = (message: string, hint?: string): never => {
    throw new TemplateError(`logo "${spec.path}": ${message}`, spec.origin, hint ?? 'use a PNG, JPEG or SVG file');
  };
  let root: string;
  try {
    root = realpathSync(spec.root);
  } catch {
    return fail('file not found', 'check the path; it is relative to the file that names it');
  }
  // Read like every other file (files/read.ts): inside its folder, a regular file, at most MAX_LOGO_BYTES.
  const rules = {
    kind: 'a logo',
    maxBytes: MAX_LOGO_BYTES,
    inside: { root, name: spec.root },
    missingHint: 'check the path; it is relative to the file that names it',
    refuse: ({ message, hint }: Refusal) => fail(message, hint),
  };
  const real = realPathOf(spec.path, rules);
  const stat = statSync(real);
  const hit = cache.get(real);
  if (hit && stat.isFile() && hit.mtimeMs === stat.mtimeMs && hit.size === stat.size) return hit.logo;
  const bytes = readFileBytes(real, rules);
  const logo = decode(bytes, fail);
  cache.set(real, { mtimeMs: stat.mtimeMs, size: stat.size, logo });
  return logo;
}

function decode(bytes: Buffer, fail: (message: string, hint?: string) => never): Logo {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    const { width, height } = checkPng(bytes, fail);
    return { kind: 'image', src: `data:image/png;base64,${bytes.toString('base64')}`, width, height };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    const { width, height } = jpegSize(bytes) ?? fail('is not a readable JPEG (no frame header found)');
    checkPixels(width, height, fail);
    return { kind: 'image', src: `data:image/jpeg;base64,${bytes.toString('base64')}`, width, height };
  }
  if (/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/i.test(bytes.toString('latin1').replace(/^\xEF\xBB\xBF/, ''))) {
    // Strictly, as every text file: an SVG's text is drawn, and must not become replacement characters.
    const text = decodeText(bytes, ({ message, hint }) => fail(message, hint)).replace(/^\uFEFF/, '');
    const problem = svgProblem(text);
    if (problem)
      fail(
        `cannot be used: ${problem}`,
        'save the SVG with its images and fonts as plain shapes (e.g. "plain SVG" with text converted to paths)',
      );
    const size = svgSize(text) ?? fail('has no size: give the <svg> element width and height, or a viewBox');
    return { kind: 'svg', src: text, ...size };
  }
  return fail('is not a PNG, JPEG or SVG image');
}

/** Channels per pixel of each PNG colour type: grey, RGB, palette, grey and alpha, RGBA. */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

function checkPixels(width: number, height: number, fail: (message: string, hint?: string) => never): void {
  if (width < 1 || height < 1) fail('has no pixels');
  if (width * height > MAX_LOGO_PIXELS)
    fail(`is ${width}×${height} pixels; a logo may have at most ${MAX_LOGO_PIXELS / 1e6} million`, 'export it smaller');
}

/** Reads the chunks: a truncated or corrupt PNG is refused here, not halfway through rendering. */
function checkPng(bytes: Buffer, fail: (message: string, hint?: string) => never): { width: number; height: number } {
  let pos = 8;
  let width = 0;
  let height = 0;
  const data: Buffer[] = [];
  let bitsPerPixel = 32;
  let ended = false;
  while (pos + 8 <= bytes.length) {
    const length = bytes.readUInt32BE(pos);
    const type = bytes.toString('latin1', pos + 4, pos + 8);
    if (pos + 12 + length > bytes.length) break;
    const body = bytes.subarray(pos + 8, pos + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const [depth, colourType, , , interlace] = [body[8], body[9], body[10], body[11], body[12]];
      bitsPerPixel = depth! * (CHANNELS[colourType!] ?? 4);
      if (depth! > 8) fail(`has ${depth}-bit channels; briefing embeds 8-bit PNGs`, 'save it as an 8-bit PNG');
      if (interlace) fail('is interlaced', 'save it without interlacing');
      if (![0, 2, 3, 4, 6].includes(colourType!)) fail('has an unknown colour type');
    } else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') {
      ended = true;
      break;
    }
    pos += 12 + length;
  }
  if (!ended || width === 0) fail('is not a readable PNG (truncated or corrupt)');
  checkPixels(width, height, fail);
  // The size the header promises, checked before decoding: image data that inflates past it (a
  // "decompression bomb", a small file that would fill gigabytes) is refused as soon as it does.
  const promised = height * (1 + Math.ceil((width * bitsPerPixel) / 8));
  try {
    inflateSync(Buffer.concat(data), { maxOutputLength: promised + 1 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
      fail(
        `is not a readable PNG: its image data inflates to more than the ${width}×${height} pixels its header promises`,
        'export the logo again from an image editor',
      );
    fail('is not a readable PNG (its image data is corrupt)');
  }
  return { width, height };
}

/** Width and height from the first start-of-frame marker. */
function jpegSize(bytes: Buffer): { width: number; height: number } | undefined {
  let pos = 2;
  while (pos + 9 < bytes.length) {
    if (bytes[pos] !== 0xff) return undefined;
    const marker = bytes[pos + 1]!;
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01 || marker === 0xff) {
      pos += marker === 0xff ? 1 : 2;
      continue;
    }
    const length = bytes.readUInt16BE(pos + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return { height: bytes.readUInt16BE(pos + 5), width: bytes.readUInt16BE(pos + 7) };
    pos += 2 + length;
  }
  return undefined;
}

function svgSize(text: string): { width: number; height: number } | undefined {
  const tag = /<svg\b[^>]*>/i.exec(text)?.[0] ?? '';
  const attr = (name: string) => new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(tag)?.[1];
  const num = (v: string | undefined) => (v !== undefined && /^\s*[\d.]+\s*(px|pt)?\s*$/.test(v) ? parseFloat(v) : undefined);
  const box = attr('viewBox')
    ?.trim()
    .split(/[\s,]+/)
    .map(Number);
  const width = num(attr('width')) ?? (box?.length === 4 ? box[2] : undefined);
  const height = num(attr('height')) ?? (box?.length === 4 ? box[3] : undefined);
  return width && height && width > 0 && height > 0 ? { width, height } : undefined;
}
