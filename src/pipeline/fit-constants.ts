/**
 * Every tuning constant of fitting and placement, named for what it means,
 * in one place. Lengths are in points (72 to the inch); a body line of the
 * built-in template is about 12 pt at the designed size.
 */
export const FIT = {
  /** Scales closer than this (1% of the designed size) are not worth another layout: the fit is within 1% of the best. */
  scaleTolerance: 0.01,
  /** A page predicted from its blocks fits when it ends no further than this past its frame: rounding, not a line. */
  slack: 0.01,
  /** Points above the bottom margin a guess aims for: the last block's own bottom margin must fit too. */
  aim: 5,
  /** A fitting trial with less room than this left is final (or less: what a scale 1% larger would take; fit-search.ts). */
  closeEnough: 10,
  /** A first guess this close to the floor (3% of the designed size) tries the floor itself: if that does not fit, nothing will. */
  floorSnap: 0.03,
  /** Layouts one search on one axis may spend at most. */
  maxSearchSteps: 8,
  /**
   * First guesses of how much of a page's height shrinks per unit of scale:
   * in the built-in template, spacing is about a quarter of the height, and
   * type (which also rewraps lines) about one and a half times it. A
   * template that differs pays a layout more, never a worse fit.
   */
  spacingShare: 0.25,
  typeShare: 1.5,
  /** An optional item with no priority of its own. */
  defaultPriority: 50,
  /** Columns that end further apart than this (three body lines) are rearranged; a shrunk page ends its columns within it. */
  balance: 36,
  /** What evening out aims for: a little inside `balance`, since where a reader sees a column end (its last baseline) and where its ink ends differ by a point or two. */
  balanceAim: 30,
  /** A page with more than this much room left (an inch) looks short: its sources go to the foot of the page. */
  short: 72,
  /** How far above the room an even share of the columns may be and still be worth placing: the estimate's margin of error. */
  hope: 0.06,
  /** A move between columns costs as much as this much imbalance: blocks stay where the designer put them unless moving buys real balance. */
  moveCost: 14,
  /** A continuation's last page holding less than this share of a page holds "almost nothing" (the sources, a quote): pulled back by tighter spacing. */
  nearlyEmpty: 0.25,
  /** Beyond this many arrangements, only the likeliest are tried. */
  maxArrangements: 1 << 14,
} as const;
