/*
 * A frozen copy of src/pipeline/fit-search.ts as it was before the regula falsi / Illinois search (issue #23),
 * kept only so fit-search.test.ts can show the new search spends fewer measurements on the same fake pages.
 * Not used by the product; delete it together with that comparison.
 */
/**
 * The search fitting runs on one axis (spacing, or type size): the largest
 * scale x in [lo, hi] at which the content fits. Pure: it is handed a
 * measuring function and knows nothing of pdfmake, templates or pages, so a
 * newcomer can test or change it with a fake measurer
 * (tests/unit/pipeline/fit-search.test.ts).
 *
 * Height is close to linear in the scale, so each guess is read off a
 * straight line (between the best fitting sample and the lowest one over,
 * or through the two lowest over while nothing fits yet) and aims a little
 * above the limit. The line is only a guide: every guess is kept strictly
 * inside the bracket, and a guess that would barely move it falls back to
 * halving (or, when the best fitting sample is already about full, to one
 * step of `tolerance` above it), so the search always closes the bracket to
 * `tolerance`; it never stops at `lo` while a larger scale fits.
 */
import { FIT } from '../../../../src/pipeline/fit-constants.js';

/** What measuring at one scale says. */
export interface Sample<T = unknown> {
  x: number;
  fits: boolean;
  /** Height the content needs (may be an estimate when it does not fit). */
  height: number;
  /** Height the page offers. */
  limit: number;
  /** Whatever the measurer made (a laid-out page, say), handed back with the answer. */
  value: T;
}

export type Measurer<T> = (x: number) => Sample<T>;

export interface SearchOptions {
  /** Scales closer than this are not worth another measurement (1% of the designed size by default). */
  tolerance?: number;
  /** Points above the limit a guess aims for. */
  aim?: number;
  /** A fitting sample with this little room left is final: another step could not gain a line. */
  closeEnough?: number;
  /** How much of the height shrinks per unit of scale, for the first guess when only one sample is known. */
  share?: number;
  /** A guess this close to `lo`, while nothing fits yet, measures `lo` itself. */
  floorSnap?: number;
  /** Measurements at most (the floor included). */
  maxSteps?: number;
}

export interface SearchResult<T> {
  /** The largest fitting sample found, or undefined if even `lo` does not fit. */
  best: Sample<T> | undefined;
  /** The lowest sample that did not fit (`over` as given if nothing below it was measured). */
  over: Sample<T>;
  /** Measurements made by this search. */
  steps: number;
}

/**
 * The largest x in [lo, over.x) that fits, to within `tolerance`. `over` is a
 * sample known not to fit; `fitting`, if known, a sample that fits (at lo or
 * above). Scales are rounded to thousandths, so the same scale is never
 * measured twice under two names.
 */
export function largestFitting<T>(
  measure: Measurer<T>,
  lo: number,
  over: Sample<T>,
  fitting?: Sample<T>,
  options: SearchOptions = {},
): SearchResult<T> {
  const tolerance = options.tolerance ?? FIT.scaleTolerance;
  const aim = options.aim ?? FIT.aim;
  const closeEnough = options.closeEnough ?? FIT.closeEnough;
  const share = options.share ?? 1;
  const maxSteps = options.maxSteps ?? FIT.maxSearchSteps;
  let best = fitting;
  let below: Sample<T> | undefined; // the fitting sample before `best`
  let above: Sample<T> | undefined; // the over sample before `over`
  let steps = 0;
  // Where the page really ends for this content: lower than the limit when a sample broke onto a second page short of it.
  let limit = Math.min(over.limit, over.height);
  const floorTried = () => best !== undefined || (above !== undefined && above.x === lo) || over.x === lo;

  /**
   * Whether the room `best` leaves is too little for a scale `tolerance` larger: the height grows by about
   * the slope between `best` and `over` per unit of scale, so a fit within tolerance of the best is found.
   */
  const full = (b: Sample<T>) => {
    const slope = (Math.max(over.height, limit) - b.height) / (over.x - b.x);
    return limit - b.height <= Math.min(closeEnough, slope > 0 ? slope * tolerance : closeEnough);
  };
  while (steps < maxSteps) {
    if (best && (over.x - best.x <= tolerance || full(best))) break;
    if (!best && over.x <= lo) break;
    const from = best ? best.x : lo;
    const target = limit - aim;
    let x: number;
    if (best) {
      // A sample that broke onto a second page is over the limit, whatever its height says.
      const overHeight = Math.max(over.height, limit + aim);
      let slope = (overHeight - best.height) / (over.x - best.x);
      // Two fitting samples measured the height exactly and near the target: their line is the better guide.
      if (below && best.x > below.x) slope = Math.max((best.height - below.height) / (best.x - below.x), 0) || slope;
      x = slope > 0 ? best.x + (target - best.height) / slope : (best.x + over.x) / 2;
    } else {
      const slope = above && above.x > over.x ? (above.height - over.height) / (above.x - over.x) : share * over.height;
      x = slope > 0 ? over.x - (over.height - target) / slope : lo;
      // Close to the floor, try the floor itself: if that does not fit, nothing on this axis will.
      if (x < lo + (options.floorSnap ?? FIT.floorSnap)) x = lo;
    }
    // Strictly inside the bracket, and far enough from its ends to shrink it; else halve it.
    const margin = tolerance / 3;
    if (best && x < from + margin)
      // The line says the best fitting sample is already about as full as it gets: one step of the tolerance above
      // it tells (if that does not fit, the bracket is closed), where halving would spend several measurements.
      x = Math.min(from + tolerance, (from + over.x) / 2);
    else if (!(x >= from + margin && x <= over.x - margin) && !(x === lo && !best)) x = (from + over.x) / 2;
    x = Math.round(x * 1000) / 1000;
    if (x >= over.x || (best && x <= best.x)) break;
    const next = measure(x);
    steps++;
    if (next.fits) [below, best] = [best, next];
    else {
      [above, over] = [over, next];
      limit = Math.min(limit, next.height);
      if (x <= lo) break;
    }
  }
  if (!best && !floorTried() && steps < maxSteps + 1) {
    // Out of steps with nothing that fits: the floor decides.
    const atFloor = measure(lo);
    steps++;
    if (atFloor.fits) best = atFloor;
    else over = atFloor;
  }
  return { best, over, steps };
}
