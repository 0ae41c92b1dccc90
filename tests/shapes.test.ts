/**
 * Briefings of different shapes, each read back from the PDF with positions:
 * one page (or the right page count when it may overflow), and whenever
 * fitting shrank type or left something out, the two columns end within
 * 36 pt (three body lines) of each other.
 */
import { describe, expect, it } from 'vitest';
import { buildBriefing, type BuildResult } from '../src/index.js';
import { fixture } from './helpers/content.js';
import { parsePdf, type ParsedPdf } from './helpers/pdf.js';

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
  ]) {
    it(name, async () => {
      const { result, pdf } = await build(name);
      expect(pdf.pages).toBe(1);
      const ends = columnEnds(pdf);
      if (shrunk(result)) expect(Math.abs(ends.main - ends.side)).toBeLessThanOrEqual(36);
      console.log(name, result.fit.summary, result.fit.passes, ends);
    });
  }
});
