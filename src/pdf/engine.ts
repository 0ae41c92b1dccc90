/**
 * Lays out and renders with pdfmake's internals. pdfmake's public Node API
 * lays out and renders in one call and resolves fonts and images by URL or
 * path; briefing needs to lay out without rendering (to measure while
 * fitting), to hand over fonts already parsed, and to never touch the network
 * or the file system while rendering. So it drives pdfmake's own stages
 * (LayoutBuilder, Renderer) the way pdfmake's Printer does; the modules are
 * internal (see pdfmake-internals.ts). What briefing replaces inside them
 * (the speed layer and the fixes: line breaking, right-to-left lines, shaping)
 * is installed when the first document is made, through tuning/registry.ts,
 * never on import.
 */
import { LIST_KINDS, PAGES_KEY, TABLE_LAYOUT_KEYS } from '../template/contract.js';
import { convertToDynamicContent, LayoutBuilder, PDFDocument, Renderer, SVGMeasure, tableLayouts } from './tuning/pdfmake-internals.js';
import { installTuning, tuneDocument } from './tuning/install.js';
import { refuseExternalImages } from '../template/svg.js';
import { typesetWith } from '../text/line-breaking.js';
import { horizontalOverflows, type HorizontalOverflow } from '../text/overflow.js';
import { MARKER } from './marker.js';
import { PDFUA_XMP, tagLayout, tagRendering, writeStructure, type Tree } from './tagging/index.js';
import type { DocDefinition, FontSet, PageSpec, RenderOptions } from '../types.js';

interface LaidOutItem {
  type: string;
  item: any;
}
interface LaidOutPage {
  items: LaidOutItem[];
}

// Nothing may be read from disk or fetched while rendering: fonts come parsed.
const denyLocalAccess = () => false;

function newPdfKitDocument(fonts: FontSet, page: PageSpec, render?: RenderOptions): any {
  installTuning();
  const doc = new PDFDocument(
    {},
    {},
    {},
    {},
    {
      size: [page.width, page.height],
      pdfVersion: '1.7',
      compress: true,
      // Tagged PDF (PDF/UA-1) always: the structure tree is pdf/tagging/'s.
      tagged: true,
      displayTitle: true,
      lang: render?.lang,
      fontLayoutCache: true,
      bufferPages: false,
      autoFirstPage: false,
      info: render?.info ?? { CreationDate: new Date(0) },
      font: null,
      // PDFKit writes one identifier; an archival file gets PDF/UA's too, in renderPages.
      subset: render?.pdfa ? `PDF/A-${render.pdfa}` : 'PDF/UA',
    },
    null,
    denyLocalAccess,
  );
  // pdfmake copies each face out of the dictionary it is given, which would parse every font;
  // this one parses a face when pdfmake first asks for it (fonts.ts).
  doc.fonts = fonts;
  tuneDocument(doc);
  return doc;
}

const LAYOUT_KEYS = TABLE_LAYOUT_KEYS;

/**
 * pdfmake wants table layouts as functions, which JSON cannot hold. A
 * template writes a value (`"vLineWidth": 0`) or a list by line index, the
 * last one repeating (`"vLineWidth": [3, 0]`); this turns them into functions.
 */
function tableLayoutFunctions(node: unknown): void {
  if (Array.isArray(node)) {
    for (const n of node) tableLayoutFunctions(n);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const n = node as Record<string, any>;
  if (n.table && typeof n.layout === 'object' && n.layout !== null) {
    for (const key of LAYOUT_KEYS) {
      const v = n.layout[key];
      if (v === undefined || typeof v === 'function') continue;
      n.layout[key] = Array.isArray(v) ? (i: number) => v[Math.min(i, v.length - 1)] : () => v;
    }
  }
  for (const key of [...LIST_KINDS, 'text']) if (Array.isArray(n[key])) tableLayoutFunctions(n[key]);
  if (n.table && Array.isArray(n.table.body)) tableLayoutFunctions(n.table.body);
}

/** Pages laid out, and what is still to be added to them before they can be rendered. */
interface LaidOut {
  pages: LaidOutPage[];
  markers: Marker[];
  /**
   * The structure tree, filled in as the pages are laid out and drawn; only
   * for the layout that is rendered (withFurniture): a fitting pass's tree
   * would be thrown away, and building it cost each pass a few percent.
   */
  tree: Tree | undefined;
  /** Adds the header and footer to every page. */
  furnish(): void;
}

/**
 * The header and footer live in the page margins and cannot move the
 * content, so they are laid out only for the trial that is rendered, not
 * for every fitting pass (about an eighth of a pass). Laid out after the
 * content, they also stay out of the nodes that keepHeadingsWithText
 * looks at: pdfmake counts a footer as what follows a heading on its page.
 */
function layout(doc: DocDefinition, pdfKitDoc: any, page: PageSpec, height: number, withFurniture: boolean, language?: string): LaidOut {
  for (const part of [doc.content, doc.header, doc.footer, doc.background]) tableLayoutFunctions(part);
  const builder = new LayoutBuilder({ width: page.width, height, orientation: 'portrait' }, page.margins, new SVGMeasure());
  builder.registerTableLayouts(tableLayouts);
  typesetWith(builder, { language });
  const tree = withFurniture ? tagLayout(builder) : undefined;
  const dynamic = (c: unknown) => (c === undefined ? undefined : typeof c === 'function' ? c : convertToDynamicContent(c));
  const pages: LaidOutPage[] = builder.layoutDocument(
    doc.content,
    pdfKitDoc,
    doc.styles ?? {},
    doc.defaultStyle ?? {},
    withFurniture ? dynamic(doc.background) : undefined,
    undefined,
    undefined,
    undefined,
    withFurniture ? keepHeadingsWithText : undefined,
  );
  let furnished = !withFurniture;
  const running = (c: unknown) => (c === undefined || typeof c === 'function' ? c : (n: number, count: number) => onPage(c, n, count));
  return {
    pages,
    markers: takeMarkers(pages),
    tree,
    furnish: () => {
      if (furnished) return;
      furnished = true;
      builder.addHeadersAndFooters(running(doc.header), running(doc.footer));
    },
  };
}

/** Where a marker node (markerNode) was laid out, and how far down the content after it reaches before the next marker. */
export interface Marker {
  id: string;
  /** 0-based page index. */
  page: number;
  x: number;
  y: number;
  /** The lowest point of what was drawn after the marker on its page, up to the next marker; `y` if nothing was. */
  bottom: number;
}

function takeMarkers(pages: LaidOutPage[]): Marker[] {
  const markers: Marker[] = [];
  pages.forEach((p, page) => {
    let open: Marker | undefined;
    const kept: LaidOutItem[] = [];
    for (const it of p.items) {
      const id = it.type === 'vector' ? (it.item[MARKER] as string | undefined) : undefined;
      if (id !== undefined) {
        open = { id, page, x: it.item.x1, y: it.item.y1, bottom: it.item.y1 };
        markers.push(open);
        continue;
      }
      kept.push(it);
      if (open) open.bottom = Math.max(open.bottom, itemBottom(it));
    }
    if (kept.length !== p.items.length) p.items = kept;
  });
  return markers;
}

/**
 * Header and footer for page n of count: a node with `"pages": "first"` is
 * shown on the first page only, `"rest"` on the others, `"several"` only when
 * there is more than one page; in the text of a node with `pages`, `{n}`
 * and `{N}` become the page number and count (a template's label, never
 * content, so nothing typed in a briefing is rewritten).
 */
function onPage(node: unknown, n: number, count: number, numbered = false): unknown {
  if (Array.isArray(node)) return node.filter((c) => shownOn(c, n, count)).map((c) => onPage(c, n, count, numbered));
  if (typeof node === 'string') return numbered ? node.replaceAll('{n}', String(n)).replaceAll('{N}', String(count)) : node;
  if (typeof node !== 'object' || node === null) return node;
  const src = node as Record<string, unknown>;
  const withNumbers = numbered || src[PAGES_KEY] === 'several';
  const out: Record<string, unknown> = {};
  for (const k in src) {
    const v = src[k];
    out[k] =
      typeof v === 'function'
        ? v
        : k === 'text' || k === 'stack' || k === 'columns' || k === 'table' || k === 'body'
          ? onPage(v, n, count, withNumbers)
          : clone(v);
  }
  return out;
}

function shownOn(node: unknown, n: number, count: number): boolean {
  const pages = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[PAGES_KEY] : undefined;
  return pages === 'first' ? n === 1 : pages === 'rest' ? n > 1 : pages === 'several' ? count > 1 : true;
}

function clone(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(clone);
  if (typeof v !== 'object' || v === null) return v;
  const out: Record<string, unknown> = {};
  for (const k in v) out[k] = clone((v as Record<string, unknown>)[k]);
  return out;
}

/**
 * A heading (a node with `headlineLevel`) never ends a page (template/contract.ts): if nothing of
 * its own column follows it there, and something follows on the next page, it moves
 * to the next one. Only matters when a briefing is allowed to overflow onto
 * a second page. "Its own column": the nodes after it on the page include the
 * other column's (pdfmake lists a row of columns one column after the other), which
 * must not keep a heading stranded at the foot of its own.
 */
function keepHeadingsWithText(node: NodeInfo, ctx: { getFollowingNodesOnPage(): NodeInfo[]; getNodesOnNextPage(): unknown[] }): boolean {
  if (node.headlineLevel === undefined || node.pageNumbers.length !== 1) return false;
  const below = ctx.getFollowingNodesOnPage().filter((n) => sameColumnBelow(node, n));
  return below.length === 0 && ctx.getNodesOnNextPage().length > 0;
}

/** What pdfmake tells pageBreakBefore of a node: where it starts, on which pages it lies. */
interface NodeInfo {
  headlineLevel?: number;
  pageNumbers: number[];
  startPosition?: { left: number; top: number };
}

/** Widest indent of a block within its column (a list's marker, a box's padding): more is another column. */
const COLUMN_INDENT = 40;

/** Whether `other` starts below `node` in the same column: at or just inside its left edge, further down. */
function sameColumnBelow(node: NodeInfo, other: NodeInfo): boolean {
  const a = node.startPosition;
  const b = other.startPosition;
  if (!a || !b) return true; // without positions, as before: any node after it counts
  return b.top > a.top && b.left >= a.left - 1 && b.left <= a.left + COLUMN_INDENT;
}

export interface Measurement {
  /** Height the content needs, from the top margin down, in points. */
  height: number;
  /** Height the page offers between its margins, in points. */
  available: number;
}

/**
 * Lays the content out on a page of unlimited height (pdfmake's "auto"
 * height) and reports how tall it is: one layout pass, no rendering. The
 * header, footer and background live in the margins and do not count.
 * Consumes `doc` (pdfmake fills defaults into what it is given).
 */
export function measure(doc: DocDefinition, fonts: FontSet, page: PageSpec, language?: string): Measurement {
  const { pages } = layout(doc, newPdfKitDocument(fonts, page), page, Infinity, false, language);
  let bottom = page.margins.top;
  for (const p of pages) for (const item of p.items) bottom = Math.max(bottom, itemBottom(item));
  return { height: bottom - page.margins.top, available: page.height - page.margins.top - page.margins.bottom };
}

/** A document laid out on a page of unlimited height: how far its ink reaches, and where its markers landed. */
export interface MarkedMeasurement extends Measurement {
  markers: Marker[];
}

/**
 * Like measure(), with the markers (markerNode) the content holds: fitting
 * lays out single blocks this way, on a page as wide as their column
 * (pipeline/blocks.ts). Consumes `doc`.
 */
export function measureMarked(doc: DocDefinition, fonts: FontSet, page: PageSpec, language?: string): MarkedMeasurement {
  const { pages, markers } = layout(doc, newPdfKitDocument(fonts, page), page, Infinity, false, language);
  let bottom = page.margins.top;
  for (const p of pages) for (const item of p.items) bottom = Math.max(bottom, itemBottom(item));
  return { height: bottom - page.margins.top, available: page.height - page.margins.top - page.margins.bottom, markers };
}

/** A document laid out on real pages, ready to render. */
export interface PageLayout {
  /** More than one: it does not fit. */
  pages: number;
  /**
   * Height the content takes from the top margin: exact when it is on one
   * page; across pages the sum of what each page holds, an estimate (where
   * columns break at different places, it is off by the difference).
   */
  height: number;
  /** Height the content of the last page takes from the top margin (all of it on one page). */
  lastPage: number;
  /** Height the page offers between its margins. */
  available: number;
  /** Text drawn past the edge of its column or of the content area (never, unless the template's widths leave no room for a character). */
  overflows: HorizontalOverflow[];
  /** Where each marker node landed (see markerNode); the PDF does not hold them. */
  markers: Marker[];
  /** Lays out the header and footer, which fitting passes skip; render() does it if it has not been done. */
  furnish(): void;
  /** The PDF bytes of these pages. */
  render(): Promise<Buffer>;
}

/**
 * Lays the document's content out on the real page, in a PDF document that
 * already carries the metadata: one layout pass tells whether it fits, and
 * if it does, it is rendered as it stands, once the header and footer are
 * added. Consumes `doc`.
 */
export function layOut(doc: DocDefinition, fonts: FontSet, page: PageSpec, options: RenderOptions): PageLayout {
  const pdfKitDoc = newPdfKitDocument(fonts, page, options);
  const { pages, furnish, markers, tree } = layout(doc, pdfKitDoc, page, page.height, true, options.lang);
  const top = page.margins.top;
  const floor = page.height - page.margins.bottom;
  const available = floor - top;
  // Only what lies between the margins is content: header, footer and a full-page background are not.
  const used = (p: LaidOutPage) => {
    let bottom = top;
    for (const item of p.items) {
      const y = itemTop(item);
      if (y >= top - 0.5 && y < floor) bottom = Math.max(bottom, itemBottom(item));
    }
    return bottom - top;
  };
  // Across pages, what each page holds: a block moved whole to the next page leaves a gap that is not counted.
  let height = 0;
  let lastPage = 0;
  for (const p of pages) height += lastPage = used(p);
  let rendered: Promise<Buffer> | undefined;
  return {
    pages: pages.length,
    height,
    lastPage,
    available,
    overflows: horizontalOverflows(pages, page.margins.left, page.width - page.margins.right),
    markers,
    furnish,
    render: () =>
      (rendered ??= Promise.resolve().then(() => {
        furnish();
        return renderPages(pdfKitDoc, pages, tree, options);
      })),
  };
}

async function renderPages(pdfKitDoc: any, pages: LaidOutPage[], tree: Tree | undefined, options: RenderOptions): Promise<Buffer> {
  // The document check refused every SVG that refers outside itself; should one slip through, it reads nothing.
  for (const page of pages) for (const it of page.items) if (it.type === 'svg') it.item.options = refuseExternalImages(it.item.options);
  const renderer = new Renderer(pdfKitDoc);
  tagRendering(renderer, pdfKitDoc);
  renderer.renderPages(pages);
  if (tree) writeStructure(pdfKitDoc, tree);
  if (options.pdfa) pdfKitDoc.appendXML(PDFUA_XMP);
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    pdfKitDoc.on('data', (c: Buffer) => chunks.push(c));
    pdfKitDoc.on('end', resolve);
    pdfKitDoc.on('error', reject);
  });
  pdfKitDoc.end();
  await done;
  return Buffer.concat(chunks);
}

function itemTop({ type, item }: LaidOutItem): number {
  if (type === 'vector')
    return item.type === 'line'
      ? Math.min(item.y1, item.y2)
      : item.type === 'polyline'
        ? Math.min(...(item.points as { y: number }[]).map((p) => p.y))
        : item.y;
  return item.y ?? 0;
}

function itemBottom({ type, item }: LaidOutItem): number {
  switch (type) {
    case 'line':
      return item.y + item.getHeight();
    case 'vector':
      switch (item.type) {
        case 'rect':
          return item.y + item.h;
        case 'line':
          return Math.max(item.y1, item.y2);
        case 'ellipse':
          return item.y + (item.r2 ?? item.r1);
        case 'polyline':
          return Math.max(...(item.points as { y: number }[]).map((p) => p.y));
        default:
          return 0;
      }
    case 'image':
    case 'svg':
    case 'beginClip':
      return (item.y ?? 0) + (item._height ?? item.height ?? 0);
    default:
      return 0;
  }
}
