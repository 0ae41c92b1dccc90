/**
 * The search fitting runs on one axis (spacing, or type size): the largest
 * scale x in [lo, hi] at which the content fits. Pure: it is handed a
 * measuring function and knows nothing of pdfmake, templates or pages, so a
 * newcomer can test or change it with a fake measurer
 * (tests/unit/pipeline/fit-search.test.ts).
 *
 * The search keeps a bracket: the largest fitting sample and the smallest
 * over. Heights grow with the scale but not along a line (columns rewrap,
 * tables switch widths), so each guess is a regula falsi step between the
 * two ends' measured heights, aimed half a tolerance's worth of height under
 * the limit, with the Illinois correction: when the same end is kept twice
 * running, the other end's weight halves, so guesses lean across instead of
 * creeping up one side one small step at a time; on a plateau (one end's
 * last two samples the same height) it halves instead. A guess within
 * `tolerance` of the over end moves to one tolerance under it, and one near
 * the fitting end to at least half a tolerance above it, so every
 * measurement closes the bracket or shrinks it by half a tolerance or more
 * (a guess that fits near the fitting end is usually `full`). The search stops when the
 * bracket is within `tolerance` or the room left is under what a scale
 * `tolerance` larger would take; it never stops at `lo` while a larger scale
 * fits.
 */
import { FIT } from './fit-constants.js';

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
  /** Points under the limit a guess aims for, at most (less when a tolerance's worth of scale takes less). */
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

  /** Points of height per unit of scale between `b` and `over`, as far as the two say. */
  const slopeOf = (b: Sample<T>) => (Math.max(over.height, limit) - b.height) / (over.x - b.x);
  /**
   * Whether the room `best` leaves is too little for a scale `tolerance` larger: the spare room is under what 1%
   * more would take. Heights are not straight lines (columns rewrap, blocks move), so of the slopes known around
   * `best` (to `over`, and from the fitting sample before it) the gentler one says how much 1% more would take.
   */
  const full = (b: Sample<T>) => {
    let slope = slopeOf(b);
    if (below && b.x > below.x) slope = Math.min(slope, (b.height - below.height) / (b.x - below.x));
    // A plateau (no growth between two fitting samples) says a larger scale may cost nothing: not full.
    return slope > 0 && limit - b.height < Math.min(closeEnough, slope * tolerance);
  };
  // Illinois: when the same end of the bracket is kept twice running, the other end's distance from the target
  // counts half (then a quarter...), so the next guess leans across instead of creeping up one side.
  let fitRun = 0; // fitting samples in a row
  let overRun = 0; // over samples in a row
  while (steps < maxSteps) {
    if (best && (over.x - best.x <= tolerance || full(best))) break;
    if (!best && over.x <= lo) break;
    const from = best ? best.x : lo;
    // A sample that broke onto a second page is over the limit, whatever its height says: take it as `aim` over.
    const overHeight = over.height > limit ? over.height : limit + aim;
    let x: number;
    if (best) {
      // Aim half a tolerance's worth of height under the limit (at most `aim`): a guess the line gets right then both
      // fits and is `full`, and one it gets a little wrong still lands within a tolerance of the answer.
      const target = limit - Math.min(aim, (slopeOf(best) * tolerance) / 2);
      const under = (target - best.height) / 2 ** Math.max(overRun - 1, 0);
      const past = (overHeight - target) / 2 ** Math.max(fitRun - 1, 0);
      // The same height at both of one end's last samples is a plateau (a column that did not rewrap): the line
      // through the ends says nothing of where the step is, and halving finds it surer.
      const flat = (overRun > 0 && above?.height === over.height) || (fitRun > 1 && below?.height === best.height);
      x = under + past > 0 && !flat ? best.x + ((over.x - best.x) * Math.max(under, 0)) / (under + past) : (best.x + over.x) / 2;
    } else {
      const slope = above && above.x > over.x ? (above.height - over.height) / (above.x - over.x) : share * over.height;
      const target = limit - Math.min(aim, (slope * tolerance) / 2);
      x = slope > 0 ? over.x - (overHeight - target) / slope : lo;
      // Close to the floor, try the floor itself: if that does not fit, nothing on this axis will.
      if (x < lo + (options.floorSnap ?? FIT.floorSnap)) x = lo;
    }
    if (best) {
      // A guess within the tolerance of an end is moved away from it (half a tolerance above the fitting end, a whole
      // one under the over end): whichever way it turns out, the bracket then closes or shrinks by that, never a sliver.
      if (x < from + tolerance) x = Math.min(Math.max(x, from + tolerance / 2), (from + over.x) / 2);
      else if (x > over.x - tolerance) x = Math.max(over.x - tolerance, (from + over.x) / 2);
    } else if (!(x >= from + tolerance / 3 && x <= over.x - tolerance / 3) && x !== lo) x = (from + over.x) / 2;
    x = Math.round(x * 1000) / 1000;
    if (x >= over.x || (best && x <= best.x)) break;
    const next = measure(x);
    steps++;
    if (next.fits) {
      [below, best] = [best, next];
      fitRun++;
      overRun = 0;
    } else {
      [above, over] = [over, next];
      limit = Math.min(limit, next.height);
      overRun++;
      fitRun = 0;
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
