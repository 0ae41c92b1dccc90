import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { briefingJsonSchema } from '../../src/content/schema.js';

// Editors read schema/briefing.schema.json; `npm run build` writes it from the zod schema. A stale file would
// mislead authors, so the committed file must be what the code would write today.
describe('schema/briefing.schema.json', () => {
  it('is the JSON Schema of the content schema the code validates with', () => {
    const file = JSON.parse(readFileSync(new URL('../../schema/briefing.schema.json', import.meta.url), 'utf8'));
    expect(file).toEqual(briefingJsonSchema());
  });
});
