/**
 * Which content files a command works on: files, folders (every .yaml, .yml
 * and .json inside, recursively, but not config files) and globs, in a
 * stable order, each once.
 */
import { statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
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
      found.sort().forEach(add);
    } else if (stat?.isFile()) {
      add(abs);
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
