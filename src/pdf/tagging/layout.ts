/**
 * Builds the structure tree while pdfmake lays the document out, on one
 * LayoutBuilder (its own methods, through the registry: nothing is changed
 * on pdfmake's classes). processNode follows the document definition's
 * nesting, which is the briefing's logical order, so the tree is made there:
 * a node with a role makes an element, a text without one a paragraph (or
 * content of the element it is in, if that holds text), a list a list, and
 * everything else is transparent. Leaves leave a slot; the lines and
 * pictures they produce are stamped with it (tree.ts).
 *
 * The header and footer are laid out for each page after the content: on
 * the first page, what they mark with a role is content (read before the
 * page's content: the handling marking); everything else, and all of it on
 * later pages, is pagination (an Artifact). So is the background.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- pdfmake's and PDFKit's internals (items, documents, references) are untyped */
import { READING_ORDER_KEY, ROLE_KEY } from '../../template/contract.js';
import { replaceOwnMethod } from '../tuning/registry.js';
import { roleOf } from './roles.js';
import {
  element,
  HOLDS_TEXT,
  keyedChild,
  newTree,
  PAGINATION,
  slot,
  SLOT,
  type Kid,
  type Slot,
  type StructElement,
  type Tree,
} from './tree.js';

interface Context {
  /** The element new children hang from; null: everything in here is an Artifact. */
  el: StructElement | null;
  /** Where they go (the element's children, or a slot of the tree). */
  into: Kid[];
  /** A role-less text here is decoration, not a paragraph (the header and footer). */
  unmarkedIsArtifact?: boolean;
  /** The reading order a transparent node passed down to the first elements under it. */
  order?: number;
  /** The slot of the leaf being laid out. */
  slot?: Slot;
}

interface State {
  tree: Tree;
  stack: Context[];
  /** Set while the header or footer is laid out: the stack depth of its nodes. */
  furniture?: { name: string; depth: number };
  /** The table row being laid out, if its table is an element. */
  row?: { table: StructElement; index: number; headerRows: number };
  tables: WeakMap<object, StructElement>;
  /** A list item's LBody, made when its list was. */
  items: WeakMap<object, StructElement>;
}

const top = (s: State) => s.stack[s.stack.length - 1]!;

/** Makes `builder` build a structure tree as it lays out; returns the tree (filled in as layout goes on). */
export function tagLayout(builder: any): Tree {
  const tree = newTree();
  const state: State = {
    tree,
    stack: [{ el: tree.root, into: tree.body.kids }],
    tables: new WeakMap(),
    items: new WeakMap(),
  };

  replaceOwnMethod('tagging-layout', builder, 'processNode', (processNode) => (node: any, ...rest: unknown[]) => {
    const ctx = contextFor(state, node, builder);
    if (!ctx) return processNode(node, ...rest);
    state.stack.push(ctx);
    try {
      return processNode(node, ...rest);
    } finally {
      state.stack.pop();
    }
  });

  // A table's rows: the cells laid out in a row are that row's TH and TD.
  replaceOwnMethod('tagging-layout', builder, 'processRow', (processRow) => (args: any) => {
    const table = args?.tableNode ? state.tables.get(args.tableNode) : undefined;
    if (!table) return processRow(args);
    const before = state.row;
    state.row = { table, index: args.rowIndex, headerRows: args.tableNode.table?.headerRows ?? 0 };
    try {
      return processRow(args);
    } finally {
      state.row = before;
    }
  });

  replaceOwnMethod('tagging-layout', builder, 'buildNextLine', (buildNextLine) => (textNode: any) => {
    const line = buildNextLine(textNode);
    if (line) {
      const ctx = top(state);
      if (ctx.slot) line[SLOT] = ctx.slot;
      else if (state.furniture) line[PAGINATION] = true;
    }
    return line;
  });

  replaceOwnMethod(
    'tagging-layout',
    builder,
    'addDynamicRepeatable',
    (addDynamicRepeatable) => (getter: unknown, size: unknown, name: string) => {
      state.furniture = { name, depth: state.stack.length };
      try {
        return addDynamicRepeatable(getter, size, name);
      } finally {
        state.furniture = undefined;
      }
    },
  );

  replaceOwnMethod('tagging-layout', builder, 'addBackground', (addBackground) => (background: unknown) => {
    state.stack.push({ el: null, into: [] });
    try {
      return addBackground(background);
    } finally {
      state.stack.pop();
    }
  });

  return tree;
}

/** The context `node` is laid out in, or undefined if it changes nothing (a transparent node). */
function contextFor(state: State, node: any, builder: any): Context | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  let up = top(state);
  if (state.furniture && state.stack.length === state.furniture.depth) {
    // A header or footer of one page: content on the first page only.
    // pdfmake lays each out in a context of its own (an unbreakable block): the page is the document's context's.
    const document = builder.writer.contextStack?.[0] ?? builder.writer.context();
    const first = document.page === 0;
    if (!first) return { el: null, into: [] };
    const into = state.furniture.name === 'header' ? state.tree.front.kids : state.tree.back.kids;
    up = { el: state.tree.root, into, unmarkedIsArtifact: true };
  }
  if (up.el === null) return up === top(state) ? undefined : up;

  const role = roleOf(node[ROLE_KEY]);
  const order = typeof node[READING_ORDER_KEY] === 'number' ? node[READING_ORDER_KEY] : up.order;
  if (role?.tag === 'Artifact') return { el: null, into: [] };

  // A cell of a table that is an element: a TH or TD of its row (a Caption goes to the table itself).
  const row = state.row;
  if (row && up.el === row.table) {
    const tag = role?.tag ?? 'TD';
    const into = tag === 'TH' || tag === 'TD' ? keyedChild(row.table, row.table, `TR#${row.index}`, 'TR') : row.table;
    const el = element(tag, into === row.table ? row.table : into, into.kids, {
      ...(role?.lang && { lang: role.lang }),
      ...(tag === 'TH' && { scope: role?.scope ?? (row.index < row.headerRows ? 'Column' : 'Row') }),
    });
    return leafContext(el, node);
  }

  // A list item: its LBody, made with the list.
  const body = state.items.get(node);
  if (body) return leafContext(body, node);

  const isText = node.text !== undefined;
  const isPicture = node.image !== undefined || node.svg !== undefined;
  const isList = Array.isArray(node.ul) || Array.isArray(node.ol);

  if (role && (role.tag !== 'Figure' || role.alt)) {
    const el = element(role.tag, up.el, up.into, {
      ...(order !== undefined && { order }),
      ...(role.alt && { alt: role.alt }),
      ...(role.scope && { scope: role.scope }),
      ...(role.lang && { lang: role.lang }),
    });
    if (role.tag === 'Table' && node.table) state.tables.set(node, el);
    if (role.tag === 'L') listItems(state, el, node);
    if (role.tag === 'Figure' && Array.isArray(node.canvas)) {
      const s = slot(el, el.kids);
      for (const v of node.canvas) if (v && typeof v === 'object') v[SLOT] = s;
    }
    return leafContext(el, node);
  }
  // A picture without alternative text, or decoration: an Artifact (briefing validate warns about the picture).
  if (isPicture || role?.tag === 'Figure') return { el: null, into: [] };
  if (isText) {
    if (up.unmarkedIsArtifact) return { el: null, into: [] };
    if (HOLDS_TEXT.has(up.el.tag)) return { el: up.el, into: up.into, slot: slot(up.el, up.into) };
    return leafContext(element('P', up.el, up.into, order !== undefined ? { order } : {}), node);
  }
  if (isList && !up.unmarkedIsArtifact) {
    const el = element('L', up.el, up.into, order !== undefined ? { order } : {});
    listItems(state, el, node);
    return { el, into: el.kids };
  }
  if (order !== up.order) return { ...up, order };
  return up === top(state) ? undefined : up;
}

/** The context inside a new element: a leaf gets a slot for its lines or picture. */
function leafContext(el: StructElement, node: any): Context {
  const leaf = node.text !== undefined || node.image !== undefined || node.svg !== undefined || node.qr !== undefined;
  if (!leaf) return { el, into: el.kids };
  const s = slot(el, el.kids);
  // pdfmake draws an image from its node (copied with all its keys), so the stamp goes there.
  if (node.image !== undefined || node.svg !== undefined) node[SLOT] = s;
  return { el, into: el.kids, slot: s };
}

/**
 * A list's items: each an LI with its marker (Lbl, the bullet or number
 * pdfmake draws beside the first line) and its body (LBody), made now so
 * the marker, drawn when the item's first line is, finds its place.
 */
function listItems(state: State, list: StructElement, node: any): void {
  const items: any[] = node.ul ?? node.ol ?? [];
  for (const item of items) {
    if (typeof item !== 'object' || item === null) continue;
    const li = element('LI', list, list.kids);
    const marker = item.listMarker;
    const drawn = marker?.canvas?.[0] ?? marker?._inlines?.[0];
    if (drawn && typeof drawn === 'object') {
      const lbl = element('Lbl', li, li.kids);
      drawn[SLOT] = slot(lbl, lbl.kids);
    }
    state.items.set(item, element('LBody', li, li.kids));
  }
}
