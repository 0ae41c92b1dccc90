/**
 * Shell completion that only completes. The shell calls
 * `briefing --get-yargs-completions <the words typed so far>` on every TAB
 * (the protocol of yargs' scripts, so a script already in a user's ~/.bashrc
 * keeps working); main() answers it here, before any command is parsed, so
 * TAB never builds, watches, serves, writes or sends anything. The answer
 * lists commands, flags, the values a flag accepts (template names, paper
 * sizes, markings…) and files, read from the commands' own yargs definitions
 * so it cannot drift from them. It reads folder listings and nothing else.
 */
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import yargs from 'yargs';
import { builtinTemplateNames } from '../template/find.js';
import type { Command } from './commands/command.js';

/** The flag the shell's completion script passes, ahead of the words typed. */
export const COMPLETION_FLAG = '--get-yargs-completions';

const GLOBAL_FLAGS = ['--help', '--version', '--color', '--no-color'];
/** Content files: YAML or JSON, but not a config file. */
const CONTENT_FILES = /^(?!briefing\.config\.)[^/]*\.(ya?ml|json)$/i;

/** What yargs knows about a command's options and positionals (its builder run on a fresh parser). */
interface OptionTable {
  key: Record<string, unknown>;
  alias: Record<string, string[]>;
  boolean: string[];
  choices: Record<string, unknown[]>;
}

function optionsOf(command: Command): OptionTable {
  const y = command.builder ? command.builder(yargs()) : yargs();
  return (y as unknown as { getOptions(): OptionTable }).getOptions();
}

/** The long name of a flag as typed (`-t` → template, `--out` → out), if the command has it. */
function optionName(word: string, table: OptionTable): string | undefined {
  const bare = word.replace(/^-+/, '').split('=')[0]!;
  return Object.keys(table.alias).find((name) => table.alias[name]!.includes(bare)) ?? (bare in table.key ? bare : undefined);
}

/** Files and folders under what was typed so far; `only` keeps the files it matches (folders always stay, to go into). */
function files(current: string, cwd: string, only?: RegExp): string[] {
  const slash = current.lastIndexOf('/');
  const dir = current.slice(0, slash + 1);
  const prefix = current.slice(slash + 1);
  try {
    return readdirSync(resolve(cwd, dir || '.'), { withFileTypes: true })
      .filter((e) => e.name.startsWith(prefix) && (prefix.startsWith('.') || !e.name.startsWith('.')))
      .filter((e) => e.isDirectory() || !only || only.test(e.name))
      .map((e) => `${dir}${e.name}${e.isDirectory() ? '/' : ''}`)
      .sort();
  } catch {
    return []; // a folder that is not there, or not readable: nothing to offer
  }
}

/** What a positional argument takes, by its name in the command string. */
function positionalCandidates(command: Command, index: number, current: string, cwd: string): string[] {
  const names = [...command.command.matchAll(/[<[]([^\]>.]+)(\.\.)?[\]>]/g)].map((m) => ({ name: m[1]!, rest: Boolean(m[2]) }));
  const slot = names[Math.min(index, names.length - 1)];
  if (!slot || (index >= names.length && !names.at(-1)!.rest)) return [];
  const table = optionsOf(command);
  const choices = table.choices[slot.name];
  if (choices) return choices.map(String);
  if (slot.name === 'name') return builtinTemplateNames();
  if (slot.name === 'folder') return files(current, cwd).filter((f) => f.endsWith('/'));
  return files(current, cwd, CONTENT_FILES);
}

/** The candidates for the last word typed; `words` starts with the program's name, as the shell passes it. */
export function completions(words: readonly string[], commands: readonly Command[], cwd: string): string[] {
  const current = words.at(-1) ?? '';
  return candidates(words, commands, cwd).filter((c) => words.length > 1 && c.startsWith(current));
}

function candidates(words: readonly string[], commands: readonly Command[], cwd: string): string[] {
  const typed = words.slice(1);
  const current = typed.at(-1) ?? '';
  const before = typed.slice(0, -1);
  const name = (c: Command) => c.command.split(' ')[0]!;
  const commandIndex = before.findIndex((w) => !w.startsWith('-'));
  const command = commandIndex < 0 ? undefined : commands.find((c) => name(c) === before[commandIndex]);
  if (commandIndex < 0) return current.startsWith('-') ? GLOBAL_FLAGS : commands.map(name);
  if (!command) return [];

  const table = optionsOf(command);
  const previous = before.at(-1);
  const takesValue = (o: string) => !table.boolean.includes(o);
  const flag = previous?.startsWith('-') && before.length - 1 > commandIndex ? optionName(previous, table) : undefined;
  if (flag && takesValue(flag)) {
    const choices = table.choices[flag];
    if (choices) return choices.map(String);
    if (flag === 'template') return [...builtinTemplateNames(), ...files(current, cwd).filter((f) => f.endsWith('/'))];
    if (flag === 'out' || flag === 'config' || flag === 'logo') return files(current, cwd);
    return []; // a free value (an address, a name): nothing to guess
  }
  if (current.startsWith('-')) {
    const positionals = command.command.split(' ').slice(1).join(' ');
    const flags = Object.keys(table.key).filter((k) => k.length > 1 && !/[A-Z]/.test(k) && k !== 'version' && !positionals.includes(k));
    return [...new Set([...flags, 'help'])].map((k) => `--${k}`).sort();
  }

  // Count the positionals typed after the command, skipping each flag's value.
  let index = 0;
  for (let i = commandIndex + 1; i < before.length; i++) {
    const w = before[i]!;
    if (w.startsWith('-')) {
      const o = optionName(w, table);
      if (o && takesValue(o) && !w.includes('=')) i++;
    } else index++;
  }
  return positionalCandidates(command, index, current, cwd);
}

/**
 * The script `briefing completion` prints, for bash (zsh loads it through its
 * bash compatibility). It passes the line up to the cursor, split at spaces:
 * bash's own words split `TLP:AMBER` at the colon. Candidates that contain
 * the colon lose what precedes it, as bash replaces only the part after it.
 * Folders are offered with their "/" and no space after, so TAB goes on into
 * them.
 */
export function completionScript(shell: 'bash' | 'zsh'): string {
  const zsh = shell === 'zsh' ? 'autoload -U +X bashcompinit && bashcompinit\n' : '';
  return `###-begin-briefing-completions-###
# briefing completion: lists commands, flags, their values and files; it never runs a command.
# Installation: briefing completion >> ~/.bashrc (zsh: briefing completion zsh >> ~/.zshrc)
${zsh}_briefing_completions() {
  local IFS=$'\\n' line="\${COMP_LINE:0:COMP_POINT}" cur colon i
  local -a words
  IFS=' ' read -ra words <<< "$line"
  [[ $line == *' ' ]] && words+=('')
  cur="\${words[\${#words[@]}-1]}"
  COMPREPLY=($(briefing ${COMPLETION_FLAG} "\${words[@]}" 2>/dev/null))
  if [[ $cur == *:* && $COMP_WORDBREAKS == *:* ]]; then
    colon="\${cur%"\${cur##*:}"}"
    for i in "\${!COMPREPLY[@]}"; do COMPREPLY[i]="\${COMPREPLY[i]#"$colon"}"; done
  fi
  if [[ \${#COMPREPLY[@]} -eq 1 && \${COMPREPLY[0]} == */ ]]; then compopt -o nospace 2>/dev/null; fi
  return 0
}
complete -o default -F _briefing_completions briefing
###-end-briefing-completions-###`;
}
