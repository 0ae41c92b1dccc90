/**
 * `runWatch`'s flags as the CLI passes them when the user gives none (out to
 * `out/`, the built-in template), with a test's own changes on top.
 */
import type { WatchFlags } from '../../src/cli/watch.js';

export const watchFlags = (flags: Partial<WatchFlags> = {}): WatchFlags => ({
  paths: ['.'],
  out: 'out',
  template: 'briefing',
  paper: undefined,
  allowOverflow: false,
  strict: false,
  pdfa: undefined,
  eml: false,
  quiet: false,
  verbose: false,
  ...flags,
});
