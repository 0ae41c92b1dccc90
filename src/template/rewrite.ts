/**
 * Rewriting a template's syntax tree before it is compiled. This is what keeps
 * content from breaking a template (every value is escaped for a JSON string)
 * and what lets mistakes in a template be reported with its file and line.
 */
import { TemplateError, type SourcePosition } from '../errors.js';
import type { TracedOutput } from '../types.js';

type Node = hbs.AST.Node & Record<string, unknown>;

/**
 * Rewrites a template before compiling, so that content cannot break it and
 * mistakes in it are caught with a file and line:
 * - `{{x}}` becomes `{{__emit x src="x" at="file:line:col"}}` and `{{h a b}}`
 *   becomes `{{__emit (h a b) …}}`: every value is escaped for a JSON string;
 * - helper calls get `at=` so a helper can say where it was called from;
 * - `#each`/`#if`/`#unless`/`#with` on a field get `__at=`, so a misspelt
 *   field is an error instead of silently empty;
 * - `{{{raw}}}`, unknown block helpers and unknown partials are refused here.
 */
export function rewriteForJson(program: hbs.AST.Program, file: string, helperNames: Set<string>, partialNames: Set<string>): void {
  const str = (value: string, loc: hbs.AST.SourceLocation) => ({ type: 'StringLiteral', value, original: value, loc });
  const at = (loc: hbs.AST.SourceLocation) => `${file}:${loc.start.line}:${loc.start.column + 1}`;
  const pos = (loc: hbs.AST.SourceLocation) => ({ file, line: loc.start.line, column: loc.start.column + 1 });
  const withHash = (hash: hbs.AST.Hash | undefined, key: string, value: string, loc: hbs.AST.SourceLocation): hbs.AST.Hash => {
    const pair = { type: 'HashPair', key, value: str(value, loc), loc } as unknown as hbs.AST.HashPair;
    return hash ? { ...hash, pairs: [...hash.pairs, pair] } : ({ type: 'Hash', pairs: [pair], loc } as hbs.AST.Hash);
  };
  /** Helper calls nested in parameters learn where they are, for their error messages. */
  const tagCalls = (expr: Node | undefined): void => {
    if (!expr) return;
    if (expr.type === 'SubExpression') {
      const sub = expr as unknown as hbs.AST.SubExpression;
      sub.params.forEach((p) => tagCalls(p as unknown as Node));
      sub.hash?.pairs.forEach((p) => tagCalls(p.value as unknown as Node));
      sub.hash = withHash(sub.hash, 'at', at(sub.loc), sub.loc);
    }
  };
  // The template's own text so far, in order, to tell when a value is written inside an SVG string.
  let text = '';
  const walk = (node: Node | null | undefined): void => {
    if (!node) return;
    if (node.type === 'Program') for (const s of (node as unknown as hbs.AST.Program).body) walk(s as Node);
    if (node.type === 'ContentStatement') text = (text + (node as unknown as hbs.AST.ContentStatement).original).slice(-20_000);
    if (node.type === 'PartialStatement' || node.type === 'PartialBlockStatement') {
      const p = node as unknown as hbs.AST.PartialStatement;
      const name = (p.name as hbs.AST.PathExpression).original;
      if (p.name.type === 'PathExpression' && !partialNames.has(name)) {
        throw new TemplateError(
          `partial "${name}" does not exist`,
          pos(p.loc),
          `partials available: ${[...partialNames].join(', ') || '(none)'}; add partials/${name}.hbs to the template`,
        );
      }
      p.params.forEach((x) => tagCalls(x as unknown as Node));
      p.hash?.pairs.forEach((x) => tagCalls(x.value as unknown as Node));
    }
    if (node.type === 'MustacheStatement') {
      const m = node as unknown as hbs.AST.MustacheStatement;
      if (!m.escaped) {
        throw new TemplateError(
          'raw output {{{…}}} is not allowed: it could break the document structure',
          pos(m.loc),
          'write {{value}} inside a JSON string, or {{json value}} for a whole JSON value',
        );
      }
      const path = m.path as hbs.AST.PathExpression;
      const isHelperCall = m.params.length > 0 || !!m.hash || (path.type === 'PathExpression' && helperNames.has(path.original));
      const src = path.type === 'PathExpression' ? path.original : String((m.path as hbs.AST.Literal & { original?: unknown }).original);
      // JSON escaping keeps a value inside its JSON string, but not out of the SVG's markup: there it needs {{xml}}.
      if (SVG_STRING_OPEN.test(text) && !(isHelperCall && path.type === 'PathExpression' && SAFE_IN_SVG.has(path.original))) {
        const field = isHelperCall ? `(${src} …)` : src;
        throw new TemplateError(
          `{{${isHelperCall ? `${src} …` : src}}} is written inside an SVG string, where content could add elements to the SVG`,
          pos(m.loc),
          `write {{xml ${isHelperCall ? field : src}}}: it escapes the value for XML as well as JSON`,
        );
      }
      text += 'x';
      const param = (isHelperCall
        ? { type: 'SubExpression', path: m.path, params: m.params, hash: m.hash, loc: m.loc }
        : m.path) as unknown as Node;
      tagCalls(param);
      Object.assign(m, {
        path: { type: 'PathExpression', data: false, depth: 0, parts: ['__emit'], original: '__emit', loc: m.loc },
        params: [param],
        hash: withHash(withHash(undefined, 'src', src, m.loc), 'at', at(m.loc), m.loc),
      });
    }
    if (node.type === 'BlockStatement') {
      const b = node as unknown as hbs.AST.BlockStatement;
      const helper = (b.path as hbs.AST.PathExpression).original;
      if (!helperNames.has(helper)) {
        throw new TemplateError(
          `unknown block helper "#${helper}"`,
          pos(b.loc),
          `block helpers: #each, #if, #unless, #with (to loop over a field, write {{#each ${helper}}})`,
        );
      }
      b.params.forEach((p) => tagCalls(p as unknown as Node));
      b.hash?.pairs.forEach((p) => tagCalls(p.value as unknown as Node));
      // Only a plain field can be misspelt; a sub-expression may be undefined on purpose.
      if (['each', 'if', 'unless', 'with'].includes(helper) && b.params[0]?.type === 'PathExpression') {
        b.hash = withHash(b.hash, '__at', at(b.loc), b.loc);
      }
      walk(b.program as unknown as Node);
      walk(b.inverse as unknown as Node);
    }
  };
  walk(program as unknown as Node);
}

/** Inside `"svg": "…` (JSON escapes included), up to the end of the text so far. */
const SVG_STRING_OPEN = /"svg"\s*:\s*"(?:[^"\\]|\\.)*$/;
/** Helpers whose output is safe in SVG markup: XML-escaped text, or numbers. */
const SAFE_IN_SVG = new Set(['xml', 'size', 'space', 'leading', 'plus']);

const MARK = '\u0000';

/** Prefixes each line of template text with a marker naming its file and line. */
export function addOriginMarkers(program: hbs.AST.Program, file: string, origins: SourcePosition[]): void {
  const walk = (node: Node | null | undefined): void => {
    if (!node) return;
    if (node.type === 'Program') for (const s of (node as unknown as hbs.AST.Program).body) walk(s as Node);
    if (node.type === 'BlockStatement') {
      walk((node as unknown as hbs.AST.BlockStatement).program as unknown as Node);
      walk((node as unknown as hbs.AST.BlockStatement).inverse as unknown as Node);
    }
    if (node.type === 'ContentStatement') {
      const c = node as unknown as { value: string; original: string; loc: hbs.AST.SourceLocation };
      // Whitespace control may have trimmed the start; count the lines it removed.
      const skipped = c.original.indexOf(c.value);
      let line = c.loc.start.line + (skipped > 0 ? (c.original.slice(0, skipped).match(/\n/g)?.length ?? 0) : 0);
      c.value = c.value
        .split('\n')
        .map((piece: string) => {
          origins.push({ file, line: line++ });
          return `${MARK}${origins.length - 1}${MARK}${piece}`;
        })
        .join('\n');
    }
  };
  walk(program as unknown as Node);
}

export function stripMarkers(marked: string, origins: SourcePosition[]): TracedOutput {
  let text = '';
  const starts: number[] = [];
  const ids: number[] = [];
  // eslint-disable-next-line no-control-regex -- NUL delimits the origin markers addOriginMarkers wrote
  const re = /\u0000(\d+)\u0000/g;
  let last = 0;
  for (let m = re.exec(marked); m; m = re.exec(marked)) {
    text += marked.slice(last, m.index);
    starts.push(text.length);
    ids.push(Number(m[1]));
    last = m.index + m[0].length;
  }
  text += marked.slice(last);
  return {
    text,
    originAt(offset) {
      // The last marker at or before the offset wrote it (or the value emitted right after it).
      let lo = 0;
      let hi = starts.length - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (starts[mid]! <= offset) [found, lo] = [mid, mid + 1];
        else hi = mid - 1;
      }
      return found >= 0 ? origins[ids[found]!] : undefined;
    },
  };
}
