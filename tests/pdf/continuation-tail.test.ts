/**
 * A continuation page that would hold almost nothing: with --allow-overflow,
 * fixture continuation-tail at the designed size takes two full pages and a
 * third with only the sources. The tail is pulled back onto page 2 by
 * tightening the spacing, never the type. Read back with pdf.js.
 */
import { describe, expect, it } from 'vitest';
import { buildBriefing } from '../../src/index.js';
import { fixture } from '../helpers/content.js';
import { parsePdf } from '../helpers/pdf.js';

describe('a continuation whose last page would hold only the sources (fixture continuation-tail)', () => {
  it('pulls the sources back onto the page before, at the designed type size, with nothing left out', async () => {
    const result = await buildBriefing({ path: fixture('continuation-tail/briefing.yaml') }, { allowOverflow: true });
    const parsed = await parsePdf(result.pdf);
    expect(parsed.pages).toBe(2);
    expect(result.fit.scale.type).toBe(1);
    expect(result.fit.scale.space).toBeLessThan(1);
    expect(result.fit.omitted).toEqual([]);
    expect(result.fit.summary).toMatch(/^2 pages at the designed type size, spacing -\d+%/);
    // The last page holds the end of the text as well as the sources.
    const last = parsed.runs.filter((r) => r.page === 2);
    expect(last.some((r) => r.text.includes('SOURCES'))).toBe(true);
    expect(last.some((r) => r.text.includes('planned depth'))).toBe(true);
    // Every key-facts box and section is in the PDF: nothing was left out to save the page.
    for (const words of ['THE PROGRAMME', 'THE CHANNEL', 'COSTS', 'WHAT TO WATCH']) expect(parsed.text).toContain(words);
  });

  it('leaves a continuation whose last page is well filled at the designed size', async () => {
    const result = await buildBriefing({ path: fixture('shape-two-pages/briefing.yaml') }, { allowOverflow: true });
    expect(result.pages).toBe(2);
    expect(result.fit.scale).toEqual({ type: 1, space: 1 });
    expect(result.fit.summary).toBe('2 pages at the designed size, nothing left out (--allow-overflow)');
  });
});
