/**
 * `briefing build`: content files, folders, globs or standard input in;
 * PDFs out into a folder, one named file, or standard output.
 */
import { inInputOrder } from '../in-order.js';
import { basename, dirname, resolve } from 'node:path';
import type { Argv } from 'yargs';
import { ContentError, EXIT, OutputError, UsageError } from '../../errors.js';
import { builtinTemplateNames, DEFAULT_TEMPLATE } from '../../template/find.js';
import { buildOptions } from '../options.js';
import { colorsFor, displayPath, printError, printReport, readAll, type CliIO, type FileReport } from '../io.js';
import { STDIN, type Command } from './command.js';
import { contentPaths } from './shared.js';
import { runSettings } from '../settings.js';
import type { OutputTarget } from '../../config/resolve.js';
import type { MailConfig } from '../../mail/settings.js';
import type { BuildJob } from '../batch.js';
import type { Paper } from '../../pdf/paper.js';
import { describeError, describeFailure } from '../report.js';
import { jsonForTerminal } from '../../printable.js';
import { progressBar } from '../progress.js';
import { isPdfA, type PdfA } from '../../types.js';

export interface BuildFlags {
  paths: string[];
  out: string | undefined;
  template: string | undefined;
  paper: Paper | undefined;
  config: string | false | undefined;
  allowOverflow: boolean;
  strict: boolean;
  pdfa: PdfA | undefined;
  eml: boolean;
  /** With --eml: the draft's sender and recipients. */
  from: string | undefined;
  to: string[];
  emit: 'pdf' | 'docdef';
  json: boolean;
  verbose: boolean;
  quiet: boolean;
  debug: boolean;
}

export const build: Command = {
  command: 'build [paths..]',
  describe: 'Build PDF briefings from content files, folders or globs (default: content/; - reads standard input)',
  builder: (y: Argv) =>
    y
      .positional('paths', {
        describe: 'content files (.yaml, .yml, .json), folders, globs, or - for standard input',
        type: 'string',
        array: true,
        defaultDescription: 'content/',
      })
      .options(buildOptions(builtinTemplateNames(), DEFAULT_TEMPLATE))
      .example('$0 build', 'build every file in content/ into out/')
      .example('$0 build content/relos.yaml -o relos.pdf --paper letter', 'one briefing, on US Letter, into relos.pdf')
      .example('cat brief.json | $0 build - -o - > brief.pdf', 'from standard input to standard output')
      .example("$0 build 'briefs/**/*.yaml' -o dist -t ./templates/mine", 'a glob, another output folder and your own template'),
  run: (args, io) => buildCommand(flagsOf(args), io),
};

export function flagsOf(args: Record<string, unknown>): BuildFlags {
  // Already one of PAPER_NAMES: options.ts coerces any case.
  const paper = args.paper as Paper | undefined;
  return {
    paths: (args.paths as string[] | undefined) ?? [],
    out: args.out === undefined ? undefined : String(args.out),
    template: args.template === undefined ? undefined : String(args.template),
    paper,
    config: args.config === false ? false : args.config === undefined ? undefined : String(args.config),
    allowOverflow: Boolean(args.allowOverflow),
    strict: Boolean(args.strict),
    pdfa: isPdfA(args.pdfa) ? args.pdfa : undefined,
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

/** Combinations that cannot mean anything: refused before any work, with exit code 2. */
export function checkFlags(flags: BuildFlags): void {
  if (flags.quiet && flags.verbose) throw new UsageError('--quiet and --verbose cannot be used together', { hint: 'pick one' });
  if (flags.eml && flags.emit === 'docdef')
    throw new UsageError('--eml attaches a PDF, but --emit docdef writes no PDF', { hint: 'drop --eml, or --emit docdef' });
  if (flags.out === '')
    throw new UsageError('-o needs a value', { hint: 'give a folder (-o out), a file (-o brief.pdf) or - for standard output (-o -)' });
  if (flags.out === '-') {
    if (flags.eml)
      throw new UsageError('-o - writes the PDF to standard output; there is no folder to put the .eml in', {
        hint: 'use -o brief.pdf --eml',
      });
    if (flags.json)
      throw new UsageError('-o - and --json would both write to standard output', { hint: 'drop --json; messages go to standard error' });
  }
  const ext = flags.emit === 'docdef' ? '.json' : '.pdf';
  const other = flags.emit === 'docdef' ? '.pdf' : '.json';
  if (flags.out?.toLowerCase().endsWith(other))
    throw new UsageError(`-o ${flags.out}: --emit ${flags.emit} writes a ${ext} file`, {
      hint: `name the output ${flags.out.slice(0, -other.length)}${ext}`,
    });
  if (flags.paths.filter((p) => p === STDIN).length > 1)
    throw new UsageError('standard input (-) can be read only once', { hint: 'name - once' });
}

async function buildCommand(flags: BuildFlags, io: CliIO): Promise<number> {
  const c = colorsFor(io);
  checkFlags(flags);
  const started = performance.now();
  const [{ writeAtomic }, { outputName }, { runJobs }, { expandInputs }, { parseAddresses }] = await Promise.all([
    import('../../pipeline/write.js'),
    import('../../pipeline/names.js'),
    import('../batch.js'),
    import('../inputs.js'),
    import('../../mail/recipients.js'),
  ]);
  // A draft's addresses are checked before anything is built.
  const to = flags.eml ? parseAddresses(flags.to, '--to') : [];
  if (flags.eml && flags.from !== undefined) parseAddresses([flags.from], '--from', { one: true });
  // The sender as typed, display name and all; checked above.
  const from = flags.eml ? flags.from : undefined;
  const { stdin, paths } = contentPaths(flags.paths, io.cwd, 'build', STDIN);
  const { files, missing } = await expandInputs(paths, io.cwd);
  const inputs = files.length + missing.length + (stdin ? 1 : 0);
  if (flags.out === '-' && inputs > 1)
    throw new UsageError(`-o - writes one PDF to standard output, but ${inputs} content files were given`, {
      hint: 'build one file, or write into a folder: -o out',
    });
  const ext = flags.emit === 'docdef' ? '.json' : '.pdf';
  if (flags.out !== undefined && flags.out !== '-' && flags.out.toLowerCase().endsWith(ext) && inputs > 1)
    throw new UsageError(`-o ${flags.out} names one file, but ${inputs} content files were given`, {
      hint: 'write into a folder instead: -o out',
    });

  const settings = runSettings(flags, io, { announce: flags.verbose });
  const targets: OutputTarget[] = [];
  /** Each job's mail settings, for the sender of its draft. */
  const mails: MailConfig[] = [];
  const jobs: BuildJob[] = [];
  const reports: FileReport[] = missing.map((m) => ({
    file: m.input,
    ok: false,
    warnings: [],
    error: describeError(new ContentError(m.input, [{ path: '', message: m.message }]), m.input),
  }));
  if (stdin) {
    const content = await readAll(io.stdin);
    const here = await settings.forDir(io.cwd);
    targets.push(here.output(ext));
    mails.push(here.mail);
    jobs.push({ path: '', content, file: '<stdin>', options: here.build, emit: flags.emit });
  }
  for (const file of files) {
    const path = resolve(io.cwd, file);
    try {
      const here = await settings.forDir(dirname(path));
      targets.push(here.output(ext));
      mails.push(here.mail);
      jobs.push({ path, file, options: here.build, emit: flags.emit });
    } catch (err) {
      // A broken config file fails the files it applies to, each with the config's own message.
      reports.push({ file, ok: false, warnings: [], error: describeError(err, file) });
    }
  }
  const jobNames = jobs.map((j) => j.file);

  if (!flags.json) for (const r of reports) printError(r.error!, io, c);
  const progress = flags.json || flags.quiet || !io.tty || jobs.length < 2 ? undefined : progressBar(jobs.length, io);
  // One cause failing many files (a broken template, a worker that cannot start) is printed in full once.
  const firstWith = new Map<string, string>();
  const say = (report: FileReport, ms: number) => {
    if (flags.json) return;
    let r = report;
    if (!r.ok && r.error) {
      const key = `${r.error.kind}\u0000${r.error.message.replaceAll(r.file, '\u0000')}`;
      const first = firstWith.get(key);
      if (first === undefined) firstWith.set(key, r.file);
      else {
        const message = `${r.file}: the same error as ${first}`;
        r = { ...r, error: { kind: r.error.kind, message, title: message, problems: [] } };
      }
    }
    const print = () => printReport(r, flags, ms, io, c, progress !== undefined && !flags.verbose);
    if (progress) progress.log(print);
    else print();
  };

  // Two files may name the same output (same reference and date): the one earlier in the input order keeps it.
  const owners = new Map<string, number>();
  const byIndex: FileReport[] = [];
  // In input order: a line saying `built` is printed only once no earlier file can still claim that output.
  const sayInOrder = inInputOrder((r: { report: FileReport; ms: number }) => say(r.report, r.ms));
  const t0 = performance.now();
  const { threads } = await runJobs(jobs, async (i, outcome) => {
    const file = jobNames[i]!;
    const target = targets[i]!;
    const report: FileReport = { file, ok: false, warnings: [] };
    byIndex[i] = report;
    try {
      if (!outcome.ok) {
        report.error = describeFailure(outcome.error, file, flags.debug);
      } else {
        const pdf = outcome.pdf && Buffer.from(outcome.pdf.buffer, outcome.pdf.byteOffset, outcome.pdf.byteLength);
        const bytes = pdf ?? `${JSON.stringify(outcome.docDefinition, null, 2)}\n`;
        if (target.kind === 'stdout') {
          io.stdout.write(typeof bytes === 'string' ? bytes : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
          Object.assign(report, {
            ok: true,
            output: '<stdout>',
            pages: outcome.pages,
            bytes: Buffer.byteLength(bytes),
            fit: outcome.fit,
            warnings: outcome.warnings,
          });
        } else {
          const output = target.kind === 'file' ? target.file : outputName(outcome.briefing, target.dir, ext);
          const owner = owners.get(output);
          if (owner !== undefined && owner < i) {
            throw new OutputError(`would overwrite ${displayPath(output, io.cwd)}, already built from ${jobNames[owner]}`, {
              hint: 'two content files have the same reference and date; give each briefing its own reference',
            });
          }
          if (owner !== undefined) {
            const displaced = byIndex[owner]!;
            Object.assign(displaced, {
              ok: false,
              error: describeError(
                new OutputError(`would overwrite ${displayPath(output, io.cwd)}, also built from ${file}`, {
                  hint: 'two content files have the same reference and date; give each briefing its own reference',
                }),
                displaced.file,
              ),
            });
            delete displaced.output;
          }
          owners.set(output, i);
          await writeAtomic(output, bytes);
          if (flags.eml && pdf) {
            const { composeEml } = await import('../../pipeline/eml.js');
            const eml = output.replace(/\.pdf$/i, '') + '.eml';
            await writeAtomic(
              eml,
              await composeEml(outcome.briefing, pdf, basename(output), await draftAddresses(from, to, mails[i], io.env)),
            );
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
      }
    } catch (err) {
      report.error = describeError(err, file);
    }
    progress?.tick();
    // The report object, not a copy: a later, earlier-listed file may still mark it displaced before it is printed.
    sayInOrder(i, { report, ms: performance.now() - t0 });
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

/** The .eml draft's From and To: from the flags, else the sender of the content file's config (or BRIEFING_SMTP_URL). */
async function draftAddresses(from: string | undefined, to: string[], mail: MailConfig | undefined, env: CliIO['env']) {
  const { resolveSmtp } = await import('../../mail/settings.js');
  const sender = from ?? (mail && resolveSmtp(env, mail)?.from);
  return { ...(sender && { from: sender }), to };
}
