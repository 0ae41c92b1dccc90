/**
 * The horizontal half of "does it fit": text drawn past the edge of its
 * column or of the page's content area. Line breaking (line-breaking.ts)
 * makes this nearly impossible for content; what is left is a template
 * whose fixed widths add up to more than the page, or a column narrower
 * than one character. Fitting asks this of every trial, so that a build
 * never reports "fits as designed" while something runs off the page.
 */

/* eslint-disable @typescript-eslint/no-explicit-any */

export interface HorizontalOverflow {
  page: number;
  /** The start of the text that overflows, for the message. */
  text: string;
  /** How far past its box it is drawn, in points. */
  by: number;
}

/** Points of tolerance: rounding in pdfmake's sums, never visible. */
const TOLERANCE = 0.5;

/**
 * Lines of the laid-out `pages` that are drawn outside their column or
 * outside [left, right] (the content area between the page margins).
 */
export function horizontalOverflows(pages: { items: { type: string; item: any }[] }[], left: number, right: number): HorizontalOverflow[] {
  const found: HorizontalOverflow[] = [];
  pages.forEach((page, index) => {
    for (const { type, item: line } of page.items) {
      if (type !== 'line' || !line.inlines?.length) continue;
      const width: number = line.getWidth();
      const column: number = line.columnWidth ?? width;
      // Where pdfmake's alignLine put the line in its column, undone: x is final, the column is where it starts.
      const alignment = line.inlines[0].alignment;
      const shift = alignment === 'right' ? column - width : alignment === 'center' ? (column - width) / 2 : 0;
      const columnLeft = line.x - shift;
      const by = Math.max(width - column, columnLeft + column - right, left - columnLeft, line.x + width - right, left - line.x);
      if (by > TOLERANCE) {
        const text = (line.inlines as any[])
          .map((i) => i.text)
          .join('')
          .trim();
        found.push({ page: index + 1, text: text.length > 40 ? `${text.slice(0, 40)}\u2026` : text, by });
      }
    }
  });
  return found;
}

/** What to say about text drawn outside its box: where, how far, and what to change. */
export function describeOverflows(found: HorizontalOverflow[]): string {
  const worst = found.reduce((a, b) => (b.by > a.by ? b : a));
  const more = found.length > 1 ? ` (and ${found.length - 1} more line${found.length > 2 ? 's' : ''})` : '';
  return `text is drawn ${worst.by.toFixed(1)} pt past the edge of its column on page ${worst.page}: "${worst.text}"${more}`;
}

export const OVERFLOW_HINT =
  'a column of the template is narrower than a single character at this size: widen it in the template (widths in document.hbs or theme.yaml)';
