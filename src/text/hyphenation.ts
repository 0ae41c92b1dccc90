/**
 * Where a word may be hyphenated, by language, from TeX's hyphenation
 * patterns (Liang's algorithm, via the `hyphen` package). Patterns are big
 * (0.1–0.7 MB a language) and most briefings never need them, so a
 * language's patterns are loaded only when a word of it first has to be
 * broken, and only that language's.
 */
import { createRequire } from 'node:module';

interface Hyphenator {
  hyphenateSync(text: string, options?: { hyphenChar?: string; minWordLength?: number }): string;
}

/** `hyphen`'s module for each language briefing can hyphenate (BCP 47 primary subtag, or a full tag where the patterns differ). */
const PATTERNS: Record<string, string> = {
  en: 'en-us',
  'en-gb': 'en-gb',
  de: 'de-1996',
  'de-ch': 'de-ch-1901',
  fr: 'fr',
  es: 'es',
  it: 'it',
  pt: 'pt',
  nl: 'nl',
  ru: 'ru',
  uk: 'uk',
  be: 'be',
  bg: 'bg',
  pl: 'pl',
  cs: 'cs',
  sk: 'sk',
  sl: 'sl',
  hr: 'hr',
  sr: 'sr-cyrl',
  mk: 'mk',
  hu: 'hu',
  ro: 'ro',
  tr: 'tr',
  el: 'el-monoton',
  da: 'da',
  sv: 'sv',
  nb: 'nb',
  nn: 'nn',
  no: 'nb',
  fi: 'fi',
  et: 'et',
  lv: 'lv',
  lt: 'lt',
  ca: 'ca',
  eu: 'eu',
  gl: 'gl',
  ga: 'ga',
  cy: 'cy',
  is: 'is',
  id: 'id',
  ka: 'ka',
  hy: 'hy',
  hi: 'hi',
  mr: 'mr',
  bn: 'bn',
  ta: 'ta',
  te: 'te',
  kn: 'kn',
  ml: 'ml',
  gu: 'gu',
  pa: 'pa',
  th: 'th',
  la: 'la',
};

/**
 * Letters kept together at a word's start and end. TeX's own defaults per
 * language would differ slightly; two and three are what English style
 * guides ask for and never look wrong elsewhere.
 */
const LEFT_MIN = 2;
const RIGHT_MIN = 3;

const loaded = new Map<string, Hyphenator | null>();
const requireHere = createRequire(import.meta.url);

/** The pattern module for a BCP 47 tag, or undefined when there are none (Chinese, Japanese, Korean, Arabic…: not hyphenated). */
export function patternsFor(language: string | undefined): string | undefined {
  const tag = (language ?? 'en').toLowerCase();
  const parts = tag.split(/[-_]/);
  return PATTERNS[`${parts[0]}-${parts[1] ?? ''}`] ?? PATTERNS[parts[0]!];
}

function hyphenator(language: string | undefined): Hyphenator | null {
  const name = patternsFor(language);
  if (!name) return null;
  let h = loaded.get(name);
  if (h === undefined) {
    try {
      h = requireHere(`hyphen/${name}`) as Hyphenator;
    } catch {
      // A missing pattern file must not stop a build: the word is then broken by characters, as without hyphenation.
      h = null;
    }
    loaded.set(name, h);
  }
  return h;
}

const LETTERS = /^[\p{L}\p{M}]+$/u;
const cache = new Map<string, number[]>();

/**
 * Offsets in `word` (letters only) after which it may be hyphenated, in
 * increasing order; none for words that are not all letters (codes, hashes,
 * numbers), all-capital words of six letters or fewer (acronyms), and
 * languages without patterns.
 */
export function hyphenationPoints(word: string, language: string | undefined): number[] {
  if (word.length < LEFT_MIN + RIGHT_MIN || word.length > 80 || !LETTERS.test(word)) return [];
  if (word.length <= 6 && word === word.toUpperCase()) return [];
  const key = `${language ?? ''}\u0000${word}`;
  const known = cache.get(key);
  if (known) return known;
  const h = hyphenator(language);
  const points: number[] = [];
  if (h) {
    // Patterns are written for lower case; the break points are the same for any case.
    const lower = word.toLowerCase();
    // (Lower case can change a word's length, as "İ" does; such a word is looked up as written.)
    const marked = h.hyphenateSync(lower.length === word.length ? lower : word, {
      hyphenChar: '\u00ad',
      minWordLength: LEFT_MIN + RIGHT_MIN,
    });
    let at = 0;
    for (const ch of marked) {
      if (ch === '\u00ad') {
        if (at >= LEFT_MIN && word.length - at >= RIGHT_MIN) points.push(at);
      } else at += ch.length;
    }
  }
  if (cache.size > 10_000) cache.clear();
  cache.set(key, points);
  return points;
}
