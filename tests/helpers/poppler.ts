/**
 * Reads a PDF's text with poppler's pdftotext, as Linux viewers, desktop
 * search and many mail indexers do (Debian's poppler-utils; .ci/run installs
 * it). Tests compare what it gives with what pdf.js gives.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * poppler marks the direction of the right-to-left text it reorders with
 * embedding characters (U+202A–U+202E): its markup of its own output, not
 * characters of the PDF. `marks: true` keeps them.
 */
export function popplerText(pdf: Uint8Array, options: { marks?: boolean; page?: number; raw?: boolean } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'briefing-poppler-'));
  try {
    const file = join(dir, 'in.pdf');
    writeFileSync(file, pdf);
    const pages = options.page === undefined ? [] : ['-f', String(options.page), '-l', String(options.page)];
    // raw: in the order the page draws it, as some indexers read, instead of poppler's reading order.
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', ...(options.raw ? ['-raw'] : []), ...pages, file, '-'], { encoding: 'utf8' });
    return options.marks ? text : text.replace(/[\u202a-\u202e]/g, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Each word poppler finds, with its box (points from the top left), in poppler's reading order. */
export function popplerWords(pdf: Uint8Array, page = 1): { text: string; xMin: number; xMax: number; yMin: number; yMax: number }[] {
  const dir = mkdtempSync(join(tmpdir(), 'briefing-poppler-'));
  try {
    const file = join(dir, 'in.pdf');
    writeFileSync(file, pdf);
    const html = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', '-f', String(page), '-l', String(page), file, '-'], {
      encoding: 'utf8',
    });
    const unescape = (s: string) =>
      s
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&');
    return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
      text: unescape(m[5]!).replace(/[\u202a-\u202e]/g, ''),
      xMin: Number(m[1]),
      yMin: Number(m[2]),
      xMax: Number(m[3]),
      yMax: Number(m[4]),
    }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Page `page` rendered by poppler (pdftoppm) in grey at `dpi`: one byte a pixel, row by row. */
export function popplerGray(pdf: Uint8Array, dpi: number, page = 1): { width: number; height: number; pixels: Uint8Array } {
  const dir = mkdtempSync(join(tmpdir(), 'briefing-poppler-'));
  try {
    const file = join(dir, 'in.pdf');
    writeFileSync(file, pdf);
    const out = join(dir, 'page');
    execFileSync('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', file, out]);
    // A binary PGM: "P5", width and height, the maximum (255), one whitespace, then the pixels.
    const pgm = readFileSync(`${out}.pgm`);
    const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
    return { width: Number(header[1]), height: Number(header[2]), pixels: pgm.subarray(header[0].length) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
