/**
 * `briefing template copy <name> <folder>`: start a custom template from a
 * built-in one. The copy holds what a user edits (the Handlebars files, the
 * theme, locales, partials); the built-in template's own fonts (23 MB of CJK)
 * stay in briefing's install, named from the copied theme.yaml as
 * `builtin:<name>/fonts/…`, unless --fonts asks for them too.
 */
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
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
      .option('fonts', {
        type: 'boolean',
        default: false,
        describe: "also copy the template's font files (23 MB); without it the copy uses them from briefing's install",
      })
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
    const from = resolve(BUILTIN_TEMPLATES_DIR, name);
    const fonts = join(from, 'fonts');
    const withFonts = Boolean(args.fonts);
    cpSync(from, to, { recursive: true, filter: (src) => withFonts || !(src === fonts || src.startsWith(fonts + sep)) });
    if (!withFonts) {
      // The theme's fonts/… paths now name the built-in template's files.
      const theme = join(to, 'theme.yaml');
      const text = readFileSync(theme, 'utf8');
      writeFileSync(theme, text.replace(/^(\s+(?:normal|bold|italics|bolditalics):\s*["']?)fonts\//gm, `$1builtin:${name}/fonts/`));
    }
    const rel = relative(io.cwd, to) || '.';
    const path = rel.startsWith('.') || rel.startsWith('/') ? rel : `./${rel}`;
    io.stderr.write(
      `${c.green('copied')} ${name} to ${rel}${withFonts ? '' : c.dim(" (its fonts stay in briefing's install; --fonts copies them too)")}\n`,
    );
    io.stderr.write(
      `next: edit ${rel}/theme.yaml and ${rel}/partials/, then build with -t ${path} (or set template: ${path} in briefing.config.yaml)\n`,
    );
    return EXIT.ok;
  },
};
