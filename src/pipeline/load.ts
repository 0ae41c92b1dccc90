/**
 * Step 1: read a content file and parse its YAML, keeping positions so that
 * every later message can name the line a field is on.
 */
import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, visit, type Node } from 'yaml';
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
    // An object already parsed. A number or true/false where text is expected is taken as its text, as in YAML
    // (`value: 42` shows 42): on a copy, so the caller's object is never changed.
    let data: unknown;
    try {
      data = structuredClone(content);
    } catch {
      return { file: input.file, data: content, locate: () => undefined, typed: () => undefined }; // functions and the like: the schema refuses them
    }
    const typed: LoadedContent['typed'] = (path) => {
      const value = path.reduce<unknown>(
        (v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined),
        data,
      );
      return (typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean' ? String(value) : undefined;
    };
    return { file: input.file, data, locate: () => undefined, typed };
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
  const errors = [...doc.errors, ...repeatedKeys(doc, text.replace(/^\uFEFF/, ''))];

  if (errors.length > 0) {
    // A tab used to indent throws every later line off: that one error is the one to fix. So does a field without
    // its colon just before the first error.
    const tabs = errors.filter((e) => e.code === 'TAB_AS_INDENT');
    const first = Math.min(...errors.map((e) => e.pos[0]));
    const colon = tabs.length === 0 ? missingColon(text.replace(/^\uFEFF/, '').split(/\r?\n/), lineCounter.linePos(first).line) : undefined;
    if (colon) throw new ContentError(file, [{ path: '', message: colon.message, line: colon.line!, column: 1 }], colon.hint);
    const seen = new Set<string>();
    const problems: { path: string; message: string; line: number; column: number }[] = [];
    const hints = new Set<string>();
    for (const e of tabs.length > 0 ? tabs : errors) {
      // yaml reports an unclosed quote or bracket where the text ends; the author needs where it opened.
      const opened = unclosedOpener(text, e.pos[0], e.message);
      const pos = lineCounter.linePos(opened ?? e.pos[0]);
      const slip = opened === undefined ? slipFix(text, e.code, pos.line, e.message) : undefined;
      const message =
        opened !== undefined
          ? `YAML syntax: this ${text[opened] === '[' ? 'bracket [' : text[opened] === '{' ? 'brace {' : `quote ${text[opened]}`} is never closed`
          : /call stack/i.test(e.message)
            ? 'YAML is nested too deeply (lists or mappings inside one another, far deeper than a briefing needs)'
            : (slip?.message ?? `YAML syntax: ${firstLine(e.message)}`);
      // One slip often trips several of yaml's checks on the same line: say it once. The lines after a
      // misplaced one are often off only because of it: the first indentation slip is the one to fix.
      const key = slip?.hint === INDENT_HINT ? 'indent' : `${pos.line}\u0000${slip ? slip.message : message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      hints.add(
        slip?.hint ??
          (opened !== undefined
            ? 'close it on the same line, or put the whole value in quotes'
            : 'fix the YAML syntax at the line shown (indentation, a missing colon, or an unclosed quote or bracket are the usual causes)'),
      );
      problems.push({ path: '', message, line: slip?.line ?? pos.line, column: slip ? 1 : pos.col });
    }
    throw new ContentError(file, problems, [...hints].join('; '));
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

/** A slip explained: what is wrong in words a user knows, the line to type, and what to do about this kind of slip. */
interface Slip {
  message: string;
  hint: string;
  /** The line the fix is on, when it is not the line yaml stopped at. */
  line?: number;
}

const QUOTE_HINT = 'in YAML, a value that contains ": ", or starts with @, `, *, & or !, must be in quotes';
const INDENT_HINT = 'fields of the same item line up exactly, under the first letter of the one above; indent with spaces';

/** The column a line's field starts at (after "- " for a list item), its indentation, and its field name. */
function shape(line: string): { indent: number; keyColumn: number; key?: string; item: boolean } {
  const m = /^( *)(- +)?(.*)$/.exec(line)!;
  const key = /^([A-Za-z_][\w-]*)\s*:(\s|$)/.exec(m[3]!)?.[1];
  return { indent: m[1]!.length, keyColumn: m[1]!.length + (m[2]?.length ?? 0), ...(key && { key }), item: m[2] !== undefined };
}

/**
 * What to type instead, for the YAML slips authors make most: a value with
 * ": " in it (yaml reads a second mapping), a value that starts with a
 * character YAML reserves, a tab used to indent, a field given twice, a list
 * item without its "- ", a field name without its colon, and a field
 * indented one or two spaces off the one above it (which yaml reports as
 * "Implicit keys need to be on a single line", "Nested mappings are not
 * allowed in compact mappings" or "Sequence item without - indicator").
 */
function slipFix(text: string, code: string, line: number, yamlMessage: string): Slip | undefined {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const source = lines[line - 1] ?? '';
  const m = /^(\s*(?:-\s+)?[^\s:#'"][^:#]*?:\s+)(\S.*?)\s*$/.exec(source);
  const quoted = m ? `${m[1]}"${m[2]!.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"` : undefined;
  switch (code) {
    case 'BAD_SCALAR_START':
    case 'UNEXPECTED_TOKEN':
    case 'BAD_ALIAS':
      if (m && /^[@`*&!%]/.test(m[2]!))
        return {
          message: `YAML syntax: a value that starts with ${m[2]![0]} must be in quotes; write: ${quoted!.trim()}`,
          hint: QUOTE_HINT,
        };
      break;
    case 'TAB_AS_INDENT': {
      // Lined up with the field above it, as it most likely was meant to be.
      let before = line - 2;
      while (before >= 0 && /^\s*(#.*)?$/.test(lines[before]!)) before--;
      const above = before >= 0 ? shape(lines[before]!.replace(/\t/g, '  ')) : undefined;
      // Under a field that opens a list or mapping ("sources:"), two spaces further in.
      const opens = before >= 0 && /:\s*(#.*)?$/.test(lines[before]!);
      const fixed = above?.key ? `; write: ${' '.repeat(above.keyColumn + (opens ? 2 : 0))}${source.trim()}` : '';
      return {
        message: `YAML syntax: a tab is used to indent this line; indent with spaces (two per level)${fixed}`,
        hint: 'YAML does not allow tabs for indentation: set your editor to insert spaces for the Tab key, or replace the tabs with spaces',
      };
    }
    case 'DUPLICATE_KEY':
      return {
        message: `YAML syntax: this field is given twice in the same place${m ? ` ("${m[1]!.trim().replace(/^-\s+/, '').slice(0, -1)}")` : ''}; keep one`,
        hint: 'remove the copy you do not want',
      };
    case 'MISSING_ITEM_DASH': {
      // The item's first field given again: the author meant a new list item (yaml's duplicate-key error); see repeatedKeys.
      const dash = /^(\d+) (.*)$/.exec(yamlMessage);
      const indent = Number(dash?.[1] ?? 0);
      return {
        message: `YAML syntax: "${dash?.[2] ?? 'this field'}" starts a new list item here, which needs its "- "; write: ${' '.repeat(indent)}- ${source.trim()}`,
        hint: 'each item of a list starts with "- ", lined up with the "- " of the item before it',
      };
    }
  }
  if (code === 'BLOCK_AS_IMPLICIT_KEY' && m && m[2]!.includes(': '))
    return { message: `YAML syntax: a value that contains ": " must be in quotes; write: ${quoted!.trim()}`, hint: QUOTE_HINT };
  if (!/^(BLOCK_AS_IMPLICIT_KEY|MULTILINE_IMPLICIT_KEY|BAD_INDENT|UNEXPECTED_TOKEN|MISSING_CHAR)$/.test(code)) return undefined;

  // A field one or two spaces off the field above it, on this line or next to it (yaml may notice a line early or late).
  for (const at of [line, line + 1, line - 1]) {
    const here = shape(lines[at - 1] ?? '');
    if (!here.key) continue;
    let before = at - 2;
    while (before >= 0 && /^\s*(#.*)?$/.test(lines[before]!)) before--;
    if (before < 0) continue;
    let above = shape(lines[before]!);
    // A list item lines up its "- " with the item before it, past that item's own fields.
    if (here.item)
      while (before > 0 && !(above.item && Math.abs(above.indent - here.indent) <= 2) && above.keyColumn > here.indent - 2)
        above = shape(lines[--before]!);
    if (!above.key || (here.item && !above.item)) continue;
    const target = here.item ? above.indent : above.keyColumn;
    const off = (here.item ? here.indent : here.keyColumn) - target;
    if (off !== 0 && Math.abs(off) <= 2) {
      const fixed = `${' '.repeat(target)}${lines[at - 1]!.trimStart()}`;
      const what = here.item ? `this list item's "- "` : `"${here.key}"`;
      const other = here.item ? `the one of the item above it (line ${before + 1})` : `"${above.key}" above it`;
      return {
        message: `YAML syntax: ${what} is indented ${Math.abs(off)} space${Math.abs(off) === 1 ? '' : 's'} ${off > 0 ? 'more' : 'less'} than ${other}; write: ${fixed.trimEnd()}`,
        hint: INDENT_HINT,
        line: at,
      };
    }
  }
  return missingColon(lines, line, true);
}

/**
 * A field name without its colon ("reference BRF-0001"), on this line or
 * the two before it, standing where a field stands (lined up with the field
 * before or after it). Without its colon, the first field of a file makes
 * yaml read the whole file as one long value, and report every line after
 * it: this is then the one problem to fix.
 */
function missingColon(lines: string[], line: number, here = false): Slip | undefined {
  for (const at of here ? [line] : [line, line - 1, line - 2]) {
    const source = lines[at - 1] ?? '';
    const bare = /^(\s*(?:-\s+)?)([A-Za-z][A-Za-z0-9]*)\s+([^:]*)$/.exec(source);
    if (!bare || /:(\s|$)/.test(source)) continue;
    const column = bare[1]!.length;
    const neighbour = (step: number) => {
      for (let i = at - 1 + step; i >= 0 && i < lines.length; i += step) if (!/^\s*(#.*)?$/.test(lines[i]!)) return shape(lines[i]!);
      return undefined;
    };
    const fits = [neighbour(-1), neighbour(1)].some((n) => n?.key && n.keyColumn === column);
    if (!here && !fits) continue;
    return {
      message: `YAML syntax: "${bare[2]}" needs a colon after it; write: ${bare[1]}${bare[2]}: ${bare[3]!.trim()}`,
      hint: 'a field is written as name, colon, space, value (headline: Port reopens)',
      line: at,
    };
  }
  return undefined;
}

/** Keys that appear twice in one mapping, as yaml's own uniqueKeys check reports them, in one pass. */
function repeatedKeys(doc: ReturnType<typeof parseDocument>, text: string): { code: string; message: string; pos: [number, number] }[] {
  const found: { code: string; message: string; pos: [number, number] }[] = [];
  visit(doc, {
    Map(_, map, path) {
      const seen = new Set<unknown>();
      const first = map.items[0] && isScalar(map.items[0].key) ? map.items[0].key.value : undefined;
      const inList = isSeq(path[path.length - 1]);
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? pair.key.value : String(pair.key);
        if (seen.has(key)) {
          const at = (pair.key as Node | null)?.range?.[0] ?? 0;
          if (inList && key === first) {
            // The item's first field again: a new item whose "- " is missing. Its other fields repeat too; this one says it all.
            const start = (map.items[0]!.key as Node).range![0];
            const lineStart = text.lastIndexOf('\n', start - 1) + 1;
            const dash = Math.max(0, start - lineStart - 2);
            found.push({ code: 'MISSING_ITEM_DASH', message: `${dash} ${String(key)}`, pos: [at, at + 1] });
            break;
          }
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
