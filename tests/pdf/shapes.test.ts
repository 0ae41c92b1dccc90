/**
 * Briefings of different shapes, each read back from the PDF with positions:
 * one page (or the right page count when it may overflow), and whenever
 * fitting shrank type or left something out, the two columns end within
 * 36 pt (three body lines) of each other.
 */
import { describe, expect, it } from 'vitest';
import { buildBriefing, type BuildResult } from '../../src/index.js';
import { fixture } from '../helpers/content.js';
import { parsePdf, squash, type ParsedPdf } from '../helpers/pdf.js';

/** Where the built-in template's side column starts on A4: page width, right margin, side width. */
const SIDE_LEFT = 595.28 - 40 - 200;

async function build(name: string, allowOverflow = false) {
  const result = await buildBriefing({ path: fixture(`${name}/briefing.yaml`) }, { allowOverflow });
  return { result, pdf: await parsePdf(result.pdf) };
}

/**
 * The baselines of the last lines of the main and side columns on the last
 * page, in points from the bottom: the lowest text above the sources.
 */
function columnEnds(pdf: ParsedPdf): { main: number; side: number } {
  const last = pdf.runs.filter((r) => r.page === pdf.pages && r.text.trim() !== '');
  const sources = last.find((r) => r.text.startsWith('SOURCES'));
  const floor = sources ? sources.y + 4 : 60;
  const body = last.filter((r) => r.y > floor);
  const lowest = (runs: typeof body) => Math.min(...runs.map((r) => r.y));
  return { main: lowest(body.filter((r) => r.x < SIDE_LEFT - 4)), side: lowest(body.filter((r) => r.x >= SIDE_LEFT - 4)) };
}

function shrunk(result: BuildResult): boolean {
  return result.fit.scale.type < 1 || result.fit.omitted.length > 0;
}

describe('briefings of every shape fit one page, their columns balanced when fitting had to shrink', () => {
  for (const name of [
    'shape-fact-heavy',
    'shape-story-heavy',
    'shape-quote-heavy',
    'shape-timeline-heavy',
    'shape-number-heavy',
    'fit-long',
    'fit-optional',
    'fit-story-heavy-long',
  ]) {
    it(name, async () => {
      const { result, pdf } = await build(name);
      expect(pdf.pages).toBe(1);
      const ends = columnEnds(pdf);
      // Shrunk or cut: within three body lines. As designed: placement evens out a column twice that much longer.
      // (Read from baselines, which sit a point or two off the ink ends fitting balances: 2 pt of slack.)
      expect(Math.abs(ends.main - ends.side)).toBeLessThanOrEqual(shrunk(result) ? 36 + 2 : 72);
      // Nothing is left out while the page has room for it.
      if (result.fit.omitted.length > 0) expect(result.fit.spareHeight).toBeLessThan(40);
    });
  }

  it('shape-story-heavy: the last sections continue below the side column’s box, at the designed size', async () => {
    const { result, pdf } = await build('shape-story-heavy');
    expect(result.fit.summary).toBe('fits as designed');
    const heading = pdf.runs.find((r) => r.text === 'WHAT TO WATCH')!;
    expect(heading.x).toBeGreaterThan(SIDE_LEFT - 4);
  });

  it('shape-fact-heavy: key-facts boxes move to the main column rather than the type shrinking', async () => {
    const { result, pdf } = await build('shape-fact-heavy');
    expect(result.fit.scale).toEqual({ type: 1, space: 1 });
    const titles = ['THE OBSERVATORY', 'THE LAUNCH', 'THE ORBIT', 'THE PROGRAMME', 'TIMELINE'].map((t) =>
      pdf.runs.find((r) => r.text === t)!,
    );
    expect(titles.some((r) => r.x < SIDE_LEFT - 4)).toBe(true);
    expect(titles.some((r) => r.x >= SIDE_LEFT - 4)).toBe(true);
  });
});

describe('a rebuild from the previous fit', () => {
  it('starts from its arrangement too: one pass, the same bytes', async () => {
    const file = fixture('fit-long/briefing.yaml');
    const first = await buildBriefing({ path: file });
    expect(first.fit.arrangement.side.map((b) => b.kind)).toContain('section'); // placement moved a section
    const { scale, omitted, arrangement } = first.fit;
    const again = await buildBriefing({ path: file }, { fitHint: { scale, omitted, arrangement } });
    expect(again.fit.passes).toBe(1);
    expect(Buffer.compare(again.pdf, first.pdf)).toBe(0);
  });
});

describe('a 60-word brief looks intentional', () => {
  it('keeps its type and panel beside the text, and sets its sources at the foot of the page', async () => {
    const { result, pdf } = await build('shape-sixty-words');
    expect(pdf.pages).toBe(1);
    expect(result.fit.scale).toEqual({ type: 1, space: 1 });
    const at = (t: string) => pdf.runs.find((r) => r.text.startsWith(t))!;
    // The panel sits beside the text, level with it, not below it.
    expect(at('THE BLOCKAGE').x).toBeGreaterThan(SIDE_LEFT - 4);
    expect(Math.abs(at('THE BLOCKAGE').y - at('WHAT HAPPENED').y)).toBeLessThan(12);
    // Sources just above the footer, not floating under the text.
    expect(at('SOURCES').y - at('STR-2021-012').y).toBeLessThan(40);
    expect(at('Tugs and dredgers').y - at('SOURCES').y).toBeGreaterThan(400);
  });
});

describe('a brief that needs two pages, with --allow-overflow', () => {
  it('is set at the designed size with nothing left out, each page marked, numbered and referenced', async () => {
    const { result, pdf } = await build('shape-two-pages', true);
    expect(pdf.pages).toBe(2);
    expect(result.fit.scale).toEqual({ type: 1, space: 1 });
    expect(result.fit.omitted).toEqual([]);
    expect(result.fit.summary).toBe('2 pages at the designed size, nothing left out (--allow-overflow)');
    for (const page of [1, 2]) {
      const runs = pdf.runs.filter((r) => r.page === page);
      const text = squash(runs.map((r) => r.text).join(''));
      expect(text.split('TLP:AMBER')).toHaveLength(3); // the marking top and bottom
      expect(runs.some((r) => r.text === `Page ${page} of 2`)).toBe(true);
      expect(runs.some((r) => r.text.startsWith('AVB-2010-041'))).toBe(true);
    }
    // Page 2 has a running header instead of the masthead; the headline is on page 1 only.
    const page2 = pdf.runs.filter((r) => r.page === 2);
    expect(page2.some((r) => r.text.includes('Ref. AVB-2010-041'))).toBe(true);
    expect(page2.some((r) => r.text.startsWith('European airspace reopens'))).toBe(false);
    // Everything is there, across the pages.
    const text = squash(pdf.text);
    for (const s of ['WHATTOWATCH', 'THECLOSURES', 'THENEWRULES', 'Eruptionbeginson', 'Safetyisourtoppriority']) expect(text).toContain(s);
  });

  it('ends no page on a lone heading', async () => {
    const { pdf } = await build('shape-two-pages', true);
    const headings = [
      'WHAT HAPPENED',
      'HOW THE AIRSPACE REOPENED',
      'WHY IT MATTERS',
      'THE SCIENCE',
      'WHAT THE INDUSTRY SAYS',
      'WHAT TO WATCH',
    ];
    for (const h of headings) {
      const run = pdf.runs.find((r) => r.text === h)!;
      // Some text of the same column follows it on its page, within two lines.
      const below = pdf.runs.filter((r) => r.page === run.page && Math.abs(r.x - run.x) < 30 && r.y < run.y && run.y - r.y < 30);
      expect(below.length, h).toBeGreaterThan(0);
    }
  });

  it('stays one page, with no page number, when it fits', async () => {
    const { pdf } = await build('shape-fact-heavy');
    expect(pdf.runs.some((r) => /^Page \d+ of/.test(r.text))).toBe(false);
  });
});
