/**
 * Typographic quotation marks and apostrophes, by language: the straight
 * quotes a YAML file is typed with become the marks a reader of that
 * language expects (“…” in English, «…» in French and Russian, „…“ in
 * German, 「…」 in Japanese), and a straight apostrophe becomes ’.
 *
 * quotesFor is also what a template's own quotation marks should follow.
 */

export interface QuoteMarks {
  /** Outer quotation marks. French ones include the narrow no-break space French typography puts inside them. */
  open: string;
  close: string;
  /** Quotation marks for a quotation inside a quotation. */
  innerOpen: string;
  innerClose: string;
}

const q = (open: string, close: string, innerOpen: string, innerClose: string): QuoteMarks => ({ open, close, innerOpen, innerClose });

const ENGLISH = q('\u201c', '\u201d', '\u2018', '\u2019');
const GUILLEMETS = q('«', '»', '\u201c', '\u201d');
const GUILLEMETS_LOW = q('«', '»', '\u201e', '\u201c');
const LOW_HIGH = q('\u201e', '\u201c', '\u201a', '\u2018');
const CJK_CORNER = q('\u300c', '\u300d', '\u300e', '\u300f');
const NNBSP = '\u202f';

/**
 * Marks per language (primary subtag, or a full tag where a region or
 * script differs), after the Unicode CLDR's delimiters and the languages'
 * style guides.
 */
const MARKS: Record<string, QuoteMarks> = {
  en: ENGLISH,
  fr: q(`«${NNBSP}`, `${NNBSP}»`, '\u201c', '\u201d'),
  'fr-ch': q('«', '»', '\u2039', '\u203a'),
  de: LOW_HIGH,
  'de-ch': q('«', '»', '\u2039', '\u203a'),
  es: GUILLEMETS,
  it: GUILLEMETS,
  pt: ENGLISH,
  'pt-pt': GUILLEMETS,
  ca: GUILLEMETS,
  el: GUILLEMETS,
  ru: GUILLEMETS_LOW,
  uk: GUILLEMETS_LOW,
  be: GUILLEMETS_LOW,
  lv: GUILLEMETS_LOW,
  pl: q('\u201e', '\u201d', '«', '»'),
  ro: q('\u201e', '\u201d', '«', '»'),
  hu: q('\u201e', '\u201d', '»', '«'),
  cs: LOW_HIGH,
  sk: LOW_HIGH,
  sl: LOW_HIGH,
  hr: LOW_HIGH,
  bs: LOW_HIGH,
  sr: q('\u201e', '\u201c', '\u2019', '\u2019'),
  bg: q('\u201e', '\u201c', '\u201e', '\u201c'),
  mk: q('\u201e', '\u201c', '\u2019', '\u2018'),
  lt: LOW_HIGH,
  et: LOW_HIGH,
  is: LOW_HIGH,
  ka: LOW_HIGH,
  nl: ENGLISH,
  da: ENGLISH,
  no: q('«', '»', '\u2018', '\u2019'),
  nb: q('«', '»', '\u2018', '\u2019'),
  nn: q('«', '»', '\u2018', '\u2019'),
  sv: q('\u201d', '\u201d', '\u2019', '\u2019'),
  fi: q('\u201d', '\u201d', '\u2019', '\u2019'),
  tr: ENGLISH,
  hy: GUILLEMETS,
  ar: q('«', '»', '\u201c', '\u201d'),
  fa: q('«', '»', '\u201c', '\u201d'),
  ur: q('\u201c', '\u201d', '\u2018', '\u2019'),
  he: q('\u201d', '\u201d', '\u2019', '\u2019'),
  hi: ENGLISH,
  th: ENGLISH,
  vi: ENGLISH,
  id: ENGLISH,
  ms: ENGLISH,
  ko: ENGLISH,
  zh: ENGLISH,
  'zh-hans': ENGLISH,
  'zh-hant': CJK_CORNER,
  'zh-tw': CJK_CORNER,
  'zh-hk': CJK_CORNER,
  ja: CJK_CORNER,
};

/** The quotation marks of a language (BCP 47 tag); English ones for a language not listed. */
export function quotesFor(language: string | undefined): QuoteMarks {
  const parts = (language ?? 'en').toLowerCase().split(/[-_]/);
  for (let n = parts.length; n > 0; n--) {
    const marks = MARKS[parts.slice(0, n).join('-')];
    if (marks) return marks;
  }
  return ENGLISH;
}

const APOSTROPHE = '\u2019';
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** After these (or at the start), a quote opens. */
const OPENS_AFTER = /[\s([{\-\u2013\u2014/\u2018\u201c\u00ab\u201e\u201a\u300c\u300e]/u;

/**
 * Straight quotes and apostrophes in `text` made typographic. `before` is
 * the character just before the text (when it continues a run of text in
 * another style), so that a quote opening at a style change opens.
 */
export function smartQuotes(text: string, language: string | undefined, before = ''): string {
  if (!text.includes('"') && !text.includes("'")) return text;
  const marks = quotesFor(language);
  let out = '';
  let singleOpen = false;
  let doubleOpen = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== '"' && c !== "'") {
      out += c;
      continue;
    }
    const prev = out.length > 0 ? out[out.length - 1]! : before.slice(-1);
    const next = text[i + 1] ?? '';
    const opens = prev === '' || OPENS_AFTER.test(prev);
    if (c === "'") {
      // Between letters (don't, Putin's), or before a year's digits ('90s): an apostrophe; before a word, an opening quote.
      // Elsewhere it closes the single quote opened before, if one is open, or else it is an apostrophe (the Smiths' house).
      if (LETTER_OR_DIGIT.test(prev) && LETTER_OR_DIGIT.test(next)) out += APOSTROPHE;
      else if (opens && /\d/.test(next)) out += APOSTROPHE;
      else if (opens && next !== '' && !/\s/.test(next)) {
        out += marks.innerOpen;
        singleOpen = true;
      } else if (singleOpen) {
        out += marks.innerClose;
        singleOpen = false;
      } else out += APOSTROPHE;
      continue;
    }
    // Before a word it opens, after one it closes; where both or neither hold (spaces on both sides, or Chinese and
    // Japanese, written without spaces), it opens unless a quote is open.
    const closes = next === '' || /[\s.,;:!?)\]}\u2026]/u.test(next);
    if (opens !== closes ? opens : !doubleOpen) {
      out += marks.open;
      doubleOpen = true;
      // «\u202f…: the space comes with the mark; one typed after it would double it.
      if (marks.open.endsWith(NNBSP)) while (text[i + 1] === ' ') i++;
    } else {
      if (marks.close.startsWith(NNBSP)) out = out.replace(/ +$/, '');
      out += marks.close;
      doubleOpen = false;
    }
  }
  return out;
}

/**
 * smartQuotes over a sequence of text runs (one paragraph in several
 * styles), each run seeing the text before it; runs for which `skip` is true
 * (code) are left as typed.
 */
export function smartQuoteRuns<T extends { text: string }>(runs: T[], language: string | undefined, skip: (run: T) => boolean): T[] {
  let before = '';
  for (const run of runs) {
    if (!skip(run)) run.text = smartQuotes(run.text, language, before);
    if (run.text) before = run.text.slice(-1);
  }
  return runs;
}
