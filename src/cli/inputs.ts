/**
 * Which content files a command works on: files, folders (every .yaml, .yml
 * and .json inside, recursively, but not config files) and globs, in a
 * stable order, each once.
 */
import { realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';

export interface ExpandedInputs {
  files: string[];
  /** Arguments that named nothing, with why. */
  missing: { input: string; message: string }[];
}

const CONTENT_GLOB = '**/*.{yaml,yml,json}';
/** Files in a content folder that are not content. */
const NOT_CONTENT = ['**/node_modules/**', '**/briefing.config.{yaml,yml,json}'];

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

  for (const input of inputs) {
    const abs = resolve(cwd, input);
    let stat: ReturnType<typeof statSync> | undefined;
    try {
      stat = statSync(abs);
    } catch {
      stat = undefined;
    }
    if (stat?.isDirectory()) {
      const found = await glob(CONTENT_GLOB, { cwd: abs, absolute: true, ignore: NOT_CONTENT });
      if (found.length === 0) missing.push({ input, message: 'folder has no .yaml, .yml or .json files' });
      // A folder's files are its own: a link in it that leads elsewhere is reported, never read.
      const root = realpathSync(abs);
      for (const file of found.sort()) {
        let real: string | undefined;
        try {
          real = realpathSync(file);
        } catch {
          real = undefined;
        }
        const rel = real === undefined ? undefined : relative(root, real);
        if (rel === undefined || rel.startsWith('..') || isAbsolute(rel))
          missing.push({
            input: relative(cwd, file).startsWith('..') ? file : relative(cwd, file),
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
