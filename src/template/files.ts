/**
 * Reading a template's files without leaving its folder. Every file a
 * template names (document.hbs, partials, theme.yaml, fonts) is resolved
 * through its real path: a symbolic link that leads outside the template's
 * folder, or outside the installed package a font comes from, is refused,
 * and nothing of the file it leads to is read or shown. Only regular files
 * of a bounded size are read.
 */
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { relative, isAbsolute, sep } from 'node:path';
import { TemplateError } from '../errors.js';

/** A template file larger than this is not a template (the built-in one's largest file is 3 KB). */
export const TEMPLATE_FILE_BYTES = 1024 * 1024;
/** Fonts for CJK scripts run to 20 MB; nothing that is a font comes near this. */
export const FONT_FILE_BYTES = 64 * 1024 * 1024;

export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** The real path of `path`, which must lie inside `root` (itself a real path). */
export function realPathInside(path: string, root: string, shown: string, themeFile?: string): string {
  let real: string;
  try {
    real = realpathSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new TemplateError(
      code === 'ENOENT' ? `${shown} does not exist` : `${shown} cannot be read (${code ?? 'unknown error'})`,
      themeFile ? { file: themeFile } : { file: path },
      code === 'ENOENT' ? 'check the path (a broken symbolic link also shows as missing)' : "check the file's permissions",
    );
  }
  if (!isInside(root, real))
    throw new TemplateError(
      `${shown} leads outside the template folder (it is a symbolic link or a path with ..)`,
      themeFile ? { file: themeFile } : { file: path },
      'a template reads only files inside its own folder: copy the file into the template folder instead of linking to it',
    );
  return real;
}

/** Reads a regular file of at most `max` bytes as UTF-8. */
export function readBoundedText(path: string, shown: string, max = TEMPLATE_FILE_BYTES): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(readBoundedBytes(path, shown, max)).replace(/^\uFEFF/, '');
}

export function readBoundedBytes(path: string, shown: string, max: number, themeFile?: string): Buffer {
  const at = themeFile ? { file: themeFile } : { file: path };
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new TemplateError(
      code === 'ENOENT'
        ? `${shown} does not exist`
        : code === 'EISDIR'
          ? `${shown} is a folder, not a file`
          : `${shown} cannot be read (${code ?? 'unknown error'})`,
      at,
      code === 'ENOENT'
        ? 'reinstall briefing or its font packages (npm ci), or fix the path in theme.yaml'
        : "check the path and the file's permissions",
    );
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new TemplateError(`${shown} is a folder, not a file`, at, 'name a file inside it');
    if (!stat.isFile())
      throw new TemplateError(
        `${shown} is not a regular file`,
        at,
        'a template reads only ordinary files; copy the file into the template folder',
      );
    if (stat.size > max)
      throw new TemplateError(
        `${shown} is ${Math.ceil(stat.size / 1024 / 1024)} MB, more than the ${Math.round(max / 1024 / 1024)} MB allowed`,
        at,
        'check that it is the file you meant',
      );
    const buffer = Buffer.alloc(stat.size);
    let n = 0;
    while (n < buffer.length) {
      const got = readSync(fd, buffer, n, buffer.length - n, n);
      if (got === 0) break;
      n += got;
    }
    return buffer.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** Whether `path` exists, without following anything outside a check. */
export function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
