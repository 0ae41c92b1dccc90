/**
 * Measuring blocks, not pages. A briefing's page is a few full-width nodes
 * (masthead, headline, standfirst, bottom line, sources…) around a node of
 * columns; inside each column, one node per block (a section, a key-facts
 * box, a quote, the timeline, a chart: whatever the template sets there).
 * Each block is laid out alone, on a page of unlimited height as wide as its
 * column, and its height is kept by (its content, its column's width and
 * style): the document definition of a block already says its scale, so a
 * block met again at the same scale and width (in another arrangement, with
 * other items left out, or in the next build of `watch` or `preview`) is
 * not laid out again. The full-width nodes are laid out together, with the
 * columns emptied (the skeleton), and kept the same way.
 *
 * pdfmake does not collapse margins, so heights add up: a column is as tall
 * as its blocks' advances, and the page as its skeleton plus its taller
 * column. This module knows nothing of briefings: it reads any document
 * whose top level holds the columns (stacks marked `"column"`), and says
 * "cannot predict" (undefined) for anything else, such as a page break; the
 * fitter then lays the page out whole.
 *
 * Heights are kept per spacing, not derived from two spacings by a straight
 * line: in the built-in template a block's height is not affine in spacing.
 * The gutter scales with spacing, so the main column's width (and its line
 * breaks) change with it; a key-facts box's cell padding does too, and its
 * table's column widths switch (fit-long's first box: 159 pt at spacing 0.50,
 * 222 pt at 0.55); and every scaled number is rounded to 0.01 pt, which adds
 * up to about half a point over a page.
 */
import { measureMarked, type Marker } from '../pdf/engine.js';
import { markerNode } from '../pdf/marker.js';
import { COLUMN_MARK } from '../template/contract.js';
import type { DocDefinition, FontSet, PageSpec } from '../types.js';

/** A block's share of a column: how far it moves the column down (margins included), and how far its ink reaches. */
export interface Extent {
  advance: number;
  ink: number;
}

/** One column of a predicted page. */
export interface PredictedColumn {
  /** The column's name (the value of its `"column"` mark). */
  name: string;
  /** Where the column starts, from the left edge of the page. */
  x: number;
  /** The width its blocks are set in. */
  width: number;
  /** Its blocks, in order. */
  extents: Extent[];
}

/** A page predicted from its blocks, as if it were unlimited in height. */
export interface PagePrediction {
  /** How far the ink reaches from the top margin. */
  height: number;
  /** Where the columns start, from the top margin. */
  top: number;
  /** Height of everything that is not the columns. */
  rest: number;
  columns: PredictedColumn[];
}

/** Measured heights, kept across builds of one process, by fonts, language and page. */
const MAX_KEPT = 4000;
const books = new WeakMap<FontSet, Map<string, Map<string, unknown>>>();

function bookFor(fonts: FontSet, key: string): Map<string, unknown> {
  let byPage = books.get(fonts);
  if (!byPage) books.set(fonts, (byPage = new Map()));
  let book = byPage.get(key);
  if (!book) byPage.set(key, (book = new Map()));
  return book;
}

/** Keeps a value; the oldest go once the book is full (a long `watch` session edits many versions of a block). */
function keep<T>(book: Map<string, unknown>, key: string, value: T): T {
  if (book.size >= MAX_KEPT) book.delete(book.keys().next().value as string);
  book.set(key, value);
  return value;
}

const START = 'blocks|start';

export class BlockMeasurer {
  private readonly book: Map<string, unknown>;
  /** Sub-documents laid out so far (each a skeleton or a batch of blocks of one column). */
  layouts = 0;

  constructor(
    private readonly fonts: FontSet,
    private readonly page: PageSpec,
    private readonly language: string | undefined,
  ) {
    this.book = bookFor(fonts, `${language ?? ''}|${page.width}x${page.height}|${JSON.stringify(page.margins)}`);
  }

  /** The page `doc` would make, from its blocks' heights; undefined when it cannot be told that way. Consumes `doc` (pdfmake fills defaults into what it lays out). */
  predict(doc: DocDefinition): PagePrediction | undefined {
    const content = doc.content;
    if (!Array.isArray(content)) return undefined;
    const style = JSON.stringify([doc.defaultStyle ?? null, doc.styles ?? null]);
    // A page break (or a page's worth of anything else pdfmake decides by page) is for the full layout to say.
    if (style.includes('"pageBreak"')) return undefined;
    // The node holding the columns: a stack marked "column", or a `columns` node of marked stacks, at the top level.
    let at = -1;
    let stacks: Record<string, unknown>[] = [];
    content.forEach((node, i) => {
      const marked = columnStacks(node);
      if (marked.length > 0 && at < 0) [at, stacks] = [i, marked];
    });
    const skeletonContent = content.map((node, i) => (i === at ? emptied(node as Record<string, unknown>) : node));
    const skeletonDoc = { content: skeletonContent, defaultStyle: doc.defaultStyle, styles: doc.styles };
    const skeletonKey = `skeleton|${JSON.stringify(skeletonDoc)}`;
    if (skeletonKey.includes('"pageBreak"')) return undefined;
    const skeleton = this.book.get(skeletonKey) as Skeleton | undefined;
    const sk = skeleton ?? keep(this.book, skeletonKey, this.measureSkeleton(skeletonDoc as DocDefinition, stacks.length));
    if (at < 0 || sk.starts.length === 0) return { height: sk.height, top: sk.height, rest: sk.height, columns: [] };
    if (sk.starts.length !== stacks.length) return undefined;

    const columns: PredictedColumn[] = [];
    for (const [i, stack] of stacks.entries()) {
      const start = sk.starts[i]!;
      const name = String(stack[COLUMN_MARK]);
      const extents = this.extents(stack, start.width, style);
      if (!extents) return undefined;
      columns.push({ name, x: start.x, width: start.width, extents });
    }
    const full = Math.max(0, ...columns.map((c) => c.extents.reduce((n, e) => n + e.advance, 0)));
    const ink = Math.max(0, ...columns.map(inkOf));
    const top = sk.top;
    // The skeleton's nodes after the columns move down by the taller column; before them, nothing moves.
    const height = at < content.length - 1 ? Math.max(sk.height + full, top + ink) : Math.max(sk.height, top + ink);
    return { height, top, rest: height - full, columns };
  }

  /** Lays out the skeleton: where each (empty) column starts, and how tall the rest is. */
  private measureSkeleton(doc: DocDefinition, columns: number): Skeleton {
    this.layouts++;
    const m = measureMarked(doc, this.fonts, this.page, this.language);
    const starts = m.markers.filter((k) => k.id === START);
    const top = starts.length > 0 ? starts[0]!.y - this.page.margins.top : m.height;
    const right = this.page.width - this.page.margins.right;
    // Each column reaches to where the next one starts, less the gap between them; the last to the right margin.
    const byX = [...starts].sort((a, b) => a.x - b.x);
    const gap = columns > 1 ? columnGap(doc) : 0;
    const width = (s: Marker) => {
      const next = byX[byX.indexOf(s) + 1];
      return next ? next.x - s.x - gap : right - s.x;
    };
    return { height: m.height, top, starts: starts.map((s) => ({ x: s.x, width: width(s) })) };
  }

  /** Every block of a column stack, measured at `width` (those not measured before in one layout). */
  private extents(stack: Record<string, unknown>, width: number, style: string): Extent[] | undefined {
    const blocks = stack.stack as unknown[];
    const { stack: _s, width: _w, [COLUMN_MARK]: _c, columns: _cs, ...props } = stack;
    const context = `${Math.round(width * 100) / 100}|${style}|${JSON.stringify(props)}`;
    const keys = blocks.map((b) => `block|${context}|${JSON.stringify(b)}`);
    if (keys.some((k) => k.includes('"pageBreak"'))) return undefined;
    const missing = [...new Set(keys.filter((k) => !this.book.has(k)))];
    if (missing.length > 0) {
      const nodes = missing.map((k) => blocks[keys.indexOf(k)]);
      const stackNode: Record<string, unknown> = { ...props, stack: [] };
      const inner: unknown[] = [];
      nodes.forEach((n, i) => inner.push(markerNode(`b|${i}`), n));
      inner.push(markerNode('b|end'));
      stackNode.stack = inner;
      const page: PageSpec = { ...this.page, width: width + this.page.margins.left + this.page.margins.right };
      this.layouts++;
      const m = measureMarked({ content: [stackNode], ...this.styles(style) } as DocDefinition, this.fonts, page, this.language);
      const ms = m.markers;
      if (ms.length !== nodes.length + 1) return undefined;
      missing.forEach((k, i) => keep(this.book, k, { advance: ms[i + 1]!.y - ms[i]!.y, ink: ms[i]!.bottom - ms[i]!.y }));
    }
    return keys.map((k) => this.book.get(k) as Extent);
  }

  /** The styles of a document, fresh (pdfmake fills defaults into those it is given). */
  private styles(style: string): Pick<DocDefinition, 'defaultStyle' | 'styles'> {
    const [defaultStyle, styles] = JSON.parse(style) as [DocDefinition['defaultStyle'] | null, DocDefinition['styles'] | null];
    return { ...(defaultStyle && { defaultStyle }), ...(styles && { styles }) };
  }
}

interface Skeleton {
  height: number;
  top: number;
  starts: { x: number; width: number }[];
}

/** The stacks marked as columns in a top-level node: the node itself, or the children of its `columns`. */
function columnStacks(node: unknown): Record<string, unknown>[] {
  if (typeof node !== 'object' || node === null) return [];
  const n = node as Record<string, unknown>;
  if (typeof n[COLUMN_MARK] === 'string' && Array.isArray(n.stack)) return [n];
  if (!Array.isArray(n.columns)) return [];
  const marked = n.columns.filter(
    (c): c is Record<string, unknown> =>
      typeof c === 'object' &&
      c !== null &&
      typeof (c as Record<string, unknown>)[COLUMN_MARK] === 'string' &&
      Array.isArray((c as Record<string, unknown>).stack),
  );
  return marked.length === n.columns.length ? marked : [];
}

/** The node with each column's blocks replaced by a marker where the column starts (set left, or a right-to-left page would put it at the column's right edge). */
function emptied(node: Record<string, unknown>): Record<string, unknown> {
  const start = () => [{ ...markerNode(START), alignment: 'left' }];
  if (Array.isArray(node.columns))
    return { ...node, columns: node.columns.map((c) => ({ ...(c as Record<string, unknown>), stack: start() })) };
  return { ...node, stack: start() };
}

function columnGap(doc: DocDefinition): number {
  for (const node of doc.content as unknown[]) {
    const n = node as Record<string, unknown> | null;
    if (n && Array.isArray(n.columns)) return typeof n.columnGap === 'number' ? n.columnGap : 0;
  }
  return 0;
}

/** How far a column's ink reaches from where it starts. */
function inkOf(c: PredictedColumn): number {
  let full = 0;
  let ink = 0;
  for (const e of c.extents) {
    ink = full + e.ink;
    full += e.advance;
  }
  return ink;
}
