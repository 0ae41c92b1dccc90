/**
 * Step 4: fit the briefing to exactly one page.
 *
 * The ladder, each rung only as far as needed: move blocks between the
 * columns (placement.ts), tighten spacing, then scale the type down to the
 * floor the template's theme declares, then (only then) leave out what the
 * content marks optional, lowest priority first. Required facts are never
 * cut. Each rung's scale is found by fit-search.ts, a pure search handed a
 * measuring function: here, one layout pass on the real page at that scale,
 * with the blocks rearranged (and measured again) when they do not fit as
 * they stand. Every trial is kept for the build, so no scale, set of
 * omissions and arrangement is laid out twice, and the trial that is chosen
 * is rendered as it stands.
 *
 * Fitting does not merge the template itself: it is given `documentAt`,
 * which makes the document definition for a scale, a set of omissions and
 * an arrangement (build.ts passes the merge step's). The tuning constants
 * are in fit-constants.ts.
 */
import { engineFailure } from '../pdf/engine-errors.js';
import { BriefingError, OverflowError, TemplateError } from '../errors.js';
import { layOut, measure, type Measurement, type PageLayout } from '../pdf/engine.js';
import { BlockMeasurer } from './blocks.js';
import type {
  Briefing,
  DocDefinition,
  FitHint,
  FitReport,
  FitScale,
  FontSet,
  Omissions,
  OmittedItem,
  PageSpec,
  RenderOptions,
  Template,
} from '../types.js';
import { describeOverflows, OVERFLOW_HINT } from '../text/overflow.js';
import { FIT } from './fit-constants.js';
import { blufText } from '../content/confidence.js';
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
  markColumns,
  omissionsKey,
  opposite,
  predictAll,
  readColumns,
  readPrediction,
  shortest,
  type Arrangement,
  type ColumnReading,
} from './placement.js';

/** The document definition at a scale, with some optional items left out and the blocks in the columns given. */
export type DocumentAt = (scale: FitScale, omit: Omissions, arrangement: Arrangement) => DocDefinition;

export interface FitOutcome {
  /** The chosen trial, laid out on the page; its header and footer still to be laid out (furnish) before rendering. */
  layout: PageLayout;
  scale: FitScale;
  omit: Omissions;
  /** Which column holds each block (placement.ts). */
  arrangement: Arrangement;
  report: FitReport;
}

/** Columns that end further apart than this (three body lines) are worth rearranging. */
export const BALANCE = FIT.balance;

/**
 * One trial: the page at a scale, with some items left out and the blocks
 * arranged, predicted from its measured blocks (blocks.ts) or laid out
 * whole: whether it fits, how tall it is, and (read when asked) where its
 * columns end.
 */
interface Trial {
  /** The page laid out whole; undefined while it is only predicted. */
  layout: PageLayout | undefined;
  m: Measurement;
  fits: boolean;
  /** Pages it takes (an estimate, 2, for a predicted page that does not fit), and the height its last one holds. */
  pages: number;
  lastPage: number;
  scale: FitScale;
  omit: Omissions;
  arrangement: Arrangement;
  columns: () => ColumnReading | undefined;
}

/** Where blocks measured alike: the same scale and the same side column width. */
const scaleKey = (s: FitScale, a: Pick<Arrangement, 'sideWidth'>) => `${s.type}/${s.space}/${a.sideWidth ?? ''}`;

/** An arrangement's side column width, to carry over to another arrangement. */
const sideWidthOf = (a: Arrangement): Pick<Arrangement, 'sideWidth'> => (a.sideWidth !== undefined ? { sideWidth: a.sideWidth } : {});

/** The two scales the ladder searches, as the coordinate x of a trial and back. */
interface Axis {
  x: (s: FitScale) => number;
  at: (x: number) => FitScale;
  share: number;
}

export function fitToPage(
  documentAt: DocumentAt,
  briefing: Briefing,
  template: Template,
  fonts: FontSet,
  page: PageSpec,
  options: { allowOverflow?: boolean; render: RenderOptions; hint?: FitHint },
): FitOutcome {
  let passes = 0;
  // Full-page layouts (the one rendered included), and the measurer of single blocks that spares most of them.
  let layouts = 0;
  const blocks = new BlockMeasurer(fonts, page, options.render.lang);
  // Every trial laid out whole: for pages beyond the first (--allow-overflow), or once a prediction proved wrong.
  let exact = false;
  // The scale the previous build settled on at full size (watch, preview): its trial is likely the page rendered, laid out whole at once.
  const likelyFinal =
    options.hint && options.hint.omitted.length === 0 && options.hint.scale.type === 1 && options.hint.scale.space === 1
      ? '1/1'
      : undefined;
  const movable = new Set<string>(template.theme.placement?.movable ?? []);
  const placing = movable.size > 0;
  // The arrangement last chosen for each set of omissions; the designed one until placement finds better.
  const arrangements = new Map<string, Arrangement>();
  const arrangementOf = (omit: Omissions) => arrangements.get(omissionsKey(omit)) ?? designedArrangement(briefing, omit);
  // Every trial of this build, so that none is laid out twice, and every block's height as measured (placement.ts).
  const trials = new Map<string, Trial>();
  const extents = new BlockExtents();

  const trial = (
    scale: FitScale,
    omit: Omissions,
    arrangement = arrangementOf(omit),
    whole = exact || (likelyFinal === `${scale.type}/${scale.space}` && omissionsKey(omit) === omissionsKey({})),
  ): Trial => {
    const key = `${scale.type}/${scale.space}#${omissionsKey(omit)}#${arrangementKey(arrangement)}`;
    const known = trials.get(key);
    if (known) return known;
    passes++;
    const t = (!whole && predictedTrial(scale, omit, arrangement)) || laidOutTrial(scale, omit, arrangement, placing);
    trials.set(key, t);
    return t;
  };

  /** The trial added up from its blocks' heights (blocks.ts); undefined if the page cannot be told that way. */
  const predictedTrial = (scale: FitScale, omit: Omissions, arrangement: Arrangement): Trial | undefined => {
    const p = layoutOrExplain(template, () => {
      const doc = documentAt(scale, omit, arrangement);
      if (placing) markColumns(doc, arrangement, template, false);
      return blocks.predict(doc);
    });
    if (!p) return undefined;
    const available = page.height - page.margins.top - page.margins.bottom;
    const fits = p.height <= available + FIT.slack;
    let reading: ColumnReading | undefined | null = null;
    return {
      layout: undefined,
      m: { height: p.height, available },
      fits,
      pages: fits ? 1 : 2,
      lastPage: fits ? p.height : p.height - available,
      scale,
      omit,
      arrangement,
      columns: () => (reading === null ? (reading = readPrediction(p, arrangement, page)) : reading),
    };
  };

  /** One layout of the whole page; with markers between the blocks of each column when `marked`, to read where each lands (placement.ts). */
  const laidOutTrial = (scale: FitScale, omit: Omissions, arrangement: Arrangement, marked: boolean): Trial => {
    layouts++;
    const layout = layoutOrExplain(template, () => {
      const doc = documentAt(scale, omit, arrangement);
      if (marked) markColumns(doc, arrangement, template);
      return layOut(doc, fonts, page, options.render);
    });
    let reading: ColumnReading | undefined | null = null;
    return {
      layout,
      m: { height: layout.height, available: layout.available },
      fits: layout.pages === 1,
      pages: layout.pages,
      lastPage: layout.lastPage,
      scale,
      omit,
      arrangement,
      columns: () => (reading === null ? (reading = marked ? readColumns(layout, page) : undefined) : reading),
    };
  };

  /** Whether arrangements keep the content's reading order across the columns (placement's inContentOrder). */
  let keepOrder = true;
  /**
   * Placement at the scale of trial `t`: lays the blocks out once in the
   * opposite columns, predicts every arrangement by adding measured heights,
   * and lays out the best one (the best balanced that fits, or else the
   * shortest). Only when the columns of `t` end more than BALANCE apart
   * and, if `t` does not fit, an even share of them could, unless `force`. Returns the better of
   * `t` and the new trial: a prediction is checked against its layout.
   */
  const place = (t: Trial, force = false, pick: 'balanced' | 'shortest' = 'balanced'): Trial => {
    if (!placing) return t;
    const home = t.columns();
    if (!home || (!force && imbalance(home) <= FIT.balance)) return t;
    // Even shared out evenly, the columns would not fit at this scale: no arrangement can.
    if (!force && !t.fits && balancedHeight(home) > (t.m.available - home.rest) * (1 + FIT.hope)) return t;
    // Blocks already measured at this scale and width are not laid out again: only a block not yet seen in
    // both columns needs the probe (every movable block in the other column), which keeps the side width.
    const width = sideWidthOf(t.arrangement);
    const at = scaleKey(t.scale, t.arrangement);
    extents.record(at, home, briefing, t.omit);
    let model = extents.model(at, briefing, t.omit);
    if (!knowsAll(briefing, t.omit, movable, model)) {
      const away = trial(t.scale, t.omit, { ...opposite(briefing, t.omit, movable, t.arrangement), ...width }).columns();
      if (!away) return t;
      extents.record(at, away, briefing, t.omit);
      model = extents.model(at, briefing, t.omit);
    }
    const predictions = predictAll(briefing, t.omit, movable, model, keepOrder);
    const best = pick === 'shortest' ? shortest(predictions) : choose(predictions, t.m.available - home.rest - FIT.aim);
    if (!best || arrangementKey(best.arrangement) === arrangementKey(t.arrangement)) return t;
    const placed = trial(t.scale, t.omit, { ...best.arrangement, ...width });
    const better =
      pick === 'shortest'
        ? placed.fits >= t.fits && placed.m.height < t.m.height
        : placed.fits
          ? !t.fits || imbalance(placed.columns()) < imbalance(home)
          : placed.m.height < t.m.height;
    if (!better) return t;
    arrangements.set(omissionsKey(t.omit), placed.arrangement);
    return placed;
  };

  /** The shortest arrangement the blocks measured at `at` predict for these omissions, if every movable one was measured. */
  const predicted = (at: string, omit: Omissions) => {
    const model = extents.model(at, briefing, omit);
    return knowsAll(briefing, omit, movable, model) ? shortest(predictAll(briefing, omit, movable, model, keepOrder)) : undefined;
  };

  /**
   * The best this scale can do with these omissions: as arranged so far,
   * rearranged into the shortest arrangement when its columns end far apart
   * (it may fit at a larger scale, and the search must know; the columns are
   * evened out once the scale is found). The arrangement found is
   * where the next scale starts, so a search rearranges about once.
   */
  const at = (scale: FitScale, omit: Omissions): Trial => {
    if (placing && !arrangements.has(omissionsKey(omit))) {
      // Omissions not tried yet: start from the arrangement the blocks measured at this scale (and the side
      // column's width found with nothing left out) predict.
      const width = sideWidthOf(arrangementOf({}));
      const best = predicted(scaleKey(scale, width), omit);
      if (best) arrangements.set(omissionsKey(omit), { ...best.arrangement, ...width });
    }
    const t = trial(scale, omit);
    // As designed and fitting: the page as its designer drew it (evened out at the end if far out of balance).
    if (t.fits && scale.type === 1 && scale.space === 1) return t;
    return widen(place(t, false, 'shortest'));
  };

  /**
   * Blocks come whole; what they leave uneven, the side column's width takes
   * up, within the theme's range: columns that end together are also the
   * shortest. Tried when they end more than `aim` apart. Returns `t` unless a width makes it better balanced and fit
   * no worse (when neither fits, shorter: the search reads their heights).
   */
  const widen = (t: Trial, aim: number = FIT.balance): Trial => {
    const range = template.theme.placement?.sideWidth;
    // Worth a layout when the columns end further apart than BALANCE, or, on a page that does not fit, when
    // evening them out (which saves about half their difference, give or take) could make it fit.
    const worth = (t: Trial) => imbalance(t.columns()) > (t.fits ? aim : t.m.height - t.m.available);
    for (let i = 0; i < 2 && range && worth(t); i++) {
      const width = balancingWidth(t.columns()!, range);
      if (width === undefined || width === (t.arrangement.sideWidth ?? template.theme.sideWidth)) break;
      const widened = trial(t.scale, t.omit, { ...t.arrangement, sideWidth: width });
      const worse = !widened.fits && (t.fits || widened.m.height >= t.m.height);
      if (worse || imbalance(widened.columns()) >= imbalance(t.columns())) break;
      arrangements.set(omissionsKey(t.omit), widened.arrangement);
      t = widened;
    }
    return t;
  };

  const { minSpacing, minTypeScale } = template.theme.fit;
  /**
   * A continuation whose last page holds almost nothing (the sources alone,
   * or a quote and the sources, under FIT.nearlyEmpty of a page) looks
   * unfinished: a designer pulls that tail back onto the page before. The
   * spacing is tightened, never the type (set at the designed size with
   * --allow-overflow): the loosest spacing, to within FIT.scaleTolerance, that
   * takes a page off. If even the tightest spacing does not, the pages stay.
   */
  const pullTailBack = (t: Trial): Trial => {
    if (t.pages < 2 || t.lastPage > FIT.nearlyEmpty * t.m.available) return t;
    const fewer = (x: Trial) => x.pages < t.pages;
    let best = trial({ type: 1, space: minSpacing }, t.omit, t.arrangement);
    if (!fewer(best)) return t;
    let [lo, hi] = [minSpacing, 1];
    while (hi - lo > FIT.scaleTolerance) {
      const mid = Math.round(((lo + hi) / 2) * 1000) / 1000;
      const next = trial({ type: 1, space: mid }, t.omit, t.arrangement);
      if (fewer(next)) [best, lo] = [next, mid];
      else hi = mid;
    }
    return best;
  };
  const designed: FitScale = { type: 1, space: 1 };
  const floor: FitScale = { type: minTypeScale, space: minSpacing };
  const spacingAxis: Axis = { x: (s) => s.space, at: (space) => ({ type: 1, space }), share: FIT.spacingShare };
  const typeAxis: Axis = { x: (s) => s.type, at: (type) => ({ type, space: minSpacing }), share: FIT.typeShare };
  const sample = (axis: Axis, t: Trial): Sample<Trial> => ({
    x: axis.x(t.scale),
    fits: t.fits,
    height: t.m.height,
    limit: t.m.available,
    value: t,
  });
  /** The largest scale on `axis`, from `lo` up to `over` (which does not fit), that fits. */
  const search = (axis: Axis, lo: number, over: Trial, fitting: Trial | undefined, measureAt: (s: FitScale) => Trial) =>
    largestFitting((x) => sample(axis, measureAt(axis.at(x))), lo, sample(axis, over), fitting && sample(axis, fitting), {
      share: axis.share,
    });

  /** The loosest scale that fits with these omissions (rung 0 to 2), or undefined if even the floor does not. */
  const tune = (omit: Omissions, fittingFloor?: Trial): Trial | undefined => {
    const measureAt = (s: FitScale) => at(s, omit);
    if (fittingFloor) {
      // Leaving items out only just made the floor fit: full-size type is the question, the designed size a long shot.
      const tight = measureAt(spacingAxis.at(minSpacing));
      if (!tight.fits) return search(typeAxis, minTypeScale, tight, fittingFloor, measureAt).best?.value;
    }
    const first = measureAt(designed);
    if (first.fits) return first;
    // Rung 1: spacing alone; its `over` is then the trial at the spacing floor, full-size type.
    const spacing = search(spacingAxis, minSpacing, first, undefined, measureAt);
    if (spacing.best) return spacing.best.value;
    // Rung 2: type, with spacing at its floor.
    const type = search(typeAxis, minTypeScale, spacing.over.value, fittingFloor, measureAt);
    return type.best?.value;
  };

  /** The ladder, rung by rung, to the trial chosen and what it leaves out. */
  const ladder = (): { chosen: Trial | undefined; omitted: OmittedItem[] } => {
    // The previous fit, tried first: if it fits with less than closeEnough to spare, the ladder would settle there
    // too (to within that much), so it is taken as it is, in one pass. Omissions and the designed scale are left
    // to the ladder: whether less could be left out, or whether the designed size fits, only the ladder says.
    const hint = options.hint;
    let chosen: Trial | undefined;
    keepOrder = true;
    if (hint && hint.omitted.length === 0 && (hint.scale.type < 1 || hint.scale.space < 1)) {
      // Laid out whole: a hint that still fits is the page rendered, and predicting it first would only add the work.
      const t = trial(hint.scale, {}, hint.arrangement ?? arrangementOf({}), true);
      if (t.fits && t.m.available - t.m.height <= FIT.closeEnough) {
        chosen = t;
        arrangements.set(omissionsKey({}), t.arrangement);
      }
    }
    chosen ??= tune({});
    let omitted: OmittedItem[] = [];

    if (!chosen) {
      // Rung 3: leave out optional items, lowest priority first, as few as will do. Before anything goes, blocks
      // may also move against the content's order (a quote read before one above it): an item on the page is worth
      // more than the order it is read in, and the tagged PDF reads them in content order whatever the column.
      keepOrder = false;
      const candidates = optionalItems(briefing);
      // Every block measured in both columns at the floor, once: the arrangements of every set of omissions follow.
      const floorTrial = place(trial(floor, {}), true, 'shortest');
      const rest = floorTrial.columns()?.rest;
      /** Whether the floor fits with these left out: added up from the blocks measured there when they are known, else laid out. */
      const fitsAtFloor = (items: OmittedItem[], addUp: boolean) => {
        const omit = toOmissions(items);
        if (addUp && rest !== undefined) {
          const best = predicted(scaleKey(floor, floorTrial.arrangement), omit);
          // Over by less than twice the columns' difference: another side column width may make it fit (a width
          // evens the columns out and rewraps them both, which has saved up to twice the difference): lay it out.
          const over = best ? rest + best.height - floorTrial.m.available : undefined;
          if (over !== undefined && (over <= 0 || over > 2 * best!.imbalance)) return over <= 0;
        }
        return at(floor, omit).fits;
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
        // possible: each is laid out, since whether an item comes back is worth more than a layout.
        for (let j = drop.length - 2; j >= 0; j--) {
          const without = drop.filter((_, i) => i !== j);
          if (fitsAtFloor(without, false)) drop = without;
        }
        return drop;
      };
      if (floorTrial.fits) {
        // Rearranged with every block measured in both columns, the whole content fits at the floor: nothing goes.
        chosen = tune({}, floorTrial) ?? floorTrial;
      } else {
        // Added up first, then checked by laying out what was found; if the page disagrees, every step is laid out.
        let drop = fewest(true);
        if (!drop || !at(floor, toOmissions(drop)).fits) drop = fewest(false);
        if (drop) {
          chosen = tune(toOmissions(drop), at(floor, toOmissions(drop)));
          omitted = drop;
        }
      }
      if (!chosen) {
        if (!options.allowOverflow) {
          const omit = toOmissions(candidates);
          // A refusal is the page's word, not only the blocks': the floor with everything optional left out is laid
          // out on the real page once. That also says, in a template author's words, what pdfmake cannot lay out at
          // all (a canvas taller than the page). Should the page fit after all, the ladder runs again, laid out whole.
          if (!exact && laidOutTrial(floor, omit, arrangementOf(omit), false).fits) return { chosen: undefined, omitted: [] };
          // Say exactly by how much: added up from the blocks, or one more layout on a page of unlimited height.
          passes++;
          const over = layoutOrExplain(template, () => {
            const doc = documentAt(floor, omit, arrangementOf(omit));
            const p = exact ? undefined : blocks.predict(doc);
            return p
              ? { height: p.height, available: page.height - page.margins.top - page.margins.bottom }
              : measure(doc, fonts, page, options.render.lang);
          });
          throw overflowError(briefing, over, candidates);
        }
        // Set at the designed size with nothing left out, on as many pages as it takes, its columns balanced: pages
        // beyond the first are laid out whole (where a column breaks is for pdfmake to say).
        exact = true;
        trials.clear();
        arrangements.clear();
        chosen = pullTailBack(place(trial(designed, {}), true));
        omitted = [];
      }
    }

    if (chosen.scale.type < 1 || omitted.length > 0) chosen = evenOut(chosen);
    else if (chosen.scale.space === 1 && chosen.pages === 1) {
      // Fits as designed, but one column stands far longer than the other: a designer would even them out.
      if (imbalance(chosen.columns()) > 2 * FIT.balance) {
        const re = place(chosen, true);
        if (re.fits) chosen = re;
      }
      if (chosen.m.available - chosen.m.height > FIT.short) chosen = footed(chosen);
    }
    return { chosen, omitted };
  };

  let { chosen, omitted } = ladder();
  // The page is laid out whole once, to render. It must fit as its blocks predicted; should it not (a template
  // whose blocks do not simply add up), every trial is laid out whole and the ladder runs again.
  const whole = chosen && laidOut(chosen);
  if (whole) chosen = whole;
  else {
    exact = true;
    trials.clear();
    arrangements.clear();
    ({ chosen, omitted } = ladder());
  }
  // Laid out whole (exact), the ladder always settles or refuses: only a prediction can be overruled by the page.
  if (!chosen) throw new Error('fitToPage: the ladder, laid out whole, settled on no page');

  /** The trial laid out whole, if it fits as predicted (or was laid out already). */
  function laidOut(t: Trial): Trial | undefined {
    if (t.layout) return t;
    const real = laidOutTrial(t.scale, t.omit, t.arrangement, false);
    return real.fits ? real : undefined;
  }

  /**
   * Shrunk or cut: the columns must end together (within BALANCE), and the
   * page must not end far above its frame. Rearranged or widened, the page
   * may have room again: it goes back to the type.
   */
  function evenOut(t: Trial): Trial {
    for (let round = 0; round < 2; round++) {
      if (imbalance(t.columns()) > FIT.balanceAim) {
        const re = place(t, true);
        if (re.fits) t = re;
      }
      t = widen(t, FIT.balanceAim);
      if (!(t.scale.type < 1 && t.m.available - t.m.height > FIT.closeEnough)) break;
      // Room again: the largest type that fits in this arrangement, so the columns stay as they were evened out.
      const arrangement = t.arrangement;
      const fixed = (s: FitScale) => trial(s, t.omit, arrangement);
      const top = fixed(typeAxis.at(1));
      const grown = top.fits ? top : search(typeAxis, t.scale.type, top, t, fixed).best?.value;
      if (!grown || grown === t || imbalance(grown.columns()) > Math.max(FIT.balance, imbalance(t.columns()))) break;
      t = grown;
    }
    return t;
  }

  /** A short briefing: the room left goes above the sources, which then sit at the foot of the page. */
  function footed(t: Trial): Trial {
    const footGap = Math.floor(t.m.available - t.m.height - 1);
    const moved = trial(t.scale, t.omit, { ...t.arrangement, footGap });
    // A page with nothing to set at the foot (no sources) takes no gap: its room stays at the foot, and is reported there.
    return moved.fits && moved.m.height >= t.m.height + footGap - 1 ? moved : t;
  }

  // Fitting is about widths too: nothing is drawn past its column (src/text/overflow.ts).
  const layout = chosen.layout!;
  const wide = layout.overflows;
  if (wide.length > 0 && !options.allowOverflow) throw new OverflowError(`does not fit: ${describeOverflows(wide)}`, 0, OVERFLOW_HINT);
  // The room a reader sees: what is left at the foot, and the band above the sources when they were set at the foot.
  const spare = chosen.m.available - chosen.m.height + (chosen.arrangement.footGap ?? 0);
  return {
    layout,
    scale: chosen.scale,
    omit: chosen.omit,
    arrangement: chosen.arrangement,
    report: {
      scale: chosen.scale,
      omitted,
      arrangement: chosen.arrangement,
      passes,
      layouts,
      spareHeight: round(spare),
      summary: summarise(chosen.scale, omitted, spare, layout.pages) + (wide.length > 0 ? `; ${describeOverflows(wide)}` : ''),
    },
  };
}

function optionalItems(b: Briefing): OmittedItem[] {
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
  // Lowest priority first; among equals, the later item in the file goes first.
  items.sort((a, b) => a.priority - b.priority || b.order - a.order);
  return items.map(({ kind, index, label, path }) => ({ kind, index, label, path }));
}

function toOmissions(items: OmittedItem[]): Omissions {
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

const KIND_NAMES: Record<OmittedItem['kind'], string> = {
  section: 'section',
  keyFacts: 'key-facts box',
  timeline: 'timeline entry',
  quote: 'quote',
  chart: 'chart',
};

function summarise(scale: FitScale, omitted: OmittedItem[], spare: number, pages = 1): string {
  if (pages > 1)
    return scale.space < 1
      ? `${pages} pages at the designed type size, spacing -${Math.round((1 - scale.space) * 100)}% to pull the last page's few lines back, nothing left out (--allow-overflow)`
      : `${pages} pages at the designed size, nothing left out (--allow-overflow)`;
  const parts: string[] = [];
  if (scale.space < 1) parts.push(`spacing -${Math.round((1 - scale.space) * 100)}%`);
  if (scale.type < 1) parts.push(`type ${Math.round(scale.type * 100)}%`);
  for (const o of omitted) parts.push(`left out optional ${KIND_NAMES[o.kind]} '${o.label}'`);
  if (spare < 0) return `overflows by ${mm(-spare)} mm after ${parts.join(', ')} (overflow allowed)`;
  return parts.length === 0 ? 'fits as designed' : `fitted: ${parts.join(', ')}`;
}

function overflowError(b: Briefing, m: Measurement, optional: OmittedItem[]): OverflowError {
  const over = m.height - m.available;
  // Content that would fit in height and still takes two pages: the template itself breaks the page.
  if (over <= 0)
    return new OverflowError(
      'does not fit on one page: the template starts a new page (a "pageBreak" in document.hbs or a partial), although the content is short enough for one',
      0,
      'remove the pageBreak from the template (its document definition shows where it is)',
    );
  // At the floor a body line is about 8 pt type on 10.5 pt of leading.
  const lines = Math.ceil(over / 10.5);
  const longest = textFields(b)
    .sort((x, y) => (y.weight ?? y.length) - (x.weight ?? x.length))
    .slice(0, 3)
    .map((f) => `${f.path} (${f.length} characters)`)
    .join(', ');
  const cut =
    optional.length > 0
      ? `even at the smallest type and spacing and with ${optional.length} optional item(s) left out`
      : 'even at the smallest type and spacing the template allows';
  return new OverflowError(
    `does not fit on one page: ${cut}, it is ${mm(over)} mm (about ${lines} line${lines === 1 ? '' : 's'}) too long`,
    over,
    `shorten the longest fields: ${longest}; or mark sections, key-facts boxes, quotes or timeline entries "optional: true"`,
  );
}

function textFields(b: Briefing): { path: string; length: number; weight?: number }[] {
  const out: { path: string; length: number; weight?: number }[] = [
    // Set about twice the body size, a headline character takes about four times the room.
    { path: 'headline', length: b.headline.length, weight: b.headline.length * 4 },
    { path: 'standfirst', length: b.standfirst.length },
    { path: 'bluf', length: blufText(b.bluf).length },
  ];
  b.sections.forEach((s, i) => out.push({ path: `sections[${i}].body`, length: s.body.length }));
  b.keyFacts.forEach((k, i) =>
    out.push({ path: `keyFacts[${i}]`, length: k.rows.reduce((n, r) => n + r.label.length + r.value.length, 0) }),
  );
  b.quotes.forEach((q, i) => out.push({ path: `quotes[${i}].text`, length: q.text.length }));
  if (b.timeline.length > 0) out.push({ path: 'timeline', length: b.timeline.reduce((n, t) => n + t.date.length + t.event.length, 0) });
  return out;
}

function firstWords(s: string): string {
  const words = s.split(/\s+/);
  return words.length > 6 ? `${words.slice(0, 6).join(' ')}…` : s;
}

const mm = (pt: number) => (Math.round((pt / 72) * 25.4 * 10) / 10).toFixed(1);
const round = (n: number) => Math.round(n * 10) / 10;

/** pdfmake's own errors come from what the template produced: say so, and where to look. */
export function layoutOrExplain<T>(template: Template, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof BriefingError) throw err;
    throw new TemplateError(
      `pdfmake could not lay out the document the template produced: ${engineFailure(err)}`,
      { file: `${template.dir}/document.hbs` },
      'inspect the document definition the template produced',
      'layout',
    );
  }
}
