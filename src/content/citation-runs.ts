/**
 * The citation markers the merge step wrote into Markdown (citations.ts)
 * as pdfmake runs: each source's number raised (superscript), linked to its
 * entry in the sources list (the destination `source-N` the sources list
 * sets), and tagged as a Reference in a tagged PDF, its link saying which
 * source it is (/Contents). In code, a citation shows as `[N]`.
 */
import { CITE_CLOSE, CITE_OPEN, readMarker } from './citations.js';

/** A raised, linked number (richtext.ts's Inline has these fields). */
export interface CitationRun {
  text: string;
  sup: true;
  style: 'citation';
  linkToDestination?: string;
  linkContents?: string;
  role?: string;
}

/** The destination name of source number `n`: the sources list's template sets it, citations link to it. */
export const sourceDestination = (n: number): string => `source-${n}`;

// Tells the Reference elements of one text apart (a source cited twice in a paragraph is two references).
let counter = 0;
export function resetCitationKeys(): void {
  counter = 0;
}

const MARKER = new RegExp(`${CITE_OPEN}([^${CITE_CLOSE}]*)${CITE_CLOSE}`, 'g');

/** A run of text, with any citation markers in it made into raised, linked numbers. */
export function citationRuns<I, M extends { code?: boolean }>(
  text: string,
  marks: M,
  run: (text: string, marks: M) => I,
): (I | CitationRun)[] {
  if (!text.includes(CITE_OPEN)) return [run(text, marks)];
  const out: (I | CitationRun)[] = [];
  let at = 0;
  for (const m of text.matchAll(MARKER)) {
    if (m.index > at) out.push(run(text.slice(at, m.index), marks));
    const cites = readMarker(m[1]!);
    // In code, the citation as typed but numbered, with the space the marker took (citations.ts) given back.
    const space = m.index > 0 && !/\s$/.test(text.slice(0, m.index)) ? ' ' : '';
    if (marks.code) out.push(run(`${space}[${cites.map((c) => c.n).join(', ')}]`, marks));
    else
      cites.forEach((c, i) => {
        if (i > 0) out.push({ text: ',', sup: true, style: 'citation' });
        out.push({
          text: String(c.n),
          sup: true,
          style: 'citation',
          linkToDestination: sourceDestination(c.n),
          linkContents: c.label,
          role: `Reference#c${counter++}`,
        });
      });
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push(run(text.slice(at), marks));
  return out;
}
