/**
 * What a command is: its yargs definition and what it runs. main.ts
 * registers every command of commands/index.ts; a new command is a new
 * module there.
 */
import type { Argv } from 'yargs';
import type { CliIO } from '../io.js';

export interface Command {
  /** yargs' command string, e.g. `build [paths..]`. */
  command: string;
  describe: string;
  builder?: (y: Argv) => Argv<unknown>;
  /** Runs the command; returns the exit code. Throwing a BriefingError prints it (a UsageError exits with 2). */
  run(args: Record<string, unknown>, io: CliIO): Promise<number>;
}

/**
 * yargs drops a lone "-" argument; main.ts swaps it for this before parsing
 * (unless it is the value of a flag, as in `-o -`), so `build -` reads
 * standard input.
 */
export const STDIN = '\u0000stdin';
