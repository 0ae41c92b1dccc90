/**
 * The example's fitted document definition, as `briefing build --emit
 * docdef` writes it, against a golden copy: a change to the template, the
 * merge or the fitting that moves the document shows here as a readable
 * JSON diff, before it shows in a PDF. The golden is also the bench's
 * baseline input (bench/example-docdef.json), so the two never drift apart.
 * Updated on purpose: `npx vitest run tests/pdf/docdef-golden.test.ts -u`.
 */
import { describe, expect, it } from 'vitest';
import { fitBriefing } from '../../src/index.js';
import { EXAMPLE } from '../helpers/content.js';

describe("the example's fitted document definition", () => {
  it('is the golden one', async () => {
    const fitted = await fitBriefing({ path: EXAMPLE });
    expect(fitted.pages).toBe(1);
    await expect(`${JSON.stringify(fitted.docDefinition, null, 2)}\n`).toMatchFileSnapshot('../../bench/example-docdef.json');
  });
});
