/**
 * Quotes that placement spreads over both columns still read in the
 * content's order: the main column's come first, the side column's after
 * (fixture quote-order: before, the optional fourth quote stayed in the main
 * column and was read before the required third, moved to the side).
 */
import { describe, expect, it } from 'vitest';
import { buildBriefing } from '../../src/index.js';
import { inContentOrder } from '../../src/pipeline/placement.js';
import { fixture } from '../helpers/content.js';
import { parsePdf, squash } from '../helpers/pdf.js';

const QUOTES = ['The Eagle has landed', 'one giant leap', 'Magnificent desolation', 'priceless moment', 'this nation should commit'];

describe('quotes spread over both columns (fixture quote-order)', () => {
  it('read in the content’s order: main column first, then the side, in the PDF’s text and on the page', async () => {
    const result = await buildBriefing({ path: fixture('quote-order/briefing.yaml') });
    const { arrangement } = result.fit;
    const mainQuotes = arrangement.main.filter((b) => b.kind === 'quote').map((b) => b.index);
    const sideQuotes = arrangement.side.filter((b) => b.kind === 'quote').map((b) => b.index);
    // Placement did move quotes (else this fixture shows nothing).
    expect(sideQuotes.length).toBeGreaterThan(0);
    expect(mainQuotes.length).toBeGreaterThan(0);

    const parsed = await parsePdf(result.pdf);
    const text = squash(parsed.text);
    const at = QUOTES.map((q) => text.indexOf(squash(q)));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);

    // On the page: each quote's column, from where its first words are; every main-column quote comes before every side one.
    const sideX = parsed.runs.find((r) => r.text.includes('16 Jul 1969'))!.x;
    const columns = ['Houston', 'small step', 'Magnificent', 'priceless', 'I believe'].map((words) =>
      parsed.runs.find((r) => r.text.includes(words))!.x >= sideX - 1 ? 'side' : 'main',
    );
    expect(columns).toContain('side');
    expect(columns.lastIndexOf('main')).toBeLessThan(columns.indexOf('side'));
  });
});

describe('inContentOrder', () => {
  const q = (index: number) => ({ kind: 'quote' as const, index });
  const k = (index: number) => ({ kind: 'keyFacts' as const, index });
  it('lets quotes move to the side only from the end, and boxes to the main column only from the start', () => {
    expect(inContentOrder({ main: [q(0), q(1)], side: [q(2)] })).toBe(true);
    expect(inContentOrder({ main: [q(0), q(2)], side: [q(1)] })).toBe(false);
    expect(inContentOrder({ main: [k(0)], side: [k(1), q(0)] })).toBe(true);
    expect(inContentOrder({ main: [k(1)], side: [k(0)] })).toBe(false);
  });
});
