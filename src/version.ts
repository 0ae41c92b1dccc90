import { readFileSync } from 'node:fs';

/** briefing's own version, from package.json (written into every PDF's Creator). */
export const VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
