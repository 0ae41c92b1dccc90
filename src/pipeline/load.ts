/**
 * Step 1: read a content file and parse its YAML, keeping positions so that
 * every later message can name the line a field is on.
 */
import { LineCounter, isMap, isPair, isScalar, parseDocument, visit, type Node } from 'yaml';
import { ContentError, formatPath, UsageError } from '../errors.js';
import { decodeContent, formatBytes, readContentFile } from '../content/read-file.js';
import { LIMITS } from '../content/limits.js';
import { joinCjkLines } from '../content/cjk-lines.js';
import type { ContentInput, LoadedContent } from '../types.js';

export async function loadContent(input: ContentInput): Promise<LoadedContent> {
  if (input === null || typeof input !== 'object')
    throw new UsageError(`buildBriefing needs { path } or { content }, got ${input === null ? 'null' : typeof input}`, {
      hint: "pass { path: 'content/a.yaml' } or { content: yamlText }",
    });
  if ('path' in input) {
    if (typeof input.path !== 'string' || input.path === '')
      throw new UsageError(`the content path must be a file name, got ${describeArgument(input.path)}`, {
        hint: "pass { path: 'content/a.yaml' }",
      });
    // `file` is how messages name it (the path as the user typed it); `path` is where it is read from.
    return parseContent(await readContentFile(input.path, input.file ?? input.path), input.file ?? input.path);
  }
  const content: unknown = (input as { content?: unknown }).content;
  if (content instanceof Uint8Array) {
    // Bytes are held to a file's cap before they are decoded, as a file's are before they are read.
    if (content.byteLength > LIMITS.fileBytes) throw tooLarge(input.file, content.byteLength);
    return parseContent(decodeContent(content, input.file), input.file);
  }
  if (typeof content === 'object' && content !== null && !Array.isArray(content)) {
    const loop = objectProblem(content);
    if (loop) throw new ContentError(input.file, [{ path: formatPath(loop.path), message: loop.message }], loop.hint);
    // An object already parsed: validation copies what it keeps, so the caller's object is never changed.
    return { file: input.file, data: content, locate: () => undefined, typed: () => undefined };
  }
  if (typeof content !== 'string')
    throw new UsageError(`content must be the YAML or JSON text (a string or a Buffer), or an object, got ${describeArgument(content)}`, {
      hint: "pass { content: yamlText }, { content: { headline: '…', … } }, or { path: 'content/a.yaml' } to read a file",
    });
  if (content.length > LIMITS.fileBytes) throw tooLarge(input.file, content.length);
  return parseContent(content, input.file);
}

/** Nesting no briefing comes near (YAML content is held to the same, see parseContent). */
const MAX_OBJECT_DEPTH = 64;

/**
 * A content object that contains itself (it could never be written as YAML
 * or JSON) or nests past any briefing: the first place where it does, so
 * that validation never recurses without end.
 */
function objectProblem(root: object): { path: (string | number)[]; message: string; hint: string } | undefined {
  const open = new Set<object>();
  const visit = (v: unknown, path: (string | number)[]): ReturnType<typeof objectProblem> => {
    if (v === null || typeof v !== 'object') return undefined;
    if (open.has(v))
      return {
        path,
        message: 'refers back to an object that contains it (circular content)',
        hint: 'pass plain data, as JSON.parse would give it',
      };
    if (path.length > MAX_OBJECT_DEPTH)
      return {
        path,
        message: `is nested more than ${MAX_OBJECT_DEPTH} levels deep`,
        hint: 'a briefing nests a few levels; pass plain data',
      };
    open.add(v);
    const entries: [string | number, unknown][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
    for (const [k, x] of entries) {
      const found = visit(x, [...path, k]);
      if (found) return found;
    }
    open.delete(v);
    return undefined;
  };
  return visit(root, []);
}

function tooLarge(file: string | undefined, size: number): ContentError {
  return new ContentError(file, [
    { path: '', message: `is ${formatBytes(size)}, more than the ${formatBytes(LIMITS.fileBytes)} a content file may be` },
  ]);
}

function describeArgument(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'number' ? `the number ${String(v)}` : typeof v;
}

export function parseContent(text: string, file?: string): LoadedContent {
  const lineCounter = new LineCounter();
  // A byte-order mark is invisible in editors; do not let it become part of the first key.
  // yaml's own check for repeated keys compares every key with every other: quadratic in a file of many keys.
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter, prettyErrors: false, uniqueKeys: false });
  const errors = [...doc.errors, ...repeatedKeys(doc)];

  if (errors.length > 0) {
    let fixes = 0;
    // A tab used to indent throws every later line off: that one error is the one to fix.
    const tabs = errors.filter((e) => e.code === 'TAB_AS_INDENT');
    const problems = (tabs.length > 0 ? tabs : errors).map((e) => {
      // yaml reports an unclosed quote or bracket where the text ends; the author needs where it opened.
      const opened = unclosedOpener(text, e.pos[0], e.message);
      const pos = lineCounter.linePos(opened ?? e.pos[0]);
      const fix = opened === undefined ? slipFix(text, e.code, pos.line) : undefined;
      if (fix) fixes++;
      const message =
        opened !== undefined
          ? `YAML syntax: this ${text[opened] === '[' ? 'bracket [' : text[opened] === '{' ? 'brace {' : `quote ${text[opened]}`} is never closed`
          : /call stack/i.test(e.message)
            ? 'YAML is nested too deeply (lists or mappings inside one another, far deeper than a briefing needs)'
            : (fix ?? `YAML syntax: ${firstLine(e.message)}`);
      return { path: '', message, line: pos.line, column: pos.col };
    });
    throw new ContentError(
      file,
      problems,
      fixes === problems.length
        ? 'make the change each line shows (in YAML, a value that contains ": ", or starts with @, `, *, & or !, must be in quotes)'
        : 'fix the YAML syntax at the line shown (indentation, a missing colon, or an unclosed quote or bracket are the usual causes)',
    );
  }

  joinCjkLines(doc, text.replace(/^\uFEFF/, ''));
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    // yaml refuses an alias that expands too far (a "billion laughs" file) with a ReferenceError.
    if (!(err instanceof ReferenceError) && !(err instanceof RangeError)) throw err;
    throw new ContentError(
      file,
      [{ path: '', message: 'YAML aliases (*name) expand to too much data; a briefing never needs more than a few' }],
      'write the repeated text out, or use fewer aliases (&name … *name)',
    );
  }

  const locate: LoadedContent['locate'] = (path, at = 'value') => {
    // Walk down as far as the path exists, remembering the last node found.
    let node: Node | null | undefined = doc.contents;
    let best: { line: number; col: number } | undefined = node?.range ? lineCounter.linePos(node.range[0]) : undefined;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i]!;
      if (!node) break;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === seg);
        if (!pair) break;
        const keyNode = pair.key as Node;
        const last = i === path.length - 1;
        const target = last && at === 'key' ? keyNode : ((pair.value as Node | null) ?? keyNode);
        if (target.range) best = lineCounter.linePos(target.range[0]);
        node = pair.value as Node | null;
      } else if ('items' in node && Array.isArray((node as { items: unknown[] }).items) && typeof seg === 'number') {
        const item: Node | undefined = (node as { items: Node[] }).items[seg];
        if (!item) break;
        if (item.range) best = lineCounter.linePos(item.range[0]);
        node = item;
      } else {
        break;
      }
    }
    return best ? { line: best.line, column: best.col } : undefined;
  };

  const typed: LoadedContent['typed'] = (path) => {
    const node = doc.getIn(path, true) as Node | undefined;
    if (!isScalar(node) || typeof node.value === 'string' || node.value === null || !node.range) return undefined;
    if (typeof node.value !== 'number' && typeof node.value !== 'boolean' && !(node.value instanceof Date)) return undefined;
    return text
      .replace(/^\uFEFF/, '')
      .slice(node.range[0], node.range[1])
      .trim();
  };

  return { file, data, locate, typed };
}

/**
 * What to type instead, for the YAML slips authors make most: a value with
 * ": " in it (yaml reads a second mapping), a value that starts with a
 * character YAML reserves, a tab used to indent, a field given twice.
 */
function slipFix(text: string, code: string, line: number): string | undefined {
  const source = text.replace(/^\uFEFF/, '').split(/\r?\n/)[line - 1] ?? '';
  const m = /^(\s*(?:-\s+)?[^\s:#'"][^:#]*?:\s+)(\S.*?)\s*$/.exec(source);
  const quoted = m ? `${m[1]}"${m[2]!.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"` : undefined;
  switch (code) {
    case 'BLOCK_AS_IMPLICIT_KEY':
      if (m && m[2]!.includes(': ')) return `YAML syntax: a value that contains ": " must be in quotes; write: ${quoted!.trim()}`;
      return undefined;
    case 'BAD_SCALAR_START':
    case 'UNEXPECTED_TOKEN':
    case 'BAD_ALIAS':
      if (m && /^[@`*&!%]/.test(m[2]!))
        return `YAML syntax: a value that starts with ${m[2]![0]} must be in quotes; write: ${quoted!.trim()}`;
      return undefined;
    case 'TAB_AS_INDENT':
      return 'YAML syntax: a tab is used to indent this line; indent with spaces (two per level)';
    case 'DUPLICATE_KEY':
      return `YAML syntax: Map keys must be unique: this field is given twice in the same place${m ? ` ("${m[1]!.trim().replace(/^-\s+/, '').slice(0, -1)}")` : ''}; keep one`;
    default:
      return undefined;
  }
}

/** Keys that appear twice in one mapping, as yaml's own uniqueKeys check reports them, in one pass. */
function repeatedKeys(doc: ReturnType<typeof parseDocument>): { code: string; message: string; pos: [number, number] }[] {
  const found: { code: string; message: string; pos: [number, number] }[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? pair.key.value : String(pair.key);
        if (seen.has(key)) {
          const at = (pair.key as Node | null)?.range?.[0] ?? 0;
          found.push({ code: 'DUPLICATE_KEY', message: 'Map keys must be unique', pos: [at, at + 1] });
        }
        seen.add(key);
      }
    },
  });
  return found;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/** Offset of the quote or bracket an "unclosed" error is about, searching back from where yaml noticed. */
function unclosedOpener(text: string, errorAt: number, message: string): number | undefined {
  const quote = /Missing closing (["'])quote/.exec(message)?.[1];
  if (quote) {
    // The opening quote starts a value: after "key:", "- ", "[" or "," (only spaces between).
    for (let i = Math.min(errorAt, text.length - 1); i >= 0; i--) {
      if (text[i] !== quote) continue;
      const before = text.slice(0, i).replace(/[ \t]+$/, '');
      if (before === '' || /[:\-[,{\n]$/.test(before)) return i;
    }
    return undefined;
  }
  const bracket = /end with a ([\]}])/.exec(message)?.[1];
  if (bracket) {
    const open = bracket === ']' ? '[' : '{';
    let depth = 0;
    for (let i = Math.min(errorAt, text.length) - 1; i >= 0; i--) {
      if (text[i] === bracket) depth++;
      else if (text[i] === open && depth-- === 0) return i;
    }
  }
  return undefined;
}
