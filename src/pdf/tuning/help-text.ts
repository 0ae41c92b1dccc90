/**
 * yargs lays out the whole help text after it picks a command, to show it if
 * the command's handler fails later; briefing's commands have no handler, and
 * help is never shown that way. Laying it out (text wrapping, Unicode string
 * widths) is a share of a cold build (bench/README.md). Angular's CLI does
 * the same (angular/angular-cli#34087).
 */
import { replaceOwnMethod } from './registry.js';

/** `parser`: a yargs instance, before it parses. */
export function skipHelpCache(parser: unknown): void {
  const usage = (parser as any).getInternalMethods?.().getUsageInstance?.();
  if (usage) replaceOwnMethod('help-text', usage, 'cacheHelpMessage', () => () => {});
}
