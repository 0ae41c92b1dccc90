/**
 * The shape of the pdfmake document definition a template must produce, and a
 * check of it. pdfmake itself either throws an opaque error or silently
 * ignores what it does not understand (an unknown style name, say); a
 * template author deserves better, so the check names the first problem and
 * its JSON path, which merge.ts turns into a template line.
 */

/** A pdfmake document definition, as far as briefing relies on it. */
export interface DocDefinition {
  content: unknown;
  styles?: Record<string, Record<string, unknown>>;
  defaultStyle?: Record<string, unknown>;
  header?: unknown;
  footer?: unknown;
  background?: unknown;
  [key: string]: unknown;
}

export interface DocProblem {
  path: (string | number)[];
  message: string;
}

const TOP_LEVEL = new Set(['content', 'styles', 'defaultStyle', 'header', 'footer', 'background']);
const CONTAINER_KEYS = ['text', 'stack', 'columns', 'ul', 'ol', 'table', 'canvas', 'svg', 'qr'] as const;

export function checkDocDefinition(doc: unknown, fonts: string[]): DocProblem | undefined {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return { path: [], message: 'the template must produce a JSON object' };
  const d = doc as Record<string, unknown>;
  for (const key of Object.keys(d)) {
    if (!TOP_LEVEL.has(key)) {
      return { path: [key], message: `unknown top-level key "${key}" (allowed: ${[...TOP_LEVEL].join(', ')}; page size, margins and metadata are set by briefing from theme.yaml and the content)` };
    }
  }
  if (!('content' in d)) return { path: [], message: 'it has no "content"' };

  const styles = d.styles ?? {};
  if (typeof styles !== 'object' || Array.isArray(styles)) return { path: ['styles'], message: '"styles" must be an object of named styles' };
  const styleNames = new Set(Object.keys(styles as object));
  const fontSet = new Set(fonts);

  for (const [name, style] of Object.entries(styles as Record<string, unknown>)) {
    const p = checkStyleProps(style, ['styles', name], fontSet);
    if (p) return p;
  }
  if (d.defaultStyle !== undefined) {
    const p = checkStyleProps(d.defaultStyle, ['defaultStyle'], fontSet);
    if (p) return p;
  }
  for (const key of ['content', 'header', 'footer', 'background'] as const) {
    if (d[key] === undefined) continue;
    const p = checkNode(d[key], [key], styleNames, fontSet);
    if (p) return p;
  }
  return undefined;
}

function checkStyleProps(style: unknown, path: (string | number)[], fonts: Set<string>): DocProblem | undefined {
  if (typeof style !== 'object' || style === null || Array.isArray(style)) return { path, message: 'a style must be an object of properties' };
  const s = style as Record<string, unknown>;
  if (s.font !== undefined && !fonts.has(String(s.font))) return { path: [...path, 'font'], message: `font "${String(s.font)}" is not declared in theme.yaml (declared: ${[...fonts].join(', ')})` };
  for (const k of ['fontSize', 'lineHeight'] as const) {
    if (s[k] !== undefined && (typeof s[k] !== 'number' || !(s[k] > 0))) return { path: [...path, k], message: `${k} must be a positive number` };
  }
  return undefined;
}

function checkNode(node: unknown, path: (string | number)[], styles: Set<string>, fonts: Set<string>): DocProblem | undefined {
  if (typeof node === 'string' || typeof node === 'number') return undefined;
  if (node === null || node === undefined) return { path, message: 'empty node (null)' };
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const p = checkNode(node[i], [...path, i], styles, fonts);
      if (p) return p;
    }
    return undefined;
  }
  if (typeof node !== 'object') return { path, message: `unexpected ${typeof node}` };
  const n = node as Record<string, unknown>;

  const p = checkStyleRef(n.style, [...path, 'style'], styles) ?? checkStyleProps(n, path, fonts);
  if (p) return p;
  if ('image' in n) return { path: [...path, 'image'], message: 'images are not supported in briefing templates (they would let a template read files or the network)' };

  const kind = CONTAINER_KEYS.find((k) => k in n);
  if (!kind) return { path, message: `a node needs one of: ${CONTAINER_KEYS.join(', ')}` };
  const value = n[kind];
  switch (kind) {
    case 'text':
      if (typeof value === 'string' || typeof value === 'number') return undefined;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          const item = value[i];
          if (typeof item === 'string') continue;
          if (typeof item !== 'object' || item === null || !('text' in item)) return { path: [...path, 'text', i], message: 'an inline must be a string or an object with "text"' };
          const q = checkNode(item, [...path, 'text', i], styles, fonts);
          if (q) return q;
        }
        return undefined;
      }
      if (typeof value === 'object' && value !== null) return checkNode(value, [...path, 'text'], styles, fonts);
      return { path: [...path, 'text'], message: '"text" must be a string or a list of inlines' };
    case 'stack':
    case 'columns':
    case 'ul':
    case 'ol':
      if (!Array.isArray(value)) return { path: [...path, kind], message: `"${kind}" must be a list` };
      return checkNode(value, [...path, kind], styles, fonts);
    case 'table': {
      const t = value as { body?: unknown };
      if (typeof t !== 'object' || t === null || !Array.isArray(t.body)) return { path: [...path, 'table'], message: 'a table needs "body": a list of rows' };
      for (let r = 0; r < t.body.length; r++) {
        const row = t.body[r];
        if (!Array.isArray(row)) return { path: [...path, 'table', 'body', r], message: 'a table row must be a list of cells' };
        const q = checkNode(row.map((c) => (c && typeof c === 'object' && Object.keys(c).length === 0 ? '' : c)), [...path, 'table', 'body', r], styles, fonts);
        if (q) return q;
      }
      return undefined;
    }
    case 'canvas':
      return Array.isArray(value) ? undefined : { path: [...path, 'canvas'], message: '"canvas" must be a list of shapes' };
    default:
      return typeof value === 'string' ? undefined : { path: [...path, kind], message: `"${kind}" must be a string` };
  }
}

function checkStyleRef(style: unknown, path: (string | number)[], styles: Set<string>): DocProblem | undefined {
  if (style === undefined) return undefined;
  const names = Array.isArray(style) ? style : [style];
  for (const name of names) {
    if (typeof name === 'object' && name !== null) continue; // inline style object
    if (!styles.has(String(name))) return { path, message: `style "${String(name)}" is not defined in "styles"` };
  }
  return undefined;
}
