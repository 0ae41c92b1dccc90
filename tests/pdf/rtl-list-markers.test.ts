/**
 * A right-to-left list's bullets (text/bidi.ts puts them in a column on the
 * right) sit on their item's first line. pdfmake sets a cell's baseline one
 * ascender of its face below the cell's top: a bullet in Noto Sans (1.07 em)
 * beside an item in Nastaliq (1.9 em) or Naskh (1.37 em) floated above the
 * line, 8 pt too high in Urdu. The bullet is now set in its item's face.
 * Read back with pdf.js: each bullet's baseline and font against the run
 * drawn beside it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBriefing } from '../../src/index.js';
import { fixture } from '../helpers/content.js';
import { parsePdf, type ParsedPdf, type TextRun } from '../helpers/pdf.js';

const CASES: [name: string, file: string][] = [
  ['ur-Aran', 'urdu-nastaliq/briefing.yaml'],
  ['ar', 'languages/ar.yaml'],
  ['fa', 'languages/fa.yaml'],
  ['he', 'languages/he.yaml'],
  ['fa, two pages', 'rtl-two-pages/fa.yaml'],
];

const built = new Map<string, ParsedPdf>();
beforeAll(async () => {
  for (const [name, file] of CASES)
    built.set(name, await parsePdf((await buildBriefing({ path: fixture(file) }, { allowOverflow: true })).pdf));
}, 300_000);

const family = (r: TextRun) => r.font.replace(/^[A-Z]{6}\+/, '').replace(/-\w+$/, '');

describe('bullets of a right-to-left list', () => {
  it.each(CASES.map(([name]) => name))('%s: each bullet on its item’s first baseline, in its item’s face', (name) => {
    const { runs } = built.get(name)!;
    const bullets = runs.filter((r) => r.text === '•');
    expect(bullets.length).toBeGreaterThan(0);
    for (const b of bullets) {
      // The item's first line: the text drawn left of the bullet within half a line of it. Its baseline is the
      // height most of its runs share (a Nastaliq word's pieces are raised off it); its face, the closest run's.
      const near = runs
        .filter(
          (r) => r.page === b.page && r !== b && r.text.trim() !== '' && r.x + r.width <= b.x + 1 && Math.abs(r.y - b.y) < 0.6 * b.size,
        )
        .sort((p, q) => q.x + q.width - (p.x + p.width));
      // Only the item's own runs, leftwards from the bullet without a gap of a column's gutter (not the side column's).
      const line: TextRun[] = [];
      let edge = b.x;
      for (const r of near) {
        if (edge - (r.x + r.width) > 3 * b.size) break;
        line.push(r);
        edge = Math.min(edge, r.x);
      }
      expect(line.length, `bullet at ${b.x.toFixed(1)}, ${b.y.toFixed(1)}`).toBeGreaterThan(0);
      const counts = new Map<number, number>();
      for (const r of line) counts.set(Math.round(r.y * 10) / 10, (counts.get(Math.round(r.y * 10) / 10) ?? 0) + 1);
      const baseline = [...counts].sort((p, q) => q[1] - p[1] || p[0] - q[0])[0]![0];
      expect(Math.abs(baseline - b.y), `bullet at ${b.y.toFixed(1)}, its line at ${baseline}`).toBeLessThan(0.5);
      const closest = line.sort((p, q) => q.x + q.width - (p.x + p.width))[0]!;
      expect(family(b), `beside "${closest.text}"`).toBe(family(closest));
    }
  });
});
