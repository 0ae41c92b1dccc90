/**
 * Limits that no real briefing comes near. A briefing is one page, about
 * 600 words; these bound what one content file can make briefing do (memory,
 * layout time), so that a careless or hostile file is refused up front, with
 * the field and the limit named, instead of stalling a build or a batch.
 */
import type { Problem } from '../errors.js';
import { BriefingSchema } from './schema.js';
import type { FieldPath, LoadedContent } from '../types.js';

export const LIMITS = {
  /** Bytes in a content file. */
  fileBytes: 2 * 1024 * 1024,
  /** Characters in a section body. */
  bodyChars: 20_000,
  /** Characters in the other Markdown fields and in quotes. */
  textChars: 5_000,
  /** Characters in every other field: headline, headings, labels, reference… */
  shortChars: 1_000,
  /** Fields in one mapping; the largest, the briefing itself, has 17. */
  fields: 100,
  /** Levels of Markdown lists and quotes inside one another. */
  nesting: 16,
  /** Items in each list of the content. */
  items: {
    sections: 50,
    keyFacts: 30,
    rows: 60,
    timeline: 200,
    quotes: 30,
    sources: 200,
    tags: 100,
  } as Record<string, number>,
} as const;

// The content schema's own fields: one list, so a field added there counts here too.
const BRIEFING_FIELDS = new Set(Object.keys(BriefingSchema.shape));

/** Fields that take Markdown, where lists and quotes can nest. */
// `bluf.text`: the bottom line written as a mapping, with its confidence (content/confidence.ts).
const MARKDOWN = new Set(['standfirst', 'bluf', 'bluf.text', 'sections.*.body', 'keyFacts.*.rows.*.value', 'timeline.*.event']);
const LONG = new Set(['standfirst', 'bluf', 'bluf.text', 'keyFacts.*.rows.*.value', 'timeline.*.event', 'quotes.*.text']);

type Locate = LoadedContent['locate'];

/**
 * Every limit the raw content (as parsed from YAML, before the schema) goes
 * past, as problems with field paths; empty if none. Cheap: one walk, and
 * Markdown nesting measured from each line's leading markers, without parsing.
 */
export function limitProblems(data: unknown, locate: Locate, format: (path: FieldPath) => string): Problem[] {
  const problems: Problem[] = [];
  const add = (path: FieldPath, message: string) => problems.push({ path: format(path), message, ...locate(path) });
  const walk = (value: unknown, path: (string | number)[]) => {
    if (problems.length >= 100) return;
    const pattern = path.map((s) => (typeof s === 'number' ? '*' : s)).join('.');
    if (typeof value === 'string') {
      const max = pattern === 'sections.*.body' ? LIMITS.bodyChars : LONG.has(pattern) ? LIMITS.textChars : LIMITS.shortChars;
      if (value.length > max)
        add(path, `is ${value.length.toLocaleString('en')} characters long; the limit for this field is ${max.toLocaleString('en')}`);
      else if (MARKDOWN.has(pattern)) {
        const deep = deepestNesting(value);
        if (deep.depth > LIMITS.nesting)
          add(
            path,
            `nests lists, quotes or indentation ${deep.depth} levels deep (line ${deep.line} of the field); the limit is ${LIMITS.nesting}`,
          );
      }
      return;
    }
    if (Array.isArray(value)) {
      const key = path[path.length - 1];
      const max = typeof key === 'string' ? LIMITS.items[key] : undefined;
      if (max !== undefined && value.length > max) {
        add(path, `has ${value.length.toLocaleString('en')} items; the limit is ${max}`);
        return;
      }
      value.forEach((v, i) => walk(v, [...path, i]));
      return;
    }
    if (value && typeof value === 'object' && !(value instanceof Date)) {
      const entries = Object.entries(value);
      // Each field named in a message costs a search of its mapping: a file of thousands of keys is refused as a whole.
      if (entries.length > LIMITS.fields) {
        add(
          path,
          `has ${entries.length.toLocaleString('en')} fields; a briefing's mappings have at most ${LIMITS.fields} (is this the file you meant?)`,
        );
        return;
      }
      for (const [k, v] of entries) walk(v, [...path, k]);
    }
  };
  // Not a mapping at all: the schema says so, without quoting the text.
  if (data === null || typeof data !== 'object' || Array.isArray(data) || data instanceof Date) return [];
  // Something else altogether (a password file, a config file): say so, without listing what it holds.
  const keys = Object.keys(data);
  if (keys.length > 0 && !keys.some((k) => BRIEFING_FIELDS.has(k)))
    return [
      {
        path: '',
        message: `is not a briefing: none of its ${keys.length.toLocaleString('en')} top-level fields is a briefing field (headline, sections, …)`,
      },
    ];
  walk(data, []);
  return problems;
}

/**
 * An upper bound on how deeply a Markdown line nests: its quote and list
 * markers plus its indentation (a nested list needs at least two columns a
 * level). marked's time grows steeply with real nesting, so this is measured
 * before parsing.
 */
export function deepestNesting(text: string): { depth: number; line: number } {
  let best = { depth: 0, line: 0 };
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^(?:[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)))*[ \t]*/.exec(lines[i]!);
    const prefix = m ? m[0] : '';
    let columns = 0;
    let markers = 0;
    for (const ch of prefix) {
      if (ch === ' ') columns += 1;
      else if (ch === '\t') columns += 4;
      else if (ch === '>' || ch === '-' || ch === '*' || ch === '+' || ch === '.' || ch === ')') markers++;
    }
    const depth = markers + Math.floor(columns / 2);
    if (depth > best.depth) best = { depth, line: i + 1 };
  }
  return best;
}
