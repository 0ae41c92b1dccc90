/**
 * The structure tree as it is built: elements made while the document is
 * laid out (layout.ts), in the document definition's order, and filled with
 * marked content while it is rendered (render.ts). A leaf (a text, an image)
 * leaves a slot in its element's children when it is laid out; every line
 * or picture drawn from it is stamped with that slot, so what the renderer
 * draws lands in the right place of the tree whatever page or column it is
 * drawn on, and in the order of the document, not of the page.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- pdfmake's and PDFKit's internals (items, documents, references) are untyped */
import type { InlineStep } from './roles.js';
import type { RoleTag } from '../../template/contract.js';

/** Marked content on a page: `pg` is PDFKit's page dictionary, `mcid` its number there. */
export interface Mcr {
  kind: 'mcr';
  pg: any;
  mcid: number;
}
/** A Link annotation the tree points at. */
export interface Objr {
  kind: 'objr';
  pg: any;
  annot: any;
  /** Its key in the parent tree (its /StructParent). */
  key: number;
}
export type Kid = StructElement | Slot | Mcr | Objr;

export interface StructElement {
  kind: 'element';
  tag: RoleTag | 'TR' | 'Document';
  parent: StructElement | null;
  kids: Kid[];
  alt?: string;
  scope?: string;
  lang?: string;
  /** Reading order among its siblings (readingOrder); runs of siblings that have one are sorted by it. */
  order?: number;
  /** Children found again by a key: a table's rows, an inline's path, a link. */
  keyed?: Map<string, StructElement>;
}

/** Where a leaf's content goes, in its element's children. */
export interface Slot {
  kind: 'slot';
  /** The element the content belongs to (and inline elements made in the slot hang from). */
  owner: StructElement;
  kids: Kid[];
  keyed?: Map<string, StructElement>;
}

/**
 * The stamp on a laid-out item (line, inline, vector, image): where its
 * marked content goes. A string key, not a symbol: pdfmake copies items
 * (unbreakable blocks, split words) with for…in, which skips symbols.
 */
export const SLOT = '_briefingSlot';
/** The stamp on a line of the header or footer: pagination, not content. */
export const PAGINATION = '_briefingPagination';

export interface Tree {
  root: StructElement;
  /** The header's content on the first page (the marking), read before the page's content. */
  front: Slot;
  body: Slot;
  back: Slot;
}

export function newTree(): Tree {
  const root: StructElement = { kind: 'element', tag: 'Document', parent: null, kids: [] };
  const slot = (): Slot => ({ kind: 'slot', owner: root, kids: [] });
  const tree = { root, front: slot(), body: slot(), back: slot() };
  root.kids.push(tree.front, tree.body, tree.back);
  return tree;
}

export function element(tag: StructElement['tag'], parent: StructElement, into: Kid[], extra: Partial<StructElement> = {}): StructElement {
  const el: StructElement = { kind: 'element', tag, parent, kids: [], ...extra };
  into.push(el);
  return el;
}

export function slot(owner: StructElement, into: Kid[]): Slot {
  const s: Slot = { kind: 'slot', owner, kids: [] };
  into.push(s);
  return s;
}

/** The child of `holder` (an element or a slot) known by `key`, made with `tag` the first time. */
export function keyedChild(holder: StructElement | Slot, owner: StructElement, key: string, tag: StructElement['tag']): StructElement {
  const map = (holder.keyed ??= new Map());
  let el = map.get(key);
  if (!el) {
    el = element(tag, owner, holder.kids);
    map.set(key, el);
  }
  return el;
}

/** The element an inline's role path names inside a slot (made the first time), or the slot's own element. */
export function inlineTarget(s: Slot, path: InlineStep[] | undefined): { el: StructElement; holder: StructElement | Slot } {
  let holder: StructElement | Slot = s;
  let el = s.owner;
  if (path) {
    let key = '';
    for (const step of path) {
      key += `/${step.tag}#${step.key}`;
      el = keyedChild(holder, el, key, step.tag);
      holder = el;
    }
  }
  return { el, holder };
}

/** Text may sit directly in these; a text inside any other element becomes a paragraph of its own. */
export const HOLDS_TEXT: ReadonlySet<string> = new Set([
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'P',
  'Lbl',
  'LBody',
  'TH',
  'TD',
  'Caption',
  'Quote',
  'Note',
  'Link',
  'Span',
  'Figure',
]);
