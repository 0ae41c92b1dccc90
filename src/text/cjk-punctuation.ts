/**
 * Punctuation that Chinese and Japanese share with Latin text (“ ” ‘ ’ … ‥
 * — ―: Unicode's East Asian "ambiguous" width) is drawn differently in each
 * script: in a CJK face the quotation marks are full width and the ellipsis
 * sits at the middle of the em; in a Latin face they are half width and the
 * ellipsis is on the baseline (and slanted in an italic run). In a Chinese or
 * Japanese briefing they are therefore set from the language's CJK face,
 * whose italics are upright, even though the main font has them too.
 */

const SHARED = /[\u2018\u2019\u201c\u201d\u2026\u2025\u2014\u2015]/u;
/** A letter or digit of a script written with spaces (not Han, kana or Hangul). */
const SPACED_WORD = /[\p{L}\p{N}]/u;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** Chinese and Japanese take their shared punctuation from their CJK face; Korean sets it proportionally, as Latin text does. */
export function takesCjkPunctuation(language: string): boolean {
  const primary = language.toLowerCase().split(/[-_]/)[0];
  return primary === 'zh' || primary === 'ja';
}

/** Whether `text` has any of the shared punctuation. */
export function hasSharedPunctuation(text: string): boolean {
  return SHARED.test(text);
}

/**
 * Whether the character at text[i] is shared punctuation to set in the CJK
 * face: not an apostrophe or dash between two letters of a Latin word
 * (Putin’s, S‐400), which stays with the word's font.
 */
export function isCjkPunctuationAt(text: string, i: number): boolean {
  const ch = text[i]!;
  if (!SHARED.test(ch)) return false;
  const prev = text[i - 1] ?? '';
  const next = text[i + 1] ?? '';
  const inWord = (c: string) => SPACED_WORD.test(c) && !CJK.test(c);
  return !(inWord(prev) && inWord(next));
}
