/**
 * Used only in the process that builds the snapshot (snapshot.ts imports it
 * first); a process started from the snapshot, and every other, has Node's
 * own globals. Some objects hold native ICU state that V8 cannot write into
 * a snapshot, and modules make them as they load or keep them in caches:
 * fontkit a TextDecoder for "ascii" (more while reading a font's tables),
 * yargs' string-width and line breaking an Intl.Segmenter, the template's
 * date helper an Intl.DateTimeFormat per language. While the snapshot is
 * built, these globals are stand-ins that hold nothing native (the
 * segmenter and the date format make the real one on first use, after the
 * snapshot has started); Node's own are put back before the heap is saved,
 * for everything made later. So no other module needs to know about the
 * snapshot.
 */
import { setFlagsFromString } from 'node:v8';

const NodeTextDecoder = globalThis.TextDecoder;
const NodeSegmenter = Intl.Segmenter;
const NodeDateTimeFormat = Intl.DateTimeFormat;

// WHATWG's "ascii" and "latin1" labels mean windows-1252, which differs from ISO 8859-1 in 0x80–0x9F.
const CP1252_80_9F = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

const DECODERS: Record<string, (bytes: Buffer) => string> = {
  'windows-1252': (b) => b.toString('latin1').replace(/[\x80-\x9f]/g, (c) => CP1252_80_9F[c.charCodeAt(0) - 0x80]!),
  'utf-8': (b) => b.toString('utf8'),
  'utf-16le': (b) => b.subarray(0, b.length & ~1).toString('utf16le'),
  'utf-16be': (b) =>
    Buffer.from(b.subarray(0, b.length & ~1))
      .swap16()
      .toString('utf16le'),
};
const LABELS: Record<string, string> = {
  ascii: 'windows-1252',
  'us-ascii': 'windows-1252',
  latin1: 'windows-1252',
  'iso-8859-1': 'windows-1252',
  'windows-1252': 'windows-1252',
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'utf-16le': 'utf-16le',
  'utf-16': 'utf-16le',
  'utf-16be': 'utf-16be',
  utf16be: 'utf-16be',
};

class SnapshotSafeTextDecoder {
  readonly encoding: string;
  readonly fatal: boolean;
  readonly ignoreBOM: boolean;
  readonly #label: string;
  readonly #options: TextDecoderOptions | undefined;

  constructor(label = 'utf-8', options?: TextDecoderOptions) {
    this.#label = String(label).trim().toLowerCase();
    this.#options = options;
    this.encoding = LABELS[this.#label] ?? this.#label;
    this.fatal = options?.fatal ?? false;
    this.ignoreBOM = options?.ignoreBOM ?? false;
  }

  decode(input?: ArrayBufferView | ArrayBuffer, options?: TextDecodeOptions): string {
    if (input === undefined) return '';
    const decode = DECODERS[this.encoding];
    // Strict or streaming decoding, and other encodings: Node's own decoder, made for this call only.
    if (!decode || this.fatal || options?.stream) return new NodeTextDecoder(this.#label, this.#options).decode(input, options);
    const bytes = ArrayBuffer.isView(input) ? Buffer.from(input.buffer, input.byteOffset, input.byteLength) : Buffer.from(input);
    const text = decode(bytes);
    return !this.ignoreBOM && this.encoding !== 'windows-1252' && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }
}

/** Makes the real segmenter on first use, which is after the snapshot has been loaded. */
class LazySegmenter {
  readonly #args: ConstructorParameters<typeof Intl.Segmenter>;
  #real: Intl.Segmenter | undefined;
  constructor(...args: ConstructorParameters<typeof Intl.Segmenter>) {
    this.#args = args;
  }
  #segmenter(): Intl.Segmenter {
    return (this.#real ??= new NodeSegmenter(...this.#args));
  }
  segment(input: string): Intl.Segments {
    return this.#segmenter().segment(input);
  }
  resolvedOptions(): Intl.ResolvedSegmenterOptions {
    return this.#segmenter().resolvedOptions();
  }
  static supportedLocalesOf = NodeSegmenter.supportedLocalesOf;
}

/** Makes the real date format on first use, which is after the snapshot has been loaded. */
class LazyDateTimeFormat {
  readonly #args: ConstructorParameters<typeof Intl.DateTimeFormat>;
  #real: Intl.DateTimeFormat | undefined;
  constructor(...args: ConstructorParameters<typeof Intl.DateTimeFormat>) {
    this.#args = args;
  }
  #format(): Intl.DateTimeFormat {
    return (this.#real ??= new NodeDateTimeFormat(...this.#args));
  }
  format(date?: Date | number): string {
    return this.#format().format(date);
  }
  formatToParts(date?: Date | number): Intl.DateTimeFormatPart[] {
    return this.#format().formatToParts(date);
  }
  formatRange(start: Date | number, end: Date | number): string {
    return this.#format().formatRange(start, end);
  }
  formatRangeToParts(start: Date | number, end: Date | number): Intl.DateTimeRangeFormatPart[] {
    return this.#format().formatRangeToParts(start, end);
  }
  resolvedOptions(): Intl.ResolvedDateTimeFormatOptions {
    return this.#format().resolvedOptions();
  }
  static supportedLocalesOf = NodeDateTimeFormat.supportedLocalesOf;
}

/**
 * V8 compiles a regular expression to machine code once it has run, and
 * machine code cannot go into a snapshot; interpreted, it stays bytecode. The
 * flag is set back before the heap is saved: a snapshot only loads into a
 * Node with the flags it was built with.
 */
function interpretRegExps(on: boolean): void {
  // Interpreting all implies not tiering up: both go back to their defaults.
  setFlagsFromString(on ? '--regexp-interpret-all' : '--no-regexp-interpret-all --regexp-tier-up');
}

function useSnapshotSafeGlobals(): void {
  globalThis.TextDecoder = SnapshotSafeTextDecoder as unknown as typeof TextDecoder;
  (Intl as { Segmenter: unknown }).Segmenter = LazySegmenter;
  (Intl as { DateTimeFormat: unknown }).DateTimeFormat = LazyDateTimeFormat;
}

export function restoreGlobals(): void {
  interpretRegExps(false);
  globalThis.TextDecoder = NodeTextDecoder;
  (Intl as { Segmenter: unknown }).Segmenter = NodeSegmenter;
  (Intl as { DateTimeFormat: unknown }).DateTimeFormat = NodeDateTimeFormat;
}

useSnapshotSafeGlobals();
interpretRegExps(true);
