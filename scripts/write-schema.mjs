// Writes schema/briefing.schema.json from the schema in the bundled library (run by `npm run build`).
import { mkdirSync, writeFileSync } from 'node:fs';
import { briefingJsonSchema } from '../dist/index.mjs';

const file = new URL('../schema/briefing.schema.json', import.meta.url);
mkdirSync(new URL('.', file), { recursive: true });
writeFileSync(file, `${JSON.stringify(briefingJsonSchema(), null, 2)}\n`);
