/** `briefing template copy <name> <folder>`: start a custom template from a built-in one. */
import { cpSync, existsSync, readdirSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { Argv } from 'yargs';
import { EXIT, OutputError, UsageError } from '../../errors.js';
import { builtinTemplateNames, BUILTIN_TEMPLATES_DIR } from '../../template/find.js';
import { colorsFor } from '../io.js';
import type { Command } from './command.js';

export const template: Command = {
  command: 'template <action> <name> <folder>',
  describe: 'Start a custom template: briefing template copy <built-in name> <folder>',
  builder: (y: Argv) =>
    y
      .positional('action', { describe: 'what to do', choices: ['copy'], type: 'string' })
      .positional('name', { describe: `built-in template to start from (${builtinTemplateNames().join(', ')})`, type: 'string' })
      .positional('folder', { describe: 'new folder to copy it into', type: 'string' })
      .example('$0 template copy briefing templates/house', 'then set template: ./templates/house in briefing.config.yaml'),
  async run(args, io) {
    const c = colorsFor(io);
    const name = String(args.name);
    const names = builtinTemplateNames();
    if (!names.includes(name))
      throw new UsageError(`no built-in template named "${name}"`, { hint: `built-in templates: ${names.join(', ')}` });
    const to = resolve(io.cwd, String(args.folder));
    if (existsSync(to) && readdirSync(to).length > 0)
      throw new OutputError(`${String(args.folder)} exists and is not empty`, { hint: 'name a new folder; a copy never overwrites' });
    cpSync(resolve(BUILTIN_TEMPLATES_DIR, name), to, { recursive: true });
    const rel = relative(io.cwd, to) || '.';
    const path = rel.startsWith('.') || rel.startsWith('/') ? rel : `./${rel}`;
    io.stderr.write(`${c.green('copied')} ${name} to ${rel}\n`);
    io.stderr.write(
      `next: edit ${rel}/theme.yaml and ${rel}/partials/, then build with -t ${path} (or set template: ${path} in briefing.config.yaml)\n`,
    );
    return EXIT.ok;
  },
};
