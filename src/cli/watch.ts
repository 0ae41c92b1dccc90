/**
 * `briefing watch`: build, then stay running and build again whatever is
 * saved. One process keeps the template compiled, the fonts parsed and the
 * layout caches warm, so a rebuild costs tens of milliseconds, and each
 * rebuild starts from the file's previous fit (`fitHint`).
 *
 * Editors save in different ways: some write the file in place, many write
 * a new file and rename it over the old one (which replaces the file a
 * watcher held). So folders are watched, not files. A save by rename is one
 * event, and the file is whole when it comes: it is built at once. A save in
 * several steps is a burst of events: a build begun on its first event is
 * dropped when more follow (FolderWatcher.settled), and the file is built
 * again once the burst is over.
 */
import { readdirSync, statSync, watch as watchFolder, type Dirent, type FSWatcher } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { createColors } from 'picocolors';
import { EXIT, UsageError, formatPosition } from '../errors.js';
import type { BuildOptions, BuildResult, Warning } from '../index.js';
import type { FitHint, Paper, PdfA } from '../types.js';
import { CONTENT_NAME, expandInputs } from './inputs.js';
import { CONFIG_FILES } from '../config/find.js';
import { runSettings } from './settings.js';
import { printable } from '../printable.js';
import { describeError } from './report.js';

/** How long a burst of events from one save may last: a file is taken as saved once it has been quiet this long. */
export const DEBOUNCE_MS = 20;

/** How long the time of a path's last event is kept: far longer than any build. */
const REMEMBER_MS = 10 * 60_000;

/**
 * Watches folders and reports the paths that changed in them. A path's
 * first event after a quiet spell is reported at once (with the others of
 * the same moment: a rename is two events); the events that follow it
 * closely are gathered and reported when they stop. Whoever builds from a
 * report asks `settled` before using the result. A folder whose watcher
 * cannot start (gone, no permission) is skipped: the files in it simply do
 * not rebuild.
 */
export class FolderWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  private readonly trees = new Set<string>();
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  /** Paths reported at the end of this turn of the event loop, and its timer. */
  private leading = new Set<string>();
  private immediate: NodeJS.Immediate | undefined;
  /** When each path last had an event (performance.now()), oldest first. */
  private readonly lastEvent = new Map<string, number>();

  constructor(
    private readonly onChange: (paths: string[]) => void,
    private readonly debounceMs = DEBOUNCE_MS,
  ) {}

  /**
   * Watch a folder and, if `recursive`, the folders under it (and those made
   * later). Each folder gets its own plain watch: Node 20's recursive mode on
   * Linux loses a file once it has been replaced by a rename.
   */
  add(dir: string, recursive = false): void {
    if (recursive) {
      this.trees.add(dir);
      for (const sub of subfolders(dir)) this.add(sub);
    }
    if (this.watchers.has(dir)) return;
    try {
      const watcher = watchFolder(dir, { persistent: true }, (_event, name) => {
        // Some platforms do not say which file changed: then the folder stands for all its files.
        const path = name ? join(dir, name.toString()) : dir;
        if (name && this.inTree(dir) && statSync(path, { throwIfNoEntry: false })?.isDirectory()) this.add(path, true);
        this.changed(path);
      });
      watcher.on('error', () => {
        watcher.close();
        if (this.watchers.get(dir) === watcher) this.watchers.delete(dir);
      });
      this.watchers.set(dir, watcher);
    } catch {
      // Not there or not readable: nothing to watch.
    }
  }

  private inTree(dir: string): boolean {
    for (const root of this.trees) if (dir === root || dir.startsWith(root + sep)) return true;
    return false;
  }

  get folders(): string[] {
    return [...this.watchers.keys()];
  }

  close(): void {
    clearTimeout(this.timer);
    clearImmediate(this.immediate);
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
  }

  /** The time to pass to `settled`: take it before reading what a build reads. */
  now(): number {
    return performance.now();
  }

  /** When a path that `relevant` accepts last had an event; -Infinity if none did lately. */
  lastChange(relevant: (path: string) => boolean): number {
    let last = -Infinity;
    for (const [path, at] of this.lastEvent) if (at > last && relevant(path)) last = at;
    return last;
  }

  /**
   * Whether a build that began reading at `since` may be used: it may once
   * the paths `relevant` accepts have been quiet for the debounce (this
   * waits for that), and not if one of them had an event after `since`,
   * which the watcher reports in turn, so a newer build follows.
   */
  async settled(since: number, relevant: (path: string) => boolean): Promise<boolean> {
    for (;;) {
      const last = this.lastChange(relevant);
      if (last > since) return false;
      const wait = last + this.debounceMs - performance.now();
      if (wait <= 0) return true;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  private changed(path: string): void {
    const now = performance.now();
    const quiet = now - (this.lastEvent.get(path) ?? -Infinity) >= this.debounceMs;
    this.remember(path, now);
    if (this.leading.has(path)) return;
    if (quiet) {
      this.leading.add(path);
      this.immediate ??= setImmediate(() => {
        const paths = [...this.leading];
        this.leading = new Set();
        this.immediate = undefined;
        this.onChange(paths);
      });
      return;
    }
    this.pending.add(path);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const paths = [...this.pending];
      this.pending = new Set();
      this.onChange(paths);
    }, this.debounceMs);
  }

  private remember(path: string, at: number): void {
    // Deleted first so the map stays in time order, and the old entries are at its front.
    this.lastEvent.delete(path);
    this.lastEvent.set(path, at);
    for (const [old, t] of this.lastEvent) {
      if (at - t < REMEMBER_MS) break;
      this.lastEvent.delete(old);
    }
  }
}

/** Folders under `dir`, but not installed packages, version control or hidden folders. */
function subfolders(dir: string): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.filter((e) => e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules').map((e) => join(dir, e.name));
}

/** Runs builds one at a time; files asked for while one runs are built next, each once. */
export class BuildQueue {
  private readonly queued = new Set<string>();
  private running: Promise<void> | undefined;

  constructor(private readonly buildOne: (path: string) => Promise<void>) {}

  request(paths: Iterable<string>): Promise<void> {
    for (const p of paths) this.queued.add(p);
    this.running ??= this.pump().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Settles when nothing is queued or building. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async pump(): Promise<void> {
    while (this.queued.size > 0) {
      const [next] = this.queued;
      this.queued.delete(next!);
      await this.buildOne(next!);
    }
  }
}

/** The files every build of these content files reads besides the content: a change to one rebuilds all. */
export interface SharedSources {
  /** The template's folder (watched with everything in it). */
  templateDir?: string;
  /** Font files outside the template folder and outside installed packages. */
  fonts: string[];
  /** The config file, if there is one. */
  config?: string;
}

/** The template folder and font files of a template, for watching. Never throws: a broken template is reported by the build. */
export async function sharedSources(options: BuildOptions, config?: string): Promise<SharedSources> {
  const out: SharedSources = { fonts: [], ...(config && { config }) };
  try {
    const { loadTemplate } = await import('../template/compile.js');
    const { DEFAULT_TEMPLATE } = await import('../template/find.js');
    const template = loadTemplate(options.template ?? DEFAULT_TEMPLATE, options.cwd);
    out.templateDir = template.dir;
    for (const faces of Object.values(template.fonts))
      for (const file of Object.values(faces))
        if (!file.startsWith(template.dir + sep) && !file.includes(`${sep}node_modules${sep}`)) out.fonts.push(file);
  } catch {
    try {
      const { resolveTemplateDir } = await import('../template/find.js');
      out.templateDir = resolveTemplateDir(options.template ?? 'briefing', options.cwd);
    } catch {
      // No such template: the build says so.
    }
  }
  return out;
}

/** Whether a change to `changed` makes a build of the content file `path` out of date: the file itself, or what every build reads. */
export function outdates(changed: string, path: string, shared: SharedSources): boolean {
  const changes = classifyChanges([changed], new Set([path]), shared);
  return changes.shared || changes.content.length > 0;
}

/** Sorts changed paths into content files to rebuild and whether something every build reads changed. */
export function classifyChanges(
  paths: string[],
  content: ReadonlySet<string>,
  shared: SharedSources,
): { content: string[]; shared: boolean; other: string[] } {
  const hit = new Set<string>();
  const other: string[] = [];
  let all = false;
  for (const p of paths) {
    if (content.has(p)) hit.add(p);
    else if (shared.templateDir && (p === shared.templateDir || p.startsWith(shared.templateDir + sep))) all = true;
    // A config file made, changed or removed in any folder watched applies to the content below it.
    else if (p === shared.config || shared.fonts.includes(p) || (CONFIG_FILES as readonly string[]).includes(basename(p))) all = true;
    else {
      // A folder standing for all its files (see FolderWatcher).
      const inside = [...content].filter((f) => dirname(f) === p);
      if (inside.length > 0) inside.forEach((f) => hit.add(f));
      else other.push(p);
    }
  }
  return { content: [...hit], shared: all, other };
}

/** The fit a rebuild of this result starts from. */
export function hintFrom(result: BuildResult): FitHint {
  return { scale: result.fit.scale, omitted: result.fit.omitted, arrangement: result.fit.arrangement };
}

export interface WatchFlags {
  paths: string[];
  out: string | undefined;
  /** --config FILE, --no-config (false), or not given. */
  config?: string | false | undefined;
  template: string | undefined;
  paper: Paper | undefined;
  allowOverflow: boolean;
  strict: boolean;
  pdfa: PdfA | undefined;
  eml: boolean;
  quiet: boolean;
  verbose: boolean;
}

interface WatchIO {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  cwd: string;
  env: Record<string, string | undefined>;
  color: boolean;
}

/**
 * Builds the inputs, then rebuilds on every change until `signal` aborts.
 * Resolves with the exit code: 0, or 1 if nothing could be watched.
 */
export async function runWatch(
  flags: WatchFlags,
  io: WatchIO,
  signal: AbortSignal,
  hooks: { onBuilt?: (file: string, ok: boolean) => void } = {},
): Promise<number> {
  const c = createColors(io.color);
  const { buildBriefing, writeAtomic, outputName } = await import('../index.js');
  if (flags.out === '-')
    throw new UsageError('watch writes files: -o - (standard output) cannot take a rebuild on every save', {
      hint: 'give a folder: -o out',
    });
  const { files, missing } = await expandInputs(flags.paths, io.cwd);
  for (const m of missing) io.stderr.write(`${c.red('error:')} ${printable(`${m.input}: ${m.message}`)}\n`);
  const folders = flags.paths.map((p) => resolve(io.cwd, p)).filter((p) => !files.some((f) => resolve(io.cwd, f) === p));
  // -o x.pdf names one file, as for build: a folder (which may gain files) or several files cannot share it.
  if (flags.out?.toLowerCase().endsWith('.pdf') && (files.length !== 1 || folders.length > 0))
    throw new UsageError(`-o ${flags.out} names one file, but watch was given ${flags.paths.join(' ')}`, {
      hint: 'watch one content file, or write into a folder: -o out',
    });
  if (files.length === 0 && !folders.some((f) => isFolder(f))) {
    io.stderr.write(`${c.red('error:')} no content files to watch\n${c.dim('hint:')} name a content file or a folder of them\n`);
    return EXIT.failed;
  }

  // The config is read afresh for every build: an edit to it applies at once.
  const settings = runSettings(flags, io, { cache: false, announce: flags.verbose });
  /** The settings of the first file: the template and config whose changes rebuild everything. */
  const sharedFor = async () => {
    const first = [...content.keys()][0];
    try {
      const here = await settings.forDir(first ? dirname(first) : io.cwd);
      return await sharedSources(here.build, here.config?.path);
    } catch {
      // A broken config: each build reports it; watch the default template meanwhile.
      return sharedSources({ cwd: io.cwd });
    }
  };
  const content = new Map<string, string>(files.map((f) => [resolve(io.cwd, f), f]));
  const hints = new Map<string, FitHint>();
  const time = () => new Date().toTimeString().slice(0, 8);
  const display = (abs: string) => {
    const rel = relative(io.cwd, abs);
    return rel.startsWith('..') || isAbsolute(rel) ? abs : rel;
  };

  /** When each file's last build that counted began reading: a request with nothing changed since is not built again. */
  const builtFrom = new Map<string, number>();
  /** The paths whose change makes a build of `path` out of date: the file, and what every build reads. */
  const sourcesOf = (path: string) => (p: string) => outdates(p, path, shared);
  const buildOne = async (path: string) => {
    const file = content.get(path) ?? display(path);
    const sources = sourcesOf(path);
    if (watcher.lastChange(sources) < (builtFrom.get(path) ?? -Infinity)) return;
    const since = watcher.now();
    const t0 = performance.now();
    try {
      const hint = hints.get(path);
      // The config file's defaults (organisation, marking, template, out, logo…), read afresh on every build.
      const here = await settings.forDir(dirname(path));
      const result = await buildBriefing({ path, file }, { ...here.build, ...(hint && { fitHint: hint }) });
      // Saved again while building (or the save was a burst that went on): the build that follows writes.
      if (!(await watcher.settled(since, sources))) return;
      builtFrom.set(path, since);
      hints.set(path, hintFrom(result));
      const target = here.output('.pdf');
      const output = target.kind === 'file' ? target.file : outputName(result.briefing, target.kind === 'folder' ? target.dir : io.cwd);
      await writeAtomic(output, result.pdf);
      let eml: string | undefined;
      if (flags.eml) {
        const { composeEml } = await import('../pipeline/eml.js');
        eml = output.replace(/\.pdf$/, '.eml');
        await writeAtomic(eml, await composeEml(result.briefing, result.pdf, basename(output)));
      }
      const ms = Math.round(performance.now() - t0);
      for (const w of result.warnings) io.stderr.write(`${c.dim(time())} ${c.yellow('warning:')} ${printable(formatWarning(w))}\n`);
      if (!flags.quiet) {
        const passes = flags.verbose ? `, ${result.fit.layouts} page layout(s), ${result.fit.passes} trial(s)` : '';
        const pages = result.pages === 1 ? '' : `${result.pages} pages, `;
        io.stderr.write(
          `${c.dim(time())} ${c.green('built')} ${display(output)}${eml ? ` and ${display(eml)}` : ''}  ${c.dim(`(${pages}${result.fit.summary}; ${ms} ms${passes})`)}\n`,
        );
      }
      hooks.onBuilt?.(file, true);
    } catch (err) {
      if (!(await watcher.settled(since, sources))) return;
      builtFrom.set(path, since);
      const e = describeError(err, file);
      io.stderr.write(`${c.dim(time())} ${c.red('error:')} ${printable(e.message)}\n`);
      if (e.hint) io.stderr.write(`${' '.repeat(9)}${c.dim('hint:')} ${printable(e.hint)}\n`);
      hooks.onBuilt?.(file, false);
    }
  };
  const queue = new BuildQueue(buildOne);

  let shared = await sharedFor();
  // A folder named on the command line may hold the template too: its YAML is not content.
  const inTemplate = (abs: string) => !!shared.templateDir && abs.startsWith(shared.templateDir + sep);
  for (const abs of [...content.keys()]) if (inTemplate(abs)) content.delete(abs);
  const watcher = new FolderWatcher((paths) => void onChange(paths));
  const watchAll = () => {
    for (const f of content.keys()) watcher.add(dirname(f));
    for (const f of folders) if (isFolder(f)) watcher.add(f, true);
    if (shared.templateDir) watcher.add(shared.templateDir, true);
    for (const f of [...shared.fonts, ...(shared.config ? [shared.config] : [])]) watcher.add(dirname(f));
  };
  const onChange = async (paths: string[]) => {
    const changes = classifyChanges(paths, new Set(content.keys()), shared);
    // Every change is checked by the same path rules as the first listing (inputs.ts): a file swapped for a link
    // that leads out of its folder, a new named pipe or link is reported and not built; a new content file
    // (.yaml, .yml or .json) in a folder being watched is built from now on.
    const again = await expandInputs(flags.paths, io.cwd);
    const allowed = new Set(again.files.map((f) => resolve(io.cwd, f)));
    for (const m of again.missing)
      if (m.path && paths.includes(m.path))
        io.stderr.write(`${c.dim(time())} ${c.red('error:')} ${printable(`${m.input}: ${m.message}`)}\n`);
    if (changes.other.some((p) => CONTENT_NAME.test(p))) {
      for (const f of again.files) {
        const abs = resolve(io.cwd, f);
        if (!content.has(abs) && !inTemplate(abs)) {
          content.set(abs, f);
          changes.content.push(abs);
        }
      }
      watchAll();
    }
    const buildable = (p: string) => allowed.has(p) && isFile(p);
    if (changes.shared) {
      shared = await sharedFor();
      watchAll();
      return queue.request([...content.keys()].filter(buildable));
    }
    return queue.request(changes.content.filter(buildable));
  };

  await queue.request(content.keys());
  watchAll();
  if (!flags.quiet) {
    const what = content.size === 1 ? [...content.values()][0] : `${content.size} files`;
    io.stderr.write(
      `${c.dim(time())} watching ${what} and the template${shared.config ? ` and ${display(shared.config)}` : ''}; Ctrl-C to stop\n`,
    );
  }
  await new Promise<void>((done) => {
    if (signal.aborted) return done();
    signal.addEventListener('abort', () => done(), { once: true });
  });
  watcher.close();
  await queue.idle();
  return EXIT.ok;
}

function formatWarning(w: Warning): string {
  const where = formatPosition({ file: w.file, ...(w.line !== undefined && { line: w.line, column: w.column }) });
  return `${where}${where ? ': ' : ''}${w.path ? `${w.path}: ` : ''}${w.message}`;
}

function isFolder(p: string): boolean {
  return statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

function isFile(p: string): boolean {
  return statSync(p, { throwIfNoEntry: false })?.isFile() ?? false;
}
