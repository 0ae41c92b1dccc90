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
  return join(outDir, `${dated}${ext}`);
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
