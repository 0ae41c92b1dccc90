/**
 * Paper sizes: the one list that the library's `paper` option, theme.yaml's
 * `page.size` and the CLI's `--paper` read. Imports nothing (startup/launch.ts
 * reads the CLI's options, and this with them, before anything else).
 */

/** Width and height in points. */
export const PAPER = {
  A4: { width: 595.28, height: 841.89 },
  Letter: { width: 612, height: 792 },
} as const;

export type Paper = keyof typeof PAPER;

export const PAPER_NAMES = Object.keys(PAPER) as [Paper, ...Paper[]];

/** The paper size a name means, in any case ('letter', 'LETTER', 'Letter'); undefined if none. */
export function paperName(name: string): Paper | undefined {
  const lower = name.toLowerCase();
  return PAPER_NAMES.find((p) => p.toLowerCase() === lower);
}
