/**
 * Reading a template's files without leaving its folder, through the one
 * careful reader (files/read.ts). Every file a template names
 * (document.hbs, partials, theme.yaml, locales, fonts) is resolved through
 * its real path: a symbolic link that leads outside the template's folder,
 * or outside the installed package a font comes from, is refused, and
 * nothing of the file it leads to is read or shown. Only regular files of a
 * bounded size are read, and text strictly as UTF-8.
 */
import { TemplateError, type SourcePosition } from '../errors.js';
import { isInside, readFileBytes, readFileText, realPathOf, type Refuse } from '../files/read.js';

export { isInside };

/** A template file larger than this is not a template (the built-in one's largest file is 3 KB). */
export const TEMPLATE_FILE_BYTES = 1024 * 1024;
/** Fonts for CJK scripts run to 20 MB; nothing that is a font comes near this. */
export const FONT_FILE_BYTES = 64 * 1024 * 1024;

/** Throws a refusal as a TemplateError: `shown` and what is wrong, at `position`. */
export function refuseTemplate(shown: string, position: SourcePosition): Refuse {
  return ({ message, hint, line, column }) => {
    throw new TemplateError(`${shown} ${message}`, { ...position, ...(line !== undefined && { line, column }) }, hint);
  };
}

/** The real path of `path`, which must lie inside `root` (itself a real path). */
export function realPathInside(path: string, root: string, shown: string, themeFile?: string): string {
  return realPathOf(path, { inside: { root, name: 'the template folder' }, refuse: refuseTemplate(shown, { file: themeFile ?? path }) });
}

/** Reads a regular file of at most `max` bytes (inside `root`, when given) as strict UTF-8. */
export function readBoundedText(path: string, shown: string, max = TEMPLATE_FILE_BYTES, root?: string): string {
  return readFileText(path, {
    kind: 'a template file',
    maxBytes: max,
    ...(root !== undefined && { inside: { root, name: 'the template folder' } }),
    refuse: refuseTemplate(shown, { file: path }),
  });
}

export function readBoundedBytes(path: string, shown: string, max: number, themeFile?: string): Buffer {
  return readFileBytes(path, {
    kind: 'a font',
    maxBytes: max,
    missingHint: 'reinstall briefing or its font packages (npm ci), or fix the path in theme.yaml',
    refuse: refuseTemplate(shown, { file: themeFile ?? path }),
  });
}
