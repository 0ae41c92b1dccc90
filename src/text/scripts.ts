/**
 * What every script needs of a document definition before layout: word
 * breaks where a script writes no spaces, each character in a font that has
 * it (Han in the face of the briefing's language), the language's own line
 * height (Urdu's Nastaliq), and right-to-left text in order.
 */
import { applyFontFallbacks, fallbackFamilies, languageFamilies } from '../pdf/fallback.js';
import { isRightToLeft } from '../template/locales.js';
import type { Briefing, DocDefinition, FontSet, Template } from '../types.js';
import { applyBidi } from './bidi.js';
import { takesCjkPunctuation } from './cjk-punctuation.js';
import { leadingFor, scaleLineHeights } from './leading.js';
import { applyWordBreaks } from './segment.js';

export function applyScripts(doc: DocDefinition, briefing: Briefing, template: Template, fonts: FontSet): void {
  const language = briefing.language ?? 'en';
  applyWordBreaks(doc);
  scaleLineHeights(doc, leadingFor(template.theme, language));
  // Chinese and Japanese set “ ” … from their own face (cjk-punctuation.ts): the first of the language's fonts present.
  const punctuation = takesCjkPunctuation(language) ? languageFamilies(template.theme, language).find((f) => fonts[f]) : undefined;
  applyFontFallbacks(doc, fonts, fallbackFamilies(template.theme, language), punctuation);
  const draws = (family: string, text: string) => {
    const font = fonts[family]?.normal;
    return font !== undefined && [...text].every((c) => font.hasGlyphForCodePoint(c.codePointAt(0)!));
  };
  applyBidi(doc, isRightToLeft(language) ? 'rtl' : 'ltr', draws);
}
