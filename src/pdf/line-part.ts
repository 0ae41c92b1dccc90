/**
 * A part of one of pdfmake's lines, to draw on its own: some of its
 * inlines, at the whole line's height and baseline. Tagging draws a line in
 * parts to mark each in its own structure element (tagging/render.ts), and
 * a line holding a hyphenated word's pieces is drawn in parts too
 * (broken-words.ts).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function linePart(line: any, inlines: unknown[], first: boolean): any {
  const height = line.getHeight();
  const ascender = line.getAscenderHeight();
  const view = Object.create(line);
  view.inlines = inlines;
  view.getHeight = () => height;
  view.getAscenderHeight = () => ascender;
  if (!first) {
    // What pdfmake does once a line (an outline entry, a page reference, a destination) stays with the first part.
    view._outline = undefined;
    view._pageNodeRef = undefined;
    view.id = undefined;
  }
  return view;
}
