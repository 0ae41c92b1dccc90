/**
 * `briefing preview [file]`: a page in the browser that shows the briefing
 * as it will print and follows every save. One process builds (warm, from
 * the previous fit), serves the PDF from memory (server.ts) and watches the
 * content file, its config and its template (watch.ts). Nothing is written
 * to disk.
 */
import { basename, dirname, isAbsolute, relative, resolve } from 'node:path';
import { createColors } from 'picocolors';
import type { Paper } from '../../types.js';
import { EXIT, OverflowError, UsageError } from '../../errors.js';
import type { BuildOptions, BuildResult, FitHint } from '../../index.js';
import { describeError } from '../report.js';
import { BuildQueue, FolderWatcher, classifyChanges, hintFrom, outdates, sharedSources, type SharedSources } from '../watch.js';
import { expandInputs } from '../inputs.js';
import { PreviewServer, type PreviewProblem, type PreviewState } from './server.js';
import { printable } from '../../printable.js';

export interface PreviewOptions {
  /** The content file, as the user named it. */
  file: string;
  cwd: string;
  port?: number;
  build?: Omit<BuildOptions, 'cwd' | 'fitHint'>;
  /** Resolve once the first build is published (default), or as soon as the server listens (the page says it is building). */
  waitForFirstBuild?: boolean;
  /** Called after each build is published (for the benchmark and tests). */
  onPublished?: (state: PreviewState) => void;
}

export interface Preview {
  url: string;
  server: PreviewServer;
  /** Settles when no build is queued or running. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** Starts the server, builds once, and rebuilds on every change until closed. */
export async function startPreview(options: PreviewOptions): Promise<Preview> {
  const { buildBriefing, outputName } = await import('../../index.js');
  const path = resolve(options.cwd, options.file);
  const file = options.file;
  const buildOptions: BuildOptions = { ...options.build, cwd: options.cwd };
  const server = await PreviewServer.start({ file, ...(options.port !== undefined && { port: options.port }) });
  const display = (abs: string) => {
    const rel = relative(options.cwd, abs);
    return rel.startsWith('..') || isAbsolute(rel) ? abs : rel;
  };

  const stateOf = (result: BuildResult, ms: number) => ({
    file,
    headline: result.briefing.headline,
    fit: {
      summary: result.fit.summary,
      passes: result.fit.passes,
      layouts: result.fit.layouts,
      scale: result.fit.scale,
      spareHeight: result.fit.spareHeight,
    },
    pages: result.pages,
    warnings: result.warnings as PreviewProblem[],
    builtAt: new Date().toISOString(),
    ms: Math.round(ms),
  });
  let hint: FitHint | undefined;
  let last: Omit<PreviewState, 'version' | 'building' | 'error'> = { file, warnings: [] };
  /** The paths whose change makes the shown build out of date: the content file, and what every build reads. */
  const sources = (p: string) => outdates(p, path, shared);
  /** When the build shown began reading: a request with nothing changed since is not built again. */
  let builtFrom = -Infinity;
  const build = async () => {
    if (watcher.lastChange(sources) < builtFrom) return;
    server.publish({ ...last, ...(server.current.error && { error: server.current.error }), building: true });
    const since = watcher.now();
    const t0 = performance.now();
    try {
      const result = await buildBriefing({ path, file }, { ...buildOptions, ...(hint && { fitHint: hint }) });
      const ms = performance.now() - t0;
      // Saved again while building (or the save was a burst that went on): the build that follows is shown.
      if (!(await watcher.settled(since, sources))) return;
      builtFrom = since;
      hint = hintFrom(result);
      last = stateOf(result, ms);
      const state = server.publish({ ...last, building: false }, { bytes: result.pdf, name: basename(outputName(result.briefing, '.')) });
      options.onPublished?.(state);
    } catch (err) {
      if (!(await watcher.settled(since, sources))) return;
      builtFrom = since;
      const e = describeError(err, file);
      const problems = e.problems.map((p) => ({ ...p, ...(p.file && { file: display(resolve(options.cwd, p.file)) }) }));
      const error = { title: e.title, problems, ...(e.hint && { hint: e.hint }) };
      // Too long for one page: show where it runs over, which is what the analyst must cut.
      const overflow = err instanceof OverflowError && !buildOptions.allowOverflow ? await overflowing() : undefined;
      const state = overflow
        ? server.publish({ ...overflow.state, error: { ...error, shown: true } }, overflow.pdf)
        : server.publish({ ...last, building: false, error });
      options.onPublished?.(state);
    }
  };
  /** The briefing laid out over as many pages as it takes; undefined if that fails too. */
  const overflowing = async () => {
    try {
      const t0 = performance.now();
      const result = await buildBriefing({ path, file }, { ...buildOptions, allowOverflow: true });
      return {
        state: { ...stateOf(result, performance.now() - t0), building: false },
        pdf: { bytes: result.pdf, name: basename(outputName(result.briefing, '.')) },
      };
    } catch {
      return undefined;
    }
  };
  const queue = new BuildQueue(build);

  let shared: SharedSources = await sharedSources(buildOptions, buildOptions.config);
  const watcher = new FolderWatcher((paths) => {
    const changes = classifyChanges(paths, new Set([path]), shared);
    if (changes.shared) {
      void sharedSources(buildOptions, buildOptions.config).then((s) => {
        shared = s;
        watchAll();
        return queue.request([path]);
      });
    } else if (changes.content.length > 0) void queue.request([path]);
  });
  const watchAll = () => {
    watcher.add(dirname(path));
    if (shared.templateDir) watcher.add(shared.templateDir, true);
    for (const f of [...shared.fonts, ...(shared.config ? [shared.config] : [])]) watcher.add(dirname(f));
  };
  watchAll();
  const first = queue.request([path]);
  if (options.waitForFirstBuild !== false) await first;

  return {
    url: server.url,
    server,
    idle: () => queue.idle(),
    async close() {
      watcher.close();
      await queue.idle();
      await server.close();
    },
  };
}

export interface PreviewFlags {
  paths: string[];
  port: number | undefined;
  open: boolean;
  /** --config FILE, --no-config (false), or not given. */
  config?: string | false | undefined;
  template: string | undefined;
  paper: Paper | undefined;
  allowOverflow: boolean;
  strict: boolean;
}

interface PreviewIO {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  cwd: string;
  env: Record<string, string | undefined>;
  color: boolean;
}

/** Runs until `signal` aborts. */
export async function previewCommand(flags: PreviewFlags, io: PreviewIO, signal: AbortSignal): Promise<number> {
  const c = createColors(io.color);
  if (flags.port !== undefined && (!Number.isInteger(flags.port) || flags.port < 0 || flags.port > 65535))
    throw new UsageError(`--port must be a whole number from 0 to 65535, got ${flags.port}`);
  const { files, missing } = await expandInputs(flags.paths, io.cwd);
  if (missing.length > 0)
    throw new UsageError(`${missing[0]!.input}: ${missing[0]!.message}`, { hint: 'name one content file to preview' });
  if (files.length !== 1)
    throw new UsageError(`preview shows one briefing, and ${flags.paths.join(' ')} names ${files.length}`, {
      hint: `name one of them, e.g. briefing preview ${files[0] ?? 'content/a.yaml'}`,
    });
  // The settings build would use for this file: its config's template, paper, logo and defaults.
  const { runSettings } = await import('../settings.js');
  const build = await runSettings(flags, io).buildOptionsFor(dirname(resolve(io.cwd, files[0]!)));
  const preview = await startPreview({
    file: files[0]!,
    cwd: io.cwd,
    waitForFirstBuild: false,
    ...(flags.port !== undefined && { port: flags.port }),
    build,
    onPublished: (s) => {
      const time = new Date().toTimeString().slice(0, 8);
      if (s.error)
        io.stderr.write(
          `${c.dim(time)} ${c.red('error:')} ${printable(`${s.error.title}: ${s.error.problems.map((p) => p.message).join('; ')}`)}\n`,
        );
      else io.stderr.write(`${c.dim(time)} ${c.green('updated')} ${s.file}  ${c.dim(`(${s.fit?.summary}; ${s.ms} ms)`)}\n`);
    },
  });
  io.stdout.write(`${preview.url}\n`);
  io.stderr.write(`${c.dim(`previewing ${files[0]} at`)} ${preview.url} ${c.dim('— Ctrl-C to stop')}\n`);
  if (flags.open) {
    try {
      const { default: open } = await import('open');
      const child = await open(preview.url);
      child.on('error', () => io.stderr.write(`${c.yellow('warning:')} could not open a browser; open ${preview.url} yourself\n`));
    } catch {
      io.stderr.write(`${c.yellow('warning:')} could not open a browser; open ${preview.url} yourself\n`);
    }
  }
  await new Promise<void>((done) => {
    if (signal.aborted) return done();
    signal.addEventListener('abort', () => done(), { once: true });
  });
  await preview.close();
  return EXIT.ok;
}
