/**
 * A node of no height that records where the layout reached: the fitter puts
 * one between the blocks of each column (pipeline/placement.ts) and reads
 * where each landed. It is a zero-length line, taken off the pages before
 * anything is rendered (engine.ts), so it never reaches the PDF.
 */
export const MARKER = 'briefingMarker';

export function markerNode(id: string): object {
  return { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 0, y2: 0, lineWidth: 0, [MARKER]: id }] };
}
