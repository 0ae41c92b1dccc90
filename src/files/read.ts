/**
 * The one careful reader for every file briefing opens: content files,
 * standard input, config files, a template's files (document.hbs, partials,
 * theme.yaml, locales), fonts and logos. Each is read the same way:
 *
 * - through its real path, which must lie inside the folder it belongs to
 *   (a symbolic link that leads elsewhere is refused unopened);
 * - only if it is a regular file: a named pipe would wait for a writer
 *   forever, /dev/zero would never end, a socket is no file at all;
 * - at most a size cap, chosen per kind of file, and never more bytes than
 *   the cap even if the file grows while it is read;
 * - as strict text: UTF-8 (with or without a byte-order mark), or UTF-16 with
 *   its byte-order mark; anything else is refused with the line and column
 *   of the first bad byte, never turned into replacement characters.
 *
 * A refusal says what is wrong and what to do, and never shows the file's
 * bytes: a link to a secret must not leak it through an error message. The
 * caller turns a refusal into its own error type (a content file's error
 * names the content, a template's the template file).
 */
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, type Stats } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';

/** What is wrong with a file, in words for its reader; `message` follows the file's name. */
export interface Refusal {
  message: string;
  hint: string;
  line?: number;
  column?: number;
}

/** Throws the caller's error for a refusal. */
export type Refuse = (refusal: Refusal) => never;

export interface ReadRules {
  /** What the file is, in messages: "a content file", "a locale file", "a font"… */
  kind: string;
  /** The most bytes it may have; a reason goes with every cap (see the callers). */
  maxBytes: number;
  /** The folder (a real path) the file's real path must lie inside, and how messages name that folder. */
  inside?: { root: string; name: string };
  /** What to do when the file is missing, when the caller knows better than "check the path". */
  missingHint?: string;
  refuse: Refuse;
}

/** Whether `path` is `root` or lies below it (both absolute, real paths). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/**
 * The real path of `path`, checked to lie inside `rules.inside`. Nothing of
 * the file is opened: a link to a secret is refused on its path alone.
 */
export function realPathOf(path: string, rules: Pick<ReadRules, 'inside' | 'missingHint' | 'refuse'>): string {
  let real: string;
  try {
    real = realpathSync(path);
  } catch (err) {
    return rules.refuse(openFailure((err as NodeJS.ErrnoException).code, rules.missingHint));
  }
  if (rules.inside && !isInside(rules.inside.root, real))
    rules.refuse({
      message: `leads outside ${rules.inside.name} (it is a symbolic link, or a path with ..)`,
      hint: `briefing reads only files inside ${rules.inside.name}: copy the file there instead of linking to it`,
    });
  return real;
}

/** The bytes of a file read by the rules above. */
export function readFileBytes(path: string, rules: ReadRules): Buffer {
  const real = realPathOf(path, rules);
  let fd: number;
  try {
    // O_NOFOLLOW: the real path was just resolved, so a link here was swapped in since; O_NONBLOCK: a FIFO
    // opens at once (and is refused below) instead of waiting for a writer; O_NOCTTY: a terminal is never adopted.
    fd = openSync(real, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0));
  } catch (err) {
    return rules.refuse(openFailure((err as NodeJS.ErrnoException).code, rules.missingHint));
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) rules.refuse({ message: 'is a folder, not a file', hint: `name ${rules.kind} inside it` });
    if (!stat.isFile())
      rules.refuse({
        message: `is not a regular file (it is ${kindOf(stat)})`,
        hint: `briefing reads ${rules.kind} only from an ordinary file; copy its text into one`,
      });
    if (stat.size > rules.maxBytes) rules.refuse(tooLarge(stat.size, rules));
    // One byte more than the cap: a file that grows while it is read is caught, not read without end.
    const buffer = Buffer.alloc(Math.min(stat.size, rules.maxBytes) + 1);
    let length = 0;
    while (length < buffer.length) {
      const got = readSync(fd, buffer, length, buffer.length - length, length);
      if (got === 0) break;
      length += got;
    }
    if (length > rules.maxBytes) rules.refuse(tooLarge(length, rules));
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/** The text of a file read by the rules above, decoded strictly. */
export function readFileText(path: string, rules: ReadRules): string {
  return decodeText(readFileBytes(path, rules), rules.refuse);
}

/**
 * All of a stream (standard input), at most `rules.maxBytes`: reading stops
 * at the first byte past the cap, so `yes | briefing build -` ends at once.
 */
export async function readStreamText(stream: AsyncIterable<string | Uint8Array>, rules: Omit<ReadRules, 'inside'>): Promise<string> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    length += bytes.length;
    if (length > rules.maxBytes)
      rules.refuse({
        message: `is more than the ${formatBytes(rules.maxBytes)} ${rules.kind} may be (reading stopped there)`,
        hint: tooLarge(length, rules).hint,
      });
    chunks.push(bytes);
  }
  return decodeText(Buffer.concat(chunks), rules.refuse);
}

function openFailure(code: string | undefined, missingHint: string | undefined): Refusal {
  switch (code) {
    case 'ENOENT':
      return { message: 'does not exist', hint: missingHint ?? 'check the path (a broken symbolic link also shows as missing)' };
    case 'EISDIR':
      return { message: 'is a folder, not a file', hint: 'name a file inside it' };
    case 'ENOTDIR':
      return { message: 'does not exist (a part of its path is a file, not a folder)', hint: 'check the path' };
    case 'EACCES':
    case 'EPERM':
      return { message: 'cannot be read: permission denied', hint: "check the file's permissions" };
    case 'ELOOP':
      return {
        message: 'is a symbolic link that points to itself, or to too many other links',
        hint: 'replace the link with the file itself',
      };
    default:
      return { message: `cannot be read (${code ?? 'unknown error'})`, hint: "check the path and the file's permissions" };
  }
}

function tooLarge(bytes: number, rules: Pick<ReadRules, 'kind' | 'maxBytes'>): Refusal {
  return {
    message: `is ${formatBytes(bytes)}, more than the ${formatBytes(rules.maxBytes)} ${rules.kind} may be`,
    hint: `check that this is the file you meant: no real ${rules.kind.replace(/^an? /, '')} comes near that size`,
  };
}

export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}

function kindOf(stat: Stats): string {
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  return 'not an ordinary file';
}

const ENCODING_HINT =
  'save the file as UTF-8 (most editors offer it under "Save with encoding" or "Save as"; `iconv -f latin1 -t utf-8 in.yaml > out.yaml` converts a Latin-1 file)';

/**
 * Text from a file's bytes: UTF-8, with or without a byte-order mark; UTF-16
 * when it starts with one. Anything else is refused with the line of the
 * first byte that is not UTF-8, never turned into replacement characters
 * that would be printed in the PDF. A NUL byte is refused too: no text file
 * holds one, and it would end a string in the PDF's metadata.
 */
export function decodeText(bytes: Uint8Array, refuse: Refuse): string {
  const fail = (problem: Omit<Refusal, 'hint'>): never => refuse({ ...problem, hint: ENCODING_HINT });
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

function utf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', fail: (p: Omit<Refusal, 'hint'>) => never): string {
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return fail({
      message: `is not valid ${encoding === 'utf-16le' ? 'UTF-16 (little-endian)' : 'UTF-16 (big-endian)'}, although it starts with that byte-order mark`,
    });
  }
  const zero = text.indexOf('\u0000');
  if (zero >= 0) fail({ message: 'holds a NUL character: is it a text file?', ...textLineOf(text, zero) });
  return text;
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

function textLineOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: [...before.at(-1)!].length + 1 };
}
