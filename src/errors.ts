/**
 * One error family for everything a user can get wrong. Each error carries a
 * stable exit code and a hint; the CLI prints `error:` and `hint:` lines and
 * never a stack trace for these. Anything that is not a BriefingError is a bug
 * in briefing and is reported as such.
 */

export const EXIT = {
  ok: 0,
  /** Some input failed: bad content, a broken template, an overflowing page, an unwritable folder. */
  failed: 1,
  /** The command line itself was wrong. */
  usage: 2,
} as const;

/** A place in a user's file, for messages like `content/a.yaml:12:5`. */
export interface SourcePosition {
  file?: string;
  line?: number;
  column?: number;
}

export function formatPosition(pos: SourcePosition): string {
  let out = pos.file ?? '';
  if (pos.line !== undefined) {
    out += `${out ? ':' : 'line '}${pos.line}`;
    if (pos.column !== undefined) out += `:${pos.column}`;
  }
  return out;
}

/** `keyFacts[1].rows[3].value`, the way a user reads a field path (or a JSON path in a document definition). */
export function formatPath(path: ReadonlyArray<string | number>): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out ? `.${seg}` : seg;
  return out;
}

/**
 * Why an error happened, where a caller may do something about it: the
 * library says what, a caller words it (the CLI names its flags, see
 * cli/report.ts).
 *   strict: characters no font has, refused because of the `strict` option;
 *   overflow: the content does not fit (the `allowOverflow` option writes it anyway);
 *   output: the output folder or file could not be written;
 *   docdef: the template produced a document definition that is wrong;
 *   layout: pdfmake could not lay out what the template produced.
 */
export type Reason = 'strict' | 'overflow' | 'output' | 'docdef' | 'layout';

/** One problem found in a content file; validation reports all of them at once. */
export interface Problem extends SourcePosition {
  /** Field path in the content, e.g. `keyFacts[1].rows[3].value`; empty for the whole document. */
  path: string;
  message: string;
}

/**
 * What every error of the family may carry besides its message: the one
 * shape each constructor takes last. `cause`: the error this one reports
 * (kept for `--debug`, which shows its stack).
 */
export interface ErrorDetails {
  hint?: string;
  reason?: Reason;
  cause?: unknown;
}

/** An older call's positional hint and reason, or the details themselves. */
function detailsOf(hintOrDetails: string | ErrorDetails | undefined, reason?: Reason): ErrorDetails {
  const details = typeof hintOrDetails === 'object' ? hintOrDetails : { hint: hintOrDetails };
  return reason === undefined ? details : { ...details, reason };
}

export class BriefingError extends Error {
  readonly exitCode: number = EXIT.failed;
  readonly hint?: string;
  readonly reason?: Reason;

  constructor(message: string, options: ErrorDetails = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    if (options.hint) this.hint = options.hint;
    if (options.reason) this.reason = options.reason;
  }
}

/** How many problems an error message lists; the rest are counted. */
export const MAX_PROBLEMS_SHOWN = 20;

/** The content file cannot be read, is not valid YAML, or does not match the schema. */
export class ContentError extends BriefingError {
  readonly file: string | undefined;
  readonly problems: Problem[];

  constructor(file: string | undefined, problems: Problem[], details?: string | ErrorDetails, reason?: Reason) {
    const where = file ?? '<content>';
    // Every problem stays in .problems (and --json); the message shows the first ones, enough to start fixing.
    const shown = problems.slice(0, MAX_PROBLEMS_SHOWN);
    const more = problems.length - shown.length;
    const summary =
      problems.length === 1
        ? describeProblem(where, problems[0]!)
        : `${where}: ${problems.length.toLocaleString('en')} problems\n${shown.map((p) => `  ${describeProblem(where, p)}`).join('\n')}${
            more > 0 ? `\n  … and ${more.toLocaleString('en')} more (--json lists them all)` : ''
          }`;
    super(summary, detailsOf(details, reason));
    this.file = file;
    this.problems = problems;
  }
}

/** `content/a.yaml:12:5: keyFacts[0].rows[1].value: must not be empty` */
function describeProblem(file: string, p: Problem): string {
  // A problem may lie in another file than the content's own: a default taken from the config file.
  const where = formatPosition({ file: p.file ?? file, ...(p.line !== undefined && { line: p.line, column: p.column ?? 1 }) });
  return `${where}: ${p.path ? `${p.path}: ` : ''}${p.message}`;
}

/** A template is missing, or its author wrote something that cannot become a document. */
export class TemplateError extends BriefingError {
  readonly position: SourcePosition | undefined;

  constructor(message: string, position?: SourcePosition, details?: string | ErrorDetails, reason?: Reason) {
    const where = position ? formatPosition(position) : '';
    super(where ? `${where}: ${message}` : message, detailsOf(details, reason));
    this.position = position;
  }
}

/** The briefing does not fit on one page even after every fitting step. */
export class OverflowError extends BriefingError {
  constructor(
    message: string,
    readonly overflowPt: number,
    details?: string | ErrorDetails,
  ) {
    super(message, { ...detailsOf(details), reason: 'overflow' });
  }
}

/** The output could not be written. */
export class OutputError extends BriefingError {}

/** The command line was wrong; exits with code 2. */
export class UsageError extends BriefingError {
  override readonly exitCode: number = EXIT.usage;
}
