/**
 * Step 2: check loaded content against the schema and report every problem at
 * once, each with its field path, line and what was expected.
 */
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { ContentError, formatPath, type Problem } from '../errors.js';
import { markdownBlocks, type RichTextIssue } from '../content/richtext.js';
import { BriefingSchema, briefingJsonSchema } from '../content/schema.js';
import type { Briefing, FieldPath, LoadedContent, Warning } from '../types.js';
import { closest } from '../suggest.js';
import { limitProblems } from '../content/limits.js';
import { snippet } from '../printable.js';
import { PACKAGE_ROOT } from '../paths.js';
import { blufText } from '../content/confidence.js';
import { citationErrors, citationWarnings, likelihoodWarnings, requiredSourceErrors, type Finding } from '../content/citation-checks.js';
import { messages } from '../template/locales.js';
import { chartWarnings } from '../charts/warnings.js';

/** Where every field is described: the JSON Schema in this installation, by a path that exists wherever the user is. */
const SCHEMA_HINT = `every field is described in the JSON Schema at ${fileURLToPath(new URL('schema/briefing.schema.json', PACKAGE_ROOT))} (\`briefing init\` points editors at it)`;

export function validateContent(loaded: LoadedContent): Briefing {
  // Limits first: a runaway file is refused before the schema (or anything later) spends time on it.
  const tooMuch = limitProblems(loaded.data, loaded.locate, formatPath);
  if (tooMuch.length > 0)
    throw new ContentError(
      loaded.file,
      tooMuch,
      tooMuch.length === 1 && tooMuch[0]!.message.startsWith('is not a briefing')
        ? // Nothing to shorten: the file is something else (a config, a password file, another tool's YAML).
          'check that this is the content file you meant; a briefing has a headline, sections and the other fields of `briefing schema`'
        : 'a briefing is one page: shorten the field or list named (the README lists the limits and why they are there)',
    );
  let result = BriefingSchema.safeParse(loaded.data ?? {});
  if (!result.success && asTyped(loaded, result.error.issues)) result = BriefingSchema.safeParse(loaded.data ?? {});
  if (result.success) {
    // Citations name sources by id or number: a name that is no source's, or an id given twice, is a mistake to fix.
    const wrong = citationErrors(result.data);
    if (wrong.length > 0) throw new ContentError(loaded.file, findingProblems(wrong, loaded), CITATION_HINT);
    return result.data;
  }

  const problems: Problem[] = [];
  const report = (issue: z.core.$ZodIssue, at: FieldPath) => {
    const path = [...at, ...issue.path] as FieldPath;
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        problems.push({
          path: formatPath([...path, snippet(key, 24)]),
          message: unknownFieldMessage(path, key),
          ...loaded.locate([...path, key], 'key'),
        });
      }
      return;
    }
    // A field that may take two shapes (`bluf`: text, or a mapping with its confidence): the problems of the shape written.
    const branch = issue.code === 'invalid_union' ? writtenShape(issue.errors, valueAt(loaded.data, path)) : undefined;
    if (branch) for (const inner of branch) report(inner, path);
    else problems.push({ path: formatPath(path), message: describeIssue(issue, loaded.data, path), ...loaded.locate(path) });
  };
  for (const issue of result.error.issues) report(issue, []);
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  throw new ContentError(loaded.file, problems, SCHEMA_HINT);
}

/**
 * Where text is expected, a number, true/false or date that YAML read is
 * the text as typed (`value: 1998`, `- date: 2014`, `value: 4.10` stays
 * 4.10): the author meant the text. Returns whether anything was changed.
 */
function asTyped(loaded: LoadedContent, issues: z.core.$ZodIssue[], at: FieldPath = []): boolean {
  let changed = false;
  for (const issue of issues) {
    const path = [...at, ...issue.path] as FieldPath;
    // A field of two shapes (`bluf: 1998`, or `bluf: {text: 1998}`): the text shape, or the mapping written.
    if (issue.code === 'invalid_union') {
      const textShape = issue.errors.find((b) =>
        b.some((i) => i.code === 'invalid_type' && i.expected === 'string' && i.path.length === 0),
      );
      const value = valueAt(loaded.data, path);
      const branch = typeof value === 'object' ? writtenShape(issue.errors, value) : textShape;
      if (branch && asTyped(loaded, branch, path)) changed = true;
      continue;
    }
    if (issue.code !== 'invalid_type' || issue.expected !== 'string' || path.length === 0) continue;
    const typed = loaded.typed(path);
    if (typed === undefined) continue;
    const parent = valueAt(loaded.data, path.slice(0, -1));
    if (parent === null || typeof parent !== 'object') continue;
    (parent as Record<string | number, unknown>)[path[path.length - 1]!] = typed;
    changed = true;
  }
  return changed;
}

/** Of a union's failed shapes, the one the value was written in (text or a mapping), if exactly one. */
function writtenShape(branches: z.core.$ZodIssue[][], value: unknown): z.core.$ZodIssue[] | undefined {
  if (value === undefined || value === null) return undefined;
  const shaped = branches.filter((issues) => !issues.some((i) => i.code === 'invalid_type' && i.path.length === 0));
  return shaped.length === 1 ? shaped[0] : undefined;
}

function describeIssue(issue: z.core.$ZodIssue, data: unknown, path: FieldPath): string {
  const value = valueAt(data, path);
  if (issue.code === 'invalid_union' && (value === undefined || value === null))
    return issue.errors.flat().find((i) => i.message.includes('required'))?.message ?? 'is required';
  if (issue.code === 'invalid_type') {
    if (value === undefined || value === null)
      return issue.message.includes('required') ? issue.message : `is required (${expectedName(issue.expected)})`;
    return `expected ${expectedName(issue.expected)}, got ${describeValue(value)}`;
  }
  if (issue.code === 'too_small' && issue.origin === 'array')
    return issue.message.startsWith('Too small') ? `needs at least ${issue.minimum} item(s)` : issue.message;
  return issue.message;
}

function expectedName(expected: string): string {
  return (
    (
      { string: 'text', number: 'a number', boolean: 'true or false', array: 'a list', object: 'a mapping of fields' } as Record<
        string,
        string
      >
    )[expected] ?? expected
  );
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  // A file that starts with `%YAML 1.1` reads 2025-12-01 as a timestamp.
  if (value instanceof Date)
    return `a YAML timestamp (the file declares %YAML 1.1, which reads dates as timestamps: quote it, "${Number.isNaN(value.getTime()) ? '…' : value.toISOString().slice(0, 10)}", or remove the %YAML line)`;
  if (typeof value === 'number' && !Number.isFinite(value))
    return Number.isNaN(value) ? 'not a number (.nan)' : `a number too large to hold (${value > 0 ? '' : '-'}infinity)`;
  if (typeof value === 'object' && value !== null) return 'a mapping';
  if (typeof value === 'string') return 'text';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function valueAt(data: unknown, path: FieldPath): unknown {
  let cur = data;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

type JsonSchemaNode = { properties?: Record<string, JsonSchemaNode>; items?: JsonSchemaNode; anyOf?: JsonSchemaNode[] };
let jsonSchema: JsonSchemaNode | undefined;

function unknownFieldMessage(parent: FieldPath, key: string): string {
  jsonSchema ??= briefingJsonSchema() as JsonSchemaNode;
  let node: JsonSchemaNode | undefined = jsonSchema;
  for (const seg of parent) {
    node = node && (typeof seg === 'number' ? node.items : node.properties?.[seg]);
    if (node?.anyOf) node = node.anyOf.find((n) => n.properties || n.items);
  }
  const allowed = Object.keys(node?.properties ?? {}).filter((k) => k !== '$schema');
  const suggestion = closest(key, allowed);
  const hint = suggestion ? ` (did you mean "${suggestion}"?)` : '';
  // The key may be anything (a file that is not a briefing at all): show a short, printable piece of it.
  return `unknown field "${snippet(key, 24)}"${hint}; allowed here: ${allowed.join(', ')}`;
}

const CITATION_HINT =
  'give a source an `id` under `sources` and cite it as [@id] in Markdown or `source: id` on a key fact, timeline entry or quote; [@2] cites the second source';

function findingProblems(findings: readonly Finding[], loaded: Pick<LoadedContent, 'locate'>): Problem[] {
  return findings.map((f) => ({ path: formatPath(f.path), message: f.message, ...loaded.locate(f.path) }));
}

/** A desk whose config says `sources: required`: every key fact and timeline entry cites a source. */
export function checkRequiredSources(briefing: Briefing, loaded: Pick<LoadedContent, 'file' | 'locate'>, configFile: string): void {
  const missing = requiredSourceErrors(briefing);
  if (missing.length > 0)
    throw new ContentError(
      loaded.file,
      findingProblems(missing, loaded),
      `${configFile} sets \`sources: required\`: cite the source of each key fact and timeline entry (${CITATION_HINT})`,
    );
}

/** Markdown links that will not be clickable, and similar slips, with their field paths. */
export function contentWarnings(briefing: Briefing, loaded: Pick<LoadedContent, 'file' | 'locate'>): Warning[] {
  const warnings: Warning[] = [];
  const check = (path: FieldPath, source: string) => {
    const issues: RichTextIssue[] = [];
    markdownBlocks(source, issues);
    for (const issue of issues)
      warnings.push({ file: loaded.file, path: formatPath(path), message: issue.message, ...loaded.locate(path) });
  };
  check(['standfirst'], briefing.standfirst);
  check(typeof briefing.bluf === 'string' ? ['bluf'] : ['bluf', 'text'], blufText(briefing.bluf));
  briefing.sections.forEach((s, i) => check(['sections', i, 'body'], s.body));
  briefing.keyFacts.forEach((k, i) => k.rows.forEach((r, j) => check(['keyFacts', i, 'rows', j, 'value'], r.value)));
  briefing.timeline.forEach((t, i) => check(['timeline', i, 'event'], t.event));
  // Sources never cited; a bottom line whose words say another likelihood than its field (in the language's words).
  const findings = [...citationWarnings(briefing), ...likelihoodWarnings(briefing, messages(briefing.language ?? 'en'))];
  for (const f of findings) warnings.push({ file: loaded.file, path: formatPath(f.path), message: f.message, ...loaded.locate(f.path) });
  warnings.push(...chartWarnings(briefing, loaded));
  return warnings;
}
