/**
 * Templates: a folder with `document.hbs` (the pdfmake document definition as
 * JSON, written with Handlebars), `partials/*.hbs` (registered by file name)
 * and `theme.yaml` (page, fonts, colours, type scale, fitting floors).
 *
 * Handlebars escapes for HTML by default, which is wrong for JSON. Every
 * `{{value}}` here is rewritten, before compiling, into a call that escapes for
 * a JSON string, so no content (quotes, backslashes, newlines, braces, `{{`)
 * can change the document's structure. `{{{raw}}}` output is refused.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import type { HelperOptions, TemplateDelegate } from 'handlebars';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { TemplateError, type SourcePosition } from './errors.js';
import { resolveTemplateDir } from './find-template.js';
import { markdownBlocks, markdownInlines } from './richtext.js';

const FontFileSchema = z.string().min(1);
const ThemeSchema = z
  .object({
    page: z
      .strictObject({
        size: z.enum(['A4', 'LETTER']).default('A4'),
        margins: z.tuple([z.number(), z.number(), z.number(), z.number()]).describe('left, top, right, bottom in points'),
      })
      .describe('Page geometry'),
    fonts: z.record(
      z.string(),
      z.strictObject({ normal: FontFileSchema, bold: FontFileSchema, italics: FontFileSchema, bolditalics: FontFileSchema }),
    ),
    fallbacks: z.array(z.string()).default([]).describe('font families tried, in order, for characters the main font lacks'),
    fit: z
      .strictObject({
        minSpacing: z.number().gt(0).max(1).default(0.5),
        minTypeScale: z.number().gt(0).max(1).default(0.85),
      })
      .default({ minSpacing: 0.5, minTypeScale: 0.85 }),
  })
  .loose();

export type Theme = z.output<typeof ThemeSchema> & Record<string, unknown>;

/** A font file as the theme names it, resolved to a path on disk. */
export interface FontFaces {
  normal: string;
  bold: string;
  italics: string;
  bolditalics: string;
}

/** Fit settings a render is made with; helpers `size`, `space` and `leading` apply them. */
export interface FitScale {
  /** Multiplier for type sizes (1 = as designed). */
  type: number;
  /** Multiplier for spacing: margins between blocks, padding, extra leading (1 = as designed). */
  space: number;
}

export interface Template {
  name: string;
  dir: string;
  theme: Theme;
  fonts: Record<string, FontFaces>;
  /** Runs the template; returns the JSON text of the document definition. */
  render(view: object, fit: FitScale): string;
  /**
   * The same output with origin markers, to find which template line wrote a
   * given character. Only used on the error path.
   */
  renderTraced(view: object, fit: FitScale): TracedOutput;
}

export interface TracedOutput {
  text: string;
  /** The template file and line that wrote the character at an offset of `text`. */
  originAt(offset: number): SourcePosition | undefined;
}

const cache = new Map<string, Template>();

/** Loads and compiles a template once per process; batch builds reuse it. */
export function loadTemplate(nameOrPath: string, cwd?: string): Template {
  const dir = resolveTemplateDir(nameOrPath, cwd);
  let t = cache.get(dir);
  if (!t) {
    t = compileTemplate(dir);
    cache.set(dir, t);
  }
  return t;
}

function compileTemplate(dir: string): Template {
  const name = basename(dir);
  const theme = loadTheme(dir);
  const fonts = resolveFonts(theme, dir);
  const hb = Handlebars.create();
  registerHelpers(hb);

  const files: { name: string; file: string; source: string }[] = [];
  const partialsDir = join(dir, 'partials');
  if (existsSync(partialsDir)) {
    for (const f of readdirSync(partialsDir).sort()) {
      if (!f.endsWith('.hbs')) continue;
      files.push({ name: f.slice(0, -4), file: join(partialsDir, f), source: readFileSync(join(partialsDir, f), 'utf8') });
    }
  }
  const mainFile = join(dir, 'document.hbs');
  const main = { name: '', file: mainFile, source: readFileSync(mainFile, 'utf8') };

  const helperNames = new Set(Object.keys(hb.helpers));
  const partialNames = new Set(files.map((f) => f.name));
  const compile = (f: { file: string; source: string }, traced: boolean): TemplateDelegate => {
    const ast = parseTemplate(hb, f.source, f.file);
    rewriteForJson(ast, f.file, helperNames, partialNames);
    if (traced) addOriginMarkers(ast, f.file, origins);
    // Not Handlebars' own strict mode: it crashes on a misspelt parent (`theme.colours.ink`) in a
    // helper argument. rewriteForJson and the helpers below make every missing field an error instead.
    return hb.compile(ast, { strict: false, knownHelpersOnly: false });
  };

  // Markers index into this table: file and line of each traced piece of template text.
  const origins: SourcePosition[] = [];
  const plain = { main: compile(main, false), partials: files.map((f) => [f.name, compile(f, false)] as const) };
  let traced: typeof plain | undefined;

  const run = (fns: typeof plain, view: object, fit: FitScale): string => {
    for (const [pname, fn] of fns.partials) hb.registerPartial(pname, fn);
    try {
      return fns.main(view, {
        data: { fit, lang: (view as { language?: string }).language ?? 'en' },
        allowProtoPropertiesByDefault: false,
        allowProtoMethodsByDefault: false,
        allowCallsToHelperMissing: false,
      });
    } catch (err) {
      throw asTemplateError(err, fns === plain ? undefined : 'traced', mainFile);
    }
  };

  return {
    name,
    dir,
    theme,
    fonts,
    render: (view, fit) => run(plain, view, fit),
    renderTraced(view, fit) {
      traced ??= { main: compile(main, true), partials: files.map((f) => [f.name, compile(f, true)] as const) };
      const marked = run(traced, view, fit);
      try {
        return stripMarkers(marked, origins);
      } finally {
        for (const [pname, fn] of plain.partials) hb.registerPartial(pname, fn);
      }
    },
  };
}

function loadTheme(dir: string): Theme {
  const file = join(dir, 'theme.yaml');
  if (!existsSync(file)) throw new TemplateError('the template has no theme.yaml', { file }, 'copy theme.yaml from templates/briefing/ and adjust it');
  const lc = new LineCounter();
  const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter: lc });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const pos = lc.linePos(e.pos[0]);
    throw new TemplateError(`YAML syntax: ${e.message.split('\n')[0]}`, { file, line: pos.line, column: pos.col });
  }
  const result = ThemeSchema.safeParse(doc.toJS());
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const node = doc.getIn(issue.path, true) as { range?: [number, number, number] } | undefined;
    const pos = node?.range ? lc.linePos(node.range[0]) : undefined;
    throw new TemplateError(`theme ${issue.path.join('.') || '(root)'}: ${issue.message}`, { file, ...(pos && { line: pos.line, column: pos.col }) });
  }
  return result.data as Theme;
}

const require = createRequire(import.meta.url);

/** `npm:<package>/<file>` names a font shipped in an npm package; anything else is relative to the template. */
function resolveFonts(theme: Theme, dir: string): Record<string, FontFaces> {
  const out: Record<string, FontFaces> = {};
  for (const fb of theme.fallbacks) {
    if (!(fb in theme.fonts)) throw new TemplateError(`fallbacks: "${fb}" is not one of the fonts declared in theme.yaml`, { file: join(dir, 'theme.yaml') });
  }
  for (const [family, faces] of Object.entries(theme.fonts)) {
    const resolved = {} as FontFaces;
    for (const face of ['normal', 'bold', 'italics', 'bolditalics'] as const) {
      const spec = faces[face];
      let path: string;
      try {
        path = spec.startsWith('npm:') ? require.resolve(spec.slice(4)) : resolve(dir, spec);
      } catch {
        throw new TemplateError(`font ${family}.${face}: "${spec}" cannot be found`, { file: join(dir, 'theme.yaml') }, 'is the font package installed (npm ci)?');
      }
      if (!existsSync(path)) throw new TemplateError(`font ${family}.${face}: file "${spec}" does not exist`, { file: join(dir, 'theme.yaml') });
      resolved[face] = path;
    }
    out[family] = resolved;
  }
  return out;
}

function parseTemplate(hb: typeof Handlebars, source: string, file: string): hbs.AST.Program {
  try {
    return hb.parse(source);
  } catch (err) {
    const e = err as Error & { lineNumber?: number; column?: number };
    const m = /Parse error on line (\d+)/.exec(e.message);
    const line = e.lineNumber ?? (m ? Number(m[1]) : undefined);
    const msg = e.message.split('\n').filter((l) => l.trim() && !/^-*\^$/.test(l.trim()) && !l.startsWith('Parse error on line'));
    throw new TemplateError(`Handlebars syntax: ${msg.join(' ').trim() || e.message}`, { file, ...(line !== undefined && { line }) });
  }
}

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
function rewriteForJson(program: hbs.AST.Program, file: string, helperNames: Set<string>, partialNames: Set<string>): void {
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
  const walk = (node: Node | null | undefined): void => {
    if (!node) return;
    if (node.type === 'Program') for (const s of (node as unknown as hbs.AST.Program).body) walk(s as Node);
    if (node.type === 'PartialStatement' || node.type === 'PartialBlockStatement') {
      const p = node as unknown as hbs.AST.PartialStatement;
      const name = (p.name as hbs.AST.PathExpression).original;
      if (p.name.type === 'PathExpression' && !partialNames.has(name)) {
        throw new TemplateError(`partial "${name}" does not exist`, pos(p.loc), `partials available: ${[...partialNames].join(', ') || '(none)'}; add partials/${name}.hbs to the template`);
      }
      p.params.forEach((x) => tagCalls(x as unknown as Node));
      p.hash?.pairs.forEach((x) => tagCalls(x.value as unknown as Node));
    }
    if (node.type === 'MustacheStatement') {
      const m = node as unknown as hbs.AST.MustacheStatement;
      if (!m.escaped) {
        throw new TemplateError('raw output {{{…}}} is not allowed: it could break the document structure', pos(m.loc), 'write {{value}} inside a JSON string, or {{json value}} for a whole JSON value');
      }
      const path = m.path as hbs.AST.PathExpression;
      const isHelperCall = m.params.length > 0 || !!m.hash || (path.type === 'PathExpression' && helperNames.has(path.original));
      const src = path.type === 'PathExpression' ? path.original : String((m.path as hbs.AST.Literal & { original?: unknown }).original);
      const param = (isHelperCall ? { type: 'SubExpression', path: m.path, params: m.params, hash: m.hash, loc: m.loc } : m.path) as unknown as Node;
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
        throw new TemplateError(`unknown block helper "#${helper}"`, pos(b.loc), `block helpers: #each, #if, #unless, #with (to loop over a field, write {{#each ${helper}}})`);
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

const MARK = '\u0000';

/** Prefixes each line of template text with a marker naming its file and line. */
function addOriginMarkers(program: hbs.AST.Program, file: string, origins: SourcePosition[]): void {
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

function stripMarkers(marked: string, origins: SourcePosition[]): TracedOutput {
  let text = '';
  const starts: number[] = [];
  const ids: number[] = [];
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

function asTemplateError(err: unknown, _mode: string | undefined, mainFile: string): TemplateError | Error {
  if (err instanceof TemplateError) return err;
  const e = err as Error & { lineNumber?: number; column?: number };
  const strict = /^"?(.+?)"? not defined in .* - (\d+):(\d+)$/.exec(e.message);
  if (strict) return new TemplateError(`"${strict[1]}" is not defined`, { line: Number(strict[2]), column: Number(strict[3]) + 1 });
  const partial = /The partial (.+) could not be found/.exec(e.message);
  if (partial) return new TemplateError(`partial "${partial[1]}" does not exist`, { file: join(dirname(mainFile), 'partials') }, `add partials/${partial[1]}.hbs to the template`);
  if (/^Missing helper: "?(.+?)"?$/.test(e.message) || e.name === 'Error' && /helper/i.test(e.message)) {
    return new TemplateError(e.message, undefined, `helpers available: ${HELPERS.join(', ')}`);
  }
  return err as Error;
}

const HELPERS = ['json', 'rich', 'blocks', 'size', 'space', 'leading', 'upper', 'formatDate', 'eq', 'or', 'and', 'not', 'plus'];

function registerHelpers(hb: typeof Handlebars): void {
  const where = (options: HelperOptions): SourcePosition => {
    const hash = (options.hash ?? {}) as { at?: string; __at?: string };
    const at = hash.at ?? hash.__at ?? '';
    const m = /^(.*):(\d+):(\d+)$/.exec(at);
    return m ? { file: m[1]!, line: Number(m[2]), column: Number(m[3]) } : {};
  };

  hb.registerHelper('__emit', function (value: unknown, options: HelperOptions) {
    const src = (options.hash as { src: string }).src;
    if (value === undefined) throw new TemplateError(`"${src}" is not defined`, where(options), 'check the field name against the content format (README), or guard it with {{#if …}}');
    if (value instanceof hb.SafeString) return value;
    if (value === null) return '';
    if (typeof value === 'object') {
      throw new TemplateError(`"${src}" is a ${Array.isArray(value) ? 'list' : 'mapping'}, not text`, where(options), `use {{json ${src}}} to write it as a JSON value, or {{#each ${src}}} to loop over it`);
    }
    // JSON string escaping without the surrounding quotes: the template supplies those.
    return new hb.SafeString(JSON.stringify(String(value)).slice(1, -1));
  });

  // Block helpers that fail loudly on a misspelt field instead of rendering nothing.
  for (const name of ['each', 'if', 'unless', 'with'] as const) {
    const builtin = hb.helpers[name]!;
    hb.registerHelper(name, function (this: unknown, ...args: unknown[]) {
      const options = args[args.length - 1] as HelperOptions;
      if ('__at' in (options.hash as object) && args[0] === undefined) {
        throw new TemplateError(`#${name}: its argument is not defined`, where(options), 'check the field name against the content format (README)');
      }
      const hash = { ...(options.hash as object) } as Record<string, unknown>;
      delete hash.__at;
      delete hash.at;
      return (builtin as (...a: unknown[]) => unknown).apply(this, [...args.slice(0, -1), { ...options, hash }]);
    });
  }

  /** Registers a helper that refuses undefined arguments: in a template, undefined means a misspelt field. */
  const define = (name: string, fn: (...args: any[]) => unknown) => {
    hb.registerHelper(name, function (this: unknown, ...args: unknown[]) {
      const options = args[args.length - 1] as HelperOptions;
      const i = args.slice(0, -1).findIndex((a) => a === undefined);
      if (i >= 0) throw new TemplateError(`${name}: argument ${i + 1} is not defined`, where(options), 'check the field name against the content format (README) and theme.yaml');
      return fn.apply(this, args);
    });
  };
  const safeJson = (v: unknown) => new hb.SafeString(JSON.stringify(v));
  const num = (v: unknown, name: string, options: HelperOptions): number => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new TemplateError(`${name} needs a number, got ${JSON.stringify(v)}`, where(options));
    return v;
  };
  const fitOf = (options: HelperOptions): FitScale => (options.data as { fit: FitScale }).fit;
  const round = (n: number) => Math.round(n * 100) / 100;

  define('json', (v: unknown) => safeJson(v));
  // Each fitting pass merges the template again; the Markdown does not change between passes.
  const richJson = memo((v: string) => JSON.stringify(markdownInlines(v)));
  const blocksJson = memo((v: string) => JSON.stringify(markdownBlocks(v)));
  define('rich', (v: unknown) => new hb.SafeString(typeof v === 'string' ? richJson(v) : '[]'));
  define('blocks', (v: unknown) => new hb.SafeString(typeof v === 'string' ? blocksJson(v) : '[]'));
  define('size', (v: unknown, options: HelperOptions) => round(num(v, 'size', options) * fitOf(options).type));
  define('space', (v: unknown, options: HelperOptions) => round(num(v, 'space', options) * fitOf(options).space));
  // Line height tightens with spacing, but only a little (12% at most): lines must stay readable.
  define('leading', (v: unknown, options: HelperOptions) => round(num(v, 'leading', options) * (0.88 + 0.12 * fitOf(options).space)));
  define('upper', (v: unknown, options: HelperOptions) => String(v ?? '').toLocaleUpperCase((options.data as { lang: string }).lang));
  define('formatDate', (v: unknown, options: HelperOptions) => formatDate(String(v), (options.data as { lang: string }).lang));
  define('eq', (a: unknown, b: unknown) => a === b);
  define('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
  define('and', (...args: unknown[]) => args.slice(0, -1).every(Boolean));
  define('not', (a: unknown) => !a);
  define('plus', (a: unknown, b: unknown, options: HelperOptions) => num(a, 'plus', options) + num(b, 'plus', options));
}

/** A bounded memo for pure string functions. */
function memo(fn: (s: string) => string, limit = 5000): (s: string) => string {
  const cache = new Map<string, string>();
  return (s) => {
    let v = cache.get(s);
    if (v === undefined) {
      v = fn(s);
      if (cache.size >= limit) cache.clear();
      cache.set(s, v);
    }
    return v;
  };
}

/** `2025-12-01` → `1 December 2025` in the briefing's language; UTC so the day never shifts. */
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function formatDate(iso: string, lang = 'en'): string {
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  // English needs no Intl: loading its locale data is a noticeable part of a cold start.
  if (lang === 'en' || lang === 'en-GB') return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  try {
    return dateFormat(lang).format(d);
  } catch {
    return iso;
  }
}

// Building an Intl formatter costs more than formatting a thousand dates: keep one per language.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(lang: string): Intl.DateTimeFormat {
  let f = dateFormats.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    dateFormats.set(lang, f);
  }
  return f;
}
