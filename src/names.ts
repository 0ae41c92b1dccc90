import { basename, extname, join } from 'node:path';

/**
 * The output file for a content file: same base name, `.pdf`, made safe for
 * every file system and mail client (ASCII letters, digits, dash, dot).
 */
export function outputName(contentFile: string, outDir: string, ext = '.pdf'): string {
  const base = basename(contentFile, extname(contentFile));
  const safe =
    base
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^[-.]+|[-.]+$/g, '')
      .toLowerCase() || 'briefing';
  return join(outDir, `${safe}${ext}`);
}
