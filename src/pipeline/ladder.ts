/**
 * The ladder of fitting, pure: given a way to measure a page (at a scale,
 * with some optional items left out, with the blocks arranged between the
 * columns), it decides which page to render. It knows nothing of pdfmake:
 * fit.ts hands it a measurer that adds the page up from its blocks
 * (blocks.ts) or lays it out whole, and tests hand it a fake
 * (tests/unit/pipeline/ladder.test.ts).
 *
 * The rungs, each only as far as needed:
 *   0. placement: move blocks between the columns, and widen the side
 *      column, so the columns end together (placement.ts does the arithmetic);
 *   1. spacing, down to the theme's floor;
 *   2. type, down to the theme's floor (spacing at its floor);
 *   3. omissions: leave out optional items, lowest priority first, as few as
 *      will do; required facts are never cut.
 * Each rung's scale is found by fit-search.ts. Every trial is kept for the
 * run, so no scale, set of omissions and arrangement is measured twice.
 * Tuning constants are in fit-constants.ts.
 */
import { FIT } from './fit-constants.js';
import { largestFitting, type Sample } from './fit-search.js';
import {
  arrangementKey,
  BlockExtents,
  balancedHeight,
  balancingWidth,
  choose,
  designedArrangement,
  imbalance,
  knowsAll,
  omissionsKey,
  opposite,
  predictAll,
  shortest,
  type Arrangement,
  type ColumnReading,
} from './placement.js';
import type { Briefing, FitHint, FitScale, Omissions, OmittedItem } from '../types.js';
import type { Theme } from '../template/theme.js';

/** One trial: what measuring the page at a scale, with some items left out and the blocks arranged, says. */
export interface Trial {
  fits: boolean;
  /** Height the content needs, from the top margin (all pages end to end when it does not fit). */
  height: number;
  /** Height the page offers between its margins. */
  available: number;
  /** Pages it takes (an estimate, 2, for a predicted page that does not fit), and the height its last one holds. */
  pages: number;
  lastPage: number;
  scale: FitScale;
  omit: Omissions;
  arrangement: Arrangement;
  /** Where its columns end (placement.ts); undefined when the page cannot tell. */
  columns: () => ColumnReading | undefined;
}

/** How the ladder measures a page. */
export interface PageMeasurer<T extends Trial> {
  /**
   * The page at `scale` with `omit` left out and the blocks as `arrangement`
   * says. `whole`: measured on the real page (laid out), not only added up
   * from its blocks; a measurer that only has one way may ignore it. The
   * ladder asks for each (scale, omissions, arrangement) at most once.
   */
  trial(scale: FitScale, omit: Omissions, arrangement: Arrangement, whole: boolean): T;
}

export interface LadderInput {
  briefing: Briefing;
  /** The theme's floors, what may move between the columns, and the side column's designed width. */
  theme: Pick<Theme, 'fit' | 'placement'> & { sideWidth?: unknown };
  /** Set the content at the designed size on as many pages as it takes, rather than refuse it. */
  allowOverflow: boolean;
  /** The previous build's fit (watch, preview), tried first. */
  hint?: FitHint | undefined;
  /** Measure every trial whole (after a prediction proved wrong). */
  exact: boolean;
}

/** What the ladder settled on. */
export type LadderResult<T extends Trial> =
  | { kind: 'fitted'; chosen: T; omitted: OmittedItem[]; passes: number }
  /** Not even the floor with every optional item left out fits: `omit` is that set, `arrangement` its arrangement. */
  | { kind: 'refused'; scale: FitScale; omit: Omissions; arrangement: Arrangement; candidates: OmittedItem[]; passes: number }
  /** The added-up page refused, but the page laid out whole fits: run again with `exact`. */
  | { kind: 'unsure'; passes: number };

/** The two scales the ladder searches, as the coordinate x of a trial and back. */
interface Axis {
  x: (s: FitScale) => number;
  at: (x: number) => FitScale;
  share: number;
}

/** Where blocks measured alike: the same scale and the same side column width. */
const scaleKey = (s: FitScale, a: Pick<Arrangement, 'sideWidth'>) => `${s.type}/${s.space}/${a.sideWidth ?? ''}`;

/** An arrangement's side column width, to carry over to another arrangement. */
const sideWidthOf = (a: Arrangement): Pick<Arrangement, 'sideWidth'> => (a.sideWidth !== undefined ? { sideWidth: a.sideWidth } : {});

const DESIGNED: FitScale = { type: 1, space: 1 };

/** Runs the ladder once: every trial through `measurer`. */
export function climb<T extends Trial>(measurer: PageMeasurer<T>, input: LadderInput): LadderResult<T> {
  return new Ladder(measurer, input).run();
}

class Ladder<T extends Trial> {
  private passes = 0;
  /** Every trial weighed so far, so that none is measured twice. */
  private readonly trials = new Map<string, T>();
  /** The arrangement last chosen for each set of omissions; the designed one until placement finds better. */
  private readonly arrangements = new Map<string, Arrangement>();
  /** Every block's height as measured, per scale and side width (placement.ts). */
  private readonly extents = new BlockExtents();
  private readonly movable: ReadonlySet<string>;
  private readonly placing: boolean;
  /** Measure every trial whole: set from the start after a wrong prediction, and for pages beyond the first. */
  private exact: boolean;
  /** The scale the previous build settled on at full size (watch, preview): its trial is likely the page rendered, measured whole at once. */
  private readonly likelyFinal: string | undefined;
  /** Whether arrangements keep the content's reading order across the columns (placement's inContentOrder). */
  private keepOrder = true;
  private readonly floor: FitScale;
  private readonly spacingAxis: Axis;
  private readonly typeAxis: Axis;

  constructor(
    private readonly measurer: PageMeasurer<T>,
    private readonly input: LadderInput,
  ) {
    const { theme, hint } = input;
    this.movable = new Set<string>(theme.placement?.movable ?? []);
    this.placing = this.movable.size > 0;
    this.exact = input.exact;
    this.likelyFinal = hint && hint.omitted.length === 0 && hint.scale.type === 1 && hint.scale.space === 1 ? '1/1' : undefined;
    const { minSpacing, minTypeScale } = theme.fit;
    this.floor = { type: minTypeScale, space: minSpacing };
    this.spacingAxis = { x: (s) => s.space, at: (space) => ({ type: 1, space }), share: FIT.spacingShare };
    this.typeAxis = { x: (s) => s.type, at: (type) => ({ type, space: minSpacing }), share: FIT.typeShare };
  }

  run(): LadderResult<T> {
    const { hint } = this.input;
    let chosen: T | undefined;
    if (hint && hint.omitted.length === 0 && (hint.scale.type < 1 || hint.scale.space < 1)) {
      // The previous fit, tried first: if it fits with less than closeEnough to spare, the ladder would settle there
      // too (to within that much), so it is taken as it is, in one pass. Omissions and the designed scale are left
      // to the ladder: whether less could be left out, or whether the designed size fits, only the ladder says.
      // Measured whole: a hint that still fits is the page rendered, and adding it up first would only add the work.
      const t = this.trial(hint.scale, {}, hint.arrangement ?? this.arrangementOf({}), true);
      if (t.fits && t.available - t.height <= FIT.closeEnough) {
        chosen = t;
        this.arrangements.set(omissionsKey({}), t.arrangement);
      }
    }
    chosen ??= this.tune({});
    let omitted: OmittedItem[] = [];

    if (!chosen) {
      const cut = this.omissionsRung();
      if (cut.kind !== 'fitted') return { ...cut, passes: this.passes };
      ({ chosen, omitted } = cut);
    }

    if (chosen.scale.type < 1 || omitted.length > 0) chosen = this.evenOut(chosen);
    else if (chosen.scale.space === 1 && chosen.pages === 1) {
      // Fits as designed, but one column stands far longer than the other: a designer would even them out.
      if (imbalance(chosen.columns()) > 2 * FIT.balance) {
        const re = this.place(chosen, true);
        if (re.fits) chosen = re;
      }
      if (chosen.available - chosen.height > FIT.short) chosen = this.footed(chosen);
    }
    return { kind: 'fitted', chosen, omitted, passes: this.passes };
  }

  private arrangementOf(omit: Omissions): Arrangement {
    return this.arrangements.get(omissionsKey(omit)) ?? designedArrangement(this.input.briefing, omit);
  }

  private trial(
    scale: FitScale,
    omit: Omissions,
    arrangement = this.arrangementOf(omit),
    whole = this.exact || (this.likelyFinal === `${scale.type}/${scale.space}` && omissionsKey(omit) === omissionsKey({})),
  ): T {
    const key = `${scale.type}/${scale.space}#${omissionsKey(omit)}#${arrangementKey(arrangement)}`;
    const known = this.trials.get(key);
    if (known) return known;
    this.passes++;
    const t = this.measurer.trial(scale, omit, arrangement, whole);
    this.trials.set(key, t);
    return t;
  }

  // Rungs 1 and 2: spacing, then type.

  private sample(axis: Axis, t: T): Sample<T> {
    return { x: axis.x(t.scale), fits: t.fits, height: t.height, limit: t.available, value: t };
  }

  /** The largest scale on `axis`, from `lo` up to `over` (which does not fit), that fits. */
  private search(axis: Axis, lo: number, over: T, fitting: T | undefined, measureAt: (s: FitScale) => T) {
    return largestFitting(
      (x) => this.sample(axis, measureAt(axis.at(x))),
      lo,
      this.sample(axis, over),
      fitting && this.sample(axis, fitting),
      {
        share: axis.share,
      },
    );
  }

  /** The loosest scale that fits with these omissions (rungs 0 to 2), or undefined if even the floor does not. */
  private tune(omit: Omissions, fittingFloor?: T): T | undefined {
    const measureAt = (s: FitScale) => this.at(s, omit);
    const { minSpacing, minTypeScale } = this.input.theme.fit;
    if (fittingFloor) {
      // Leaving items out only just made the floor fit: full-size type is the question, the designed size a long shot.
      const tight = measureAt(this.spacingAxis.at(minSpacing));
      if (!tight.fits) return this.search(this.typeAxis, minTypeScale, tight, fittingFloor, measureAt).best?.value;
    }
    const first = measureAt(DESIGNED);
    if (first.fits) return first;
    // Rung 1: spacing alone; its `over` is then the trial at the spacing floor, full-size type.
    const spacing = this.search(this.spacingAxis, minSpacing, first, undefined, measureAt);
    if (spacing.best) return spacing.best.value;
    // Rung 2: type, with spacing at its floor.
    const type = this.search(this.typeAxis, minTypeScale, spacing.over.value, fittingFloor, measureAt);
    return type.best?.value;
  }

  // Rung 3: omissions.

  /**
   * Leave out optional items, lowest priority first, as few as will do.
   * Before anything goes, blocks may also move against the content's order
   * (a quote read before one above it): an item on the page is worth more
   * than the order it is read in, and the tagged PDF reads them in content
   * order whatever the column.
   */
  private omissionsRung():
    | { kind: 'fitted'; chosen: T; omitted: OmittedItem[] }
    | Omit<Extract<LadderResult<T>, { kind: 'refused' }>, 'passes'>
    | { kind: 'unsure' } {
    const floor = this.floor;
    this.keepOrder = false;
    const candidates = optionalItems(this.input.briefing);
    // Every block measured in both columns at the floor, once: the arrangements of every set of omissions follow.
    const floorTrial = this.place(this.trial(floor, {}), true, 'shortest');
    const rest = floorTrial.columns()?.rest;
    /** Whether the floor fits with these left out: added up from the blocks measured there when they are known, else measured. */
    const fitsAtFloor = (items: OmittedItem[], addUp: boolean) => {
      const omit = toOmissions(items);
      if (addUp && rest !== undefined) {
        const best = this.predicted(scaleKey(floor, floorTrial.arrangement), omit);
        // Over by less than twice the columns' difference: another side column width may make it fit (a width
        // evens the columns out and rewraps them both, which has saved up to twice the difference): measure it.
        const over = best ? rest + best.height - floorTrial.available : undefined;
        if (over !== undefined && (over <= 0 || over > 2 * best!.imbalance)) return over <= 0;
      }
      return this.at(floor, omit).fits;
    };
    /** The fewest items to leave out, lowest priority first, with which the floor fits; undefined if none do. */
    const fewest = (addUp: boolean): OmittedItem[] | undefined => {
      // Fail fast: if leaving out everything optional does not make the floor fit, nothing will.
      if (candidates.length === 0 || !fitsAtFloor(candidates, addUp)) return undefined;
      // Leaving out more never takes room: the fewest from the front of the list that fit, by halving.
      let [lo, hi] = [0, candidates.length];
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (fitsAtFloor(candidates.slice(0, mid), addUp)) hi = mid;
        else lo = mid;
      }
      let drop = candidates.slice(0, hi);
      // The last item made room; the lower-priority ones dropped before it may fit again. Leave out as little as
      // possible: each is measured, since whether an item comes back is worth more than a trial.
      for (let j = drop.length - 2; j >= 0; j--) {
        const without = drop.filter((_, i) => i !== j);
        if (fitsAtFloor(without, false)) drop = without;
      }
      return drop;
    };

    if (floorTrial.fits) {
      // Rearranged with every block measured in both columns, the whole content fits at the floor: nothing goes.
      return { kind: 'fitted', chosen: this.tune({}, floorTrial) ?? floorTrial, omitted: [] };
    }
    // Added up first, then checked by measuring what was found; if the page disagrees, every step is measured.
    let drop = fewest(true);
    if (!drop || !this.at(floor, toOmissions(drop)).fits) drop = fewest(false);
    if (drop) {
      const chosen = this.tune(toOmissions(drop), this.at(floor, toOmissions(drop)));
      if (chosen) return { kind: 'fitted', chosen, omitted: drop };
    }
    const omit = toOmissions(candidates);
    if (!this.input.allowOverflow) {
      // A refusal is the page's word, not only the blocks': the floor with everything optional left out is measured
      // whole once. Should the page fit after all, the ladder must run again, measured whole.
      if (!this.exact && this.measurer.trial(floor, omit, this.arrangementOf(omit), true).fits) return { kind: 'unsure' };
      this.passes++;
      return { kind: 'refused', scale: floor, omit, arrangement: this.arrangementOf(omit), candidates };
    }
    // Set at the designed size with nothing left out, on as many pages as it takes, its columns balanced: pages
    // beyond the first are measured whole (where a column breaks is for pdfmake to say).
    this.exact = true;
    this.trials.clear();
    this.arrangements.clear();
    return { kind: 'fitted', chosen: this.pullTailBack(this.place(this.trial(DESIGNED, {}), true)), omitted: [] };
  }

  // Placement: between the columns, and the side column's width.

  /**
   * Placement at the scale of trial `t`: measures the blocks once in the
   * opposite columns, predicts every arrangement by adding measured heights,
   * and measures the best one (the best balanced that fits, or else the
   * shortest). Only when the columns of `t` end more than FIT.balance apart
   * and, if `t` does not fit, an even share of them could, unless `force`.
   * Returns the better of `t` and the new trial.
   */
  private place(t: T, force = false, pick: 'balanced' | 'shortest' = 'balanced'): T {
    if (!this.placing) return t;
    const { briefing } = this.input;
    const home = t.columns();
    if (!home || (!force && imbalance(home) <= FIT.balance)) return t;
    // Even shared out evenly, the columns would not fit at this scale: no arrangement can.
    if (!force && !t.fits && balancedHeight(home) > (t.available - home.rest) * (1 + FIT.hope)) return t;
    // Blocks already measured at this scale and width are not measured again: only a block not yet seen in
    // both columns needs the probe (every movable block in the other column), which keeps the side width.
    const width = sideWidthOf(t.arrangement);
    const at = scaleKey(t.scale, t.arrangement);
    this.extents.record(at, home, briefing, t.omit);
    let model = this.extents.model(at, briefing, t.omit);
    if (!knowsAll(briefing, t.omit, this.movable, model)) {
      const away = this.trial(t.scale, t.omit, { ...opposite(briefing, t.omit, this.movable, t.arrangement), ...width }).columns();
      if (!away) return t;
      this.extents.record(at, away, briefing, t.omit);
      model = this.extents.model(at, briefing, t.omit);
    }
    const predictions = predictAll(briefing, t.omit, this.movable, model, this.keepOrder);
    const best = pick === 'shortest' ? shortest(predictions) : choose(predictions, t.available - home.rest - FIT.aim);
    if (!best || arrangementKey(best.arrangement) === arrangementKey(t.arrangement)) return t;
    const placed = this.trial(t.scale, t.omit, { ...best.arrangement, ...width });
    const better =
      pick === 'shortest'
        ? placed.fits >= t.fits && placed.height < t.height
        : placed.fits
          ? !t.fits || imbalance(placed.columns()) < imbalance(home)
          : placed.height < t.height;
    if (!better) return t;
    this.arrangements.set(omissionsKey(t.omit), placed.arrangement);
    return placed;
  }

  /** The shortest arrangement the blocks measured at `at` predict for these omissions, if every movable one was measured. */
  private predicted(at: string, omit: Omissions) {
    const { briefing } = this.input;
    const model = this.extents.model(at, briefing, omit);
    return knowsAll(briefing, omit, this.movable, model)
      ? shortest(predictAll(briefing, omit, this.movable, model, this.keepOrder))
      : undefined;
  }

  /**
   * The best this scale can do with these omissions: as arranged so far,
   * rearranged into the shortest arrangement when its columns end far apart
   * (it may fit at a larger scale, and the search must know; the columns are
   * evened out once the scale is found). The arrangement found is
   * where the next scale starts, so a search rearranges about once.
   */
  private at(scale: FitScale, omit: Omissions): T {
    if (this.placing && !this.arrangements.has(omissionsKey(omit))) {
      // Omissions not tried yet: start from the arrangement the blocks measured at this scale (and the side
      // column's width found with nothing left out) predict.
      const width = sideWidthOf(this.arrangementOf({}));
      const best = this.predicted(scaleKey(scale, width), omit);
      if (best) this.arrangements.set(omissionsKey(omit), { ...best.arrangement, ...width });
    }
    const t = this.trial(scale, omit);
    // As designed and fitting: the page as its designer drew it (evened out at the end if far out of balance).
    if (t.fits && scale.type === 1 && scale.space === 1) return t;
    return this.widen(this.place(t, false, 'shortest'));
  }

  /**
   * Blocks come whole; what they leave uneven, the side column's width takes
   * up, within the theme's range: columns that end together are also the
   * shortest. Tried when they end more than `aim` apart. Returns `t` unless a
   * width makes it better balanced and fit no worse (when neither fits,
   * shorter: the search reads their heights).
   */
  private widen(t: T, aim: number = FIT.balance): T {
    const { theme } = this.input;
    const range = theme.placement?.sideWidth;
    // Worth a trial when the columns end further apart than `aim`, or, on a page that does not fit, when
    // evening them out (which saves about half their difference, give or take) could make it fit.
    const worth = (t: T) => imbalance(t.columns()) > (t.fits ? aim : t.height - t.available);
    for (let i = 0; i < 2 && range && worth(t); i++) {
      const width = balancingWidth(t.columns()!, range);
      if (width === undefined || width === (t.arrangement.sideWidth ?? theme.sideWidth)) break;
      const widened = this.trial(t.scale, t.omit, { ...t.arrangement, sideWidth: width });
      const worse = !widened.fits && (t.fits || widened.height >= t.height);
      if (worse || imbalance(widened.columns()) >= imbalance(t.columns())) break;
      this.arrangements.set(omissionsKey(t.omit), widened.arrangement);
      t = widened;
    }
    return t;
  }

  // Finishing: the page as a designer would leave it.

  /**
   * Shrunk or cut: the columns must end together (within FIT.balance), and
   * the page must not end far above its frame. Rearranged or widened, the
   * page may have room again: it goes back to the type.
   */
  private evenOut(t: T): T {
    for (let round = 0; round < 2; round++) {
      if (imbalance(t.columns()) > FIT.balanceAim) {
        const re = this.place(t, true);
        if (re.fits) t = re;
      }
      t = this.fromDesignedWidth(this.widen(t, FIT.balanceAim));
      if (!(t.scale.type < 1 && t.available - t.height > FIT.closeEnough)) break;
      // Room again: the largest type that fits in this arrangement, so the columns stay as they were evened out.
      const arrangement = t.arrangement;
      const fixed = (s: FitScale) => this.trial(s, t.omit, arrangement);
      const top = fixed(this.typeAxis.at(1));
      const grown = top.fits ? top : this.search(this.typeAxis, t.scale.type, top, t, fixed).best?.value;
      if (!grown || grown === t || imbalance(grown.columns()) > Math.max(FIT.balance, imbalance(t.columns()))) break;
      t = grown;
    }
    return t;
  }

  /**
   * Placement (at one side width) and the side width (for one arrangement),
   * each in turn, can stall: at the narrowest side column the arrangement
   * that would balance does not fit, so placement never picks it, and the
   * width never moves for the arrangement it did pick. From the designed
   * width, placement sees the blocks anew. Returns the better balanced.
   */
  private fromDesignedWidth(t: T): T {
    const designed = this.input.theme.sideWidth;
    const width = t.arrangement.sideWidth;
    if (imbalance(t.columns()) <= FIT.balance || typeof designed !== 'number' || width === undefined || width === designed) return t;
    const start = this.trial(t.scale, t.omit, { ...t.arrangement, sideWidth: designed });
    const re = this.widen(this.place(start, true), FIT.balanceAim);
    if (!re.fits || imbalance(re.columns()) >= imbalance(t.columns())) return t;
    this.arrangements.set(omissionsKey(t.omit), re.arrangement);
    return re;
  }

  /** A short briefing: the room left goes above the sources, which then sit at the foot of the page. */
  private footed(t: T): T {
    const footGap = Math.floor(t.available - t.height - 1);
    const moved = this.trial(t.scale, t.omit, { ...t.arrangement, footGap });
    // A page with nothing to set at the foot (no sources) takes no gap: its room stays at the foot, and is reported there.
    return moved.fits && moved.height >= t.height + footGap - 1 ? moved : t;
  }

  /**
   * A continuation whose last page holds almost nothing (the sources alone,
   * or a quote and the sources, under FIT.nearlyEmpty of a page) looks
   * unfinished: a designer pulls that tail back onto the page before. The
   * spacing is tightened, never the type (set at the designed size with
   * --allow-overflow): the loosest spacing, to within FIT.scaleTolerance, that
   * takes a page off. If even the tightest spacing does not, the pages stay.
   */
  private pullTailBack(t: T): T {
    const { minSpacing } = this.input.theme.fit;
    if (t.pages < 2 || t.lastPage > FIT.nearlyEmpty * t.available) return t;
    const fewer = (x: T) => x.pages < t.pages;
    let best = this.trial({ type: 1, space: minSpacing }, t.omit, t.arrangement);
    if (!fewer(best)) return t;
    let [lo, hi] = [minSpacing, 1];
    while (hi - lo > FIT.scaleTolerance) {
      const mid = Math.round(((lo + hi) / 2) * 1000) / 1000;
      const next = this.trial({ type: 1, space: mid }, t.omit, t.arrangement);
      if (fewer(next)) [best, lo] = [next, mid];
      else hi = mid;
    }
    return best;
  }
}

/** The optional items, in the order they are left out: lowest priority first; among equals, the later in the file. */
export function optionalItems(b: Briefing): OmittedItem[] {
  const items: (OmittedItem & { priority: number; order: number })[] = [];
  let order = 0;
  const add = (
    kind: OmittedItem['kind'],
    key: string,
    list: { optional?: boolean | undefined; priority?: number | undefined }[],
    label: (i: number) => string,
  ) =>
    list.forEach((item, index) => {
      if (item.optional)
        items.push({
          kind,
          index,
          label: label(index),
          path: `${key}[${index}]`,
          priority: item.priority ?? FIT.defaultPriority,
          order: order++,
        });
    });
  add('keyFacts', 'keyFacts', b.keyFacts, (i) => b.keyFacts[i]!.title);
  add('section', 'sections', b.sections, (i) => b.sections[i]!.heading);
  add('quote', 'quotes', b.quotes, (i) => firstWords(b.quotes[i]!.text));
  add('timeline', 'timeline', b.timeline, (i) => b.timeline[i]!.date);
  add('chart', 'charts', b.charts ?? [], (i) => b.charts[i]!.title);
  items.sort((a, b) => a.priority - b.priority || b.order - a.order);
  return items.map(({ kind, index, label, path }) => ({ kind, index, label, path }));
}

export function toOmissions(items: OmittedItem[]): Omissions {
  const sets = {
    sections: new Set<number>(),
    keyFacts: new Set<number>(),
    timeline: new Set<number>(),
    quotes: new Set<number>(),
    charts: new Set<number>(),
  };
  const byKind = { section: sets.sections, keyFacts: sets.keyFacts, timeline: sets.timeline, quote: sets.quotes, chart: sets.charts };
  for (const i of items) byKind[i.kind].add(i.index);
  return sets;
}

function firstWords(s: string): string {
  const words = s.split(/\s+/);
  return words.length > 6 ? `${words.slice(0, 6).join(' ')}…` : s;
}
