/**
 * A word hyphenated at a line's end (text/line-breaking.ts) reads whole, with
 * no hyphen, in every reader, and looks as before. The hyphen is part of the
 * look, not of the text, and pdf.js reads glyphs only (no /ActualText): drawn
 * as text, it copied "Manufactur-" and "ing"; mapped to a soft hyphen
 * (U+00AD), it copies that invisible character and its search finds no
 * "Manufacturing" (it joins a word only across "-" and a line end). So:
 *
 * - the part before the break (its `brokenWordRest` says what follows) is
 *   drawn as text, its hyphen as a shape, and the rest of the word is written
 *   as invisible text (render mode 3) in the hyphen's place, squeezed to its
 *   width: "Manufacturing" on the first line, in one piece of text;
 * - the rest on the next lines (`brokenWordTail`) is drawn wholly as shapes:
 *   it was read already.
 *
 * poppler, pdf.js (copy and search) and the structure tree all read the word
 * whole where it starts. The drawing itself is pdf/unspoken-glyphs.ts's
 * (TextObjectWatcher), told here which piece of a word it draws.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- pdfmake's lines and PDFKit's document are untyped */
import { Renderer } from './tuning/pdfmake-internals.js';
import { linePart } from './line-part.js';
import { replaceMethod } from './tuning/registry.js';

/** A piece of a broken word: its head, with the rest of the word to write invisibly; or the rest, drawn as shapes. */
export type BrokenWordPiece = { rest: string } | 'tail';

const DRAWING = Symbol('briefing: the piece of a broken word being drawn');

/** The piece of a broken word the document is drawing now, if it is one (for unspoken-glyphs.ts). */
export function brokenWordPiece(doc: object): BrokenWordPiece | undefined {
  return (doc as any)[DRAWING];
}

function pieceOf(inline: any): BrokenWordPiece | undefined {
  if (inline.brokenWordTail === true) return 'tail';
  if (typeof inline.brokenWordRest === 'string') return { rest: inline.brokenWordRest };
  return undefined;
}

/**
 * Installs the drawing on pdfmake's Renderer, through the registry; called by
 * tuning/install.ts. A line holding a piece of a broken word is drawn in
 * parts, each such piece on its own (a view of the line with only its words,
 * at the line's height), so that the document knows which it draws.
 */
export function installBrokenWords(): void {
  replaceMethod(
    'broken-words',
    Renderer.prototype,
    'renderLine',
    (renderLine) =>
      function (this: any, line: any, x: number, y: number) {
        const inlines: any[] = line.inlines;
        if (!inlines.some((i) => pieceOf(i) !== undefined)) return renderLine.call(this, line, x, y);
        const groups: any[][] = [];
        for (const inline of inlines) {
          const last = groups[groups.length - 1];
          if (last && pieceOf(inline) === undefined && pieceOf(last[0]) === undefined) last.push(inline);
          else groups.push([inline]);
        }
        const doc = this.pdfDocument;
        groups.forEach((group, i) => {
          const view = linePart(line, group, i === 0);
          doc[DRAWING] = pieceOf(group[0]);
          try {
            renderLine.call(this, view, x, y);
          } finally {
            doc[DRAWING] = undefined;
          }
        });
      },
  );
}
