/** Helpers that several commands use. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { BriefingError, UsageError } from '../../errors.js';
import type { CliIO } from '../io.js';
import { printable } from '../../printable.js';

/** 9999-12-31T23:59:59Z */
const MAX_EPOCH_SECONDS = 253_402_300_799;

/** Reproducible builds: SOURCE_DATE_EPOCH, when set, pins the PDF dates. */
export function sourceDateEpoch(env: CliIO['env']): Date | undefined {
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

/**
 * The inputs a command was given: whether standard input (-) is among them,
 * and the paths; none means content/, which must then exist.
 */
export function contentPaths(
  given: string[],
  cwd: string,
  verb: 'build' | 'validate',
  stdinMark: string,
): { stdin: boolean; paths: string[] } {
  const stdin = given.includes(stdinMark);
  const paths = given.filter((p) => p !== stdinMark);
  if (paths.length > 0 || stdin) return { stdin, paths };
  if (!existsSync(resolve(cwd, 'content')))
    throw new BriefingError(`nothing to ${verb}: no content/ folder in ${cwd}`, {
      hint: `run \`briefing init\` to start one here, or name what to ${verb}: briefing ${verb} path/to/briefing.yaml`,
    });
  return { stdin, paths: ['content'] };
}
