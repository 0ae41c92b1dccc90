/**
 * What every command needs to talk to the user: the streams, the working
 * directory, whether to colour, and the one way errors, warnings and
 * results are printed (`error:` and `hint:` lines, never a stack trace for
 * a user's mistake).
 */
import { createColors } from 'picocolors';
import { BriefingError, EXIT, formatPosition } from '../errors.js';
import { cliHint, type ReportedError } from './report.js';
import { jsonForTerminal, printable } from '../printable.js';
import type { FitReport, Warning } from '../types.js';

export interface CliIO {
  stdout: { write(s: string | Uint8Array): unknown };
  stderr: { write(s: string): unknown };
  /** Content piped in (`briefing build -`). */
  stdin: AsyncIterable<string | Uint8Array>;
  cwd: string;
  env: Record<string, string | undefined>;
  /** Colour the human-readable output (see decideColor). */
  color: boolean;
  /** stderr is a terminal: show a progress bar for batches (never in pipes or CI). */
  tty: boolean;
}

export type Colors = ReturnType<typeof createColors>;

/**
 * --color / --no-color win; then FORCE_COLOR (any value but 0 or false) and
 * NO_COLOR (any non-empty value, https://no-color.org); else colour when
 * stderr, where messages go, is a terminal.
 */
export function decideColor(flag: boolean | undefined, env: CliIO['env'], isTTY: boolean): boolean {
  if (flag !== undefined) return flag;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !['0', 'false'].includes(force.toLowerCase());
  if (env.NO_COLOR) return false;
  return isTTY;
}

export function colorsFor(io: CliIO): Colors {
  return createColors(io.color);
}

export interface FileReport {
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

export function printWarnings(warnings: Warning[], io: CliIO, c: Colors): void {
  for (const w of warnings) {
    const where = formatPosition({ file: w.file, ...(w.line !== undefined && { line: w.line, column: w.column }) });
    io.stderr.write(`${c.yellow('warning:')} ${printable(`${where}${where ? ': ' : ''}${w.path ? `${w.path}: ` : ''}${w.message}`)}\n`);
  }
}

/** The hints a run has printed: in a batch, one hint given for many files is printed once, after the first of them. */
const hintsShown = new WeakMap<CliIO['stderr'], Set<string>>();

export function printError(e: Pick<ReportedError, 'message' | 'hint'>, io: CliIO, c: Colors): void {
  io.stderr.write(`${c.red('error:')} ${printable(e.message)}\n`);
  if (!e.hint) return;
  const shown = hintsShown.get(io.stderr) ?? new Set<string>();
  hintsShown.set(io.stderr, shown);
  if (shown.has(e.hint)) return;
  shown.add(e.hint);
  io.stderr.write(`${c.dim('hint:')} ${printable(e.hint)}\n`);
}

export function reportFatal(err: unknown, debug: boolean, io: CliIO, c: Colors, json = false): number {
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
    printError({ message: err.message, ...(hint && { hint }) }, io, c);
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

/** A path as the user would type it from the working directory. */
export function displayPath(abs: string, cwd: string): string {
  return abs.startsWith(cwd + '/') ? abs.slice(cwd.length + 1) : abs;
}

/**
 * Reads all of standard input as content text: capped at a content file's
 * limit and decoded as strictly as a file (named <stdin> in messages).
 */
export async function readAll(stream: CliIO['stdin']): Promise<string> {
  const { readContentStream } = await import('../content/read-file.js');
  return readContentStream(stream);
}

export function printReport(
  r: FileReport,
  flags: { quiet: boolean; verbose: boolean; emit: 'pdf' | 'docdef' },
  ms: number,
  io: CliIO,
  c: Colors,
  onlyProblems = false,
): void {
  printWarnings(r.warnings, io, c);
  if (!r.ok) return printError(r.error!, io, c);
  if (flags.quiet || onlyProblems) return;
  const kb = ((r.bytes ?? 0) / 1024).toFixed(1);
  const pages = `${r.pages} page${r.pages === 1 ? '' : 's'}`;
  let line = `${c.green('built')} ${r.output}${r.eml ? ` and ${r.eml}` : ''}  ${c.dim(`(${flags.emit === 'docdef' ? 'document definition' : pages}, ${kb} KB; ${r.fit!.summary})`)}`;
  if (flags.verbose) {
    const s = r.fit!.scale;
    line += `\n  ${c.dim(`from ${r.file}: ${plural(r.fit!.layouts, 'page layout')} (${plural(r.fit!.passes, 'trial')}), type ×${s.type.toFixed(3)}, spacing ×${s.space.toFixed(3)}, ${r.fit!.spareHeight} pt spare, ${Math.round(ms)} ms`)}`;
  }
  io.stderr.write(`${line}\n`);
}

/** "1 page layout", "3 trials". */
const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
