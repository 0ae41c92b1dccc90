/**
 * PDFKit writes the title, author, subject and keywords into the XMP metadata
 * stream unescaped, so a headline with "&" or "<" would make it invalid XML
 * (and the file invalid PDF/A). The Info dictionary is already written when
 * XMP is made, so the XMP step sees an escaped copy of the same values.
 */
import { replaceOwnMethod } from './registry.js';

const xmlEscape = (v: unknown) =>
  typeof v === 'string' ? v.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!) : v;

export function escapeXmpMetadata(doc: any): void {
  replaceOwnMethod('xmp-escape', doc, '_addInfo', (addInfo) => () => {
    const info = doc.info;
    doc.info = Object.fromEntries(Object.entries(info).map(([k, v]) => [k, xmlEscape(v)]));
    try {
      addInfo();
    } finally {
      doc.info = info;
    }
  });
}
