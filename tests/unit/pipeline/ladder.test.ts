/**
 * The ladder with a fake measurer and no pdfmake: each block is a made-up
 * height that shrinks smoothly with type and spacing and grows when it moves
 * into the narrower column, so the best fit can be found by brute force and
 * compared with what the ladder settles on.
 */
import { describe, expect, it } from 'vitest';
import { climb, type LadderInput, type LadderResult, type PageMeasurer, type Trial } from '../../../src/pipeline/ladder.js';
import { blockId, inContentOrder, type Arrangement, type ColumnReading } from '../../../src/pipeline/placement.js';
import type { Briefing, FitScale, Omissions } from '../../../src/types.js';

const AVAILABLE = 700;
/** Both columns' widths together, the side column's as designed, and the range the theme lets it take. */
const COLUMNS = 515;
const SIDE = 200;
const SIDE_RANGE: [number, number] = [160, 240];
const FLOOR: FitScale = { type: 0.85, space: 0.5 };

/** An item of the fake content: its height at the designed size in its own column, and whether (and how readily) it may go. */
interface Item {
  height: number;
  optional?: boolean;
  priority?: number;
}
interface Content {
  sections: Item[];
  keyFacts?: Item[];
  quotes?: Item[];
  timeline?: Item[];
}

const list = (items: Item[] | undefined, make: (i: number) => object) =>
  (items ?? []).map((it, i) => ({
    ...make(i),
    ...(it.optional && { optional: true }),
    ...(it.priority !== undefined && { priority: it.priority }),
  }));

function briefingOf(c: Content): Briefing {
  return {
    sections: list(c.sections, (i) => ({ heading: `S${i}`, body: 'b' })),
    keyFacts: list(c.keyFacts, (i) => ({ title: `K${i}`, rows: [] })),
    quotes: list(c.quotes, (i) => ({ text: `Q${i}`, attribution: 'a' })),
    timeline: list(c.timeline, (i) => ({ date: `D${i}`, event: 'e' })),
    charts: [],
  } as unknown as Briefing;
}

/** How much a block shrinks at a scale: its text with the type (and rewraps), a third of it spacing. */
const shrink = (s: FitScale) => 0.7 * s.type ** 1.6 + 0.3 * s.space * s.type;

const DESIGNED_WIDTH = { main: COLUMNS - SIDE, side: SIDE };

/** The fake page: a masthead above the columns, the sources below, and each block's height by its column. */
function fakePage(c: Content) {
  const home = { section: 'main', keyFacts: 'side', timeline: 'side', quote: 'main', chart: 'side' } as const;
  const base = (kind: string, index: number, omit: Omissions): number => {
    if (kind === 'section') return c.sections[index]!.height;
    if (kind === 'keyFacts') return c.keyFacts![index]!.height;
    if (kind === 'quote') return c.quotes![index]!.height;
    // The timeline is one block of its kept entries.
    return (c.timeline ?? []).reduce((n, e, i) => n + (omit.timeline?.has(i) ? 0 : e.height), 0);
  };
  const measure = (scale: FitScale, omit: Omissions, a: Arrangement) => {
    const side = a.sideWidth ?? SIDE;
    const width = { main: COLUMNS - side, side };
    const blocks: ColumnReading['blocks'] = new Map();
    const full = { main: 0, side: 0 };
    for (const column of ['main', 'side'] as const)
      for (const ref of a[column]) {
        // Text keeps its area: a block set in another width than its designed one is taller or shorter by the ratio.
        const ratio = DESIGNED_WIDTH[home[ref.kind]] / width[column];
        const h = base(ref.kind, ref.index, omit) * shrink(scale) * ratio;
        blocks.set(blockId(ref), { column, extent: { advance: h, ink: h } });
        full[column] += h;
      }
    const top = 120 * shrink(scale);
    const rest = top + 40 * shrink(scale);
    const height = rest + Math.max(full.main, full.side);
    const reading: ColumnReading = {
      blocks,
      top,
      rest,
      inkEnd: { main: a.main.length > 0 ? top + full.main : undefined, side: a.side.length > 0 ? top + full.side : undefined },
      full,
      width,
    };
    return { height, reading };
  };
  let trials = 0;
  const measurer: PageMeasurer<Trial> = {
    trial(scale, omit, arrangement) {
      trials++;
      const { height, reading } = measure(scale, omit, arrangement);
      const fits = height <= AVAILABLE;
      return {
        fits,
        height,
        available: AVAILABLE,
        pages: fits ? 1 : Math.ceil(height / AVAILABLE),
        lastPage: fits ? height : height - AVAILABLE * Math.floor(height / AVAILABLE),
        scale,
        omit,
        arrangement,
        columns: () => reading,
      };
    },
  };
  return { measurer, measure, trials: () => trials };
}

function fit(c: Content, placing: boolean, allowOverflow = false) {
  const page = fakePage(c);
  const input: LadderInput = {
    briefing: briefingOf(c),
    theme: {
      fit: { minSpacing: FLOOR.space, minTypeScale: FLOOR.type },
      sideWidth: SIDE,
      ...(placing && { placement: { movable: ['keyFacts', 'timeline', 'quotes', 'sections'], sideWidth: SIDE_RANGE } }),
    } as LadderInput['theme'],
    allowOverflow,
    exact: false,
  };
  const result = climb(page.measurer, input);
  return { result, page };
}

function fitted(r: LadderResult<Trial>) {
  if (r.kind !== 'fitted') throw new Error(`expected a fit, got ${r.kind}`);
  return r;
}

/** Sections only, in one column, placement off: the page is the sum of its sections, and the best type can be scanned for. */
const oneColumn = (heights: number[], optional: Partial<Item>[] = []): Content => ({
  sections: heights.map((height, i) => ({ height, ...optional[i] })),
});

/** The largest type, at the spacing floor, at which the designed page fits with these left out (a scan in thousandths). */
function bestType(page: ReturnType<typeof fakePage>, c: Content, omit: Omissions, a: Arrangement): number | undefined {
  for (let t = 1000; t >= FLOOR.type * 1000; t--)
    if (page.measure({ type: t / 1000, space: FLOOR.space }, omit, a).height <= AVAILABLE) return t / 1000;
  return undefined;
}

/** A small deterministic generator, so the varied cases are the same on every run. */
function random(seed: number) {
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

describe('the ladder', () => {
  it('leaves a page that fits as designed alone', () => {
    const { result } = fit(oneColumn([200, 200]), false);
    expect(fitted(result).chosen.scale).toEqual({ type: 1, space: 1 });
    expect(fitted(result).omitted).toEqual([]);
  });

  it('tightens spacing before it touches the type', () => {
    const { result } = fit(oneColumn([300, 300]), false);
    const { chosen } = fitted(result);
    expect(chosen.scale.type).toBe(1);
    expect(chosen.scale.space).toBeLessThan(1);
    expect(chosen.fits).toBe(true);
  });

  it('never stops at the type floor while the page has room: the type is within 1% of the largest that fits', () => {
    for (const total of [700, 750, 800, 850, 880]) {
      const c = oneColumn([total / 2, total / 2]);
      const { result, page } = fit(c, false);
      const { chosen } = fitted(result);
      const best = bestType(page, c, {}, chosen.arrangement)!;
      expect(best, `${total}`).toBeLessThan(1);
      expect(chosen.fits).toBe(true);
      expect(chosen.scale.type, `${total}`).toBeGreaterThanOrEqual(best - 0.01);
    }
  });

  it('leaves out nothing that fits, and the lowest priority first', () => {
    // At the floor the three sections do not fit: one of the optional ones must go, and either would do.
    const c = oneColumn([520, 200, 210], [{}, { optional: true, priority: 70 }, { optional: true, priority: 20 }]);
    const { result } = fit(c, false);
    const { omitted, chosen } = fitted(result);
    expect(omitted.map((o) => o.path)).toEqual(['sections[2]']);
    expect(chosen.fits).toBe(true);
  });

  it('puts back a lower-priority item that fits once a larger one has gone', () => {
    // Leaving out the lowest (a small section) is not enough; the next (a large one) is, and then the small one fits again.
    const c = oneColumn([600, 300, 20], [{}, { optional: true, priority: 30 }, { optional: true, priority: 10 }]);
    const { result, page } = fit(c, false);
    const { omitted, chosen } = fitted(result);
    expect(omitted.map((o) => o.path)).toEqual(['sections[1]']);
    // Nothing left out would fit back at the floor.
    const back = page.measure(FLOOR, {}, { main: [0, 1, 2].map((index) => ({ kind: 'section', index })), side: [] });
    expect(back.height).toBeGreaterThan(AVAILABLE);
    expect(chosen.fits).toBe(true);
  });

  it('refuses content that cannot fit even at the floor with everything optional left out, from a few trials', () => {
    const c = oneColumn([900, 600, 100], [{}, {}, { optional: true }]);
    const { result, page } = fit(c, false);
    expect(result.kind).toBe('refused');
    if (result.kind !== 'refused') return;
    expect(result.scale).toEqual(FLOOR);
    expect(result.candidates.map((o) => o.path)).toEqual(['sections[2]']);
    // The designed page and the floor tell it: no search up and down every rung.
    expect(page.trials()).toBeLessThanOrEqual(6);
  });

  it('sets content that cannot fit at the designed size on more pages when overflow is allowed', () => {
    const { result } = fit(oneColumn([900, 600]), false, true);
    const { chosen, omitted } = fitted(result);
    expect(chosen.scale.type).toBe(1);
    expect(chosen.pages).toBeGreaterThan(1);
    expect(omitted).toEqual([]);
  });

  it('ends a shrunk or cut page within 36 pt of its frame, its columns within 36 pt of each other where blocks allow', () => {
    const next = random(23);
    let shrunk = 0;
    let balanced = 0;
    for (let n = 0; n < 40; n++) {
      const c: Content = {
        sections: [...Array(2 + Math.floor(next() * 4))].map((_, i) => ({
          height: 60 + next() * 220,
          ...(i > 0 && next() < 0.3 && { optional: true, priority: Math.floor(next() * 100) }),
        })),
        keyFacts: [...Array(1 + Math.floor(next() * 3))].map(() => ({ height: 60 + next() * 160 })),
        quotes: next() < 0.5 ? [{ height: 40 + next() * 60, optional: true }] : [],
        timeline: [...Array(Math.floor(next() * 4))].map(() => ({ height: 20 + next() * 30 })),
      };
      const { result, page } = fit(c, true);
      if (result.kind !== 'fitted') continue;
      const { chosen, omitted } = result;
      expect(chosen.fits, `case ${n}`).toBe(true);
      if (chosen.scale.type === 1 && omitted.length === 0) continue;
      shrunk++;
      expect(chosen.available - chosen.height, `case ${n}: room at the foot`).toBeLessThanOrEqual(36);
      // Blocks come whole: where no arrangement and side width at this scale ends the columns within 36 pt of each
      // other, none is asked for.
      if (!canBalance(page, chosen, omitted.length === 0)) continue;
      balanced++;
      expect(imbalanceOf(chosen.columns()!), `case ${n}: columns`).toBeLessThanOrEqual(36);
    }
    // The cases must exercise the claim.
    expect(shrunk).toBeGreaterThan(5);
    expect(balanced).toBeGreaterThan(5);
  });
});

function imbalanceOf(r: ColumnReading): number {
  const ends = [r.inkEnd.main, r.inkEnd.side].filter((e): e is number => e !== undefined);
  return Math.max(...ends) - Math.min(...ends);
}

/**
 * Whether some arrangement placement allows (sections go to the side column only from the end, the first stays; any
 * box, quote or the timeline may go) and some side width in the theme's range fits at `t`'s scale with its columns
 * within 36 pt: a scan. In content order (placement's inContentOrder) unless something was left out: only to keep
 * an item on the page may blocks read out of order.
 */
function canBalance(page: ReturnType<typeof fakePage>, t: Trial, inOrder: boolean): boolean {
  const kept = t.arrangement.main.concat(t.arrangement.side);
  const sections = kept.filter((b) => b.kind === 'section').sort((x, y) => x.index - y.index);
  const others = kept.filter((b) => b.kind !== 'section');
  for (let moved = 0; moved < sections.length; moved++)
    for (let mask = 0; mask < 2 ** others.length; mask++)
      for (let side = SIDE_RANGE[0]; side <= SIDE_RANGE[1]; side += 2) {
        const inSide = others.filter((_, i) => mask & (2 ** i));
        const a: Arrangement = {
          main: [...sections.slice(0, sections.length - moved), ...others.filter((_, i) => !(mask & (2 ** i)))],
          side: [...inSide, ...sections.slice(sections.length - moved)],
          sideWidth: side,
        };
        const m = page.measure(t.scale, t.omit, a);
        if (m.height <= AVAILABLE && imbalanceOf(m.reading) <= 36 && (inOrder === false || inContentOrder(a))) return true;
      }
  return false;
}
