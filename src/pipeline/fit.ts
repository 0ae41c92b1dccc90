/**
 * Step 4: fit the briefing to exactly one page.
 *
 * The ladder, each rung only as far as needed: tighten spacing, then scale the
 * type down to the floor the template's theme declares, then (only then)
 * leave out what the content marks optional, lowest priority first. Required
 * facts are never cut. Each trial is one layout pass on the real page, which
 * says whether it fits and how much room is left or missing, and a trial that
 * fits is rendered as it stands, with no further layout; the scales are
 * found by interpolating between trials, so a build costs a handful of passes, not dozens.
 *
 * Fitting does not merge the template itself: it is given `documentAt`, which
 * makes the document definition for a scale and a set of omissions
 * (build.ts passes the merge step's).
 */
import { BriefingError, OverflowError, TemplateError } from '../errors.js';
import { layOut, measure, type Measurement, type PageLayout } from '../pdf/engine.js';
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
import {
  arrangementKey,
  balancedHeight,
  balancingWidth,
  choose,
  designedArrangement,
  imbalance,
  markColumns,
  opposite,
  predictAll,
  readColumns,
  type Arrangement,
  type ColumnReading,
  type PlacementModel,
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

const SEARCH_STEPS = 5;
/**
 * First guesses of how much of a page's height shrinks with each scale, per
 * unit of scale: in the built-in template, spacing is about a quarter of
 * the height, and type (which also rewraps lines) about one and a half
 * times it. A template that differs pays a pass more, never a worse fit:
 * later guesses use what the trials measured.
 */
const SPACING_SHARE = 0.25;
const TYPE_SHARE = 1.5;
/** Scales closer than this are not worth another pass. */
const SEARCH_TOLERANCE = 0.03;
/** Points above the bottom margin a guess aims for. */
const AIM = 5;
/** Points of room left at the bottom at which a fitting trial is final: well under a line of body text. */
const CLOSE_ENOUGH = 10;
const DEFAULT_PRIORITY = 50;
/** Columns that end further apart than this (three body lines) are worth rearranging. */
export const BALANCE = 36;
/** A page with more than this much room left (an inch) looks short: its sources go to the foot of the page. */
const SHORT = 72;
/** How far above the room an even share of the columns may be and still be worth placing: the estimate's margin of error. */
const HOPE = 0.06;

export function fitToPage(
  documentAt: DocumentAt,
  briefing: Briefing,
  template: Template,
  fonts: FontSet,
  page: PageSpec,
  options: { allowOverflow?: boolean; render: RenderOptions; hint?: FitHint },
): FitOutcome {
  let passes = 0;
  const movable = new Set<string>(template.theme.placement?.movable ?? []);
  const placing = movable.size > 0;
  // The arrangement chosen for each set of omissions; the designed one until placement finds better.
  const arrangements = new Map<string, Arrangement>();
  const arrangementOf = (omit: Omissions) => arrangements.get(omissionsKey(omit)) ?? designedArrangement(briefing, omit);
  // Markers between the blocks of each column tell where each block lands (placement.ts).
  const docAt = (scale: FitScale, omit: Omissions, arrangement = arrangementOf(omit)): DocDefinition => {
    const doc = documentAt(scale, omit, arrangement);
    if (placing) markColumns(doc, arrangement, template);
    return doc;
  };
  type Trial = {
    layout: PageLayout;
    m: Measurement;
    fits: boolean;
    scale: FitScale;
    omit: Omissions;
    arrangement: Arrangement;
    columns: () => ColumnReading | undefined;
  };
  const trial = (scale: FitScale, omit: Omissions, arrangement = arrangementOf(omit)): Trial => {
    passes++;
    const layout = layoutOrExplain(template, () => layOut(docAt(scale, omit, arrangement), fonts, page, options.render));
    let reading: ColumnReading | undefined | null = null;
    return {
      layout,
      m: { height: layout.height, available: layout.available },
      fits: layout.pages === 1,
      scale,
      omit,
      arrangement,
      columns: () => (reading === null ? (reading = readColumns(layout, page)) : reading),
    };
  };

  /** Readings of the blocks in both columns at one scale, kept to choose arrangements for other omissions. */
  let model: { scale: FitScale; model: PlacementModel } | undefined;
  /**
   * Placement at the scale of trial `t`: lays the blocks out once in the
   * opposite columns, predicts every arrangement, and lays out the best one
   * (the best balanced that fits, or else the shortest). Only when the
   * columns of `t` end more than BALANCE apart, unless `force`. Returns the
   * new trial, or undefined if `t`'s arrangement is already the best.
   */
  const place = (t: Trial, force = false): Trial | undefined => {
    if (!placing) return undefined;
    const home = t.columns();
    if (!home || (!force && imbalance(home) <= BALANCE)) return undefined;
    // Even shared out evenly, the columns would not fit at this scale: no arrangement can, so keep the designed one.
    if (!force && balancedHeight(home) > (t.m.available - home.rest) * (1 + HOPE)) return undefined;
    const probe = trial(t.scale, t.omit, opposite(briefing, t.omit, movable, t.arrangement));
    const away = probe.columns();
    if (!away) return undefined;
    model = { scale: t.scale, model: { home, away } };
    const best = choose(predictAll(briefing, t.omit, movable, model.model), t.m.available - home.rest - AIM);
    if (!best || arrangementKey(best.arrangement) === arrangementKey(t.arrangement)) return undefined;
    const placed = trial(t.scale, t.omit, best.arrangement);
    // A prediction is made from measured blocks, but check it: keep whichever is better.
    const better = placed.fits ? !t.fits || imbalance(placed.columns()) < imbalance(home) : placed.m.height < t.m.height;
    if (!better) return undefined;
    arrangements.set(omissionsKey(t.omit), best.arrangement);
    return placed;
  };

  const { minSpacing, minTypeScale } = template.theme.fit;
  const designed = { type: 1, space: 1 };
  const floor = { type: minTypeScale, space: minSpacing };
  /** The two scales the ladder searches, as the coordinate x of a trial and back. */
  type Axis = { x: (s: FitScale) => number; at: (x: number) => FitScale };
  const spacingAxis: Axis = { x: (s) => s.space, at: (space) => ({ type: 1, space }) };
  const typeAxis: Axis = { x: (s) => s.type, at: (type) => ({ type, space: minSpacing }) };

  /** The loosest scale that fits with these omissions, or undefined if even the floor does not. */
  const tune = (omit: Omissions, floorTrial?: Trial) => {
    if (floorTrial) {
      // Leaving items out only just made the floor fit: the designed size is worth a pass only if full-size type fits.
      const tight = trial(spacingAxis.at(minSpacing), omit);
      if (!tight.fits) return solve(typeAxis, minTypeScale, tight, floorTrial, TYPE_SHARE, omit).fits;
      const first = trial(designed, omit);
      return first.fits ? first : solve(spacingAxis, minSpacing, first, tight, SPACING_SHARE, omit).fits;
    }
    let first = trial(designed, omit);
    if (first.fits) return first;
    // Rung 0: move blocks between the columns, at the designed size.
    const placed = place(first);
    if (placed?.fits) return placed;
    if (placed) first = placed;
    // Rung 1: spacing alone.
    const spacing = solve(spacingAxis, minSpacing, first, undefined, SPACING_SHARE, omit);
    if (spacing.fits) return spacing.fits;
    // Rung 2: type, with spacing at its floor (`spacing.over` is the trial there).
    return solve(typeAxis, minTypeScale, spacing.over, floorTrial, TYPE_SHARE, omit).fits;
  };

  /**
   * The largest scale x in [lo, 1] that still fits, near enough. `over` is
   * a trial that does not fit, at some x above lo; `fitting`, if known, the
   * trial at lo. Height is close to linear in the scale, so each guess is
   * read off a straight line: between the best fitting trial and the lowest
   * one over (regula falsi), or, while nothing fits yet, through the two
   * lowest over, or from `share` (about how much of the height shrinks
   * with the scale) when there is only one. Guesses aim a little above the
   * bottom margin, since the last block's own bottom margin must fit too,
   * and a trial that fits with less than CLOSE_ENOUGH to spare is final:
   * one or two passes usually land it, where bisection would take five.
   * Without a fitting trial, `over` is the lowest that did not fit.
   */
  const solve = (axis: Axis, lo: number, over: Trial, fitting: Trial | undefined, share: number, omit: Omissions) => {
    let hi = axis.x(over.scale);
    let best = fitting;
    // The trial that fitted before `best`, and the one over before `over`: each pair gives a line.
    let below: Trial | undefined;
    let above: Trial | undefined;
    // Where the page really ends for this content: lower than the margin when a trial broke onto a second page short of it.
    let limit = Math.min(over.m.available, over.m.height);
    for (let i = 0; i < SEARCH_STEPS; i++) {
      if (best && limit - best.m.height <= CLOSE_ENOUGH) break;
      if (hi - lo <= SEARCH_TOLERANCE && best) break;
      const target = limit - AIM;
      let x: number;
      if (best) {
        // A trial that broke onto a second page is over the limit, whatever its height says.
        const overHeight = Math.max(over.m.height, limit + AIM);
        let slope = (overHeight - best.m.height) / (hi - lo);
        // Two trials that fit measured the height exactly and near the target: their line is the better guide.
        if (below) slope = Math.max((best.m.height - below.m.height) / (lo - axis.x(below.scale)), 0) || slope;
        const t = (target - best.m.height) / slope / (hi - lo);
        x = lo + (hi - lo) * Math.min(Math.max(t, 0.05), 0.95);
        x = Math.min(Math.max(x, lo + SEARCH_TOLERANCE / 3), hi - SEARCH_TOLERANCE / 3);
      } else {
        const slope = above ? (above.m.height - over.m.height) / (axis.x(above.scale) - hi) : share * over.m.height;
        x = slope > 0 ? hi - (over.m.height - target) / slope : lo;
        x = Math.min(x, hi - SEARCH_TOLERANCE / 3);
        // Close to the floor, try the floor itself: if that does not fit, nothing on this axis will.
        if (x < lo + SEARCH_TOLERANCE) x = lo;
      }
      x = Math.round(x * 1000) / 1000;
      const next = trial(axis.at(x), omit);
      if (next.fits) [below, best, lo] = [best, next, x];
      else {
        [above, over, hi, limit] = [over, next, x, Math.min(limit, next.m.height)];
        if (x === lo) return { fits: undefined, over };
      }
    }
    if (best) return { fits: best, over };
    // Out of steps with nothing that fits: the floor decides.
    const atFloor = trial(axis.at(lo), omit);
    return atFloor.fits ? { fits: atFloor, over } : { fits: undefined, over: atFloor };
  };

  /**
   * Content that does not fit one page even at the floor, with everything
   * optional left out, and may overflow: set at the designed size with
   * nothing left out, on as many pages as it takes, its columns balanced.
   */
  const continuation = (): Trial => {
    arrangements.clear();
    const designedTrial = trial(designed, {});
    return place(designedTrial, true) ?? designedTrial;
  };
  /** A short briefing: the room left goes above the sources, which then sit at the foot of the page. */
  const footed = (t: Trial): Trial => {
    const footGap = Math.floor(t.m.available - t.m.height - 1);
    const moved = trial(t.scale, t.omit, { ...t.arrangement, footGap });
    return moved.fits ? moved : t;
  };

  // The previous fit, tried first: if it fits with less than CLOSE_ENOUGH to spare, the ladder would settle there
  // too (to within that much), so it is taken as it is, in one pass. Omissions and the designed scale are left
  // to the ladder: whether less could be left out, or whether the designed size fits, only the ladder says.
  const hint = options.hint;
  let hinted: Trial | undefined;
  if (hint && hint.omitted.length === 0 && (hint.scale.type < 1 || hint.scale.space < 1)) {
    if (hint.arrangement) arrangements.set(omissionsKey({}), hint.arrangement);
    const t = trial(hint.scale, {});
    if (t.fits && t.m.available - t.m.height <= CLOSE_ENOUGH) hinted = t;
    // Not taken: the ladder starts afresh, from the designed arrangement, as a build without a hint would.
    else arrangements.clear();
  }
  let chosen = hinted ?? tune({});
  let omitted: OmittedItem[] = [];
  let last: Trial | undefined;

  if (!chosen && placing) {
    // Before anything is left out: is there an arrangement that fits at the floor?
    const atFloor = trial(floor, {});
    const placed = atFloor.fits ? atFloor : place(atFloor, true);
    if (placed?.fits) chosen = tune({}, placed);
    else last = placed ?? atFloor;
  }
  /** For a set of omissions, the arrangement the floor's readings predict to fit best. */
  const arrangeFor = (omit: Omissions) => {
    if (!model) return;
    const predictions = predictAll(briefing, omit, movable, model.model);
    const best = choose(predictions, page.height - page.margins.top - page.margins.bottom - model.model.home.rest - AIM);
    if (best) arrangements.set(omissionsKey(omit), best.arrangement);
  };

  if (!chosen) {
    // Rung 3: leave out optional items, lowest priority first, as few as will do.
    const candidates = optionalItems(briefing);
    for (let k = 1; k <= candidates.length && !chosen; k++) {
      let drop = candidates.slice(0, k);
      arrangeFor(toOmissions(drop));
      last = trial(floor, toOmissions(drop));
      if (!last.fits) continue;
      // The k-th item made room; the lower-priority ones dropped before it may fit again. Leave out as little as possible.
      for (let j = k - 2; j >= 0; j--) {
        const without = drop.filter((_, i) => i !== j);
        arrangeFor(toOmissions(without));
        const t = trial(floor, toOmissions(without));
        if (t.fits) [drop, last] = [without, t];
      }
      chosen = tune(toOmissions(drop), last);
      omitted = drop;
    }
    if (!chosen) {
      last ??= trial(floor, {});
      if (!options.allowOverflow) {
        // Say exactly by how much: one more layout, on a page of unlimited height.
        const exact = layoutOrExplain(template, () => measure(docAt(floor, last!.omit), fonts, page, options.render.lang));
        throw overflowError(briefing, exact, candidates);
      }
      chosen = continuation();
      omitted = [];
    }
  }

  if (chosen.scale.type < 1 || omitted.length > 0) {
    // Shrunk or cut: the columns must end together (within BALANCE); rearrange at this scale if they do not.
    const re = imbalance(chosen.columns()) > BALANCE ? place(chosen, true) : undefined;
    if (re?.fits) chosen = re;
    // Blocks come whole; what they leave uneven, the side column's width takes up, within the theme's range.
    const range = template.theme.placement?.sideWidth;
    for (let i = 0; i < 2 && range && imbalance(chosen.columns()) > BALANCE; i++) {
      const width = balancingWidth(chosen.columns()!, range);
      if (width === undefined || width === (chosen.arrangement.sideWidth ?? template.theme.sideWidth)) break;
      const widened = trial(chosen.scale, chosen.omit, { ...chosen.arrangement, sideWidth: width });
      if (!widened.fits || imbalance(widened.columns()) >= imbalance(chosen.columns())) break;
      arrangements.set(omissionsKey(chosen.omit), widened.arrangement);
      chosen = widened;
    }
    // Rearranged, the page may have room again: give it back to the type.
    if (chosen.scale.type < 1 && chosen.m.available - chosen.m.height > 3 * CLOSE_ENOUGH) {
      const top = trial(typeAxis.at(1), chosen.omit, chosen.arrangement);
      const grown = top.fits ? top : solve(typeAxis, chosen.scale.type, top, chosen, TYPE_SHARE, chosen.omit).fits;
      if (grown && imbalance(grown.columns()) <= Math.max(BALANCE, imbalance(chosen.columns()))) chosen = grown;
    }
  } else if (chosen.scale.space === 1 && chosen.layout.pages === 1) {
    // Fits as designed, but one column stands far longer than the other: a designer would even them out.
    const re = imbalance(chosen.columns()) > 2 * BALANCE ? place(chosen, true) : undefined;
    if (re?.fits) chosen = re;
    if (chosen.m.available - chosen.m.height > SHORT) chosen = footed(chosen);
  }

  // Fitting is about widths too: nothing is drawn past its column (src/text/overflow.ts).
  const wide = chosen.layout.overflows;
  if (wide.length > 0 && !options.allowOverflow) throw new OverflowError(`does not fit: ${describeOverflows(wide)}`, 0, OVERFLOW_HINT);
  const spare = chosen.m.available - chosen.m.height;
  return {
    layout: chosen.layout,
    scale: chosen.scale,
    omit: chosen.omit,
    arrangement: chosen.arrangement,
    report: {
      scale: chosen.scale,
      omitted,
      arrangement: chosen.arrangement,
      passes,
      spareHeight: round(spare),
      summary: summarise(chosen.scale, omitted, spare, chosen.layout.pages) + (wide.length > 0 ? `; ${describeOverflows(wide)}` : ''),
    },
  };
}

/** One string for a set of omissions, the same whatever order they were made in (a cache key). */
export function omissionsKey(omit: Omissions): string {
  return [omit.sections, omit.keyFacts, omit.timeline, omit.quotes]
    .map((set) => (set ? [...set].sort((a, b) => a - b).join(',') : ''))
    .join('|');
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
          priority: item.priority ?? DEFAULT_PRIORITY,
          order: order++,
        });
    });
  add('keyFacts', 'keyFacts', b.keyFacts, (i) => b.keyFacts[i]!.title);
  add('section', 'sections', b.sections, (i) => b.sections[i]!.heading);
  add('quote', 'quotes', b.quotes, (i) => firstWords(b.quotes[i]!.text));
  add('timeline', 'timeline', b.timeline, (i) => b.timeline[i]!.date);
  // Lowest priority first; among equals, the later item in the file goes first.
  items.sort((a, b) => a.priority - b.priority || b.order - a.order);
  return items.map(({ kind, index, label, path }) => ({ kind, index, label, path }));
}

function toOmissions(items: OmittedItem[]): Omissions {
  const sets = { sections: new Set<number>(), keyFacts: new Set<number>(), timeline: new Set<number>(), quotes: new Set<number>() };
  for (const i of items) (i.kind === 'section' ? sets.sections : i.kind === 'quote' ? sets.quotes : sets[i.kind]).add(i.index);
  return sets;
}

const KIND_NAMES: Record<OmittedItem['kind'], string> = {
  section: 'section',
  keyFacts: 'key-facts box',
  timeline: 'timeline entry',
  quote: 'quote',
};

function summarise(scale: FitScale, omitted: OmittedItem[], spare: number, pages = 1): string {
  if (pages > 1) return `${pages} pages at the designed size, nothing left out (--allow-overflow)`;
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
    { path: 'bluf', length: b.bluf.length },
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
      `pdfmake could not lay out the document the template produced: ${(err as Error).message}`,
      { file: `${template.dir}/document.hbs` },
      'inspect the document definition the template produced',
      'layout',
    );
  }
}
