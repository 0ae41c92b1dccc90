/**
 * Finding templates: the built-in ones beside this module, or a folder the
 * user names. Kept apart from compile.ts so that listing templates (for
 * --help) does not load Handlebars.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TemplateError } from '../errors.js';
import { PACKAGE_ROOT } from '../paths.js';

/** Where the built-in templates live, in the package's root folder. */
export const BUILTIN_TEMPLATES_DIR = fileURLToPath(new URL('templates/', PACKAGE_ROOT));
export const DEFAULT_TEMPLATE = 'briefing';

/** Names of the built-in templates, for `--template` choices and help. */
export function builtinTemplateNames(): string[] {
  if (!existsSync(BUILTIN_TEMPLATES_DIR)) return [];
  return readdirSync(BUILTIN_TEMPLATES_DIR)
    .filter((n) => existsSync(join(BUILTIN_TEMPLATES_DIR, n, 'document.hbs')))
    .sort();
}

/** Whether a `template` value names a folder (has a slash or starts with a dot) rather than a built-in template. */
export const isTemplatePath = (nameOrPath: string): boolean =>
  nameOrPath.includes('/') || nameOrPath.includes('\\') || nameOrPath.startsWith('.');

/** A built-in name, or a folder path (relative to the working directory). */
export function resolveTemplateDir(nameOrPath: string, cwd = process.cwd()): string {
  if (!isTemplatePath(nameOrPath)) {
    const dir = join(BUILTIN_TEMPLATES_DIR, nameOrPath);
    if (existsSync(join(dir, 'document.hbs'))) return dir;
    const local = resolve(cwd, nameOrPath);
    if (existsSync(join(local, 'document.hbs'))) return local;
    throw new TemplateError(
      `no template named "${nameOrPath}"`,
      undefined,
      `available templates: ${builtinTemplateNames().join(', ') || '(none)'}; or give a folder path such as ./templates/mine`,
    );
  }
  const dir = isAbsolute(nameOrPath) ? nameOrPath : resolve(cwd, nameOrPath);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new TemplateError(
      `template folder "${nameOrPath}" does not exist`,
      undefined,
      `available built-in templates: ${builtinTemplateNames().join(', ')}`,
    );
  }
  if (!existsSync(join(dir, 'document.hbs'))) {
    throw new TemplateError(
      `"${nameOrPath}" is not a template: it has no document.hbs`,
      undefined,
      'a template folder holds document.hbs, theme.yaml and partials/*.hbs (see the README)',
    );
  }
  return dir;
}
