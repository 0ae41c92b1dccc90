/**
 * Reading a content file safely: only a regular file is read (a FIFO, a
 * device or a socket would stall or flood the build), never more than the
 * size limit, and its bytes are decoded strictly, so that a file in another
 * encoding is refused with its line instead of becoming mojibake on the page.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { ContentError, type Problem } from '../errors.js';
import { LIMITS } from './limits.js';

/** Reads `path` (named `name` in messages) as text. */
export async function readContentFile(path: string, name: string): Promise<string> {
  const fail = (message: string, hint: string): never => {
    throw new ContentError(name, [{ path: '', message }], hint);
  };
  let handle;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      fail('file not found', 'check the path, or run `briefing build` with no arguments to build every file in content/');
    if (code === 'EISDIR') fail('is a folder, not a file', 'name a .yaml file, or the folder itself to build every file in it');
    if (code === 'EACCES' || code === 'EPERM') fail('cannot be read: permission denied', "check the file's permissions");
    if (code === 'ELOOP')
      fail('is a symbolic link that points to itself, or to too many other links', 'replace the link with the file itself');
    return fail(`cannot be read (${code ?? 'unknown error'})`, "check the path and the file's permissions");
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) fail('is a folder, not a file', 'name a .yaml file, or the folder itself to build every file in it');
    if (!stat.isFile())
      fail(
        `is not a regular file (it is ${kindOf(stat)})`,
        'briefing reads content only from ordinary files; copy the content into a .yaml file',
      );
    if (stat.size > LIMITS.fileBytes) fail(tooLarge(stat.size), LIMIT_HINT);
    // Read at most one byte more than the limit: the size on disk may change while it is read.
    const buffer = Buffer.alloc(Math.min(stat.size, LIMITS.fileBytes) + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length === buffer.length) break;
    }
    if (length > LIMITS.fileBytes) fail(tooLarge(length), LIMIT_HINT);
    return decodeContent(buffer.subarray(0, length), name);
  } finally {
    await handle.close();
  }
}

const LIMIT_HINT = 'a briefing is one page: a content file of a few kilobytes is typical; check that this is the file you meant';

function tooLarge(bytes: number): string {
  return `is ${formatBytes(bytes)}, more than the ${formatBytes(LIMITS.fileBytes)} a content file may be`;
}

export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}

function kindOf(stat: { isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string {
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  return 'not an ordinary file';
}

const ENCODING_HINT =
  'save the file as UTF-8 (most editors offer it under "Save with encoding" or "Save as"; `iconv -f latin1 -t utf-8 in.yaml > out.yaml` converts a Latin-1 file)';

/**
 * Text from a content file's bytes: UTF-8, with or without a byte-order
 * mark; UTF-16 when it starts with one. Anything else is refused with the
 * line of the first byte that is not UTF-8, never turned into replacement
 * characters that would be printed in the PDF.
 */
export function decodeContent(bytes: Uint8Array, name: string | undefined): string {
  const fail = (problem: Omit<Problem, 'path'>): never => {
    throw new ContentError(name, [{ path: '', ...problem }], ENCODING_HINT);
  };
  if (bytes[0] === 0xff && bytes[1] === 0xfe && !(bytes[2] === 0 && bytes[3] === 0)) return utf16(bytes.subarray(2), 'utf-16le', fail);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(bytes.subarray(2), 'utf-16be', fail);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff))
    fail({ message: 'is encoded as UTF-32, which briefing does not read' });
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = bytes.subarray(start);
  // UTF-16 without a byte-order mark is valid UTF-8 when it is Latin text, every other byte a zero.
  const zero = body.indexOf(0);
  if (zero >= 0) {
    const { line, column } = lineOf(body, zero);
    const zeros = body.subarray(0, 256).filter((b) => b === 0).length;
    return fail(
      zeros >= Math.min(8, body.length / 4)
        ? { message: 'looks like UTF-16 without a byte-order mark', line: 1, column: 1 }
        : { message: 'holds a NUL byte: is it a text file?', line, column },
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    const at = firstInvalidUtf8(body);
    const { line, column } = lineOf(body, at);
    return fail({
      message: `is not valid UTF-8: byte 0x${body[at]!.toString(16).toUpperCase().padStart(2, '0')} cannot start or continue a character (Latin-1 or Windows-1252 text?)`,
      line,
      column,
    });
  }
}

function utf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', fail: (p: Omit<Problem, 'path'>) => never): string {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return fail({
      message: `is not valid ${encoding === 'utf-16le' ? 'UTF-16 (little-endian)' : 'UTF-16 (big-endian)'}, although it starts with that byte-order mark`,
    });
  }
}

/** Offset of the first byte that breaks UTF-8. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const need = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
    }
    // Overlong forms, surrogates and code points past U+10FFFF.
    const d1 = b[i + 1] ?? 0;
    if ((c === 0xe0 && d1 < 0xa0) || (c === 0xed && d1 > 0x9f) || (c === 0xf0 && d1 < 0x90) || (c === 0xf4 && d1 > 0x8f)) return i;
    i += need + 1;
  }
  return Math.max(0, b.length - 1);
}

/** 1-based line and column (in characters) of a byte offset. */
function lineOf(b: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) if (b[i] === 0x0a) [line, lineStart] = [line + 1, i + 1];
  const before = new TextDecoder('utf-8').decode(b.subarray(lineStart, offset));
  return { line, column: [...before].length + 1 };
}
