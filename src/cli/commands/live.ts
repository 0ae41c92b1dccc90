/** `watch`, `preview` and `send`: the long-running and mailing commands (modules in cli/watch.ts, cli/preview/, cli/send.ts). */
import type { Argv } from 'yargs';
import { builtinTemplateNames, DEFAULT_TEMPLATE } from '../../template/find.js';
import { buildOptions } from '../options.js';
import { previewFlags, previewOptions, sendFlags, sendOptions, untilInterrupted, watchFlags, watchOptions } from '../live-options.js';
import type { Command } from './command.js';

const build = () => buildOptions(builtinTemplateNames(), DEFAULT_TEMPLATE);

export const watch: Command = {
  command: 'watch [paths..]',
  describe: 'Build, then build again each content file you save (all of them when the template or config changes)',
  builder: (y: Argv) =>
    y
      .positional('paths', { describe: 'content files, folders or globs', type: 'string', array: true, default: ['content'] })
      .options(watchOptions(build()))
      .example('$0 watch', 'rebuild out/*.pdf as you edit content/*.yaml; Ctrl-C to stop'),
  run: async (args, io) => (await import('../watch.js')).runWatch(watchFlags(args), io, untilInterrupted()),
};

export const preview: Command = {
  command: 'preview [file]',
  describe: 'Show a briefing in the browser as it will print, updated on every save',
  builder: (y: Argv) =>
    y
      .positional('file', { describe: 'the content file (default: the one file in content/)', type: 'string', default: 'content' })
      .options(previewOptions(build()))
      .example('$0 preview content/relos-duma-ratification.yaml', 'open the live preview in the browser')
      .example('$0 preview content/a.yaml --no-open --port 8080', 'serve it at http://127.0.0.1:8080/ only'),
  run: async (args, io) => (await import('../preview/command.js')).previewCommand(previewFlags(args), io, untilInterrupted()),
};

export const send: Command = {
  command: 'send <paths..>',
  describe: 'Build briefings and e-mail them with the PDF attached (SMTP; see the README)',
  builder: (y: Argv) =>
    y
      .positional('paths', { describe: 'content files, folders or globs', type: 'string', array: true })
      .options(sendOptions(build()))
      .demandOption('to', 'say who to send it to with --to')
      .example('$0 send content/a.yaml --to desk@example.org --dry-run', 'show what would be sent, send nothing')
      .example('$0 send content/a.yaml --to desk@example.org --cc chief@example.org', 'build and send'),
  run: async (args, io) => (await import('../send.js')).sendCommand(sendFlags(args), io),
};
