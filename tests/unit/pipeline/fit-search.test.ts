/**
 * The search fitting runs on one axis, with fake measurers: a page whose
 * height is a function of the scale (linear, curved, stepped like whole
 * lines), no pdfmake. What matters is the outcome: the largest scale that
 * fits, within 1%, and never the floor while a larger scale fits.
 */
import { describe, expect, it } from 'vitest';
import { largestFitting, type Sample } from '../../../src/pipeline/fit-search.js';
import { largestFitting as largestFittingBefore } from './reference/fit-search-before.js';

const LIMIT = 742;

/** A page whose content is `height(x)` tall at scale x; counts its measurements. */
function page(height: (x: number) => number, limit = LIMIT) {
  const seen: number[] = [];
  const measure = (x: number): Sample<number> => {
    seen.push(x);
    const h = height(x);
    return { x, fits: h <= limit, height: h, limit, value: x };
  };
  return { measure, seen };
}

/** The true answer, by brute force over thousandths. */
function truth(height: (x: number) => number, lo: number, hi: number, limit = LIMIT): number | undefined {
  for (let x = Math.round(hi * 1000); x >= Math.round(lo * 1000); x--) if (height(x / 1000) <= limit) return x / 1000;
  return undefined;
}

const cases: [string, (x: number) => number][] = [
  ['linear', (x) => 300 + 520 * x],
  ['curved (type rewraps lines)', (x) => 200 + 640 * x * x],
  ['stepped by whole lines of 12 pt', (x) => 300 + 12 * Math.ceil((520 * x) / 12)],
  ['steep near the top', (x) => 600 + 400 * Math.pow(x, 6)],
  ['flat, then a block jumps to the next column', (x) => (x < 0.93 ? 700 + 20 * x : 760 + 100 * x)],
];

describe('largestFitting', () => {
  for (const [name, height] of cases) {
    it(`finds the largest scale that fits within 1%: ${name}`, () => {
      const { measure, seen } = page(height);
      const expected = truth(height, 0.5, 1)!;
      const r = largestFitting(measure, 0.5, measure(1), undefined, { closeEnough: 0 });
      expect(r.best).toBeDefined();
      expect(r.best!.fits).toBe(true);
      expect(r.best!.height).toBeLessThanOrEqual(LIMIT);
      expect(r.best!.x).toBeLessThanOrEqual(expected);
      expect(r.best!.x).toBeGreaterThanOrEqual(expected - 0.01);
      // No scale is measured twice.
      expect(new Set(seen).size).toBe(seen.length);
    });
  }

  it('never stops at the floor while the page has room: a wrong first guess is corrected', () => {
    // A measurer that says a tenth of the height shrinks per unit of scale, when in truth it is most of it.
    const height = (x: number) => 100 + 900 * x;
    const { measure } = page(height);
    const r = largestFitting(measure, 0.5, measure(1), undefined, { share: 0.1, closeEnough: 0 });
    expect(r.best!.x).toBeGreaterThan(truth(height, 0.5, 1)! - 0.01);
    expect(r.best!.x).toBeGreaterThan(0.5);
  });

  it('stops early once the room left is under a line (closeEnough), with a page that fits', () => {
    const height = (x: number) => 300 + 520 * x;
    const { measure } = page(height);
    const r = largestFitting(measure, 0.5, measure(1), undefined, { closeEnough: 10 });
    expect(r.best!.fits).toBe(true);
    expect(LIMIT - r.best!.height).toBeLessThanOrEqual(30);
  });

  it('says nothing fits when even the floor does not, having measured the floor', () => {
    const { measure, seen } = page((x) => 900 + 100 * x);
    const r = largestFitting(measure, 0.85, measure(1));
    expect(r.best).toBeUndefined();
    expect(r.over.x).toBe(0.85);
    expect(seen).toContain(0.85);
  });

  it('tries the floor first when the first guess is that close to it: one measurement says no', () => {
    const { measure, seen } = page((x) => 2000 * x);
    const r = largestFitting(measure, 0.85, measure(1), undefined, { share: 1 });
    expect(r.best).toBeUndefined();
    expect(seen).toEqual([1, 0.85]);
  });

  it('starts from a known fitting sample and only searches above it', () => {
    const height = (x: number) => 300 + 520 * x;
    const { measure, seen } = page(height);
    const floor = measure(0.5);
    const r = largestFitting(measure, 0.5, measure(1), floor, { closeEnough: 0 });
    expect(r.best!.x).toBeGreaterThanOrEqual(truth(height, 0.5, 1)! - 0.01);
    expect(seen.filter((x) => x < 0.5)).toEqual([]);
  });

  it('keeps to its step budget even when the measurer is erratic', () => {
    let n = 0;
    const measure = (x: number): Sample<null> => {
      n++;
      const h = 700 + ((x * 7919) % 1) * 100; // fits or not, at random-looking scales
      return { x, fits: h <= LIMIT, height: h, limit: LIMIT, value: null };
    };
    const r = largestFitting(measure, 0.5, measure(1), undefined, { maxSteps: 6 });
    expect(r.steps).toBeLessThanOrEqual(7); // six, and the floor when nothing fitted
    expect(n).toBe(r.steps + 1);
  });
});

/**
 * Pages shaped like real ones: heights that grow with the scale but not along a line. Each is searched from the
 * designed size down to a floor of 0.45, as the spacing rung does.
 */
const shaped: [string, (x: number) => number][] = [
  // Whole lines of 12 pt in two columns that rewrap at different scales.
  ['two columns stepping by whole lines', (x) => 200 + 12 * Math.ceil((260 * x) / 12) + 12 * Math.ceil((330 * x * x) / 12)],
  // A table switches widths at 0.7: a jump of 40 pt, then gentler growth.
  ['a table that switches widths', (x) => (x < 0.7 ? 560 + 180 * x : 620 + 190 * x)],
  // Nothing changes over a stretch (a block moved to the other column), then lines come back quickly.
  ['a plateau, then steep', (x) => (x < 0.6 ? 640 + 150 * x : x < 0.85 ? 735 : 735 + 600 * (x - 0.85))],
  ['a long plateau just over the limit', (x) => (x < 0.55 ? 700 + 60 * x : 745 + 40 * (x - 0.55))],
  ['concave: most of the growth early', (x) => 500 + 330 * Math.sqrt(x)],
  ['convex: most of the growth late', (x) => 650 + 240 * x ** 4],
  ['stepped by 14 pt lines, nearly flat', (x) => 690 + 14 * Math.ceil((90 * x) / 14)],
];

describe('largestFitting on non-affine pages', () => {
  let steps = 0;
  let stepsBefore = 0;
  for (const [name, height] of shaped) {
    it(`finds a fitting scale within 1% of the largest: ${name}`, () => {
      const expected = truth(height, 0.45, 1);
      const { measure, seen } = page(height);
      const r = largestFitting(measure, 0.45, measure(1), undefined, { share: 0.25 });
      const old = page(height);
      const before = largestFittingBefore(old.measure, 0.45, old.measure(1), undefined, { share: 0.25 });
      steps += r.steps;
      stepsBefore += before.steps;
      if (expected === undefined) {
        expect(r.best).toBeUndefined();
        return;
      }
      expect(r.best!.fits).toBe(true);
      expect(height(r.best!.x)).toBeLessThanOrEqual(LIMIT);
      expect(r.best!.x).toBeGreaterThanOrEqual(expected - 0.01);
      expect(new Set(seen).size).toBe(seen.length);
    });
  }
  it('spends fewer measurements on them than the search before (a secant aimed 5 pt short, creeping up)', () => {
    expect(steps).toBeGreaterThan(0);
    expect(steps).toBeLessThan(stepsBefore);
  });
});
