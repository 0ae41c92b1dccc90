/**
 * The structure tree in little room. A briefing's tree has a hundred or more
 * elements, each of which must be an object of its own; written one by one,
 * as PDFKit writes objects, they would add a third to the file. PDF 1.5's
 * object streams hold them compressed, and a cross-reference stream (not
 * PDFKit's table, which cannot point into one) finds them. PDF/A-2 and 3
 * allow both.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- pdfmake's and PDFKit's internals (items, documents, references) are untyped */
import { replaceOwnMethod } from '../tuning/registry.js';

/** Where each packed object lives: its object stream's number and its index there. */
type Packed = Map<number, { stream: number; index: number }>;

/**
 * Writes `refs` (PDFKit references with their data set, not yet ended)
 * into one compressed object stream, and makes `doc` end with a
 * cross-reference stream. Call before doc.end().
 */
export function packObjects(doc: any, refs: any[]): void {
  if (refs.length === 0) return;
  const bodies: string[] = [];
  const write = doc._write;
  try {
    for (const ref of refs) {
      // PDFKit serialises an object as it writes it ("n 0 obj", the dictionary, "endobj"): the dictionary is kept.
      const out: unknown[] = [];
      doc._write = (chunk: unknown) => out.push(chunk);
      ref.finalize();
      bodies.push(String(out[1]));
    }
  } finally {
    doc._write = write;
  }
  let header = '';
  let body = '';
  refs.forEach((ref, i) => {
    header += `${ref.id} ${body.length} `;
    body += `${bodies[i]}\n`;
  });
  const stream = doc.ref({ Type: 'ObjStm', N: refs.length, First: header.length });
  stream.end(header + body);
  const packed: Packed = new Map(refs.map((ref, index) => [ref.id, { stream: stream.id, index }]));
  endWithXrefStream(doc, packed);
}

/** W of the cross-reference stream: a type byte, a 4-byte offset (or stream number), a 2-byte generation (or index). */
const W = [1, 4, 2];

function endWithXrefStream(doc: any, packed: Packed): void {
  replaceOwnMethod('object-streams', doc, '_finalize', (finalize) => {
    let xref: any;
    return () => {
      // Writing the cross-reference stream (an object) may call _finalize again: nothing to do then.
      if (xref) return;
      if (doc._security) return finalize(); // never set by briefing: PDFKit's table, as it was
      const offsets: (number | null)[] = doc._offsets;
      const size = offsets.length + 2; // object 0, the objects, and the cross-reference stream itself
      const bytes = Buffer.alloc(size * 7);
      const entry = (i: number, type: number, a: number, b: number) => {
        bytes.writeUInt8(type, i * 7);
        bytes.writeUInt32BE(a, i * 7 + 1);
        bytes.writeUInt16BE(b, i * 7 + 5);
      };
      entry(0, 0, 0, 65535);
      offsets.forEach((offset, i) => {
        const p = packed.get(i + 1);
        if (p) entry(i + 1, 2, p.stream, p.index);
        else entry(i + 1, 1, offset ?? 0, 0);
      });
      xref = doc.ref({ Type: 'XRef', Size: size, W, Root: doc._root, Info: doc._info, ID: [doc._id, doc._id] });
      entry(size - 1, 1, doc._offset, 0);
      xref.end(bytes);
      doc._write('startxref');
      doc._write(`${xref.offset}`);
      doc._write('%%EOF');
      doc.push(null);
    };
  });
}
