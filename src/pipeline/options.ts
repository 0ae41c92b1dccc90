/**
 * The library's options checked at its door: a caller's mistake (options
 * `null`, an invalid date, an unknown PDF/A level) is a UsageError that says
 * what was passed and what to pass, never an internal error deep in the
 * renderer, and never accepted silently.
 */
import { UsageError } from '../errors.js';
import { PDFA_LEVELS, type BuildOptions } from '../types.js';

const STRINGS = ['template', 'paper', 'cwd', 'config'] as const;
const BOOLEANS = ['allowOverflow', 'strict'] as const;

/** `options` as given to buildBriefing and checkBriefing, checked; left out or undefined is no options. */
export function checkOptions(options: unknown): BuildOptions {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options))
    throw new UsageError(`options must be an object, got ${describe(options)}`, {
      hint: "leave them out, or pass e.g. { template: 'briefing', paper: 'A4' }",
    });
  const o = options as Record<string, unknown>;
  for (const key of STRINGS)
    if (o[key] !== undefined && typeof o[key] !== 'string')
      throw new UsageError(`options.${key} must be a string, got ${describe(o[key])}`, { hint: `leave ${key} out, or pass text` });
  for (const key of BOOLEANS)
    if (o[key] !== undefined && typeof o[key] !== 'boolean')
      throw new UsageError(`options.${key} must be true or false, got ${describe(o[key])}`, {
        hint: `leave ${key} out, or pass a boolean`,
      });
  if (o.creationDate !== undefined && !(o.creationDate instanceof Date && Number.isFinite(o.creationDate.getTime())))
    throw new UsageError(`options.creationDate must be a valid Date, got ${describe(o.creationDate)}`, {
      hint: "pass e.g. new Date('2025-03-14T00:00:00Z'), or leave it out to use the content's date",
    });
  if (o.pdfa !== undefined && !(PDFA_LEVELS as readonly unknown[]).includes(o.pdfa))
    throw new UsageError(`options.pdfa must be one of ${PDFA_LEVELS.map((l) => `'${l}'`).join(', ')}, got ${describe(o.pdfa)}`, {
      hint: 'leave pdfa out for an ordinary PDF',
    });
  return o as BuildOptions;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (v instanceof Date) return 'an invalid Date';
  if (typeof v === 'string') return JSON.stringify(v.length > 24 ? `${v.slice(0, 24)}…` : v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return typeof v;
}
