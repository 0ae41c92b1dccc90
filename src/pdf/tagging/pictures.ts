/**
 * A template's pictures without alternative text. Each is tagged as
 * decoration (an Artifact), so a screen reader says nothing of it: `briefing
 * validate` and `build` warn (an error under --strict), unless the template
 * says it is decoration (`"role": "Artifact"`).
 */
import { DOC_PARTS, ROLE_KEY } from '../../template/contract.js';
import { roleOf } from './roles.js';

/** The JSON paths of the image and SVG nodes of `doc` that are neither a Figure with alt text nor an Artifact. */
export function picturesWithoutAlt(doc: Record<string, unknown>): (string | number)[][] {
  const found: (string | number)[][] = [];
  const walk = (node: unknown, path: (string | number)[]) => {
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, [...path, i]));
    if (typeof node !== 'object' || node === null) return;
    const n = node as Record<string, unknown>;
    if (n.image !== undefined || n.svg !== undefined) {
      const role = roleOf(n[ROLE_KEY]);
      if (!(role?.tag === 'Artifact' || (role?.tag === 'Figure' && role.alt))) found.push(path);
      return;
    }
    for (const key of ['stack', 'columns', 'ul', 'ol', 'text'] as const) if (Array.isArray(n[key])) walk(n[key], [...path, key]);
    const table = n.table as { body?: unknown } | undefined;
    if (table && Array.isArray(table.body)) walk(table.body, [...path, 'table', 'body']);
  };
  for (const part of DOC_PARTS) walk(doc[part], [part]);
  return found;
}

export const PICTURE_WITHOUT_ALT = 'a picture without alternative text: a screen reader says nothing of it (it is tagged as decoration)';
export const PICTURE_HINT = 'give it "role": { "tag": "Figure", "alt": "what it shows" }, or "role": "Artifact" if it is only decoration';
