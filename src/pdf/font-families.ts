/**
 * What a template's fonts cover, for people (`briefing fonts`): each family,
 * its files, and the scripts it can set. Parses every font of the template,
 * so it is for listing, not for builds.
 */
import type { Template } from '../types.js';
import { FACES, loadFont } from './fonts.js';

/** A letter or two of each script briefing knows, to test a font with. */
const SCRIPTS: Record<string, string> = {
  Latin: 'Aaẞđ',
  Vietnamese: 'ơư',
  Greek: 'Ωω',
  Cyrillic: 'Жж',
  Arabic: 'بپ',
  Hebrew: 'א',
  Devanagari: 'क',
  Thai: 'ก',
  Han: '中国',
  Kana: 'あア',
  Hangul: '한',
};

export interface FontFamilyInfo {
  family: string;
  files: Record<string, string>;
  scripts: string[];
  /** Tried for characters the main font lacks (theme fallbacks), or first for these languages (theme languageFonts). */
  fallback: boolean;
  languages: string[];
}

export function fontFamilies(template: Template): FontFamilyInfo[] {
  return Object.entries(template.fonts).map(([family, faces]) => {
    const font = loadFont(faces.normal);
    const scripts = Object.entries(SCRIPTS)
      .filter(([, sample]) => [...sample].every((ch) => font.hasGlyphForCodePoint(ch.codePointAt(0)!)))
      .map(([name]) => name);
    return {
      family,
      files: Object.fromEntries(FACES.map((f) => [f, faces[f]])),
      scripts,
      fallback: template.theme.fallbacks.includes(family),
      languages: Object.entries(template.theme.languageFonts)
        .filter(([, fs]) => fs.includes(family))
        .map(([tag]) => tag),
    };
  });
}
