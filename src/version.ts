import { readFileSync } from 'node:fs';
import { PACKAGE_ROOT } from './paths.js';

/** briefing's own version, from package.json (written into every PDF's Creator). */
export const VERSION: string = (JSON.parse(readFileSync(new URL('package.json', PACKAGE_ROOT), 'utf8')) as { version: string }).version;
