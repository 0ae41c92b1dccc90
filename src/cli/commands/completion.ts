/** `briefing completion [shell]`: print the shell completion script (cli/completion.ts answers the TABs). */
import type { Argv } from 'yargs';
import { EXIT } from '../../errors.js';
import { completionScript } from '../completion.js';
import type { Command } from './command.js';

export const completion: Command = {
  command: 'completion [shell]',
  describe: 'Print a shell completion script: briefing completion >> ~/.bashrc',
  builder: (y: Argv) =>
    y.positional('shell', {
      describe: 'bash or zsh (default: the one $SHELL names)',
      choices: ['bash', 'zsh'],
      type: 'string',
    }),
  async run(args, io) {
    const shell = args.shell ?? (/zsh$/.test(io.env.SHELL ?? '') ? 'zsh' : 'bash');
    io.stdout.write(`${completionScript(shell === 'zsh' ? 'zsh' : 'bash')}\n`);
    return EXIT.ok;
  },
};
