/**
 * Reading a config file's bytes, the same careful way as every other file
 * (files/read.ts): a regular file only (a named pipe or /dev/zero planted
 * as briefing.config.yaml would hang every build below it), at most
 * CONFIG_FILE_BYTES, strict UTF-8 or UTF-16 with its byte-order mark. Which
 * config applies, and whether it is trusted, is decided elsewhere
 * (resolve.ts); this only reads the one chosen.
 */
import type { Document } from 'yaml';
import { ContentError } from '../errors.js';
import { readFileText } from '../files/read.js';

/** A config file is a dozen lines; a quarter of a megabyte is far more than any needs. */
export const CONFIG_FILE_BYTES = 256 * 1024;

/** The text of the config file at `path` (absolute), named `file` in messages. */
export function readConfigText(path: string, file: string): string {
  return readFileText(path, {
    kind: 'a config file',
    maxBytes: CONFIG_FILE_BYTES,
    missingHint: 'check the path given to --config',
    refuse: ({ message, hint, line, column }) => {
      throw new ContentError(
        file,
        [
          {
            path: '',
            message: message === 'does not exist' ? 'config file not found' : message,
            ...(line !== undefined && { line, column }),
          },
        ],
        message === 'is a folder, not a file' ? 'a config file is a YAML or JSON file; rename or remove the folder' : hint,
      );
    },
  });
}

/** A parsed config document as plain data; aliases that expand too far ("billion laughs") are refused, with the file. */
export function configData(doc: Document, file: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch {
    throw new ContentError(
      file,
      [{ path: '', message: 'YAML aliases (*name) expand to too much data; a config file never needs more than a few' }],
      'write the repeated settings out, or use fewer aliases (&name … *name)',
    );
  }
}
