/** `briefing schema` and `briefing templates`: what an editor or a template author needs to know. */
import type { Argv } from 'yargs';
import { EXIT } from '../../errors.js';
import { builtinTemplateNames } from '../../template/find.js';
import type { Command } from './command.js';

export const schema: Command = {
  command: 'schema',
  describe:
    "Print the JSON Schema of the content format (--config: of the config file), for editors; in a desk's folder, its config's markings are the marking's choices",
  builder: (y: Argv) => y.option('config', { type: 'boolean', default: false, describe: 'the schema of briefing.config.yaml instead' }),
  async run(args, io) {
    const markings = await deskMarkings(io.cwd);
    const json = args.config
      ? (await import('../../config/schema.js')).configJsonSchema(markings)
      : (await import('../../content/schema.js')).briefingJsonSchema(markings);
    io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    return EXIT.ok;
  },
};

/** The markings the config that applies here (the one build would use: the nearest trusted) adds; none without one. */
async function deskMarkings(cwd: string): Promise<string[]> {
  const { findConfigFile, loadConfig } = await import('../../config/resolve.js');
  const file = await findConfigFile(cwd);
  if (!file) return [];
  return ((await loadConfig(file, cwd)).config.markings ?? []).map((m) => m.name);
}

export const templates: Command = {
  command: 'templates',
  describe: 'List the built-in templates',
  async run(_args, io) {
    io.stdout.write(`${builtinTemplateNames().join('\n')}\n`);
    return EXIT.ok;
  },
};
