import { describe, expect, it } from 'vitest';
import { buildBriefing } from '../../src/index.js';
import { withTuning } from '../../src/pdf/tuning/registry.js';
import { EXAMPLE, fixture } from '../helpers/content.js';
import { countTextObjects, parsePdf, type TextRun } from '../helpers/pdf.js';

// text-runs.ts writes alike words of a line as one text object; the page must read and look the same as word by word.

/** Each line of text as a reader sees it: its words joined, where it starts and ends. */
function lines(runs: TextRun[]) {
  const byLine = new Map<string, TextRun[]>();
  for (const r of runs) {
    if (r.text === '') continue;
    const key = `${r.page}:${r.y.toFixed(2)}`;
    byLine.set(key, [...(byLine.get(key) ?? []), r]);
  }
  return [...byLine].map(([key, rs]) => {
    rs.sort((a, b) => a.x - b.x);
    // Columns share baselines: split a line where a gap opens between runs.
    const segments: { text: string; start: number; end: number }[] = [];
    for (const r of rs) {
      const last = segments[segments.length - 1];
      if (last && r.x - last.end < 1) [last.text, last.end] = [last.text + r.text, r.x + r.width];
      else segments.push({ text: r.text, start: r.x, end: r.x + r.width });
    }
    return { key, segments };
  });
}

describe('text set in runs', () => {
  // pdf.js measures a run holding reordered Devanagari marks shorter than its glyphs reach (poppler and the rendered
  // page agree they did not move), so where a line ends is compared for the Latin example only.
  for (const [name, path, ends] of [
    ['the example', EXAMPLE, true],
    ['a multi-script briefing', fixture('scripts/briefing.yaml'), false],
  ] as const) {
    it(`sets ${name} with the same words in the same places as word by word, in fewer text objects`, async () => {
      const runs = await buildBriefing({ path });
      const words = await withTuning({ off: ['text-runs'] }, () => buildBriefing({ path }));
      const [r, w] = [await parsePdf(runs.pdf), await parsePdf(words.pdf)];
      expect(r.text.replace(/\s+/g, ' ')).toBe(w.text.replace(/\s+/g, ' '));
      const [lr, lw] = [lines(r.runs), lines(w.runs)];
      expect(lr.map((l) => l.key)).toEqual(lw.map((l) => l.key));
      lr.forEach((line, i) => {
        expect(line.segments.map((s) => s.text)).toEqual(lw[i]!.segments.map((s) => s.text));
        line.segments.forEach((s, j) => {
          expect(s.start).toBeCloseTo(lw[i]!.segments[j]!.start, 2);
          if (ends) expect(s.end).toBeCloseTo(lw[i]!.segments[j]!.end, 2);
        });
      });
      expect(await countTextObjects(runs.pdf)).toBeLessThan((await countTextObjects(words.pdf)) / 3);
      expect(runs.pdf.length).toBeLessThan(words.pdf.length);
    });
  }
});
