/** `briefing schema` and `briefing templates`: what an editor or a template author needs to know. */
import type { Argv } from 'yargs';
import { EXIT } from '../../errors.js';
import { builtinTemplateNames } from '../../template/find.js';
import type { Command } from './command.js';

export const schema: Command = {
  command: 'schema',
  describe: 'Print the JSON Schema of the content format (--config: of the config file), for editors',
  builder: (y: Argv) => y.option('config', { type: 'boolean', default: false, describe: 'the schema of briefing.config.yaml instead' }),
  async run(args, io) {
    const json = args.config
      ? (await import('../../config/schema.js')).configJsonSchema()
      : (await import('../../content/schema.js')).briefingJsonSchema();
    io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    return EXIT.ok;
  },
};

export const templates: Command = {
  command: 'templates',
  describe: 'List the built-in templates',
  async run(_args, io) {
    io.stdout.write(`${builtinTemplateNames().join('\n')}\n`);
    return EXIT.ok;
  },
};
