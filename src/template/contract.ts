/**
 * The template contract, in one place: what a template gets (data keys,
 * helpers) and what it must give back (a pdfmake document definition of
 * these parts and node kinds). The document check (pdf/docdef.ts), the font
 * fallbacks (pdf/fallback.ts), the engine (pdf/engine.ts), the merge and the
 * helpers read these lists; templates/README.md describes
 * them for authors. Imports nothing.
 */

/** The data a template sees at its root (pipeline/merge.ts, viewModel). */
export const DATA_KEYS = [
  'headline',
  'standfirst',
  'bluf',
  'blufJudgement',
  'date',
  'reference',
  'marking',
  'organisation',
  'product',
  'author',
  'language',
  'labels',
  'direction',
  'rtl',
  'tags',
  'sections',
  'keyFacts',
  'timeline',
  'quotes',
  'charts',
  'sources',
  'arrangement',
  'theme',
  'logo',
  'page',
] as const;

/**
 * Citations (content/citations.ts): a run with `"anchor": "name"` is a named
 * destination (pdf/destinations.ts), set on each source's entry as
 * `source-N`; a citation is a raised run (`"sup": true`) with
 * `"linkToDestination": "source-N"`, `"linkContents"` (what its link says,
 * "Source 2: TASS") and a `Reference` role.
 */
export const ANCHOR_KEY = 'anchor';
export const LINK_CONTENTS_KEY = 'linkContents';

/** A stack marked `"column": "main"` or `"column": "side"` holds that column's blocks, one node each (pipeline/placement.ts). */
export const COLUMN_MARK = 'column';

/** In the header and footer, which pages show a node: `"pages": "first" | "rest" | "several"` (pdf/engine.ts). */
export const PAGES_KEY = 'pages';

/** The helpers every template can use (template/helpers.ts). */
export const HELPER_NAMES = [
  'xml',
  'json',
  'rich',
  'blocks',
  'size',
  'space',
  'leading',
  'upper',
  't',
  'formatDate',
  'isolate',
  'eq',
  'or',
  'and',
  'not',
  'plus',
  'chart',
  'minus',
];

/** The parts of a document definition that hold nodes. */
export const DOC_PARTS = ['content', 'header', 'footer', 'background'] as const;

/** Every top-level key a template may write; page size, margins and metadata are briefing's. */
export const TOP_LEVEL_KEYS = ['content', 'styles', 'defaultStyle', 'header', 'footer', 'background'] as const;

/** The kinds of node, by the key that makes a node one; each node has one. */
export const NODE_KINDS = ['text', 'stack', 'columns', 'ul', 'ol', 'table', 'canvas', 'svg', 'qr'] as const;

/** The node kinds whose value is a list of nodes. */
export const LIST_KINDS = ['stack', 'columns', 'ul', 'ol'] as const;

/**
 * A table's `layout` keys a template may give as a value, or as a list by
 * line index with the last one repeating; the engine makes them the
 * functions pdfmake wants (JSON cannot hold functions).
 */
export const TABLE_LAYOUT_KEYS = [
  'hLineWidth',
  'vLineWidth',
  'hLineColor',
  'vLineColor',
  'hLineStyle',
  'vLineStyle',
  'fillColor',
  'fillOpacity',
  'paddingLeft',
  'paddingRight',
  'paddingTop',
  'paddingBottom',
] as const;

/**
 * The headlineLevel rule: a node with `headlineLevel` is a heading, and a
 * heading never ends a page; if nothing of its section follows it on that
 * page, it moves to the next (pdf/engine.ts).
 */
export const HEADLINE_KEY = 'headlineLevel';

/**
 * Roles: `"role"` on a node says what it is in the PDF's structure tree
 * (pdf/tagging/); `"readingOrder"` (a number) puts a block in reading order
 * among its neighbours, whatever column holds it. A node that says nothing
 * is a paragraph if it is text, a list if it is one, decoration otherwise.
 */
export const ROLE_KEY = 'role';
export const READING_ORDER_KEY = 'readingOrder';

/** The structure types a role may name (standard PDF 1.7 types, and Artifact for decoration). */
export const ROLE_TAGS = [
  'Document',
  'Part',
  'Sect',
  'Div',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'P',
  'L',
  'LI',
  'Lbl',
  'LBody',
  'Table',
  'TR',
  'TH',
  'TD',
  'Caption',
  'BlockQuote',
  'Quote',
  'Note',
  'Figure',
  'Link',
  'Reference',
  'Span',
  'Artifact',
] as const;
export type RoleTag = (typeof ROLE_TAGS)[number];
