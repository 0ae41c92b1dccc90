/**
 * The command line: parse flags, expand inputs, call the library, write files,
 * report, and return the exit code. `main()` takes its streams and working
 * directory as arguments so tests can run it in process.
 */
import { basename, resolve } from 'node:path';
import yargs from 'yargs';
import { createColors } from 'picocolors';
import { BriefingError, EXIT, OutputError, UsageError, formatPosition } from '../errors.js';
import { expandInputs } from './inputs.js';
import { progressBar } from './progress.js';
import { builtinTemplateNames, DEFAULT_TEMPLATE } from '../template/find.js';
import { buildOptions } from './options.js';
import { previewFlags, previewOptions, sendFlags, sendOptions, untilInterrupted, watchFlags, watchOptions } from './live-options.js';
import { VERSION } from '../version.js';
import { jsonForTerminal, printable } from '../printable.js';
import { endCleanly } from './process-guard.js';
import { cliHint, describeFailure, serialiseError, type ReportedError } from './report.js';
import type { FitReport, Paper, PdfA, Warning } from '../types.js';

export interface CliIO {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  cwd: string;
  env: Record<string, string | undefined>;
  /** Colour the human-readable output (default: stderr is a terminal and NO_COLOR is unset). */
  color: boolean;
  /** stderr is a terminal: show a progress bar for batches (never in pipes or CI). */
  tty: boolean;
}

interface BuildFlags {
  paths: string[];
  out: string;
  template: string;
  paper: Paper | undefined;
  allowOverflow: boolean;
  strict: boolean;
  pdfa: PdfA | undefined;
  eml: boolean;
  from: string | undefined;
  to: string[];
  emit: 'pdf' | 'docdef';
  json: boolean;
  verbose: boolean;
  quiet: boolean;
  debug: boolean;
}

interface FileReport {
  file: string;
  ok: boolean;
  output?: string;
  eml?: string;
  pages?: number;
  bytes?: number;
  fit?: FitReport;
  warnings: Warning[];
  error?: ReportedError;
}

function parser(templates: string[]) {
  return yargs()
    .scriptName('briefing')
    .usage('$0 <command> [options]\n\nTurns the structured facts of a news article (content/*.yaml) into a one-page PDF briefing.')
    .command('build [paths..]', 'Build PDF briefings from content files, folders or globs (default: content/)', (y) =>
      y
        .positional('paths', { describe: 'content files, folders or globs', type: 'string', array: true, default: ['content'] })
        .options(buildOptions(templates, DEFAULT_TEMPLATE))
        .example('$0 build', 'build every file in content/ into out/')
        .example('$0 build content/relos-duma-ratification.yaml --paper letter', 'one briefing, on US Letter')
        .example("$0 build 'briefs/**/*.yaml' -o dist -t ./templates/mine", 'a glob, another output folder and your own template'),
    )
    .command('validate [paths..]', 'Check content files against the schema without rendering', (y) =>
      y
        .positional('paths', { describe: 'content files, folders or globs', type: 'string', array: true, default: ['content'] })
        .option('json', { type: 'boolean', default: false, describe: 'print a JSON report on stdout' })
        .option('debug', { type: 'boolean', default: false, describe: 'show stack traces' })
        .options({ template: buildOptions(templates, DEFAULT_TEMPLATE).template, strict: buildOptions(templates, DEFAULT_TEMPLATE).strict })
        .example('$0 validate content/', 'check every content file'),
    )
    .command(
      'watch [paths..]',
      'Build, then build again each content file you save (all of them when the template or config changes)',
      (y) =>
        y
          .positional('paths', { describe: 'content files, folders or globs', type: 'string', array: true, default: ['content'] })
          .options(watchOptions(buildOptions(templates, DEFAULT_TEMPLATE)))
          .example('$0 watch', 'rebuild out/*.pdf as you edit content/*.yaml; Ctrl-C to stop'),
    )
    .command('preview [file]', 'Show a briefing in the browser as it will print, updated on every save', (y) =>
      y
        .positional('file', { describe: 'the content file (default: the one file in content/)', type: 'string', default: 'content' })
        .options(previewOptions(buildOptions(templates, DEFAULT_TEMPLATE)))
        .example('$0 preview content/relos-duma-ratification.yaml', 'open the live preview in the browser')
        .example('$0 preview content/a.yaml --no-open --port 8080', 'serve it at http://127.0.0.1:8080/ only'),
    )
    .command('send <paths..>', 'Build briefings and e-mail them with the PDF attached (SMTP; see the README)', (y) =>
      y
        .positional('paths', { describe: 'content files, folders or globs', type: 'string', array: true })
        .options(sendOptions(buildOptions(templates, DEFAULT_TEMPLATE)))
        .demandOption('to', 'say who to send it to with --to')
        .example('$0 send content/a.yaml --to desk@example.org --dry-run', 'show what would be sent, send nothing')
        .example('$0 send content/a.yaml --to desk@example.org --cc chief@example.org', 'build and send'),
    )
    .command('schema', 'Print the JSON Schema of the content format (for editors)')
    .command('templates', 'List the built-in templates')
    .demandCommand(1, 'say which command to run: build, validate, watch, preview, send, schema or templates')
    .strict()
    .exitProcess(false)
    .help()
    .alias('h', 'help')
    .version(VERSION)
    .epilogue('Exit codes: 0 all written, 1 some input failed, 2 usage error.')
    .wrap(100);
}

/**
 * yargs lays out the whole help text after it picks a command, to show it if
 * the command's handler fails later; ours has no handler, and help is never
 * shown that way. Laying it out (text wrapping, Unicode string widths) took
 * a tenth of a cold build. Angular's CLI does the same
 * (angular/angular-cli#34087). yargs internals: without them, nothing changes.
 */
function skipHelpCache(cli: ReturnType<typeof parser>): void {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- yargs' internals have no types
  const usage = (cli as any).getInternalMethods?.().getUsageInstance?.();
  if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => {};
}

/** The CLI as its own process (bin/briefing.js, the startup snapshot): main, ending cleanly when told to stop. */
export async function runCli(argv: string[]): Promise<number> {
  endCleanly();
  return main(argv);
}

export async function main(argv: string[], ioIn: Partial<CliIO> = {}): Promise<number> {
  const env = ioIn.env ?? process.env;
  const io: CliIO = {
    stdout: ioIn.stdout ?? process.stdout,
    stderr: ioIn.stderr ?? process.stderr,
    cwd: ioIn.cwd ?? process.cwd(),
    env,
    color: ioIn.color ?? (!!process.stderr.isTTY && !env.NO_COLOR),
    tty: ioIn.tty ?? (!!process.stderr.isTTY && !env.CI),
  };
  const c = createColors(io.color);

  let parsed: { err?: Error; args?: Record<string, unknown>; output: string } = { output: '' };
  const cli = parser(builtinTemplateNames());
  if (!argv.some((a) => a === '--help' || a === '-h')) skipHelpCache(cli);
  cli.parse(argv, {}, (err, args, output) => {
    parsed = { err: err ?? undefined, args: args as Record<string, unknown>, output };
  });
  if (parsed.err) {
    io.stderr.write(`${c.red('error:')} ${printable(parsed.err.message)}\n${c.dim('hint:')} see \`briefing --help\`\n`);
    return EXIT.usage;
  }
  if (parsed.output) {
    // --help or --version
    io.stdout.write(`${parsed.output}\n`);
    return EXIT.ok;
  }

  const args = parsed.args!;
  const command = String((args._ as unknown[])[0]);
  try {
    switch (command) {
      case 'build':
        return await buildCommand(flagsOf(args), io, c);
      case 'validate':
        return await validateCommand(args.paths as string[], Boolean(args.json), io, c, {
          template: args.template as string | undefined,
          strict: Boolean(args.strict),
        });
      case 'watch':
        return await (await import('./watch.js')).runWatch(watchFlags(args), io, untilInterrupted());
      case 'preview':
        return await (await import('./preview/command.js')).previewCommand(previewFlags(args), io, untilInterrupted());
      case 'send':
        return await (await import('./send.js')).sendCommand(sendFlags(args), io);
      case 'schema': {
        const { briefingJsonSchema } = await import('../content/schema.js');
        io.stdout.write(`${JSON.stringify(briefingJsonSchema(), null, 2)}\n`);
        return EXIT.ok;
      }
      case 'templates':
        io.stdout.write(`${builtinTemplateNames().join('\n')}\n`);
        return EXIT.ok;
      default:
        throw new UsageError(`unknown command "${command}"`, { hint: 'see `briefing --help`' });
    }
  } catch (err) {
    return reportFatal(err, Boolean(args.debug), io, c, Boolean(args.json));
  }
}

function flagsOf(args: Record<string, unknown>): BuildFlags {
  // Already one of PAPER_NAMES: options.ts coerces any case.
  return {
    paths: args.paths as string[],
    out: String(args.out),
    template: String(args.template),
    paper: args.paper as Paper | undefined,
    allowOverflow: Boolean(args.allowOverflow),
    strict: Boolean(args.strict),
    pdfa: args.pdfa === '2b' || args.pdfa === '3b' ? args.pdfa : undefined,
    eml: Boolean(args.eml),
    from: args.from === undefined ? undefined : String(args.from),
    to: Array.isArray(args.to) ? args.to.map(String) : [],
    emit: args.emit === 'docdef' ? 'docdef' : 'pdf',
    json: Boolean(args.json),
    verbose: Boolean(args.verbose),
    quiet: Boolean(args.quiet),
    debug: Boolean(args.debug),
  };
}

type Colors = ReturnType<typeof createColors>;

async function buildCommand(flags: BuildFlags, io: CliIO, c: Colors): Promise<number> {
  const started = performance.now();
  const [{ writeAtomic }, { outputName }, { runJobs }] = await Promise.all([
    import('../pipeline/write.js'),
    import('../pipeline/names.js'),
    import('./batch.js'),
  ]);
  const { files, missing } = await expandInputs(flags.paths, io.cwd);
  const outDir = resolve(io.cwd, flags.out);
  const creationDate = sourceDateEpoch(io.env);
  const ext = flags.emit === 'docdef' ? '.json' : '.pdf';
  const options = {
    template: flags.template,
    ...(flags.paper && { paper: flags.paper }),
    allowOverflow: flags.allowOverflow,
    strict: flags.strict,
    ...(flags.pdfa && { pdfa: flags.pdfa }),
    cwd: io.cwd,
    ...(creationDate && { creationDate }),
  };
  const jobs = files.map((file) => ({ path: resolve(io.cwd, file), file, options, emit: flags.emit }));

  const reports: FileReport[] = missing.map((m) => ({
    file: m.input,
    ok: false,
    warnings: [],
    error: { kind: 'ContentError', message: `${m.input}: ${m.message}` },
  }));
  if (!flags.json) for (const r of reports) printError(r.error!, io, c);
  const progress = flags.json || flags.quiet || !io.tty || files.length < 2 ? undefined : await progressBar(files.length, io);
  const say = (r: FileReport, ms: number) => {
    if (flags.json) return;
    const print = () => printReport(r, flags, ms, io, c, progress !== undefined && !flags.verbose);
    if (progress) progress.log(print);
    else print();
  };

  // Two files may name the same output (same reference and date): the one earlier in the input order keeps it.
  const owners = new Map<string, number>();
  const byIndex: FileReport[] = [];
  const t0 = performance.now();
  const { threads } = await runJobs(jobs, async (i, outcome) => {
    const file = files[i]!;
    const report: FileReport = { file, ok: false, warnings: [] };
    byIndex[i] = report;
    try {
      if (!outcome.ok) {
        report.error = describeFailure(outcome.error, file, flags.debug);
      } else {
        const output = outputName(outcome.briefing, outDir, ext);
        const owner = owners.get(output);
        if (owner !== undefined && owner < i) {
          throw new OutputError(`would overwrite ${displayPath(output, io.cwd)}, already built from ${files[owner]}`, {
            hint: 'two content files have the same reference and date; give each briefing its own reference',
          });
        }
        if (owner !== undefined) {
          const displaced = byIndex[owner]!;
          Object.assign(displaced, {
            ok: false,
            error: {
              kind: 'OutputError',
              message: `${displaced.file}: would overwrite ${displayPath(output, io.cwd)}, also built from ${file}`,
              hint: 'two content files have the same reference and date; give each briefing its own reference',
            },
          });
          delete displaced.output;
          say(displaced, 0);
        }
        owners.set(output, i);
        // A PDF that came from a worker thread arrives as a plain Uint8Array.
        const pdf = outcome.pdf && Buffer.from(outcome.pdf.buffer, outcome.pdf.byteOffset, outcome.pdf.byteLength);
        const bytes = pdf ?? `${JSON.stringify(outcome.docDefinition, null, 2)}\n`;
        await writeAtomic(output, bytes);
        if (flags.eml && pdf) {
          const { composeEml } = await import('../pipeline/eml.js');
          const eml = output.replace(/\.pdf$/, '.eml');
          await writeAtomic(eml, await composeEml(outcome.briefing, pdf, basename(output), await draftAddresses(flags, jobs[i]!.path, io)));
          report.eml = displayPath(eml, io.cwd);
        }
        Object.assign(report, {
          ok: true,
          output: displayPath(output, io.cwd),
          pages: outcome.pages,
          bytes: Buffer.byteLength(bytes),
          fit: outcome.fit,
          warnings: outcome.warnings,
        });
      }
    } catch (err) {
      report.error = describeError(err, file);
    }
    progress?.tick();
    say(report, performance.now() - t0);
  });
  progress?.stop();
  reports.push(...byIndex);

  const failed = reports.filter((r) => !r.ok).length;
  const built = reports.length - failed;
  const seconds = (performance.now() - started) / 1000;
  if (flags.json) {
    io.stdout.write(
      `${jsonForTerminal(JSON.stringify({ results: reports, summary: { built, failed, seconds: Math.round(seconds * 100) / 100, threads } }, null, 2))}\n`,
    );
  } else if (reports.length === 0) {
    io.stderr.write(`${c.red('error:')} no content files to build\n`);
  } else if (reports.length > 1 || failed > 0) {
    const counts = failed > 0 ? c.red(`${built} built, ${failed} failed`) : c.green(`${built} built`);
    io.stderr.write(`${counts} in ${seconds.toFixed(1)} s${threads > 1 ? c.dim(` (${threads} threads)`) : ''}\n`);
  }
  return failed > 0 || reports.length === 0 ? EXIT.failed : EXIT.ok;
}

async function validateCommand(
  paths: string[],
  json: boolean,
  io: CliIO,
  c: Colors,
  check: { template?: string; strict: boolean },
): Promise<number> {
  const { checkBriefing } = await import('../pipeline/build.js');
  const { files, missing } = await expandInputs(paths, io.cwd);
  const reports: FileReport[] = missing.map((m) => ({
    file: m.input,
    ok: false,
    warnings: [],
    error: { kind: 'ContentError', message: `${m.input}: ${m.message}` },
  }));
  for (const file of files) {
    try {
      const r = await checkBriefing({ path: resolve(io.cwd, file), file }, { ...check, cwd: io.cwd });
      reports.push({ file, ok: true, warnings: r.warnings });
    } catch (err) {
      reports.push({ file, ok: false, warnings: [], error: describeError(err, file) });
    }
  }
  const failed = reports.filter((r) => !r.ok).length;
  if (json) {
    io.stdout.write(
      `${jsonForTerminal(JSON.stringify({ results: reports, summary: { valid: reports.length - failed, failed } }, null, 2))}\n`,
    );
  } else {
    for (const r of reports) {
      printWarnings(r.warnings, io, c);
      if (r.ok) io.stderr.write(`${c.green('valid')} ${printable(r.file)}\n`);
      else printError(r.error!, io, c);
    }
    if (reports.length === 0) io.stderr.write(`${c.red('error:')} no content files to validate\n`);
  }
  return failed > 0 || reports.length === 0 ? EXIT.failed : EXIT.ok;
}

function describeError(err: unknown, file: string): NonNullable<FileReport['error']> {
  return describeFailure(serialiseError(err), file);
}

function printReport(r: FileReport, flags: BuildFlags, ms: number, io: CliIO, c: Colors, onlyProblems = false): void {
  printWarnings(r.warnings, io, c);
  if (!r.ok) return printError(r.error!, io, c);
  if (flags.quiet || onlyProblems) return;
  const kb = ((r.bytes ?? 0) / 1024).toFixed(1);
  const pages = `${r.pages} page${r.pages === 1 ? '' : 's'}`;
  let line = `${c.green('built')} ${r.output}${r.eml ? ` and ${r.eml}` : ''}  ${c.dim(`(${flags.emit === 'docdef' ? 'document definition' : pages}, ${kb} KB; ${r.fit!.summary})`)}`;
  if (flags.verbose) {
    const s = r.fit!.scale;
    line += `\n  ${c.dim(`from ${r.file}: ${r.fit!.passes} layout passes, type ×${s.type.toFixed(3)}, spacing ×${s.space.toFixed(3)}, ${r.fit!.spareHeight} pt spare, ${Math.round(ms)} ms`)}`;
  }
  io.stderr.write(`${line}\n`);
}

function printWarnings(warnings: Warning[], io: CliIO, c: Colors): void {
  for (const w of warnings) {
    const where = formatPosition({ file: w.file, ...(w.line !== undefined && { line: w.line, column: w.column }) });
    io.stderr.write(`${c.yellow('warning:')} ${printable(`${where}${where ? ': ' : ''}${w.path ? `${w.path}: ` : ''}${w.message}`)}\n`);
  }
}

function printError(e: NonNullable<FileReport['error']>, io: CliIO, c: Colors): void {
  io.stderr.write(`${c.red('error:')} ${printable(e.message)}\n`);
  if (e.hint) io.stderr.write(`${c.dim('hint:')} ${printable(e.hint)}\n`);
}

function reportFatal(err: unknown, debug: boolean, io: CliIO, c: Colors, json = false): number {
  // A script reading --json gets JSON whatever happened.
  if (json) {
    const e = err as Error & { hint?: string };
    const internal = !(err instanceof BriefingError);
    const error = {
      kind: internal ? 'InternalError' : e.name,
      message: e?.message ?? String(err),
      ...((internal || e.hint) && {
        hint: internal ? 'this is a bug in briefing; run again with --debug and report the stack trace' : e.hint,
      }),
    };
    io.stdout.write(`${jsonForTerminal(JSON.stringify({ results: [], error, summary: { built: 0, failed: 0 } }, null, 2))}\n`);
  }
  if (err instanceof BriefingError) {
    const hint = cliHint(err.reason, err.hint);
    printError({ kind: err.name, message: err.message, ...(hint && { hint }) }, io, c);
    if (debug && err.stack) io.stderr.write(`${err.stack}\n`);
    return err.exitCode;
  }
  const e = err as Error;
  io.stderr.write(`${c.red('internal error:')} ${printable(e?.message ?? String(err))}\n`);
  io.stderr.write(
    debug ? `${e?.stack}\n` : `${c.dim('hint:')} this is a bug in briefing; run again with --debug and report the stack trace\n`,
  );
  return EXIT.failed;
}

/** 9999-12-31T23:59:59Z */
const MAX_EPOCH_SECONDS = 253_402_300_799;

/** The .eml draft's From and To: from the flags, else the config's smtp.from (mail/settings.ts). */
async function draftAddresses(flags: BuildFlags, contentPath: string, io: CliIO) {
  const { findConfigFile, readMailConfig, resolveSmtp } = await import('../mail/settings.js');
  const { parseAddresses } = await import('../mail/recipients.js');
  const from = flags.from ?? resolveSmtp(io.env, readMailConfig(findConfigFile(io.cwd, [contentPath])))?.from;
  return { ...(from && { from }), to: parseAddresses(flags.to, '--to') };
}

/** Reproducible builds: SOURCE_DATE_EPOCH, when set, pins the PDF dates. */
function sourceDateEpoch(env: CliIO['env']): Date | undefined {
  const v = env.SOURCE_DATE_EPOCH;
  if (v === undefined || v === '') return undefined;
  const hint = "set it to whole seconds since 1970 (`date +%s`), or unset it to use the content's date";
  if (!/^\d+$/.test(v))
    throw new UsageError(`SOURCE_DATE_EPOCH must be whole seconds since 1970, got "${printable(v.slice(0, 40))}"`, { hint });
  // A PDF date has a four-digit year.
  if (v.length > 12 || Number(v) > MAX_EPOCH_SECONDS)
    throw new UsageError(
      `SOURCE_DATE_EPOCH ${v.length > 20 ? `${v.slice(0, 20)}…` : v} is after the year 9999, which a PDF date cannot hold`,
      { hint },
    );
  return new Date(Number(v) * 1000);
}

function displayPath(abs: string, cwd: string): string {
  const rel = abs.startsWith(cwd + '/') ? abs.slice(cwd.length + 1) : abs;
  return rel;
}
