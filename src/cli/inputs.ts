/**
 * Which content files a command works on: files, folders (every .yaml, .yml
 * and .json inside, recursively, but not config files) and globs, in a
 * stable order, each once.
 */
import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';

export interface ExpandedInputs {
  files: string[];
  /** Arguments that named nothing, and files in a folder that cannot be content, with why (`path`: absolute, for a file). */
  missing: { input: string; path?: string; message: string }[];
}

/** Names of content files; config files are named like content but are not. */
export const CONTENT_NAME = /\.(ya?ml|json)$/i;
const CONFIG_NAME = /^briefing\.config\.(ya?ml|json)$/;

/**
 * The files in a folder (and the folders below it, but not node_modules,
 * hidden ones or a link to a folder) named like content, in a stable order; and the entries
 * named like content that are no ordinary file or link (a named pipe, a
 * device, a socket), each with why. A glob would pass over those in silence.
 */
export function listContent(dir: string): { found: string[]; odd: { path: string; message: string }[] } {
  const found: string[] = [];
  const odd: { path: string; message: string }[] = [];
  const walk = (at: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(at, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const path = join(at, e.name);
      // Hidden files and folders (.git, an editor's .swp, a stale .name.pdf.tmp) are not content.
      if (e.name.startsWith('.')) continue;
      if (e.isSymbolicLink() && statSync(path, { throwIfNoEntry: false })?.isDirectory()) {
        odd.push({ path, message: 'is a symbolic link to a folder, which briefing does not follow; name that folder itself' });
        continue;
      }
      if (e.isDirectory()) {
        if (e.name !== 'node_modules') walk(path);
      } else if (!CONTENT_NAME.test(e.name) || CONFIG_NAME.test(e.name)) continue;
      else if (e.isFile() || e.isSymbolicLink()) found.push(path);
      else
        odd.push({
          path,
          message: `is ${e.isFIFO() ? 'a named pipe' : e.isSocket() ? 'a socket' : 'a device'}, not a file; briefing reads content only from ordinary files`,
        });
    }
  };
  walk(dir);
  const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return { found: found.sort(byPath), odd: odd.sort((a, b) => byPath(a.path, b.path)) };
}

export async function expandInputs(inputs: string[], cwd: string): Promise<ExpandedInputs> {
  const files: string[] = [];
  const missing: ExpandedInputs['missing'] = [];
  const seen = new Set<string>();
  const add = (abs: string) => {
    if (seen.has(abs)) return;
    seen.add(abs);
    const rel = relative(cwd, abs);
    files.push(rel.startsWith('..') ? abs : rel);
  };

  const shown = (abs: string) => (relative(cwd, abs).startsWith('..') ? abs : relative(cwd, abs));

  for (const input of inputs) {
    const abs = resolve(cwd, input);
    let stat: ReturnType<typeof statSync> | undefined;
    try {
      stat = statSync(abs);
    } catch {
      stat = undefined;
    }
    if (stat?.isDirectory()) {
      const root = realpathSync(abs);
      const { found, odd } = listContent(abs);
      if (found.length === 0 && odd.length === 0) missing.push({ input, message: 'folder has no .yaml, .yml or .json files' });
      // Whatever in the folder is named like content but cannot be read as content is reported: a summary covers every file.
      for (const o of odd) missing.push({ input: shown(o.path), path: o.path, message: o.message });
      // A folder's files are its own: a link in it that leads elsewhere is reported, never read.
      for (const file of found) {
        let real: string | undefined;
        try {
          real = realpathSync(file);
        } catch {
          real = undefined;
        }
        const rel = real === undefined ? undefined : relative(root, real);
        if (rel === undefined || rel.startsWith('..') || isAbsolute(rel))
          missing.push({
            input: shown(file),
            path: file,
            message:
              real === undefined
                ? 'is a broken symbolic link'
                : `is a symbolic link to a file outside ${input}; briefing reads only the files inside the folders you name`,
          });
        else add(file);
      }
    } else if (stat?.isFile()) {
      add(abs);
    } else if (stat) {
      // A named pipe or a device would stall the build or never end: say what it is.
      missing.push({
        input,
        message: `is ${stat.isFIFO() ? 'a named pipe' : stat.isSocket() ? 'a socket' : 'a device'}, not a file; briefing reads content only from ordinary files`,
      });
    } else if (isDynamicPattern(input)) {
      const found = await glob(input, { cwd, absolute: true, onlyFiles: true });
      if (found.length === 0) missing.push({ input, message: 'pattern matched no files' });
      found.sort().forEach(add);
    } else {
      missing.push({ input, message: 'no such file or folder' });
    }
  }
  return { files, missing };
}
