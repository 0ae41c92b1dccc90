/**
 * Installs the speed layer and the fixes (declared in registry.ts), called
 * by the engine: installTuning() once, for what is replaced on pdfmake's
 * classes, and tuneDocument() for each PDF document, for what is replaced on
 * the document itself or on PDFKit's classes, which are reached through it.
 */
import { measureEachRunOnce, memoiseStyleLookups } from './text-measure.js';
import { renderRunsNotWords } from './text-runs.js';
import { shareFontWork } from './pdfkit-fonts.js';
import { escapeXmpMetadata } from './xmp-escape.js';

let installed = false;

export function installTuning(): void {
  if (installed) return;
  memoiseStyleLookups();
  measureEachRunOnce();
  renderRunsNotWords();
  installed = true;
}

/** For a PDF document just made (pdfmake's PDFDocument, a PDFKit document). */
export function tuneDocument(doc: any): void {
  escapeXmpMetadata(doc);
  shareFontWork(doc);
}
