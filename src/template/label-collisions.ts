/**
 * A fixed word of the template that repeats a section heading of the same
 * briefing reads as two sections of one name: Japanese 経緯 ("how it came
 * about") is both a common section heading and a word for a timeline. The
 * built-in labels are chosen not to be headings, but a briefing may still
 * use one as a heading: it is told so, with the content field that renames
 * the label.
 */
import { formatPath } from '../errors.js';
import type { Briefing, FieldPath, LoadedContent, Warning } from '../types.js';
import type { Labels } from './locales.js';

/** The labels the built-in template prints as the titles of sections and boxes. */
const TITLES = ['bottom_line', 'timeline', 'sources'] as const;

const same = (a: string, b: string, language: string) => a.trim().toLocaleLowerCase(language) === b.trim().toLocaleLowerCase(language);

export function labelCollisions(briefing: Briefing, labels: Labels, loaded: Pick<LoadedContent, 'file' | 'locate'>): Warning[] {
  const language = briefing.language ?? 'en';
  const warnings: Warning[] = [];
  briefing.sections.forEach((section, i) => {
    const key = TITLES.find((k) => labels[k] !== undefined && same(labels[k], section.heading, safe(language)));
    if (!key) return;
    const path: FieldPath = ['sections', i, 'heading'];
    warnings.push({
      file: loaded.file,
      path: formatPath(path),
      message: `the heading "${section.heading}" is also the template's title for ${key.replace('_', ' ')}, so the page would show two of that name; rename the heading, or give the box its own title in this file: labels: { ${key}: \u2026 }`,
      ...loaded.locate(path),
    });
  });
  return warnings;
}

/** A tag toLocaleLowerCase accepts (an unknown one falls back to the default casing). */
function safe(language: string): string {
  try {
    return Intl.getCanonicalLocales(language)[0] ?? 'en';
  } catch {
    return 'en';
  }
}
