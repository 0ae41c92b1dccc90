/**
 * PDFKit turns every drawing operator into its own small byte array as it is
 * written (a page has thousands), then copies them all into one buffer
 * before compressing it. Here consecutive text is kept as one string and
 * becomes bytes once, when the stream is finished: the same bytes (Latin-1
 * keeps the low byte of each code unit, as PDFKit does), a fraction of the
 * copying. Replaced on PDFKit's reference class, which PDFKit does not
 * export: it is reached through a document's first reference.
 */
import { replaceMethod } from './registry.js';

export function writeStreamTextOnce(reference: any): void {
  const proto = Object.getPrototypeOf(reference);
  replaceMethod(
    'stream-text',
    proto,
    'write',
    () =>
      function (this: any, chunk: unknown) {
        const text = chunk instanceof Uint8Array ? undefined : `${chunk}\n`;
        const length = text === undefined ? (chunk as Uint8Array).length : text.length;
        this.uncompressedLength += length;
        if (this.data.Length == null) this.data.Length = 0;
        const last = this.buffer.length - 1;
        if (text === undefined) this.buffer.push(chunk);
        else if (typeof this.buffer[last] === 'string') this.buffer[last] += text;
        else this.buffer.push(text);
        this.data.Length += length;
        if (this.compress) this.data.Filter = 'FlateDecode';
      },
  );
  replaceMethod(
    'stream-text',
    proto,
    'finalize',
    (finalize) =>
      function (this: any) {
        // Text written while the switch was on is made bytes here even if it is off now.
        this.buffer = this.buffer.map((c: unknown) => (typeof c === 'string' ? Buffer.from(c, 'latin1') : c));
        return finalize.call(this);
      },
  );
}
