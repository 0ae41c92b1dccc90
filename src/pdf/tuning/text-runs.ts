/**
 * pdfmake writes every word as a text object of its own: save, transform,
 * begin text, position, font, glyphs, end text, restore, then opacity and
 * colour again; about 200 bytes of page content a word, which PDFKit builds
 * string by string and zlib then compresses. (pdfmake's own renderer has a
 * TODO saying as much.) Here the words of a line that follow each other with
 * nothing between them and look alike (same font, size, colour, opacity and
 * height; no links, decorations, background, raised or lowered text, letter
 * spacing, font features or justification) are written as one text object.
 * PDFKit sets a string word by word from the same shaped runs, so the glyphs
 * land where they did; the page looks the same and its text reads the same,
 * with a fraction of the content.
 */
import { Renderer } from './pdfmake-internals.js';
import { replaceMethod, withOriginals } from './registry.js';

/** Closer than this (in points), one word starts where the previous one ends. */
const CONTIGUOUS = 1e-6;

const plain = (i: any) =>
  !i.link &&
  !i.linkToPage &&
  !i.linkToDestination &&
  !i._pageNodeRef &&
  !i.background &&
  !i.decoration &&
  !i.sup &&
  !i.sub &&
  !i.characterSpacing &&
  !i.fontFeatures &&
  // Right-to-left words are drawn right to left, each where bidi-lines.ts put it.
  !(i.bidiLevel & 1) &&
  !i.justifyShift;

const alike = (a: any, b: any) =>
  a.font === b.font && a.fontSize === b.fontSize && a.color === b.color && a.opacity === b.opacity && a.height === b.height;

/** The line's words, with each run of alike, contiguous words joined into one (a copy: the line's own words are not changed). */
function joinRuns(inlines: any[]): any[] {
  const out: any[] = [];
  let copied = false;
  for (const inline of inlines) {
    const prev = out[out.length - 1];
    if (prev && plain(prev) && plain(inline) && alike(prev, inline) && Math.abs(prev.x + prev.width - inline.x) < CONTIGUOUS) {
      const run = copied ? prev : (out[out.length - 1] = { ...prev });
      run.text += inline.text;
      run.width += inline.width;
      copied = true;
    } else {
      out.push(inline);
      copied = false;
    }
  }
  return out.length < inlines.length ? out : inlines;
}

function renderRunsNotWords(): void {
  const proto = Renderer.prototype;
  if (proto.briefingRuns) return;
  proto.briefingRuns = true;
  replaceMethod(
    'text runs',
    proto,
    'renderLine',
    (renderLine) =>
      function (this: any, line: any, x: number, y: number) {
        if (line._pageNodeRef || line.inlines.length < 2) return renderLine.call(this, line, x, y);
        const inlines = joinRuns(line.inlines);
        if (inlines === line.inlines) return renderLine.call(this, line, x, y);
        // The line as pdfmake sees it, with the joined words; its methods read `inlines` from this view.
        const view = Object.create(line);
        view.inlines = inlines;
        return renderLine.call(this, view, x, y);
      },
  );
}
renderRunsNotWords();

/** Runs `fn` with pdfmake writing each word on its own, as it does unchanged, then restores runs: tests compare the two. */
export const withWordByWordText = <T>(fn: () => T | Promise<T>): Promise<T> => withOriginals('text runs', fn);
