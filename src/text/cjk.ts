/**
 * Where lines of Chinese or Japanese text join. These languages are written
 * without spaces between words, so a line break in the source between two of
 * their characters is no space at all (CSS Text 3's segment break rule);
 * between any others, or next to Korean (which puts spaces between words),
 * it is a space.
 */

/** Han, kana, CJK punctuation and full-width forms: characters written without spaces around them. */
const CLOSE_SET = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\u30fc\uff01-\uff60\uffe0-\uffe6]/u;

/** The characters at the end of text[0..before) and the start of text[after..): both Chinese or Japanese? */
export function joinsWithoutSpace(text: string, before: number, after: number): boolean {
  if (before <= 0 || after >= text.length) return false;
  const prev = String.fromCodePoint(text.codePointAt(before - 1 - (isLowSurrogate(text.charCodeAt(before - 1)) ? 1 : 0))!);
  const next = String.fromCodePoint(text.codePointAt(after)!);
  return CLOSE_SET.test(prev) && CLOSE_SET.test(next);
}

const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;
