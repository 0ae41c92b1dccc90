/**
 * Placement as arithmetic over measured blocks, with made-up block heights
 * and no pdfmake: which arrangement is predicted, how tall, how balanced,
 * and what the side column's width should be.
 */
import { describe, expect, it } from 'vitest';
import {
  BlockExtents,
  balancingWidth,
  choose,
  designedArrangement,
  knowsAll,
  predictAll,
  shortest,
  type ColumnReading,
} from '../../../src/pipeline/placement.js';
import type { Briefing } from '../../../src/types.js';

/** A briefing with three sections, one key-facts box and a timeline of two entries; only the lists matter here. */
const briefing = {
  sections: [
    { heading: 'A', body: 'a' },
    { heading: 'B', body: 'b' },
    { heading: 'C', body: 'c', optional: true },
  ],
  keyFacts: [{ title: 'K', rows: [] }],
  timeline: [
    { date: '1', event: 'x' },
    { date: '2', event: 'y', optional: true },
  ],
  quotes: [],
} as unknown as Briefing;

const movable = new Set(['keyFacts', 'timeline', 'quotes', 'sections']);

/** A reading of blocks of the given heights (advance = ink), in one column each. */
function reading(blocks: Record<string, ['main' | 'side', number]>): ColumnReading {
  const map = new Map(Object.entries(blocks).map(([id, [column, h]]) => [id, { column, extent: { advance: h, ink: h } }]));
  return {
    blocks: map,
    top: 0,
    rest: 200,
    inkEnd: { main: undefined, side: undefined },
    full: { main: 0, side: 0 },
    width: { main: 315, side: 200 },
  };
}

// As designed: the sections in the main column, 600 pt; the box and timeline in the side one, 150 pt.
const home = reading({
  'section:0': ['main', 200],
  'section:1': ['main', 200],
  'section:2': ['main', 200],
  'keyFacts:0': ['side', 100],
  'timeline:0': ['side', 50],
});
// The probe: every movable block in the other column (sections are taller in the narrower one).
const away = reading({
  'section:0': ['main', 200],
  'section:1': ['side', 320],
  'section:2': ['side', 320],
  'keyFacts:0': ['main', 90],
  'timeline:0': ['main', 45],
});

describe('predictAll and choose', () => {
  const predictions = predictAll(briefing, {}, movable, { home, away });

  it('adds up each arrangement from the blocks measured in both columns', () => {
    const designed = predictions.find((p) => p.moves === 0)!;
    expect(designed.height).toBe(600);
    expect(designed.imbalance).toBe(450);
    // The last section continuing in the side column: 400 beside 150 + 320.
    const tail = predictions.find((p) => p.moves === 1 && p.arrangement.side.some((b) => b.kind === 'section'))!;
    expect(tail.height).toBe(470);
    expect(tail.imbalance).toBe(70);
  });

  it('never moves the first section, and keeps something in the side column', () => {
    for (const p of predictions) {
      expect(p.arrangement.main[0]).toEqual({ kind: 'section', index: 0 });
      expect(p.arrangement.side.length).toBeGreaterThan(0);
    }
  });

  it('shortest: the arrangement that leaves most room for larger type', () => {
    const best = shortest(predictions)!;
    expect(best.height).toBe(Math.min(...predictions.map((p) => p.height)));
    expect(best.height).toBeLessThan(600);
  });

  it('choose: among those that fit, the best balanced, a move costing 14 pt of imbalance', () => {
    const best = choose(predictions, 520)!;
    expect(best.height).toBeLessThanOrEqual(520);
    const cost = (p: (typeof predictions)[number]) => p.imbalance + 14 * p.moves;
    for (const p of predictions.filter((q) => q.height <= 520)) expect(cost(best)).toBeLessThanOrEqual(cost(p));
  });

  it('choose: when none fits, the shortest', () => {
    expect(choose(predictions, 100)).toEqual(shortest(predictions));
  });
});

describe('BlockExtents', () => {
  it('knows every block once both columns have been read, for any set of omissions', () => {
    const book = new BlockExtents();
    book.record('0.85/0.45/', home, briefing, {});
    expect(knowsAll(briefing, {}, movable, book.model('0.85/0.45/', briefing, {}))).toBe(false);
    book.record('0.85/0.45/', away, briefing, {});
    expect(knowsAll(briefing, {}, movable, book.model('0.85/0.45/', briefing, {}))).toBe(true);
    // Leaving out the last section needs no new layout: its neighbours were measured.
    const omit = { sections: new Set([2]) };
    const model = book.model('0.85/0.45/', briefing, omit);
    expect(knowsAll(briefing, omit, movable, model)).toBe(true);
    expect(shortest(predictAll(briefing, omit, movable, model))!.height).toBeLessThan(400);
  });

  it('keeps apart what another scale or width measured', () => {
    const book = new BlockExtents();
    book.record('1/1/', home, briefing, {});
    book.record('1/1/', away, briefing, {});
    expect(knowsAll(briefing, {}, movable, book.model('1/1/180', briefing, {}))).toBe(false);
  });

  it('measures the timeline again when entries are left out: it is a different block then', () => {
    const book = new BlockExtents();
    book.record('1/1/', home, briefing, {});
    book.record('1/1/', away, briefing, {});
    const omit = { timeline: new Set([1]) };
    expect(knowsAll(briefing, omit, movable, book.model('1/1/', briefing, omit))).toBe(false);
  });
});

describe('designedArrangement', () => {
  it('puts every block in its designed column, text first in the main one', () => {
    const a = designedArrangement(briefing, { sections: new Set([2]) });
    expect(a.main).toEqual([
      { kind: 'section', index: 0 },
      { kind: 'section', index: 1 },
    ]);
    expect(a.side).toEqual([
      { kind: 'keyFacts', index: 0 },
      { kind: 'timeline', index: 0 },
    ]);
  });
});

describe('balancingWidth', () => {
  it('gives the longer column width from the shorter one, as far as evens them, within the range', () => {
    const r = { ...home, top: 0, inkEnd: { main: 600, side: 150 }, width: { main: 315, side: 200 } };
    // The main column is far longer: the side one narrows, to the range's end.
    expect(balancingWidth(r, [170, 240])).toBe(170);
    // The side column a little longer: it widens just enough (areas kept: 300·315 + 400·200 over two equal heights).
    const w = balancingWidth({ ...r, inkEnd: { main: 300, side: 400 } }, [170, 240])!;
    expect(w).toBeGreaterThan(200);
    expect(w).toBeLessThan(240);
    const even = balancingWidth({ ...r, inkEnd: { main: 300, side: 300 } }, [170, 240])!;
    expect(even).toBe(200); // already even: unchanged
  });
});
