/**
 * Tagged PDF (PDF/UA-1, issue #24): every briefing's structure tree, checked
 * by tests/helpers/structure.ts, and read as a screen reader would.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildBriefing } from '../src/index.js';
import { EXAMPLE } from './helpers/content.js';
import { checkStructure } from './helpers/structure.js';

describe('the example', () => {
  it('is tagged, and its tree passes the checker', async () => {
    const { pdf } = await buildBriefing({ path: EXAMPLE });
    const report = await checkStructure(pdf);
    console.log(report.reading);
    console.log(
      JSON.stringify(
        report.outline.map((o) => `${'  '.repeat(o.depth)}${o.role} ${o.text.slice(0, 40)}`),
        null,
        1,
      ),
    );
    expect(report.problems).toEqual([]);
  });
});
