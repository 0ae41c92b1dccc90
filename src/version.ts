import { createRequire } from 'node:module';

/** briefing's own version, from package.json (written into every PDF's Creator). */
export const VERSION: string = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
