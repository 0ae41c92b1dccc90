/**
 * Confidence and likelihood, as ICD 203 asks a desk to state them: a level
 * of confidence in a judgement (high, moderate, low) and, for how likely an
 * outcome is, a fixed scale of words with the ranges they stand for. The
 * page shows them in the briefing's language (the template's locales); the
 * check here warns when a bottom line's prose says one likelihood and its
 * `likelihood:` field another.
 */
import type { Briefing } from './schema.js';
import { LIKELIHOODS, type Confidence, type Likelihood } from './scales.js';

export { CONFIDENCE_LEVELS, LIKELIHOODS, type Confidence, type Likelihood } from './scales.js';

/** The percentage range each term stands for (ICD 203). */
export const LIKELIHOOD_RANGES: Record<Likelihood, readonly [number, number]> = {
  'almost no chance': [1, 5],
  'very unlikely': [5, 20],
  unlikely: [20, 45],
  'roughly even chance': [45, 55],
  likely: [55, 80],
  'very likely': [80, 95],
  'almost certain': [95, 99],
};

/** The label key of a term in the template's locale files: `likely` → `likelihood_likely`. */
export const likelihoodKey = (l: Likelihood): string => `likelihood_${l.replace(/ /g, '_')}`;
export const confidenceKey = (c: Confidence): string => `confidence_${c}`;

/** A bottom line as the content gives it: plain text, or a mapping with its judgement. */
export type Bluf = Briefing['bluf'];
export interface Judgement {
  confidence?: Confidence;
  likelihood?: Likelihood;
}

export const blufText = (bluf: Bluf): string => (typeof bluf === 'string' ? bluf : bluf.text);
export const blufJudgement = (bluf: Bluf): Judgement =>
  typeof bluf === 'string' ? {} : { confidence: bluf.confidence, likelihood: bluf.likelihood };

/**
 * English words for each term, with the ICD 203 synonyms (probable, highly
 * improbable, nearly certain…). Other languages use the term as their
 * locale file writes it.
 */
const ENGLISH: Record<Likelihood, readonly string[]> = {
  'almost no chance': ['almost no chance', 'remote', 'remotely'],
  'very unlikely': ['very unlikely', 'highly unlikely', 'highly improbable'],
  unlikely: ['unlikely', 'improbable', 'improbably'],
  'roughly even chance': ['roughly even chance', 'even chance', 'roughly even odds', 'even odds'],
  likely: ['likely', 'probable', 'probably'],
  'very likely': ['very likely', 'highly likely', 'highly probable'],
  'almost certain': ['almost certain', 'almost certainly', 'nearly certain', 'nearly certainly', 'virtually certain'],
};

/**
 * The likelihood terms a text uses, longest match first so that "very
 * unlikely" is not also read as "unlikely" and "likely". `words` maps each
 * term to the words that say it (English by default).
 */
export function likelihoodsSaid(text: string, words: Partial<Record<Likelihood, readonly string[]>> = ENGLISH): Likelihood[] {
  const phrases = Object.entries(words)
    .flatMap(([term, ws]) => (ws ?? []).map((w) => ({ term: term as Likelihood, w: w.toLowerCase() })))
    .filter((p) => p.w.trim() !== '')
    .sort((a, b) => b.w.length - a.w.length);
  let rest = ` ${text.toLowerCase().replace(/\s+/g, ' ')} `;
  const found: Likelihood[] = [];
  for (const { term, w } of phrases) {
    // Most phrases are not in the text at all: a plain search first, the whole-word pattern only where it is.
    if (!rest.includes(w)) continue;
    const re = wholeWord(w);
    re.lastIndex = 0;
    if (re.test(rest)) {
      if (!found.includes(term)) found.push(term);
      rest = rest.replace(re, ' ');
    }
  }
  return found;
}

/**
 * A phrase as whole words: letters (of any script) may not touch it on either side. Kept per phrase: a pattern
 * with Unicode classes and lookbehind costs far more to compile than to run (it was 6% of a cold build).
 */
const wholeWords = new Map<string, RegExp>();
function wholeWord(w: string): RegExp {
  let re = wholeWords.get(w);
  if (!re) {
    re = new RegExp(`(?<![\\p{L}\\p{M}])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{M}])`, 'gu');
    if (wholeWords.size < 1000) wholeWords.set(w, re);
  }
  return re;
}

/** The terms in a bottom line's text that contradict its `likelihood:` (none when it has none or says only that one). */
export function contradictingLikelihoods(
  text: string,
  likelihood: Likelihood,
  words?: Partial<Record<Likelihood, readonly string[]>>,
): Likelihood[] {
  return likelihoodsSaid(text, words).filter((t) => t !== likelihood);
}

/** The words to look for in a language: English with its synonyms, or the locale file's wording of each term. */
export function localeLikelihoodWords(labels: Record<string, string>, language: string): Partial<Record<Likelihood, readonly string[]>> {
  if (/^en\b/i.test(language)) return ENGLISH;
  const out: Partial<Record<Likelihood, readonly string[]>> = {};
  for (const l of LIKELIHOODS) {
    const w = labels[likelihoodKey(l)];
    if (w) out[l] = [w];
  }
  return out;
}
