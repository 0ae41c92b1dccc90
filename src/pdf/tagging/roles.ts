/**
 * Roles: what a template says a node is, for the PDF's structure tree
 * (templates/README.md, "Roles"). A node's `"role"` is a standard structure
 * type ("H1", "P", "Table", "Artifact"…) or an object with one
 * (`{ "tag": "Figure", "alt": "…" }`, `{ "tag": "TH", "scope": "Row" }`).
 * An inline in a text's list may carry a path of them ("LI#2/LBody"): the
 * parts with the same path in one text are one element, `#key` tells items
 * apart. Imports nothing but the contract's list of tags.
 */
import { ROLE_TAGS, type RoleTag } from '../../template/contract.js';

export type Scope = 'Row' | 'Column' | 'Both';

export interface Role {
  tag: RoleTag;
  /** A Figure's alternative text (required for a Figure: one without becomes an Artifact). */
  alt?: string;
  /** A TH's scope; default Column in a table's header rows, Row elsewhere. */
  scope?: Scope;
  /** A language other than the document's (BCP 47). */
  lang?: string;
}

/** One step of an inline's role path. */
export interface InlineStep {
  tag: RoleTag;
  key: string;
}

const TAGS: ReadonlySet<string> = new Set(ROLE_TAGS);
const SCOPES: ReadonlySet<string> = new Set(['Row', 'Column', 'Both']);

/** The role a node declares, or undefined (also for a value that is not a role: the document check reports those). */
export function roleOf(value: unknown): Role | undefined {
  if (typeof value === 'string') return TAGS.has(value) ? { tag: value as RoleTag } : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.tag !== 'string' || !TAGS.has(v.tag)) return undefined;
  const role: Role = { tag: v.tag as RoleTag };
  if (typeof v.alt === 'string' && v.alt.trim() !== '') role.alt = v.alt;
  if (typeof v.scope === 'string' && SCOPES.has(v.scope)) role.scope = v.scope as Scope;
  if (typeof v.lang === 'string' && v.lang !== '') role.lang = v.lang;
  return role;
}

const pathCache = new Map<string, InlineStep[] | undefined>();

/** An inline's role path ("LI#2/LBody"), or undefined if it is not one. */
export function inlinePath(value: unknown): InlineStep[] | undefined {
  if (typeof value !== 'string') return undefined;
  if (pathCache.has(value)) return pathCache.get(value);
  const steps: InlineStep[] = [];
  for (const part of value.split('/')) {
    const [tag, key = ''] = part.split('#');
    if (!tag || !TAGS.has(tag)) {
      pathCache.set(value, undefined);
      return undefined;
    }
    steps.push({ tag: tag as RoleTag, key });
  }
  pathCache.set(value, steps);
  return steps;
}

/** What is wrong with a node's or an inline's `role`, for the document check; undefined if nothing. */
export function roleProblem(value: unknown, inline: boolean): string | undefined {
  const tags = ROLE_TAGS.join(', ');
  if (inline && typeof value === 'string') {
    return inlinePath(value)
      ? undefined
      : `"${value}" is not a role path: write structure types from ${tags}, joined by "/" (such as "LI#1/LBody")`;
  }
  if (typeof value === 'string') return TAGS.has(value) ? undefined : `"${value}" is not a role; use one of ${tags}`;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const v = value as Record<string, unknown>;
    if (typeof v.tag !== 'string' || !TAGS.has(v.tag)) return `a role object needs "tag", one of ${tags}`;
    for (const k of Object.keys(v))
      if (!['tag', 'alt', 'scope', 'lang'].includes(k)) return `a role object may hold tag, alt, scope and lang, not "${k}"`;
    if (v.scope !== undefined && !SCOPES.has(String(v.scope))) return '"scope" must be Row, Column or Both';
    if (v.alt !== undefined && typeof v.alt !== 'string') return '"alt" must be text';
    return undefined;
  }
  return 'a role is a structure type such as "P" or an object such as { "tag": "Figure", "alt": "…" }';
}
