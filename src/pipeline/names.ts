import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Briefing } from '../types.js';

/**
 * The file name a briefing is written under: an ASCII slug of its reference
 * (or, failing that, its headline) and its date, e.g.
 * `dsb-2025-047-2025-12-01.pdf`. Safe on every file system, in every mail
 * client and in a URL: no spaces, no accents, nothing to quote.
 */
export function outputName(briefing: Pick<Briefing, 'reference' | 'headline' | 'date'>, outDir: string, ext = '.pdf'): string {
  const stem = slug(briefing.reference) || slug(briefing.headline).slice(0, 60).replace(/-+$/, '') || 'briefing';
  const dated = stem.includes(briefing.date) ? stem : `${stem}-${briefing.date}`;
  return join(outDir, `${dated.length <= MAX_STEM ? dated : shortened(stem, briefing.date)}${ext}`);
}

/**
 * File systems allow 255 bytes a name, and the temporary name a file is
 * written under is longer than the name itself. A longer stem keeps its
 * start, readable, and a short hash of the whole, so that two long
 * references that start alike still get names of their own.
 */
const MAX_STEM = 120;

function shortened(stem: string, date: string): string {
  const hash = createHash('sha256').update(stem).digest('hex').slice(0, 10);
  const cut = stem.slice(0, MAX_STEM - hash.length - date.length - 2);
  // End on a whole word where one ends near enough.
  const word = cut.lastIndexOf('-');
  return `${(word > cut.length * 0.75 ? cut.slice(0, word) : cut).replace(/-+$/, '')}-${hash}-${date}`;
}

export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u0141\u0142]/g, 'l') // Ł ł
    .replace(/[øØ]/g, 'o')
    .replace(/ß/g, 'ss')
    .replace(/[æÆ]/g, 'ae')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
}
