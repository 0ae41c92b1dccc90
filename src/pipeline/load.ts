/**
 * Step 1: read a content file and parse its YAML, keeping positions so that
 * every later message can name the line a field is on.
 */
import { readFile } from 'node:fs/promises';
import { LineCounter, isMap, isPair, isScalar, parseDocument, type Node } from 'yaml';
import { ContentError } from '../errors.js';
import type { ContentInput, LoadedContent } from '../types.js';

export async function loadContent(input: ContentInput): Promise<LoadedContent> {
  if ('path' in input) {
    // `file` is how messages name it (the path as the user typed it); `path` is where it is read from.
    const name = input.file ?? input.path;
    let text: string;
    try {
      text = await readFile(input.path, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const why =
        code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a folder, not a file' : `cannot be read (${code ?? String(err)})`;
      throw new ContentError(
        name,
        [{ path: '', message: why }],
        'check the path, or run `briefing build` with no arguments to build every file in content/',
      );
    }
    return parseContent(text, name);
  }
  if (typeof input.content === 'object' && input.content !== null) {
    // Validation copies what it keeps, so the caller's object is never changed.
    return { file: input.file, data: input.content, locate: () => undefined };
  }
  return parseContent(String(input.content), input.file);
}

export function parseContent(text: string, file?: string): LoadedContent {
  const lineCounter = new LineCounter();
  // A byte-order mark is invisible in editors; do not let it become part of the first key.
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter, prettyErrors: false, uniqueKeys: true });

  if (doc.errors.length > 0) {
    throw new ContentError(
      file,
      doc.errors.map((e) => {
        // yaml reports an unclosed quote or bracket where the text ends; the author needs where it opened.
        const opened = unclosedOpener(text, e.pos[0], e.message);
        const pos = lineCounter.linePos(opened ?? e.pos[0]);
        const message =
          opened !== undefined
            ? `YAML syntax: this ${text[opened] === '[' ? 'bracket [' : text[opened] === '{' ? 'brace {' : `quote ${text[opened]}`} is never closed`
            : `YAML syntax: ${firstLine(e.message)}`;
        return { path: '', message, line: pos.line, column: pos.col };
      }),
      'fix the YAML syntax at the line shown (indentation, a missing colon, or an unclosed quote or bracket are the usual causes)',
    );
  }

  const data: unknown = doc.toJS({ maxAliasCount: 100 });

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

  return { file, data, locate };
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
