/**
 * What a template sees of citations and judgements: Markdown with its
 * citations resolved to the sources' numbers (content/citations.ts), the
 * citations of a `source:` field, and the confidence and likelihood of a
 * judgement in the briefing's words (the template's locale files).
 */
import { citeMarker, resolveCitations, sourceList, sourceNumbers, type Cite } from '../content/citations.js';
import { sourceDestination } from '../content/citation-runs.js';
import { confidenceKey, LIKELIHOOD_RANGES, likelihoodKey, type Judgement } from '../content/confidence.js';
import type { Briefing } from '../content/schema.js';
import { fillLabel } from '../template/locales.js';

type Labels = Record<string, string>;

/** A citation as a template sees it: `{{n}}`, its link's destination and what the link says it is. */
export interface CiteView {
  n: number;
  destination: string;
  label: string;
}

export interface Citer {
  /** Markdown with `[@key]` made into superscript markers. */
  markdown(text: string): string;
  /** A `source:` field's citations, as markers to append to Markdown, and as a list. */
  marker(source: string | string[] | undefined): string;
  list(source: string | string[] | undefined): CiteView[];
}

export function citer(b: Pick<Briefing, 'sources'>, labels: Labels): Citer {
  const numbers = sourceNumbers(b.sources);
  const cite = (key: string): Cite | undefined => {
    const n = numbers.get(key);
    if (n === undefined) return undefined;
    const s = b.sources[n - 1]!;
    return { n, label: fillLabel(labels.citation ?? 'Source {n}: {source}', { n: String(n), source: s.publisher }) };
  };
  const cites = (source: string | string[] | undefined) =>
    sourceList(source)
      .map(cite)
      .filter((c): c is Cite => c !== undefined);
  return {
    markdown: (text) => resolveCitations(text, cite),
    marker: (source) => {
      const list = cites(source);
      return list.length ? citeMarker(list) : '';
    },
    list: (source) => cites(source).map((c) => ({ ...c, destination: sourceDestination(c.n) })),
  };
}

/** A judgement's confidence and likelihood in the briefing's words, or null when it states neither. */
export interface JudgementView {
  confidence: { level: string; words: string; text: string } | null;
  likelihood: { level: string; words: string; low: number; high: number; text: string; withRange: string } | null;
}

export function judgementView(j: Judgement, labels: Labels): JudgementView | null {
  if (!j.confidence && !j.likelihood) return null;
  const word = (key: string, fallback: string) => labels[key] ?? fallback;
  let confidence: JudgementView['confidence'] = null;
  if (j.confidence) {
    const words = word(confidenceKey(j.confidence), j.confidence);
    confidence = { level: j.confidence, words, text: fillLabel(word('confidence', 'Confidence: {level}'), { level: words }) };
  }
  let likelihood: JudgementView['likelihood'] = null;
  if (j.likelihood) {
    const words = word(likelihoodKey(j.likelihood), j.likelihood);
    const [low, high] = LIKELIHOOD_RANGES[j.likelihood];
    const ranged = fillLabel(word('likelihood_range', '{likelihood} ({low}–{high}%)'), {
      likelihood: words,
      low: String(low),
      high: String(high),
    });
    const label = word('likelihood', 'Likelihood: {level}');
    likelihood = {
      level: j.likelihood,
      words,
      low,
      high,
      text: fillLabel(label, { level: words }),
      withRange: fillLabel(label, { level: ranged }),
    };
  }
  return { confidence, likelihood };
}
