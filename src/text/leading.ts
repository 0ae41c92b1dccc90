/**
 * A language's own line height. Nastaliq, the style Urdu is written in,
 * sets each word on a slope that climbs above and falls below the line, so
 * its font's line box is 2.5 em where Noto Sans's is 1.36: at the template's
 * line heights, Urdu lines would stand far apart. The theme says how much of
 * that box a language's lines take (`languageLeading: { ur: 0.8 }`), and
 * every line height of the document is multiplied by it.
 */
import { languageChain } from '../template/locales.js';
import type { DocDefinition } from '../types.js';

/** The theme's factor for the most specific tag of the language that has one; 1 if none does. */
export function leadingFor(theme: { languageLeading?: Record<string, number> }, language: string): number {
  const byLanguage = theme.languageLeading ?? {};
  const tag = languageChain(language).find((t) => byLanguage[t] !== undefined);
  return tag === undefined ? 1 : byLanguage[tag]!;
}

/** Multiplies every `lineHeight` of the document (default style, named styles, nodes) by `factor`, in place. */
export function scaleLineHeights(doc: DocDefinition, factor: number): void {
  if (factor === 1) return;
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const v of value) walk(v);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const node = value as Record<string, unknown>;
    for (const [key, v] of Object.entries(node)) {
      if (key === 'lineHeight' && typeof v === 'number') node[key] = round(v * factor);
      else if (typeof v === 'object') walk(v);
    }
  };
  walk(doc);
  // A style-less text inherits pdfmake's default line height of 1: give it the factor too.
  const base = (doc.defaultStyle ??= {}) as Record<string, unknown>;
  if (typeof base.lineHeight !== 'number') base.lineHeight = factor;
}

const round = (v: number) => Math.round(v * 1e4) / 1e4;
