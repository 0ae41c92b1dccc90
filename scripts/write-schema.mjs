// Writes the JSON Schemas for editors from the schemas in the bundled library (run by `npm run build`):
// schema/briefing.schema.json (content files) and schema/briefing.config.schema.json (briefing.config.yaml).
import { mkdirSync, writeFileSync } from 'node:fs';
import { briefingJsonSchema, configJsonSchema } from '../dist/index.mjs';

for (const [name, schema] of [
  ['briefing.schema.json', briefingJsonSchema()],
  ['briefing.config.schema.json', configJsonSchema()],
]) {
  const file = new URL(`../schema/${name}`, import.meta.url);
  mkdirSync(new URL('.', file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`);
}
