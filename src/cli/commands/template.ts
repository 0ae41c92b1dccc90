/**
 * `briefing template copy <name> <folder>`: start a custom template from a
 * built-in one. The copy holds what a user edits (the Handlebars files, the
 * theme, locales, partials); the built-in template's own fonts (23 MB of CJK)
 * stay in briefing's install, named from the copied theme.yaml as
 * `builtin:<name>/fonts/…`, unless --fonts asks for them too.
 */
import { mkdirSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { Argv } from 'yargs';
import { EXIT, OutputError, UsageError } from '../../errors.js';
import { isInside } from '../../files/read.js';
import { entryAt, writeAtomic } from '../../pipeline/write.js';
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
    const shown = String(args.folder);
    const from = resolve(BUILTIN_TEMPLATES_DIR, name);
    const to = resolve(io.cwd, shown);
    checkTarget(from, to, shown);
    const withFonts = Boolean(args.fonts);
    await copyFolder(from, to, withFonts ? undefined : join(from, 'fonts'));
    if (!withFonts) {
      // The theme's fonts/… paths now name the built-in template's files.
      const theme = join(to, 'theme.yaml');
      const text = readFileSync(theme, 'utf8');
      await writeAtomic(theme, text.replace(/^(\s+(?:normal|bold|italics|bolditalics):\s*["']?)fonts\//gm, `$1builtin:${name}/fonts/`));
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

/** A copy goes into a new or empty folder of its own: never over a file, through a link, or into the template it copies. */
function checkTarget(from: string, to: string, shown: string): void {
  const hint = 'name a new folder; a copy never overwrites';
  const at = entryAt(to);
  if (at === 'link') throw new OutputError(`${shown} is a symbolic link; a template is copied only into a real folder`, { hint });
  if (at === 'file' || at === 'other') throw new OutputError(`${shown} is a file, not a folder`, { hint });
  if (at === 'folder' && readdirSync(to).length > 0) throw new OutputError(`${shown} exists and is not empty`, { hint });
  // The nearest folder that exists decides where the copy really lands (a link above it included).
  let existing = at === 'folder' ? to : dirname(to);
  while (entryAt(existing) === 'none' && dirname(existing) !== existing) existing = dirname(existing);
  let real: string;
  try {
    real = join(realpathSync(existing), relative(existing, to));
  } catch {
    throw new OutputError(`${shown}: a part of the path is a file, not a folder`, { hint });
  }
  if (isInside(realpathSync(from), real))
    throw new OutputError(`${shown} is inside the template being copied`, { hint: 'name a folder outside it, e.g. templates/house' });
}

/**
 * Copies a folder's files one by one through the careful writer (a link planted in the copy is replaced, not
 * followed), all but the folder `skip`.
 */
async function copyFolder(from: string, to: string, skip?: string): Promise<void> {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    if (source === skip) continue;
    if (entry.isDirectory()) await copyFolder(source, join(to, entry.name), skip);
    else if (entry.isFile()) await writeAtomic(join(to, entry.name), readFileSync(source));
  }
}
