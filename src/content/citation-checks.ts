/**
 * What validation says about citations and judgements: an unknown source
 * id or a duplicate one is an error; a source never cited (in a briefing
 * that cites) is a warning; with `sources: required` in the config, a key
 * fact or timeline entry that cites nothing is an error; a bottom line whose
 * words say another likelihood than its `likelihood:` is a warning.
 */
import type { FieldPath } from '../types.js';
import { closest } from '../suggest.js';
import { citationsOf, sourceList, sourceNumbers } from './citations.js';
import { blufJudgement, blufText, contradictingLikelihoods, localeLikelihoodWords } from './confidence.js';
import type { Briefing } from './schema.js';

export interface Finding {
  path: FieldPath;
  message: string;
}

const quoted = (xs: readonly string[]) => xs.map((x) => `"${x}"`).join(', ');

/** Errors: duplicate ids, citations of no source. */
export function citationErrors(b: Briefing): Finding[] {
  const out: Finding[] = [];
  const seen = new Map<string, number>();
  b.sources.forEach((s, i) => {
    if (s.id === undefined) return;
    const first = seen.get(s.id);
    if (first !== undefined)
      out.push({
        path: ['sources', i, 'id'],
        message: `the id "${s.id}" is already that of source ${first + 1}; give each source its own id`,
      });
    else seen.set(s.id, i);
  });
  const numbers = sourceNumbers(b.sources);
  const ids = [...seen.keys()];
  const ways = () => {
    const parts: string[] = [];
    if (ids.length) parts.push(`its id (${ids.join(', ')})`);
    if (b.sources.length) parts.push(`its number (${b.sources.length === 1 ? '1' : `1–${b.sources.length}`})`);
    return parts.length ? `cite a source by ${parts.join(' or ')}` : 'add the source under `sources` first, with an `id`';
  };
  for (const { path, key } of citationsOf(b)) {
    if (numbers.has(key)) continue;
    const guess = /^\d+$/.test(key) ? undefined : closest(key, ids);
    const what = /^\d+$/.test(key) ? `there is no source ${key}` : `no source has the id "${key}"`;
    out.push({ path, message: `${what}${guess ? ` (did you mean "${guess}"?)` : ''}; ${ways()}` });
  }
  return out;
}

/** Warnings: sources never cited, when the briefing cites at all. */
export function citationWarnings(b: Briefing): Finding[] {
  const cited = citationsOf(b);
  if (cited.length === 0) return [];
  const numbers = sourceNumbers(b.sources);
  const used = new Set(cited.map((c) => numbers.get(c.key)));
  const out: Finding[] = [];
  b.sources.forEach((s, i) => {
    if (used.has(i + 1)) return;
    const key = s.id ?? String(i + 1);
    out.push({
      path: ['sources', i],
      message: `source ${i + 1} (${s.publisher}) is never cited; cite it where the briefing draws on it ([@${key}], or source: ${key}), or remove it`,
    });
  });
  return out;
}

/** With `sources: required`: each key fact and timeline entry cites a source (in its text or its `source:`). */
export function requiredSourceErrors(b: Briefing): Finding[] {
  const out: Finding[] = [];
  const cites = (text: string, source: string | string[] | undefined) => sourceList(source).length > 0 || /\[@[^\]]+\]/.test(text);
  const message = (field: string) =>
    `cites no source, and the config file says \`sources: required\`: add \`source: <id>\` (or [@id] in its ${field})`;
  b.keyFacts.forEach((k, i) =>
    k.rows.forEach((r, j) => {
      if (!cites(r.value, r.source)) out.push({ path: ['keyFacts', i, 'rows', j], message: message('value') });
    }),
  );
  b.timeline.forEach((t, i) => {
    if (!cites(t.event, t.source)) out.push({ path: ['timeline', i], message: message('event') });
  });
  return out;
}

/** A bottom line whose words say another likelihood than its `likelihood:` field (English, or the locale's words). */
export function likelihoodWarnings(b: Briefing, labels: Record<string, string>): Finding[] {
  const { likelihood } = blufJudgement(b.bluf);
  if (!likelihood) return [];
  const words = localeLikelihoodWords(labels, b.language ?? 'en');
  const other = contradictingLikelihoods(blufText(b.bluf), likelihood, words);
  if (other.length === 0) return [];
  return [
    {
      path: ['bluf', 'text'],
      message: `the text says ${quoted(other)} but \`likelihood\` is "${likelihood}"; make the words and the field agree`,
    },
  ];
}
