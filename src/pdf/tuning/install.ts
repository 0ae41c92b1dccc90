/**
 * Installs the speed layer and the fixes (declared in registry.ts), called
 * by the engine: installTuning() before its first document, for what is
 * replaced on pdfmake's classes, and tuneDocument() for each PDF document,
 * for what is replaced on the document itself or on PDFKit's classes, which
 * are reached through it. (Each parsed font gets its own in pdf/fonts.ts.)
 */
import { installLineBreaking } from '../../text/line-breaking.js';
import { installBidiLines } from '../bidi-lines.js';
import { installUnspokenGlyphs } from '../unspoken-glyphs.js';
import { installInlineDestinations } from '../destinations.js';
import { installBrokenWords } from '../broken-words.js';
import { measureEachRunOnce, memoiseStyleLookups } from './text-measure.js';
import { renderRunsNotWords } from './text-runs.js';
import { shareFontWork } from './pdfkit-fonts.js';
import { escapeXmpMetadata } from './xmp-escape.js';

let installed = false;

export function installTuning(): void {
  if (installed) return;
  // Fixes: rules of the output (line breaking, right-to-left lines in visual order, glyphs that stand for no
  // character drawn as shapes so that they read as none).
  installLineBreaking();
  installBidiLines();
  installUnspokenGlyphs();
  // Speed.
  memoiseStyleLookups();
  measureEachRunOnce();
  renderRunsNotWords();
  // After text-runs, so that it sees each word before words are joined: the sources list's entries are destinations.
  installInlineDestinations();
  // Last, outermost: a line holding a piece of a hyphenated word is drawn in parts, each seen whole by the others.
  installBrokenWords();
  installed = true;
}

/** For a PDF document just made (pdfmake's PDFDocument, a PDFKit document). */
export function tuneDocument(doc: any): void {
  escapeXmpMetadata(doc);
  shareFontWork(doc);
}
