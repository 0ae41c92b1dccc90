/** Every command of the CLI, in the order `--help` lists them. A new command is a module here and a line in this list. */
import type { Command } from './command.js';
import { build } from './build.js';
import { validate } from './validate.js';
import { init } from './init.js';
import { template } from './template.js';
import { fonts } from './fonts.js';
import { schema, templates } from './schema.js';
import { preview, send, watch } from './live.js';
import { completion } from './completion.js';

export const COMMANDS: readonly Command[] = [build, validate, watch, preview, send, init, template, templates, fonts, schema, completion];
export type { Command } from './command.js';
