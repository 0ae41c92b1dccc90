/**
 * Reading a content file: through the one careful reader (files/read.ts),
 * with a content file's cap and words. Only a regular file is read (a FIFO,
 * a device or a socket would stall or flood the build), never more than the
 * size limit, and its bytes are decoded strictly, so that a file in another
 * encoding is refused with its line instead of becoming mojibake on the page.
 */
import { ContentError } from '../errors.js';
import { decodeText, formatBytes, readFileText, readStreamText, type Refuse } from '../files/read.js';
import { LIMITS } from './limits.js';

export { formatBytes };

/** Throws a refusal as a ContentError naming `name`. */
export function refuseContent(name: string | undefined): Refuse {
  return ({ message, hint, line, column }) => {
    throw new ContentError(name, [{ path: '', message, ...(line !== undefined && { line, column }) }], hint);
  };
}

const CONTENT_RULES = {
  kind: 'a content file',
  maxBytes: LIMITS.fileBytes,
  missingHint: 'check the path, or run `briefing build` with no arguments to build every file in content/',
};

/** Reads `path` (named `name` in messages) as text. */
export async function readContentFile(path: string, name: string): Promise<string> {
  const refuse = refuseContent(name);
  return readFileText(path, {
    ...CONTENT_RULES,
    refuse: (r) =>
      refuse(
        r.message === 'is a folder, not a file'
          ? { ...r, hint: 'name a .yaml file, or the folder itself to build every file in it' }
          : r.message === 'does not exist'
            ? { ...r, message: 'file not found' }
            : r,
      ),
  });
}

/** Standard input as content: the same cap and the same strict decoding as a file, named `<stdin>`. */
export function readContentStream(stream: AsyncIterable<string | Uint8Array>): Promise<string> {
  return readStreamText(stream, { ...CONTENT_RULES, refuse: refuseContent('<stdin>') });
}

/**
 * Text from a content file's bytes: UTF-8, with or without a byte-order
 * mark; UTF-16 when it starts with one (files/read.ts).
 */
export function decodeContent(bytes: Uint8Array, name: string | undefined): string {
  return decodeText(bytes, refuseContent(name));
}
