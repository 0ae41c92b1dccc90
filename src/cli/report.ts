/**
 * Errors as the CLI reports them, the one describer of every command (build,
 * validate, watch, preview, send): one serialisable shape, made in the thread
 * that built (a batch's worker, or this one), and worded here, where the
 * library's reasons (errors.ts) become hints that name the CLI's flags.
 */
import { BriefingError, ContentError, TemplateError, formatPosition, type Problem, type Reason, type SourcePosition } from '../errors.js';

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
  /** A content error's file, as the library named it. */
  file?: string;
  /** Where in the template a template error lies. */
  position?: SourcePosition;
}

/** An error as a report shows it: which input, what, every problem with its place, and what to do. */
export interface ReportedError {
  kind: string;
  /** For a terminal: naming the input on every line. */
  message: string;
  /** For the preview page, over its list of problems. */
  title: string;
  hint?: string;
  problems: Problem[];
}

const INTERNAL_HINT = 'this is a bug in briefing; run `briefing build` on the file with --debug and report the stack trace';

export function serialiseError(err: unknown): SerialError {
  const e = err as Error & { hint?: string; reason?: Reason };
  return {
    kind: err instanceof BriefingError ? err.name : 'InternalError',
    message: e?.message ?? String(err),
    ...(err instanceof BriefingError && err.hint && { hint: err.hint }),
    ...(err instanceof BriefingError && err.reason && { reason: err.reason }),
    ...(e?.stack && { stack: stackWithCauses(e) }),
    ...(err instanceof ContentError && { problems: err.problems, ...(err.file && { file: err.file }) }),
    ...(err instanceof TemplateError && err.position && { position: err.position }),
    internal: !(err instanceof BriefingError),
  };
}

/** An error's stack and, below it, the stack of each error it reports (`cause`), so --debug shows where it began. */
function stackWithCauses(e: Error): string {
  let out = e.stack ?? String(e);
  let cause: unknown = e.cause;
  for (let depth = 0; cause !== undefined && depth < 8; depth++) {
    out += `\ncaused by: ${cause instanceof Error ? (cause.stack ?? cause.message) : String(cause)}`;
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  return out;
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
  const hint = e.internal ? INTERNAL_HINT : cliHint(e.reason, e.hint);
  const described = ((): Omit<ReportedError, 'kind' | 'hint'> => {
    if (e.internal)
      return {
        title: `${file}: internal error`,
        message: `${file}: internal error: ${e.message}`,
        problems: [{ file, path: '', message: e.message }],
      };
    if (e.kind === 'ContentError') {
      // Content errors already name their file (or the config file a default came from).
      const problems = (e.problems ?? []).map((p) => ({ ...p, file: p.file ?? e.file ?? file }));
      return {
        title: problems.length > 1 ? `${file}: ${problems.length} problems` : `${file}: cannot build`,
        message: e.message,
        problems,
      };
    }
    const message = e.message.startsWith(file) ? e.message : `${file}: ${e.message}`;
    if (e.kind === 'TemplateError') {
      const prefix = e.position ? `${formatPosition(e.position)}: ` : '';
      const own = prefix && e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message;
      return { title: `${file}: the template failed`, message, problems: [{ ...e.position, path: '', message: own }] };
    }
    const own = e.message.startsWith(`${file}: `) ? e.message.slice(file.length + 2) : e.message;
    return { title: `${file}: cannot build`, message, problems: [{ file, path: '', message: own }] };
  })();
  if (debug && e.stack) described.message += `\n${e.stack}`;
  return { kind: e.kind, ...described, ...(hint && { hint }) };
}

/** An error caught in this thread, described as a worker's would be. */
export function describeError(err: unknown, file: string, debug = false): ReportedError {
  return describeFailure(serialiseError(err), file, debug);
}
