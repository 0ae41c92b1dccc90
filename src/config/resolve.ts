/**
 * Reading a config file, and what it means for a build: command line >
 * content file > config file > built-in defaults (the CLI gathers these per
 * content file in cli/settings.ts; the library through BuildOptions). Paths are taken relative to the file that
 * names them: a flag's to the working directory, a config value's to the
 * config file's folder. Content fields taken from the config keep the config
 * file's line, so a bad default is reported where it was written.
 */
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { LineCounter, parseDocument, type Node, isMap, isPair, isScalar, isSeq } from 'yaml';
import { ContentError, formatPath, UsageError, type Problem, type SourcePosition } from '../errors.js';
import type { FieldPath, LoadedContent } from '../types.js';
import { configData, readConfigText } from './read.js';
import { ConfigSchema, type Config, type SmtpConfig } from './schema.js';
import type { MarkingDefinition } from '../content/markings.js';
import { paperName, type Paper } from '../pdf/paper.js';
import { closest } from '../suggest.js';
import { isTemplatePath } from '../template/find.js';
import { CONFIG_FILES, findConfigFile } from './find.js';

export { CONFIG_FILES, findConfigFile };

/** Content fields a config file may give defaults for. */
export const CONTENT_DEFAULTS = ['organisation', 'product', 'author', 'marking', 'language'] as const;

export interface LoadedConfig {
  /** Absolute path of the config file. */
  path: string;
  /** How messages name it. */
  file: string;
  dir: string;
  config: Config;
  /** File, line and column of a field, for messages. */
  locate(path: FieldPath): SourcePosition | undefined;
}

const loaded = new Map<string, { text: string; config: LoadedConfig }>();

/** Reads and checks a config file; every problem is reported at once, with its line. `cwd`: how messages name the file. */
export async function loadConfig(path: string, cwd = process.cwd()): Promise<LoadedConfig> {
  const abs = resolve(cwd, path);
  const rel = relative(cwd, abs);
  const file = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
  const text = readConfigText(abs, file);
  const cached = loaded.get(abs);
  if (cached && cached.text === text && cached.config.file === file) return cached.config;
  const config = parseConfig(text, abs, file);
  loaded.set(abs, { text, config });
  return config;
}

function parseConfig(text: string, path: string, file: string): LoadedConfig {
  const lc = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ContentError(
      file,
      doc.errors.map((e) => {
        const pos = lc.linePos(e.pos[0]);
        return {
          path: '',
          message: `YAML syntax: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`,
          line: pos.line,
          column: pos.col,
        };
      }),
      'fix the syntax at the line shown',
    );
  }
  const locate = (fieldPath: FieldPath, at: 'key' | 'value' = 'value'): SourcePosition | undefined => {
    let node: Node | null | undefined = doc.contents;
    let best = node?.range ? lc.linePos(node.range[0]) : undefined;
    for (let i = 0; i < fieldPath.length && node; i++) {
      const seg = fieldPath[i]!;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === seg);
        if (!pair) break;
        const target = (i === fieldPath.length - 1 && at === 'key' ? pair.key : (pair.value ?? pair.key)) as Node;
        if (target.range) best = lc.linePos(target.range[0]);
        node = pair.value as Node | null;
      } else if (isSeq(node) && typeof seg === 'number') {
        const item = node.items[seg] as Node | undefined;
        if (!item) break;
        if (item.range) best = lc.linePos(item.range[0]);
        node = item;
      } else break;
    }
    return best ? { file, line: best.line, column: best.col } : { file };
  };
  const data: unknown = configData(doc, file) ?? {};
  const smtp = (data as { smtp?: unknown }).smtp;
  if (smtp && typeof smtp === 'object' && 'password' in smtp)
    throw new ContentError(
      file,
      [{ path: 'smtp.password', message: 'passwords are never read from a file', ...locate(['smtp', 'password'], 'key') }],
      'remove it from the file and set the environment variable BRIEFING_SMTP_PASSWORD instead',
    );
  const result = ConfigSchema.safeParse(data);
  if (!result.success) {
    const problems: Problem[] = result.error.issues.flatMap((issue) => {
      if (issue.code === 'unrecognized_keys')
        return issue.keys.map((key) => ({
          path: [...issue.path, key].join('.'),
          message: unknownKey(key, allowedKeys(issue.path as FieldPath)),
          ...locate([...(issue.path as FieldPath), key], 'key'),
        }));
      return [{ path: formatPath(issue.path as FieldPath), message: issue.message, ...locate(issue.path as FieldPath) }];
    });
    throw new ContentError(
      file,
      problems,
      'see "The config file" in the README, or point your editor at schema/briefing.config.schema.json',
    );
  }
  return { path, file, dir: dirname(path), config: result.data, locate };
}

function allowedKeys(parent: FieldPath): string[] {
  let shape: Record<string, unknown> = ConfigSchema.shape;
  for (const seg of parent) {
    const next = (shape[seg] as { unwrap?: () => unknown } | undefined)?.unwrap?.() ?? shape[seg];
    const inner = (next as { element?: unknown })?.element ?? next;
    shape = ((inner as { shape?: Record<string, unknown> })?.shape ?? {}) as Record<string, unknown>;
  }
  return Object.keys(shape).filter((k) => k !== '$schema');
}

/** Words people write for a setting that has another name here. */
const SYNONYMS: Record<string, string> = { output: 'out', outdir: 'out', organization: 'organisation', color: 'colour', lang: 'language' };

/** `unknown setting "papr"; did you mean "paper"? (allowed here: …)` */
function unknownKey(key: string, allowed: string[]): string {
  const synonym = SYNONYMS[key.toLowerCase()];
  const near = synonym && allowed.includes(synonym) ? synonym : closest(key, allowed);
  return `unknown setting "${key}"; ${near ? `did you mean "${near}"? (allowed here: ${allowed.join(', ')})` : `allowed here: ${allowed.join(', ')}`}`;
}

/**
 * The content with the config's defaults filled in where the content file
 * says nothing: the content file wins. A field taken from the config is
 * located in the config file.
 */
export function withConfigDefaults(content: LoadedContent, config: LoadedConfig | undefined): LoadedContent {
  if (!config) return content;
  // An empty file (or one of comments only) is an empty briefing: the config's defaults still apply.
  const data = content.data ?? {};
  if (typeof data !== 'object' || Array.isArray(data)) return content;
  const fromConfig = new Set<string>();
  const merged: Record<string, unknown> = { ...(data as Record<string, unknown>) };
  for (const key of CONTENT_DEFAULTS) {
    if (merged[key] === undefined && config.config[key] !== undefined) {
      merged[key] = config.config[key];
      fromConfig.add(key);
    }
  }
  if (fromConfig.size === 0) return content;
  return {
    file: content.file,
    data: merged,
    locate: (path, at) => (typeof path[0] === 'string' && fromConfig.has(path[0]) ? config.locate(path) : content.locate(path, at)),
    // A default from the config is text already; only the content's own values were typed as YAML scalars.
    typed: (path) => (typeof path[0] === 'string' && fromConfig.has(path[0]) ? undefined : content.typed(path)),
  };
}

/** What a build is made with, once the command line (or library options), the config and the defaults have had their say. */
export interface ResolvedSettings {
  /** A built-in template's name or an absolute template folder. */
  template: string | undefined;
  paper: Paper | undefined;
  /** The logo named by the config, and the folder it must stay inside. */
  logo: { path: string; root: string; origin: SourcePosition | undefined; alt?: string } | undefined;
  markings: MarkingDefinition[];
  /** Where the config's markings are, for messages. */
  config: LoadedConfig | undefined;
}

/** `options`: what the command line (or a library caller) asked for; paths in it are relative to `cwd`. */
export function resolveSettings(
  options: { template?: string | undefined; paper?: string | undefined; cwd?: string | undefined },
  config: LoadedConfig | undefined,
): ResolvedSettings {
  const cwd = options.cwd ?? process.cwd();
  const c = config?.config;
  const template = options.template ? pathOrName(options.template, cwd) : c?.template ? pathOrName(c.template, config!.dir) : undefined;
  const paper = normalisePaper(options.paper ?? c?.paper);
  const logo = c?.logo
    ? { path: resolve(config!.dir, c.logo), root: config!.dir, origin: config!.locate(['logo']), ...(c.logoAlt && { alt: c.logoAlt }) }
    : undefined;
  return { template, paper, logo, markings: c?.markings ?? [], config };
}

/** The output of `build`: a folder (default `out/`), one file, or standard output (`-`). */
export type OutputTarget = { kind: 'folder'; dir: string } | { kind: 'file'; file: string } | { kind: 'stdout' };

/** `-o` wins; else the config's `out` (relative to the config file); else `out/` in the working directory. */
export function resolveOutput(
  flag: string | undefined,
  config: LoadedConfig | undefined,
  cwd: string,
  ext: '.pdf' | '.json',
): OutputTarget {
  if (flag === '-') return { kind: 'stdout' };
  if (flag !== undefined) {
    const abs = resolve(cwd, flag);
    return flag.toLowerCase().endsWith(ext) && !flag.endsWith(sep) ? { kind: 'file', file: abs } : { kind: 'folder', dir: abs };
  }
  if (config?.config.out) return { kind: 'folder', dir: resolve(config.dir, config.config.out) };
  return { kind: 'folder', dir: resolve(cwd, 'out') };
}

/** The SMTP settings of the config that applies to `dir`, if any (for sending). */
export async function smtpSettings(dir: string, cwd?: string): Promise<{ smtp: SmtpConfig; config: LoadedConfig } | undefined> {
  const file = await findConfigFile(dir);
  if (!file) return undefined;
  const config = await loadConfig(file, cwd);
  return config.config.smtp ? { smtp: config.config.smtp, config } : undefined;
}

export function normalisePaper(paper: string | undefined): Paper | undefined {
  if (paper === undefined) return undefined;
  const p = paperName(paper);
  if (!p) throw new UsageError(`unknown paper size "${paper}"`, { hint: 'A4 or Letter' });
  return p;
}

/** A built-in template's name stays a name; a path becomes absolute, relative to where it was written. */
function pathOrName(value: string, base: string): string {
  return isTemplatePath(value) ? resolve(base, value) : value;
}
