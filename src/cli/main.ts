/**
 * The command line: parse flags, find the command, run it, report, and
 * return the exit code. `main()` takes its streams and working directory as
 * arguments so tests can run it in process. Each command lives in its own
 * module (commands/), registered in one list.
 */
import yargs from 'yargs';
import { EXIT } from '../errors.js';
import { VERSION } from '../version.js';
import { closest } from '../suggest.js';
import { COMMANDS } from './commands/index.js';
import { STDIN } from './commands/command.js';
import { VALUE_OPTIONS } from './options.js';
import { colorsFor, decideColor, reportFatal, type CliIO } from './io.js';
import { printable } from '../printable.js';
import { parseTuning, setTuning } from '../pdf/tuning/registry.js';
import { endCleanly } from './process-guard.js';
import { COMPLETION_FLAG, completions } from './completion.js';

export type { CliIO } from './io.js';

/** The CLI as its own process (bin/briefing.js, the startup snapshot): main, ending cleanly when told to stop. */
export async function runCli(argv: string[]): Promise<number> {
  endCleanly();
  return main(argv);
}

const commandName = (command: string) => command.split(' ')[0]!;

function parser() {
  let cli = yargs()
    .scriptName('briefing')
    .usage('$0 <command> [options]\n\nTurns the structured facts of a news article (content/*.yaml) into a one-page PDF briefing.');
  for (const c of COMMANDS) cli = cli.command(c.command, c.describe, c.builder ?? ((y) => y));
  return cli
    .option('color', {
      type: 'boolean',
      describe: 'colour the messages (--no-color: never); default: when stderr is a terminal, unless NO_COLOR is set',
    })
    .demandCommand(1, `say which command to run: ${COMMANDS.map((c) => commandName(c.command)).join(', ')}`)
    .strict()
    .exitProcess(false)
    .help()
    .alias('h', 'help')
    .version(VERSION)
    .alias('V', 'version')
    .epilogue('Exit codes: 0 all written, 1 some input failed, 2 usage error. Settings: briefing.config.yaml (see briefing init).')
    .wrap(100);
}

/**
 * yargs lays out the whole help text of a command once it has picked it, to
 * show if the command's handler fails; ours have none (yargs gives each an
 * empty one), so that text is never shown, yet laying it out (wrapping,
 * Unicode string widths through Intl.Segmenter) was a fifth of a cold
 * build's CPU time from the startup snapshot (bench/README.md, "Profile").
 * Only when help is not asked for; yargs internals: if they change, nothing
 * is skipped and nothing else changes. (Angular's CLI does the same,
 * angular/angular-cli#34087.)
 */
function skipHelpCache(cli: ReturnType<typeof parser>): void {
  const internals = (cli as unknown as { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: unknown } } })
    .getInternalMethods?.()
    .getUsageInstance?.();
  if (internals && typeof internals.cacheHelpMessage === 'function') internals.cacheHelpMessage = () => {};
}

/** `--color`, `--no-color` or `--color=false`, the last one given; read before parsing so usage errors are coloured alike. */
function colorFlag(argv: string[]): boolean | undefined {
  let flag: boolean | undefined;
  for (const a of argv) {
    if (a === '--') break;
    if (a === '--color' || a === '--color=true') flag = true;
    else if (a === '--no-color' || a === '--color=false') flag = false;
  }
  return flag;
}

/** A lone "-" names standard input; yargs would drop it (see STDIN). `-o -` keeps its "-". */
function markStdin(argv: string[]): string[] {
  return argv.map((a, i) => (a === '-' && !(i > 0 && VALUE_OPTIONS.has(argv[i - 1]!)) ? STDIN : a));
}

export async function main(argv: string[], ioIn: Partial<CliIO> = {}): Promise<number> {
  const env = ioIn.env ?? process.env;
  const io: CliIO = {
    stdout: ioIn.stdout ?? process.stdout,
    stderr: ioIn.stderr ?? process.stderr,
    stdin: ioIn.stdin ?? process.stdin,
    cwd: ioIn.cwd ?? process.cwd(),
    env,
    color: decideColor(colorFlag(argv), env, ioIn.color ?? !!process.stderr.isTTY),
    tty: ioIn.tty ?? (!!process.stderr.isTTY && !env.CI),
  };
  // A TAB in the shell: list candidates and stop; nothing is parsed as a command, so nothing runs.
  if (argv[0] === COMPLETION_FLAG) {
    const words = completions(argv.slice(1), COMMANDS, io.cwd);
    io.stdout.write(words.length > 0 ? `${words.join('\n')}\n` : '');
    return EXIT.ok;
  }
  const c = colorsFor(io);
  try {
    setTuning(parseTuning(env.BRIEFING_TUNING));
  } catch (err) {
    const hint = (err as { hint?: string }).hint;
    io.stderr.write(`${c.red('error:')} ${printable((err as Error).message)}\n${hint ? `${c.dim('hint:')} ${printable(hint)}\n` : ''}`);
    return EXIT.usage;
  }

  let parsed: { err?: Error; args?: Record<string, unknown>; output: string } = { output: '' };
  const cli = parser();
  if (!argv.some((a) => a === '--help' || a === '-h')) skipHelpCache(cli);
  cli.parse(markStdin(argv), {}, (err, args, output) => {
    parsed = { err: err ?? undefined, args: args as Record<string, unknown>, output };
  });
  if (parsed.err) {
    const hint = suggestion(parsed.err.message, argv) ?? 'see `briefing --help`';
    io.stderr.write(`${c.red('error:')} ${printable(parsed.err.message)}\n${c.dim('hint:')} ${printable(hint)}\n`);
    return EXIT.usage;
  }
  if (parsed.output) {
    // --help or --version
    io.stdout.write(`${parsed.output}\n`);
    return EXIT.ok;
  }

  const args = parsed.args!;
  const name = String((args._ as unknown[])[0]);
  const command = COMMANDS.find((cmd) => commandName(cmd.command) === name);
  if (!command) return EXIT.ok;
  try {
    return await command.run(args, io);
  } catch (err) {
    return reportFatal(err, Boolean(args.debug), io, c, Boolean(args.json));
  }
}

/** "did you mean …?" for a mistyped command or flag. */
function suggestion(message: string, argv: string[]): string | undefined {
  const m = /^Unknown arguments?: (.+)$/.exec(message);
  if (!m) return undefined;
  const unknown = m[1]!.split(', ')[0]!;
  const names = COMMANDS.map((cmd) => commandName(cmd.command));
  const typedAsFlag = argv.some((a) => a.startsWith('-') && a.replace(/^-+/, '').split('=')[0] === unknown);
  if (typedAsFlag) {
    // The long flags of the command given (its builder run on a fresh parser), and the global ones.
    const command = COMMANDS.find((cmd) => argv.includes(commandName(cmd.command)));
    const y = command?.builder ? command.builder(yargs()) : yargs();
    const known = Object.keys((y as unknown as { getOptions(): { key: Record<string, unknown> } }).getOptions().key);
    const flags = [...known, 'color', 'no-color'].filter((k) => k.length > 1 && !/[A-Z]/.test(k));
    const near = closest(unknown, flags);
    return near ? `did you mean --${near}? (see \`briefing ${command ? `${commandName(command.command)} ` : ''}--help\`)` : undefined;
  }
  if (argv[0] !== unknown) return undefined;
  const near = closest(unknown, names);
  return near ? `did you mean \`briefing ${near}\`?` : `commands: ${names.join(', ')}`;
}
