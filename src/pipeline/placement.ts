/**
 * Placement: which column holds each block. Real articles rarely split the
 * way a template's designer pictured (some have many facts and a short
 * story, others a long story and few facts), so before it tightens spacing
 * or shrinks type the fitter may move blocks between the main and side
 * columns: key-facts boxes, the timeline, quotes, and the last sections
 * (which then continue below the side column's boxes). The template
 * declares which of them may move (theme.yaml `placement.movable`) and
 * receives the result as data, `arrangement.main` and `arrangement.side`,
 * each a list of blocks it sets with its own partials; a template that
 * declares nothing movable gets its blocks where it always put them.
 *
 * Measuring: the fitter puts a marker between the blocks of each column
 * (pdf/marker.ts markerNode), so one layout pass tells how tall each block is
 * in the column it is in. A second pass with every movable block in the
 * other column (the probe) tells how tall each is there. Heights add up
 * (pdfmake does not collapse margins), so every arrangement's column
 * heights follow by arithmetic, and only the chosen one is laid out.
 * BlockExtents keeps what was measured for the rest of the build, per
 * scale and side-column width, so the arrangements of other sets of
 * omissions need no new probe.
 */
import { TemplateError } from '../errors.js';
import { FIT } from './fit-constants.js';
import { markerNode } from '../pdf/marker.js';
import { COLUMN_MARK } from '../template/contract.js';
import type { Marker, PageLayout } from '../pdf/engine.js';
import type { Extent, PagePrediction } from './blocks.js';
import type { Arrangement, BlockRef, Briefing, DocDefinition, Omissions, PageSpec, Template } from '../types.js';

export type BlockKind = BlockRef['kind'];
export type Column = 'main' | 'side';

export type { Arrangement, BlockRef };

export const blockId = (b: BlockRef) => `${b.kind}:${b.index}`;
export const arrangementKey = (a: Arrangement) =>
  `${a.main.map(blockId).join(',')}|${a.side.map(blockId).join(',')}|${a.footGap ?? ''}|${a.sideWidth ?? ''}`;

/** A set of omissions as a key: the same items left out, the same key. */
export function omissionsKey(omit: Omissions): string {
  return [omit.sections, omit.keyFacts, omit.timeline, omit.quotes, omit.charts]
    .map((set) => (set ? [...set].sort((a, b) => a - b).join(',') : ''))
    .join('|');
}

/** A block kind as theme.yaml's `placement.movable` names it (sections, keyFacts, timeline, quotes, charts). */
const movableName = (kind: BlockKind) =>
  kind === 'section' ? 'sections' : kind === 'quote' ? 'quotes' : kind === 'chart' ? 'charts' : kind;

const kept = (n: number, skip?: ReadonlySet<number>) => [...Array(n).keys()].filter((i) => !skip?.has(i));

/** Which blocks exist once these are left out, each with its designed (home) column. */
function blocksOf(b: Briefing, omit: Omissions): { block: BlockRef; home: Column }[] {
  const out: { block: BlockRef; home: Column }[] = [];
  for (const i of kept(b.sections.length, omit.sections)) out.push({ block: { kind: 'section', index: i }, home: 'main' });
  for (const i of kept(b.keyFacts.length, omit.keyFacts)) out.push({ block: { kind: 'keyFacts', index: i }, home: 'side' });
  if (kept(b.timeline.length, omit.timeline).length > 0) out.push({ block: { kind: 'timeline', index: 0 }, home: 'side' });
  for (const i of kept(b.quotes.length, omit.quotes)) out.push({ block: { kind: 'quote', index: i }, home: 'main' });
  for (const i of kept(b.charts?.length ?? 0, omit.charts)) out.push({ block: { kind: 'chart', index: i }, home: 'side' });
  return out;
}

/**
 * The order blocks take within a column, whatever column they come from:
 * in the main column the text first, then boxes, the timeline, quotes; in
 * the side column boxes, the timeline, quotes, then text that continues there.
 */
const ORDER: Record<Column, BlockKind[]> = {
  main: ['section', 'keyFacts', 'chart', 'timeline', 'quote'],
  side: ['keyFacts', 'chart', 'timeline', 'quote', 'section'],
};

function ordered(blocks: BlockRef[], column: Column): BlockRef[] {
  const rank = ORDER[column];
  return [...blocks].sort((x, y) => rank.indexOf(x.kind) - rank.indexOf(y.kind) || x.index - y.index);
}

/**
 * Reading order across the columns: a reader takes the main column, then
 * the side one (in either direction: a mirrored page has its main column on
 * the right, where a right-to-left reader starts). Blocks of one kind spread
 * over both columns must still read in the content's order, so every one in
 * the main column comes before every one in the side column: quotes move to
 * the side only from the end of their list (never an optional quote read
 * before a required one above it), key-facts boxes to the main column only
 * from its start. The order of kinds within a column is the template's
 * (ORDER above). Fitting gives this up only where keeping it would leave an
 * item out (predictAll's keepOrder): content on the page comes first.
 */
export function inContentOrder(a: Arrangement): boolean {
  const lastInMain = new Map<BlockKind, number>();
  for (const ref of a.main) lastInMain.set(ref.kind, Math.max(lastInMain.get(ref.kind) ?? -1, ref.index));
  return a.side.every((ref) => ref.index > (lastInMain.get(ref.kind) ?? -1));
}

/** The template's own arrangement: every block in its designed column. */
export function designedArrangement(b: Briefing, omit: Omissions): Arrangement {
  const blocks = blocksOf(b, omit);
  return {
    main: ordered(
      blocks.filter((x) => x.home === 'main').map((x) => x.block),
      'main',
    ),
    side: ordered(
      blocks.filter((x) => x.home === 'side').map((x) => x.block),
      'side',
    ),
  };
}

/**
 * The items as the template shows them, by index in the content, where they differ from the content's
 * (merge.ts: citations resolved, judgements in the briefing's words).
 */
export interface ShownItems {
  sections?: readonly object[];
  keyFacts?: readonly object[];
  timeline?: readonly object[];
  quotes?: readonly object[];
}

/** What the template sees: each column's blocks with their content. */
export function arrangementView(b: Briefing, a: Arrangement, omit: Omissions, sideWidth: unknown, shown: ShownItems = {}) {
  const view = (ref: BlockRef) => {
    switch (ref.kind) {
      case 'section': {
        const s = b.sections[ref.index]!;
        const first = ref.index === firstKept(b.sections.length, omit.sections);
        return { kind: ref.kind, first, heading: s.heading, body: s.body, ...shown.sections?.[ref.index] };
      }
      case 'keyFacts': {
        const k = b.keyFacts[ref.index]!;
        return { kind: ref.kind, first: false, title: k.title, rows: k.rows, chart: k.chart ?? null, ...shown.keyFacts?.[ref.index] };
      }
      case 'timeline':
        return {
          kind: ref.kind,
          first: false,
          timeline: b.timeline
            .map((t, i) => ({ date: t.date, event: t.event, ...shown.timeline?.[i] }))
            .filter((_, i) => !omit.timeline?.has(i)),
        };
      case 'quote': {
        const q = b.quotes[ref.index]!;
        return { kind: ref.kind, first: false, text: q.text, attribution: q.attribution, ...shown.quotes?.[ref.index] };
      }
      case 'chart':
        return { kind: ref.kind, first: false, chart: b.charts[ref.index]! };
    }
  };
  // `afterText`: the block follows a section in its column, and needs the room a heading would have above it.
  // `order`: its place in reading order (the structure tree's), whatever column holds it.
  const column = (refs: BlockRef[]) =>
    refs.map((ref, i) => ({ ...view(ref), afterText: i > 0 && refs[i - 1]!.kind === 'section', order: readingOrder(ref) }));
  return {
    main: column(a.main),
    side: column(a.side),
    sideWidth: a.sideWidth ?? sideWidth ?? 200,
    footGap: a.footGap ?? null,
  };
}

/** Reading order: the sections, then the key-facts boxes, the charts, the timeline and the quotes, each in the content's order. */
const READING: BlockKind[] = ['section', 'keyFacts', 'timeline', 'quote'];
// Charts read after the key-facts boxes, before the timeline (numbered between them, so the others keep their numbers).
const readingOrder = (ref: BlockRef) => (ref.kind === 'chart' ? 1500 : READING.indexOf(ref.kind) * 1000) + ref.index;

const firstKept = (n: number, skip?: ReadonlySet<number>) => kept(n, skip)[0];

/**
 * Puts a marker before each block of the columns the template marked
 * (`"column": "main"` / `"side"`) and one at each column's end (unless
 * `insert` is false: then it only checks). The template must set one node per
 * block, in the order given.
 */
export function markColumns(doc: DocDefinition, a: Arrangement, template: Template, insert = true): void {
  const found = new Set<Column>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const n = node as Record<string, unknown>;
    const mark = n[COLUMN_MARK];
    if ((mark === 'main' || mark === 'side') && Array.isArray(n.stack)) {
      const column: Column = mark;
      const blocks = a[column];
      if (n.stack.length !== blocks.length)
        throw new TemplateError(
          `the stack marked "column": "${column}" holds ${n.stack.length} node(s), but arrangement.${column} has ${blocks.length} block(s)`,
          { file: `${template.dir}/document.hbs` },
          `write one node per block: {{#each arrangement.${column}}}…{{/each}} (see partials/column.hbs of the built-in template)`,
        );
      found.add(column);
      if (!insert) return;
      const stack: unknown[] = [];
      n.stack.forEach((child, i) => stack.push(markerNode(`${column}|${blockId(blocks[i]!)}`), child));
      stack.push(markerNode(`${column}|end`));
      n.stack = stack;
      return;
    }
    for (const key of ['stack', 'columns']) if (Array.isArray(n[key])) visit(n[key]);
  };
  visit(doc.content);
  for (const column of ['main', 'side'] as const)
    if (a[column].length > 0 && !found.has(column))
      throw new TemplateError(
        `the template declares movable blocks (theme.yaml placement) but no stack marked "column": "${column}"`,
        { file: `${template.dir}/document.hbs` },
        `mark the ${column} column's stack with "column": "${column}" and fill it from arrangement.${column}`,
      );
}

/** What one layout pass says about the columns. */
export interface ColumnReading {
  /** Per block id, in the column it was in. */
  blocks: Map<string, { column: Column; extent: Extent }>;
  /** Where the columns start, from the top margin, on a page as long as needed. */
  top: number;
  /** Height of everything that is not the columns (masthead, headline, sources…). */
  rest: number;
  /** Where each column's ink ends, from the top margin. */
  inkEnd: Record<Column, number | undefined>;
  /** Each column's height, margins included, and its width (from where the columns start on the page). */
  full: Record<Column, number>;
  width: Record<Column, number>;
}

/** Reads the markers of a layout. Pages are put end to end, so an overflowing trial reads as one long page. */
export function readColumns(layout: PageLayout, page: PageSpec): ColumnReading | undefined {
  const markers = layout.markers;
  if (markers.length === 0) return undefined;
  const y = (m: { page: number; y: number }) => m.page * layout.available + (m.y - page.margins.top);
  const blocks = new Map<string, { column: Column; extent: Extent }>();
  const inkEnd: Record<Column, number | undefined> = { main: undefined, side: undefined };
  const full: Record<Column, number> = { main: 0, side: 0 };
  const left: Record<Column, number | undefined> = { main: undefined, side: undefined };
  let top = Infinity;
  let end = 0;
  for (const column of ['main', 'side'] as const) {
    const ms = markers.filter((m) => m.id.startsWith(`${column}|`));
    if (ms.length === 0) continue;
    top = Math.min(top, y(ms[0]!));
    full[column] = y(ms[ms.length - 1]!) - y(ms[0]!);
    left[column] = ms[0]!.x;
    for (let i = 0; i + 1 < ms.length; i++) {
      const m = ms[i]!;
      const next = ms[i + 1]!;
      const inkBottom = inkOf(markers, m);
      blocks.set(m.id.slice(column.length + 1), {
        column,
        extent: { advance: y(next) - y(m), ink: inkBottom - y(m) },
      });
      inkEnd[column] = inkBottom;
    }
    end = Math.max(end, y(ms[ms.length - 1]!));
  }
  if (!Number.isFinite(top)) return undefined;
  // Each column reaches to where the next one starts (the gutter counted in), the last to the right margin;
  // a mirrored (right-to-left) page has its side column first.
  const right = page.width - page.margins.right;
  const mainX = left.main ?? page.margins.left;
  const sideX = left.side ?? right;
  const width = sideX >= mainX ? { main: sideX - mainX, side: right - sideX } : { main: right - mainX, side: mainX - sideX };
  return { blocks, top, rest: layout.height - (end - top), inkEnd, full, width };

  function inkOf(all: Marker[], m: Marker): number {
    // A block may run onto later pages: its ink ends on the last page before its next marker.
    const i = all.indexOf(m);
    const next = all.slice(i + 1).find((n) => n.id.split('|')[0] === m.id.split('|')[0]);
    if (!next || next.page === m.page) return y({ page: m.page, y: m.bottom });
    const onNext = all.filter((n) => n.page === next.page && n.y < next.y);
    const before = onNext.length > 0 ? Math.max(...onNext.map((n) => n.bottom)) : next.y;
    return y({ page: next.page, y: Math.max(before, page.margins.top) });
  }
}

/**
 * The reading of a page predicted from its blocks (blocks.ts), as
 * readColumns would read it laid out: the blocks of each column are those
 * of the arrangement, in order. Undefined if the columns do not hold them.
 */
export function readPrediction(p: PagePrediction, a: Arrangement, page: PageSpec): ColumnReading | undefined {
  if (p.columns.length === 0) return undefined;
  const blocks = new Map<string, { column: Column; extent: Extent }>();
  const inkEnd: Record<Column, number | undefined> = { main: undefined, side: undefined };
  const full: Record<Column, number> = { main: 0, side: 0 };
  const left: Record<Column, number | undefined> = { main: undefined, side: undefined };
  for (const c of p.columns) {
    if (c.name !== 'main' && c.name !== 'side') return undefined;
    const column: Column = c.name;
    const refs = a[column];
    if (refs.length !== c.extents.length) return undefined;
    let y = p.top;
    refs.forEach((ref, i) => {
      const extent = c.extents[i]!;
      blocks.set(blockId(ref), { column, extent });
      inkEnd[column] = y + extent.ink;
      y += extent.advance;
    });
    full[column] = y - p.top;
    left[column] = c.x;
  }
  const right = page.width - page.margins.right;
  const mainX = left.main ?? page.margins.left;
  const sideX = left.side ?? right;
  const width = sideX >= mainX ? { main: sideX - mainX, side: right - sideX } : { main: right - mainX, side: mainX - sideX };
  return { blocks, top: p.top, rest: p.rest, inkEnd, full, width };
}

/** What placing blocks can do at one scale: every movable block's extent in both columns. */
export interface PlacementModel {
  home: Pick<ColumnReading, 'blocks'>;
  away: Pick<ColumnReading, 'blocks'>;
}

export interface Prediction {
  arrangement: Arrangement;
  /** Height of the columns block (the taller column, margins included). */
  height: number;
  /** Difference between where the two columns' ink ends. */
  imbalance: number;
  moves: number;
}

const MOVE_COST = FIT.moveCost;
const MAX_ARRANGEMENTS = FIT.maxArrangements;

/**
 * Every arrangement of the movable blocks, predicted from two readings at
 * the same scale (`model`): `home` of the designed arrangement (or any), `away` of
 * its opposite. Sections move only from the end, and at least one stays.
 */
export function predictAll(
  b: Briefing,
  omit: Omissions,
  movable: ReadonlySet<string>,
  model: PlacementModel,
  keepOrder = true,
): Prediction[] {
  const blocks = blocksOf(b, omit);
  const extentIn = (ref: BlockRef, column: Column): Extent | undefined => {
    const id = blockId(ref);
    for (const r of [model.home, model.away]) {
      const e = r.blocks.get(id);
      if (e && e.column === column) return e.extent;
    }
    return undefined;
  };
  const free = blocks.filter(
    (x) => x.block.kind !== 'section' && movable.has(movableName(x.block.kind)) && extentIn(x.block, 'main') && extentIn(x.block, 'side'),
  );
  const sections = blocks.filter((x) => x.block.kind === 'section');
  // Trailing sections that may continue in the side column: as many as were measured there.
  let maxTail = 0;
  if (movable.has('sections'))
    while (maxTail < sections.length - 1 && extentIn(sections[sections.length - 1 - maxTail]!.block, 'side')) maxTail++;
  const combos = Math.min(1 << free.length, MAX_ARRANGEMENTS);
  const out: Prediction[] = [];
  for (let tail = 0; tail <= maxTail; tail++) {
    for (let mask = 0; mask < combos; mask++) {
      const main: BlockRef[] = [];
      const side: BlockRef[] = [];
      let moves = tail;
      sections.forEach((x, i) => (i >= sections.length - tail ? side : main).push(x.block));
      free.forEach((x, i) => {
        const away = (mask >> i) & 1;
        if (away) moves++;
        const column = away ? (x.home === 'main' ? 'side' : 'main') : x.home;
        (column === 'main' ? main : side).push(x.block);
      });
      for (const x of blocks) if (x.block.kind !== 'section' && !free.includes(x)) (x.home === 'main' ? main : side).push(x.block);
      // An empty side column would make the main one full width, a different page that the readings do not describe.
      if (side.length === 0 && blocks.some((x) => x.home === 'side')) continue;
      const a: Arrangement = { main: ordered(main, 'main'), side: ordered(side, 'side') };
      if (keepOrder && !inContentOrder(a)) continue;
      const col = (column: Column) => {
        let full = 0;
        let ink = 0;
        for (const ref of a[column]) {
          const e = extentIn(ref, column);
          if (!e) return undefined;
          ink = full + e.ink;
          full += e.advance;
        }
        return { full, ink };
      };
      const m = col('main');
      const s = col('side');
      if (!m || !s) continue;
      out.push({
        arrangement: a,
        height: Math.max(m.full, s.full),
        imbalance: a.side.length === 0 ? 0 : Math.abs(m.ink - s.ink),
        moves,
      });
    }
  }
  return out;
}

/**
 * The arrangement to lay out: among those predicted to fit in `room`, the
 * best balanced (a move counts as MOVE_COST of imbalance); if none fits,
 * the shortest, which needs the least shrinking.
 */
export function choose(predictions: Prediction[], room: number): Prediction | undefined {
  const fitting = predictions.filter((p) => p.height <= room);
  if (fitting.length > 0) return fitting.reduce((x, y) => (cost(y) < cost(x) ? y : x));
  return shortest(predictions);
}

/** The shortest arrangement (the one that leaves the most room for larger type); among equals, the best balanced. */
export function shortest(predictions: Prediction[]): Prediction | undefined {
  return predictions.reduce<Prediction | undefined>(
    (x, y) => (!x || y.height < x.height - 0.5 || (Math.abs(y.height - x.height) <= 0.5 && cost(y) < cost(x)) ? y : x),
    undefined,
  );
}

const cost = (p: Prediction) => p.imbalance + MOVE_COST * p.moves;

/** The arrangement with every movable block in the other column than in `current`: laid out once, it measures them all there. */
export function opposite(b: Briefing, omit: Omissions, movable: ReadonlySet<string>, current: Arrangement): Arrangement {
  const blocks = blocksOf(b, omit);
  const inSide = new Set(current.side.map(blockId));
  const first = blocks.find((x) => x.block.kind === 'section');
  const main: BlockRef[] = [];
  const side: BlockRef[] = [];
  for (const x of blocks) {
    const kind = movableName(x.block.kind);
    const now: Column = inSide.has(blockId(x.block)) ? 'side' : 'main';
    // The first section never moves: the text starts where the reader starts.
    const column = movable.has(kind) && x !== first ? (now === 'main' ? 'side' : 'main') : now;
    (column === 'main' ? main : side).push(x.block);
  }
  return { main: ordered(main, 'main'), side: ordered(side, 'side') };
}

/**
 * About how tall the columns would be if their content were shared out
 * evenly: text keeps its area when it changes width. Used to skip placing
 * when no arrangement could fit, which saves the probe's pass.
 */
export function balancedHeight(r: ColumnReading): number {
  const { main, side } = r.width;
  if (!(main > 0 && side > 0)) return Math.max(r.full.main, r.full.side);
  return (r.full.main * main + r.full.side * side) / (main + side);
}

/**
 * The side column's width that should make the columns end together: text
 * keeps its area as a column narrows or widens, so each column's height goes
 * with one over its width. Within [min, max]; undefined if the reading has
 * no two columns.
 */
export function balancingWidth(r: ColumnReading, range: readonly [number, number]): number | undefined {
  const { main: wm, side: ws } = r.width;
  const hm = r.inkEnd.main;
  const hs = r.inkEnd.side;
  if (hm === undefined || hs === undefined || !(wm > 0 && ws > 0)) return undefined;
  // Heights from where the columns start; the gutter stays, so the main column gives what the side takes.
  const am = (hm - r.top) * wm;
  const as = (hs - r.top) * ws;
  const total = wm + ws;
  // am / (total - w) = as / w  →  w = as·total / (am + as)
  const w = (as * total) / (am + as);
  return Math.round(Math.min(Math.max(w, range[0]), range[1]));
}

/** How far apart the two columns' ink ends, in points (0 unless the reading has two columns). */
export function imbalance(reading: ColumnReading | undefined): number {
  if (!reading || reading.inkEnd.main === undefined || reading.inkEnd.side === undefined) return 0;
  return Math.abs(reading.inkEnd.main - reading.inkEnd.side);
}

/**
 * Every block's extent in each column, kept per scale and side width for the
 * rest of the build: a block is measured once in each column, and the
 * arrangements of any set of omissions at that scale are then predicted by
 * addition, without another layout. A block whose look depends on what else
 * is left out (the timeline, by its entries; the first section kept, which
 * sets no rule above it) is kept under that context too.
 */
export class BlockExtents {
  private readonly books = new Map<string, Map<string, { column: Column; extent: Extent }>>();

  /** Adds what one layout pass read, at the scale and width `at` names, of a page with `omit` left out. */
  record(at: string, reading: ColumnReading, b: Briefing, omit: Omissions): void {
    let book = this.books.get(at);
    if (!book) this.books.set(at, (book = new Map()));
    for (const [id, e] of reading.blocks) book.set(`${e.column}|${contextId(id, b, omit)}`, e);
  }

  /** The readings of both columns for these omissions, from everything recorded at `at`. */
  model(at: string, b: Briefing, omit: Omissions): PlacementModel {
    const home = new Map<string, { column: Column; extent: Extent }>();
    const away = new Map<string, { column: Column; extent: Extent }>();
    const book = this.books.get(at);
    for (const { block } of blocksOf(b, omit)) {
      const id = blockId(block);
      const main = book?.get(`main|${contextId(id, b, omit)}`);
      const side = book?.get(`side|${contextId(id, b, omit)}`);
      if (main) home.set(id, main);
      if (side) away.set(id, side);
    }
    return { home: { blocks: home }, away: { blocks: away } };
  }
}

function contextId(id: string, b: Briefing, omit: Omissions): string {
  if (id.startsWith('timeline:')) return `${id}~${[...(omit.timeline ?? [])].sort((x, y) => x - y).join(',')}`;
  if (id === `section:${firstKept(b.sections.length, omit.sections)}`) return `${id}~first`;
  return id;
}

/** Whether a model knows every block that may move in both columns (else a probe must measure them). */
export function knowsAll(b: Briefing, omit: Omissions, movable: ReadonlySet<string>, model: PlacementModel): boolean {
  const first = firstKept(b.sections.length, omit.sections);
  return blocksOf(b, omit).every(({ block }) => {
    const kind = movableName(block.kind);
    if (!movable.has(kind) || (block.kind === 'section' && block.index === first)) return true;
    const id = blockId(block);
    return model.home.blocks.has(id) && model.away.blocks.has(id);
  });
}
