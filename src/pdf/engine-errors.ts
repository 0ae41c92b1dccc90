/**
 * pdfmake's own failures in the words of a template author. pdfmake reports
 * some layouts it cannot do with a crash of its internals ("otherArray.forEach
 * is not a function"); the ones we know are said here for what they are.
 */

/** What went wrong in pdfmake, said for a template author; the engine's message when it is not a known one. */
export function engineFailure(err: unknown): string {
  const message = (err as Error)?.message ?? String(err);
  // LayoutBuilder.processCanvas: ElementWriter.addCanvas returns false for a canvas taller than the space left.
  if (/otherArray\.forEach is not a function/.test(message))
    return 'a canvas is taller than the space left on the page (pdfmake cannot break a canvas across pages)';
  if (/Maximum call stack size exceeded/.test(message)) return 'the document nests too deeply to lay out';
  return message;
}
