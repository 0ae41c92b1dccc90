/**
 * Named destinations on a word. pdfmake writes a destination only where a
 * node with an `id` starts (its first line, first word); the sources list
 * is one paragraph, and each of its entries needs its own, for citations to
 * link to (content/citations.ts). An inline with `"anchor": "source-2"` gets
 * a destination of that name where it is drawn: at its left edge and the top
 * of its line, in either direction (the x is where bidi-lines.ts put it).
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- pdfmake's lines and PDFKit's document are untyped */
import { Renderer } from './tuning/pdfmake-internals.js';
import { replaceMethod } from './tuning/registry.js';
import { ANCHOR_KEY } from '../template/contract.js';

/** The destinations a document has written (a word split in two must not name one twice). */
const written = new WeakMap<object, Set<string>>();

export function installInlineDestinations(): void {
  replaceMethod(
    'inline-destinations',
    Renderer.prototype,
    'renderLine',
    (renderLine) =>
      function (this: any, line: any, x: number, y: number) {
        for (const inline of line.inlines as any[]) {
          const name: unknown = inline[ANCHOR_KEY];
          if (typeof name !== 'string' || name === '') continue;
          const doc = this.pdfDocument;
          let names = written.get(doc);
          if (!names) written.set(doc, (names = new Set()));
          if (names.has(name)) continue;
          names.add(name);
          doc.addNamedDestination(name, 'XYZ', x + inline.x, y, null);
        }
        return renderLine.call(this, line, x, y);
      },
  );
}
