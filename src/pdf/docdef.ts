/**
 * The shape of the pdfmake document definition a template must produce, and a
 * check of it. pdfmake itself either throws an opaque error or silently
 * ignores what it does not understand (an unknown style name, say); a
 * template author deserves better, so the check names the first problem and
 * its JSON path, which merge.ts turns into a template line.
 */
import { DOC_PARTS, NODE_KINDS, TOP_LEVEL_KEYS } from '../template/contract.js';
import { svgProblem } from '../template/svg.js';
import { roleProblem } from './tagging/roles.js';

export interface DocProblem {
  path: (string | number)[];
  message: string;
}

/**
 * Where the check stands: a chain from the node up to the root, made into a
 * path list only when there is a problem to report. The check runs on every
 * fitting pass and nearly always finds nothing, and a list for every node
 * it visits came to 3% of all a build allocates.
 */
type At = { readonly up: At; readonly key: string | number } | undefined;
const at = (up: At, key: string | number): At => ({ up, key });
function pathOf(where: At): (string | number)[] {
  const path: (string | number)[] = [];
  for (let a = where; a; a = a.up) path.push(a.key);
  return path.reverse();
}
const problem = (where: At, message: string): DocProblem => ({ path: pathOf(where), message });

/** svg-to-pdfkit options a template may set; the others take callbacks or change how files are found. */
const SVG_OPTIONS = new Set(['preserveAspectRatio', 'assumePt', 'precision']);

const TOP_LEVEL = new Set<string>(TOP_LEVEL_KEYS);
const CONTAINER_KEYS = NODE_KINDS;

export function checkDocDefinition(doc: unknown, fonts: string[]): DocProblem | undefined {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    return { path: [], message: 'the template must produce a JSON object' };
  const d = doc as Record<string, unknown>;
  for (const key of Object.keys(d)) {
    if (!TOP_LEVEL.has(key)) {
      return {
        path: [key],
        message: `unknown top-level key "${key}" (allowed: ${[...TOP_LEVEL].join(', ')}; page size, margins and metadata are set by briefing from theme.yaml and the content)`,
      };
    }
  }
  if (!('content' in d)) return { path: [], message: 'it has no "content"' };

  const styles = d.styles ?? {};
  if (typeof styles !== 'object' || Array.isArray(styles))
    return { path: ['styles'], message: '"styles" must be an object of named styles' };
  const styleNames = new Set(Object.keys(styles as object));
  const fontSet = new Set(fonts);

  for (const [name, style] of Object.entries(styles as Record<string, unknown>)) {
    const p = checkStyleProps(style, at(at(undefined, 'styles'), name), fontSet);
    if (p) return p;
  }
  if (d.defaultStyle !== undefined) {
    const p = checkStyleProps(d.defaultStyle, at(undefined, 'defaultStyle'), fontSet);
    if (p) return p;
  }
  for (const key of DOC_PARTS) {
    if (d[key] === undefined) continue;
    const p = checkNode(d[key], at(undefined, key), styleNames, fontSet);
    if (p) return p;
  }
  return undefined;
}

function checkStyleProps(style: unknown, where: At, fonts: Set<string>): DocProblem | undefined {
  if (typeof style !== 'object' || style === null || Array.isArray(style)) return problem(where, 'a style must be an object of properties');
  const s = style as Record<string, unknown>;
  if (s.font !== undefined && !fonts.has(String(s.font)))
    return problem(at(where, 'font'), `font "${String(s.font)}" is not declared in theme.yaml (declared: ${[...fonts].join(', ')})`);
  for (const k of ['fontSize', 'lineHeight'] as const) {
    if (s[k] !== undefined && (typeof s[k] !== 'number' || !(s[k] > 0))) return problem(at(where, k), `${k} must be a positive number`);
  }
  return undefined;
}

function checkNode(node: unknown, where: At, styles: Set<string>, fonts: Set<string>, inline = false): DocProblem | undefined {
  if (typeof node === 'string' || typeof node === 'number') return undefined;
  if (node === null || node === undefined) return problem(where, 'empty node (null)');
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const p = checkNode(node[i], at(where, i), styles, fonts);
      if (p) return p;
    }
    return undefined;
  }
  if (typeof node !== 'object') return problem(where, `unexpected ${typeof node}`);
  const n = node as Record<string, unknown>;

  const p = checkStyleRef(n.style, where, styles) ?? checkStyleProps(n, where, fonts);
  if (p) return p;
  if (n.role !== undefined) {
    const wrong = roleProblem(n.role, inline);
    if (wrong) return problem(at(where, 'role'), wrong);
  }
  if (n.readingOrder !== undefined && typeof n.readingOrder !== 'number')
    return problem(at(where, 'readingOrder'), '"readingOrder" must be a number');
  // Only an image carried in the document itself (the logo): nothing that names a file or an address.
  if ('image' in n && !(typeof n.image === 'string' && /^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]*$/.test(n.image)))
    return problem(
      at(where, 'image'),
      'an image must be a PNG or JPEG data URL, such as the logo: { "{{logo.kind}}": {{json logo.src}} } (a file name or address would let a template read files or the network)',
    );
  if ('image' in n) return undefined;
  // pdfmake embeds the file an attachment names: a template must not read files into the PDF.
  if ('attachment' in n)
    return problem(
      at(where, 'attachment'),
      'attachments are not allowed: an attachment embeds a file in the PDF, and a template may not read files',
    );

  const kind = CONTAINER_KEYS.find((k) => k in n);
  if (!kind) return problem(where, `a node needs one of: ${CONTAINER_KEYS.join(', ')}`);
  const value = n[kind];
  switch (kind) {
    case 'text':
      if (typeof value === 'string' || typeof value === 'number') return undefined;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          const item = value[i];
          if (typeof item === 'string') continue;
          if (typeof item !== 'object' || item === null || !('text' in item))
            return problem(at(at(where, 'text'), i), 'an inline must be a string or an object with "text"');
          const q = checkNode(item, at(at(where, 'text'), i), styles, fonts, true);
          if (q) return q;
        }
        return undefined;
      }
      if (typeof value === 'object' && value !== null) return checkNode(value, at(where, 'text'), styles, fonts);
      return problem(at(where, 'text'), '"text" must be a string or a list of inlines');
    case 'stack':
    case 'columns':
    case 'ul':
    case 'ol':
      if (!Array.isArray(value)) return problem(at(where, kind), `"${kind}" must be a list`);
      return checkNode(value, at(where, kind), styles, fonts);
    case 'table': {
      const t = value as { body?: unknown };
      if (typeof t !== 'object' || t === null || !Array.isArray(t.body))
        return problem(at(where, 'table'), 'a table needs "body": a list of rows');
      for (let r = 0; r < t.body.length; r++) {
        const row = t.body[r];
        const rowAt = at(at(at(where, 'table'), 'body'), r);
        if (!Array.isArray(row)) return problem(rowAt, 'a table row must be a list of cells');
        const q = checkNode(
          row.map((c) => (c && typeof c === 'object' && Object.keys(c).length === 0 ? '' : c)),
          rowAt,
          styles,
          fonts,
        );
        if (q) return q;
      }
      return undefined;
    }
    case 'svg': {
      if (typeof value !== 'string') return problem(at(where, 'svg'), '"svg" must be a string of SVG markup');
      const unsafe = svgProblem(value);
      if (unsafe) return problem(at(where, 'svg'), unsafe);
      const options = n.options;
      if (
        options !== undefined &&
        (typeof options !== 'object' || options === null || Object.keys(options).some((k) => !SVG_OPTIONS.has(k)))
      )
        return problem(at(where, 'options'), `an SVG's "options" may only set ${[...SVG_OPTIONS].join(', ')}`);
      return undefined;
    }
    case 'canvas':
      return Array.isArray(value) ? undefined : problem(at(where, 'canvas'), '"canvas" must be a list of shapes');
    default:
      return typeof value === 'string' ? undefined : problem(at(where, kind), `"${kind}" must be a string`);
  }
}

function checkStyleRef(style: unknown, where: At, styles: Set<string>): DocProblem | undefined {
  if (style === undefined) return undefined;
  const names = Array.isArray(style) ? style : [style];
  for (const name of names) {
    if (typeof name === 'object' && name !== null) continue; // inline style object
    if (!styles.has(String(name))) return problem(at(where, 'style'), `style "${String(name)}" is not defined in "styles"`);
  }
  return undefined;
}
