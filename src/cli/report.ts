/**
 * Errors as the CLI reports them: one serialisable shape, made in the thread
 * that built (a batch's worker, or this one), and worded here, where the
 * library's reasons (errors.ts) become hints that name the CLI's flags.
 */
import { BriefingError, ContentError, type Problem, type Reason } from '../errors.js';

/** An error as it crosses from a worker thread: plain data. */
export interface SerialError {
  kind: string;
  message: string;
  hint?: string;
  reason?: Reason;
  stack?: string;
  /** Not a BriefingError: a bug in briefing. */
  internal: boolean;
  /** A content error's problems, every one (its message lists only the first). */
  problems?: Problem[];
}

/** An error as a report shows it: which input, what, and what to do. */
export interface ReportedError {
  kind: string;
  message: string;
  hint?: string;
  problems?: Problem[];
}

export function serialiseError(err: unknown): SerialError {
  const e = err as Error & { hint?: string; reason?: Reason };
  return {
    kind: err instanceof BriefingError ? err.name : 'InternalError',
    message: e?.message ?? String(err),
    ...(err instanceof BriefingError && err.hint && { hint: err.hint }),
    ...(err instanceof BriefingError && err.reason && { reason: err.reason }),
    ...(e?.stack && { stack: e.stack }),
    ...(err instanceof ContentError && { problems: err.problems }),
    internal: !(err instanceof BriefingError),
  };
}

/** The library's hint, in the CLI's words: what a flag would change. */
export function cliHint(reason: Reason | undefined, hint: string | undefined): string | undefined {
  switch (reason) {
    case 'strict':
      return 'run without --strict to build anyway, with empty boxes where those characters are';
    case 'overflow':
      return `${hint}; or pass --allow-overflow to write a longer PDF anyway`;
    case 'output':
      return hint?.replace(/^choose another folder/, 'choose another folder with --out');
    case 'docdef':
      return `${hint}; \`briefing build --emit docdef\` shows what the template produced`;
    case 'layout':
      return '`briefing build --emit docdef` writes the document definition so you can inspect it';
    default:
      return hint;
  }
}

/** A failed input's error, naming the file on every line; with `debug`, the stack. */
export function describeFailure(e: SerialError, file: string, debug = false): ReportedError {
  const hint = e.internal ? 'this is a bug in briefing; run again with --debug and report the stack trace' : cliHint(e.reason, e.hint);
  // Content errors already name their file; others get it prefixed so every line says which input failed.
  let message = e.internal
    ? `${file}: internal error: ${e.message}`
    : e.kind === 'ContentError' || e.message.startsWith(file)
      ? e.message
      : `${file}: ${e.message}`;
  if (debug && e.stack) message += `\n${e.stack}`;
  return { kind: e.kind, message, ...(hint && { hint }), ...(e.problems && { problems: e.problems }) };
}
