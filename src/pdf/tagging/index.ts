/**
 * Tagged PDF (PDF/UA-1): the structure tree of a briefing, built while it is
 * laid out (layout.ts, from the roles of roles.ts), marked while it is drawn
 * (render.ts) and written at the end (write.ts); tree.ts is what they share.
 * The engine calls these three; each hook into pdfmake and PDFKit is a
 * declared replacement of kind "fix" in tuning/registry.ts.
 */
export { tagLayout } from './layout.js';
export { tagRendering } from './render.js';
export { writeStructure } from './write.js';
export type { Tree } from './tree.js';

/**
 * The PDF/UA identifier for the XMP metadata. PDFKit writes one subset's
 * identifier (PDF/UA or PDF/A); an archival file carries both.
 */
export const PDFUA_XMP = `
        <rdf:Description xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" rdf:about="">
            <pdfuaid:part>1</pdfuaid:part>
        </rdf:Description>
        `;
