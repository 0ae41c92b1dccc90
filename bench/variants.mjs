/**
 * Distinct briefings for the benchmark, derived from the example content
 * (content/relos-duma-ratification.yaml): different headlines, dates and
 * references; sections dropped, reordered or lengthened; key-facts rows
 * dropped or added; timeline entries and quotes dropped or added. Every
 * variant is valid content, and deterministic: variant i is the same YAML on
 * every run. Whatever a variant adds is marked optional, so the fitter can
 * always get it onto one page (leaving things out costs it extra passes,
 * which is part of what is measured).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

export const EXAMPLE = fileURLToPath(new URL('../content/relos-duma-ratification.yaml', import.meta.url));
const base = parse(readFileSync(EXAMPLE, 'utf8'));

/** mulberry32: a small seeded PRNG, so variants are reproducible. */
function rng(seed) {
  let a = (seed * 0x9e3779b9) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HEADLINES = [
  'Russia moves to ratify its military logistics pact with India before Putin’s visit',
  'Duma set to approve RELOS logistics pact',
  'Moscow sends India logistics agreement to parliament ahead of the 23rd bilateral summit',
  'India–Russia RELOS: ratification before the December summit looks likely',
  'Russian lawmakers to vote on reciprocal military logistics access with India, a pact signed in February',
  'RELOS heads to the State Duma',
];

const EXTRA_SENTENCES = [
  'Officials in New Delhi have not commented publicly on the timing of the vote.',
  'Analysts note that similar agreements already link India with several other partners, including the United States, France and Japan.',
  'The text does not set out any standing deployment; each dispatch would still need the agreement of both governments.',
  'Russian state media reported the submission without further detail on the expected date of the plenary reading.',
  'The agreement is expected to simplify refuelling, berthing and maintenance for visiting ships and aircraft.',
  'Observers expect the pact to feature in the joint statement issued at the end of the summit.',
  'Logistics support under the agreement is to be provided on a reciprocal basis, with costs settled between the two sides.',
  'The submission follows a period of intensive contacts between the two defence ministries during the year.',
];

const EXTRA_SECTIONS = [
  {
    heading: 'Regional reactions',
    body: 'Neighbouring capitals have so far made no formal statement. Commentators in the region describe the pact as an incremental step rather than a change in alignment, and point to India’s parallel agreements with other partners.',
  },
  {
    heading: 'Legal procedure',
    body: '- **First reading:** the Duma committee on defence reviews the text.\n- **Plenary vote:** a simple majority is required.\n- **Federation Council:** the upper house must approve before the President signs the ratification law.',
  },
  {
    heading: 'Open questions',
    body: 'It is not yet clear how often the provisions will be used in practice, which ports and airfields will be designated, or how costs will be reconciled between the two sides over time.',
  },
];

const EXTRA_ROWS = [
  { label: 'Duration', value: 'Five years, renewed automatically unless either side gives notice' },
  { label: 'Costs', value: 'Settled on a reciprocal basis under separate implementing arrangements' },
  { label: 'Next step', value: 'Plenary vote in the State Duma, then the Federation Council' },
  { label: 'Parallel pacts', value: 'India has similar logistics agreements with the US, France, Japan and Australia' },
];

const EXTRA_TIMELINE = [
  { date: 'Feb 2025', event: 'Agreement text finalised by the two defence ministries' },
  { date: 'Nov 2025', event: 'Government approves submission of the agreement to the Duma' },
  { date: 'Early 2026', event: 'First joint activities under the agreement possible, if ratified' },
];

const pick = (r, list) => list[Math.floor(r() * list.length)];
const clone = (x) => structuredClone(x);

/** The example briefing's data with variant `i`'s changes (i ≥ 1). */
export function variantData(i) {
  const r = rng(i);
  const b = clone(base);
  b.headline = `${pick(r, HEADLINES)} (${i})`;
  b.reference = `DSB-2025-${String(i).padStart(4, '0')}`;
  b.date = `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
  if (r() < 0.3) b.standfirst = b.standfirst.replace(/, ahead of .*$/, '.');

  // Sections: sometimes drop one or two, sometimes swap two, sometimes lengthen one.
  let sections = b.sections;
  const drops = r() < 0.35 ? 1 + Math.floor(r() * 2) : 0;
  for (let d = 0; d < drops && sections.length > 1; d++) sections.splice(Math.floor(r() * sections.length), 1);
  if (r() < 0.3 && sections.length > 1) {
    const a = Math.floor(r() * sections.length);
    const c = (a + 1) % sections.length;
    [sections[a], sections[c]] = [sections[c], sections[a]];
  }
  if (r() < 0.5) {
    const s = sections[Math.floor(r() * sections.length)];
    const n = 1 + Math.floor(r() * 3);
    const start = Math.floor(r() * EXTRA_SENTENCES.length);
    const extra = Array.from({ length: n }, (_, k) => EXTRA_SENTENCES[(start + k) % EXTRA_SENTENCES.length]).join(' ');
    s.body = s.body.startsWith('-') ? `${s.body}\n- ${extra}` : `${s.body} ${extra}`;
    s.optional = true;
    s.priority = 20 + Math.floor(r() * 40);
  }
  if (r() < 0.35) sections.push({ ...clone(pick(r, EXTRA_SECTIONS)), optional: true, priority: Math.floor(r() * 30) });
  b.sections = sections;

  // Key facts: drop rows, sometimes a whole box, sometimes add rows.
  for (const box of b.keyFacts) {
    const keep = box.rows.filter(() => r() > 0.25);
    box.rows = keep.length > 0 ? keep : box.rows.slice(0, 1);
  }
  if (r() < 0.2 && b.keyFacts.length > 1) b.keyFacts.pop();
  if (r() < 0.4) {
    const box = b.keyFacts[0];
    const start = Math.floor(r() * EXTRA_ROWS.length);
    box.rows.push(...Array.from({ length: 1 + Math.floor(r() * 2) }, (_, k) => clone(EXTRA_ROWS[(start + k) % EXTRA_ROWS.length])));
    box.optional = true;
    box.priority = 60;
  }
  // A distinct fact in every variant.
  b.keyFacts[0].rows.unshift({ label: 'Variant', value: `Benchmark briefing no. ${i}` });

  // Timeline and quotes.
  b.timeline = b.timeline.filter(() => r() > 0.2);
  if (r() < 0.3) b.timeline.push({ ...clone(pick(r, EXTRA_TIMELINE)), optional: true });
  if (r() < 0.25) b.quotes = [];
  if (r() < 0.3) b.sources = b.sources.slice(0, 1 + Math.floor(r() * b.sources.length));
  return withoutDroppedCitations(b);
}

/** The briefing with its citations of sources no longer in its list taken out (an unknown id is an error). */
function withoutDroppedCitations(b) {
  const kept = new Set(b.sources.flatMap((s, n) => [String(n + 1), ...(s.id ? [s.id] : [])]));
  const keys = (list) => list.filter((k) => kept.has(String(k)));
  const text = (s) =>
    s.replace(/ ?\[(@[^\]]+)\]/g, (whole, inner) => {
      const ids = keys(inner.split(';').map((k) => k.trim().replace(/^@/, '')));
      return ids.length ? `${whole.startsWith(' ') ? ' ' : ''}[${ids.map((k) => `@${k}`).join('; ')}]` : '';
    });
  const walk = (v) => {
    if (typeof v === 'string') return text(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const out = {};
      for (const [k, x] of Object.entries(v)) {
        if (k === 'source') {
          const list = keys(Array.isArray(x) ? x : [x]);
          if (list.length) out[k] = Array.isArray(x) ? list : list[0];
        } else out[k] = walk(x);
      }
      return out;
    }
    return v;
  };
  return { ...walk(b), sources: b.sources };
}

export const variantYaml = (i) => stringify(variantData(i), { lineWidth: 0 });

/**
 * A deliberately long briefing: every section lengthened, extra sections, rows
 * and timeline entries, all additions optional. The fitter has to go down to
 * its floors and then leave things out.
 */
export function longVariantYaml() {
  const b = clone(base);
  b.headline = `${b.headline}: the long version`;
  for (const [k, s] of b.sections.entries()) {
    const extra = EXTRA_SENTENCES.slice(k, k + 3).join(' ');
    s.body = s.body.startsWith('-') ? `${s.body}\n- ${extra}` : `${s.body} ${extra}`;
  }
  b.sections.push(...EXTRA_SECTIONS.map((s, k) => ({ ...clone(s), optional: true, priority: 10 + k * 10 })));
  b.keyFacts[0].rows.push(...clone(EXTRA_ROWS));
  b.keyFacts[1].optional = true;
  b.keyFacts[1].priority = 40;
  b.timeline.push(...EXTRA_TIMELINE.map((t) => ({ ...clone(t), optional: true })));
  return stringify(b, { lineWidth: 0 });
}
