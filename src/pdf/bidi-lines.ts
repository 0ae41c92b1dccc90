/**
 * Right-to-left text, the second half (the first is text/bidi.ts): once
 * pdfmake has made a line, in logical order, its pieces are placed in visual
 * order by the Unicode bidirectional algorithm's rule L2, and aligned: a
 * right-to-left paragraph's last line, justified, sits flush right. The
 * line's pieces are then drawn in that visual order, left to right, as
 * PDF readers expect: poppler and pdf.js read a line as drawn and apply the
 * bidi algorithm themselves to give it in logical order (drawn in logical
 * order, each right-to-left word jumped back to the left of the one before,
 * and pdf.js dropped the space at every jump). Only where the face changes
 * (a bold label, "**Label:** text") is a right-to-left line drawn piece by
 * piece from the right (drawingOrder): pdf.js gives each face's text as an
 * item of its own, in the order drawn, so drawn left to right its label
 * came after its text. (pdf.js puts no space where it jumps back to the
 * left for the next piece: "label:text". Drawn left to right it kept the
 * space but read "text label:".)
 *
 * This is a correctness hook, not a speed one: it stays in place when the
 * speed layer is switched off.
 */
import { ElementWriter } from './tuning/pdfmake-internals.js';
import { replaceMethod } from './tuning/registry.js';
import bidiFactory from 'bidi-js';

// bidi-js has getBidiCharTypeName, which its type declarations leave out.
const bidi = bidiFactory() as ReturnType<typeof bidiFactory> & { getBidiCharTypeName(ch: string): string };

interface Inline {
  x: number;
  /** The face it is set in (a PDFKit font): a new one starts a new piece of text in pdf.js. */
  font?: unknown;
  decoration?: unknown;
  width: number;
  alignment?: string;
  bidiLevel?: number;
  bidiRtl?: boolean;
  justifyShift?: number;
  text?: string;
}
interface Line {
  x: number;
  inlines: Inline[];
  leadingCut: number;
  trailingCut: number;
  newLineForced?: boolean;
  lastLineInParagraph?: boolean;
  getWidth(): number;
}

/** Indices of `levels` in visual order, left to right (rule L2: from the highest level down to the lowest odd one, reverse every run at that level or above). */
export function visualOrder(levels: readonly number[]): number[] {
  const order = levels.map((_, i) => i);
  let highest = 0;
  let lowestOdd = Infinity;
  for (const l of levels) {
    highest = Math.max(highest, l);
    if (l & 1) lowestOdd = Math.min(lowestOdd, l);
  }
  for (let level = highest; level >= lowestOdd; level--) {
    for (let i = 0; i < order.length;) {
      if (levels[order[i]!]! < level) {
        i++;
        continue;
      }
      let j = i;
      while (j < order.length && levels[order[j]!]! >= level) j++;
      order.splice(i, j - i, ...order.slice(i, j).reverse());
      i = j;
    }
  }
  return order;
}

function placeBidiLine(line: Line, available: number): void {
  const inlines = line.inlines;
  const rtl = inlines[0]!.bidiRtl === true;
  const levels = inlines.map((i) => i.bidiLevel ?? (rtl ? 1 : 0));
  const order = visualOrder(levels);
  const first = inlines[0];
  const last = inlines[inlines.length - 1];
  // A piece's spaces are drawn on its right when it is laid out left to right, on its left otherwise;
  // the line's leading and trailing spaces are cut wherever they fall.
  let x = 0;
  for (const index of order) {
    const inline = inlines[index]!;
    const odd = (levels[index]! & 1) === 1;
    let advance = inline.width;
    let shift = 0;
    if (inline === last && line.trailingCut) {
      advance -= line.trailingCut;
      if (odd) shift -= line.trailingCut;
    }
    if (inline === first && line.leadingCut) {
      advance -= line.leadingCut;
      if (!odd) shift -= line.leadingCut;
    }
    inline.x = x + shift;
    x += advance;
  }
  let alignment = first!.alignment;
  const lastLine = line.newLineForced || line.lastLineInParagraph || inlines.length < 2;
  if (alignment === 'justify' && lastLine) alignment = rtl ? 'right' : 'left';
  const free = available - line.getWidth();
  if (alignment === 'right') line.x = (line.x || 0) + free;
  else if (alignment === 'center') line.x = (line.x || 0) + free / 2;
  else if (alignment === 'justify') {
    const extra = free / (inlines.length - 1);
    order.forEach((index, v) => {
      if (v === 0) return;
      inlines[index]!.x += v * extra;
      inlines[index]!.justifyShift = extra;
    });
  }
  if (drawnInVisualOrder(inlines, rtl)) {
    const visual = order.map((index) => inlines[index]!);
    line.inlines = drawingOrder(visual, rtl);
  }
}

/**
 * The order to draw a line's pieces in, from their visual order. pdf.js
 * reads a line as items, one for each run of glyphs drawn one after the
 * other in one face, each put in logical order by the bidi algorithm, and
 * gives the items in the order drawn. A right-to-left line's runs in
 * different faces are so drawn from the right, each run's words still
 * left to right. (Positions are absolute: the page looks the same.)
 * pdfmake underlines a run of decorated words from the first drawn, so
 * words sharing a decoration stay together, in visual order.
 */
function drawingOrder<T extends Inline>(visual: T[], rtl: boolean): T[] {
  if (!rtl) return visual;
  const runs: T[][] = [];
  for (const inline of visual) {
    const run = runs[runs.length - 1];
    const prev = run?.[run.length - 1];
    if (prev && (prev.font === inline.font || (prev.decoration && inline.decoration))) run!.push(inline);
    else runs.push([inline]);
  }
  return runs.length < 2 ? visual : runs.reverse().flat();
}

/**
 * Whether to draw a line's pieces in visual order. PDF readers read a line
 * as drawn and apply the bidi algorithm themselves; drawn in logical order,
 * each right-to-left word jumps back to the left of the one before, and
 * pdf.js drops the space at every such jump. But pdf.js takes a piece of
 * text as right to left only when at least 30% of its characters are
 * right-to-left letters or Arabic digits: a line of a right-to-left paragraph below that
 * (a label before a long Latin reference, "شماره: DSB-2025-049") it would
 * read left to right, as drawn, reversed. Such a line is drawn in logical
 * order: its words come out in order, without the spaces at the jumps.
 */
function drawnInVisualOrder(inlines: Inline[], rtl: boolean): boolean {
  if (!rtl) return true;
  let rightToLeft = 0;
  let all = 0;
  for (const inline of inlines) {
    for (const ch of inline.text ?? '') {
      all++;
      // As pdf.js counts: right-to-left letters and Arabic digits.
      const type = bidi.getBidiCharTypeName(ch);
      if (type === 'R' || type === 'AL' || type === 'AN') rightToLeft++;
    }
  }
  return all <= 4 || rightToLeft / all >= 0.3;
}

/** Installs the line placement on pdfmake's ElementWriter, through the registry; called by tuning/install.ts. */
export function installBidiLines(): void {
  replaceMethod(
    'bidi-lines',
    ElementWriter.prototype,
    'alignLine',
    (alignLine) =>
      function (this: { context(): { availableWidth: number } }, line: Line) {
        if (!line.inlines.some((i) => i.bidiLevel !== undefined && (i.bidiLevel > 0 || i.bidiRtl))) return alignLine.call(this, line);
        return placeBidiLine(line, this.context().availableWidth);
      },
  );
}
