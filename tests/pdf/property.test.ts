/**
 * Random input, thrown at validate and build (issue 12, "Done when"): every
 * run ends (the limits bound the work a file can cause; the generous timeouts
 * here only bound a hang), any failure is a BriefingError (never an internal
 * error), and on success every word of every field is on the page, read back
 * from the PDF.
 *
 * One word in ten is long (25 to 300 characters, wider than any column):
 * the line breaker splits it without adding characters (issue 12, item 5),
 * so it still reads back whole once line breaks are taken out.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { BriefingError, buildBriefing, checkBriefing } from '../../src/index.js';
import { markdownBlocks, markdownInlines } from '../../src/content/richtext.js';
import { parsePdf, squash } from '../helpers/pdf.js';

/** Letters the built-in template's fonts have, with accents, digits and punctuation, and Markdown's own characters. */
const CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéüçñøßłőžΑβγδЖжщЮ0123456789.,;:!?()[]{}<>/\\\'"“”‘’–—&%$#@+=~^|_*`-';
const word = fc.oneof(
  { weight: 9, arbitrary: fc.string({ unit: fc.constantFrom(...CHARS), minLength: 1, maxLength: 24 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...CHARS), minLength: 25, maxLength: 300 }) },
);
const words = (min: number, max: number) => fc.array(word, { minLength: min, maxLength: max }).map((w) => w.join(' '));
/** Markdown: words with emphasis, code, links and list items mixed in. */
const markdown = fc
  .array(
    fc.oneof(
      word,
      word.map((w) => `**${w}**`),
      word.map((w) => `*${w}*`),
      word.map((w) => `\`${w}\``),
      word.map((w) => `[${w}](https://example.org/${encodeURIComponent(w)})`),
      word.map((w) => `\n- ${w}`),
      word.map((w) => `\n\n> ${w}`),
    ),
    { minLength: 1, maxLength: 12 },
  )
  .map((parts) => parts.join(' '));

const briefing = fc.record({
  organisation: words(1, 3),
  reference: words(1, 2),
  date: fc.constant('2025-03-14'),
  marking: words(1, 2),
  headline: words(1, 10),
  standfirst: markdown,
  bluf: markdown,
  sections: fc.array(fc.record({ heading: words(1, 4), body: markdown }), { minLength: 1, maxLength: 3 }),
  keyFacts: fc.array(
    fc.record({ title: words(1, 3), rows: fc.array(fc.record({ label: words(1, 2), value: markdown }), { minLength: 1, maxLength: 3 }) }),
    {
      maxLength: 2,
    },
  ),
  timeline: fc.array(fc.record({ date: words(1, 2), event: markdown }), { maxLength: 3 }),
  quotes: fc.array(fc.record({ text: words(1, 12), attribution: words(1, 3) }), { maxLength: 2 }),
  sources: fc.array(fc.record({ publisher: words(1, 2), title: words(1, 5) }), { maxLength: 3 }),
});

type Generated = typeof briefing extends fc.Arbitrary<infer T> ? T : never;

/** The words a reader sees, field by field: Markdown fields as their plain text. */
function visibleWords(b: Generated): string[] {
  const plain = [b.organisation, b.reference, b.marking, b.headline];
  // As the built-in template sets them: section bodies as blocks, the other Markdown fields as one paragraph of runs.
  const inline = [b.standfirst, b.bluf];
  const blocks: string[] = [];
  for (const s of b.sections) {
    plain.push(s.heading);
    blocks.push(s.body);
  }
  for (const k of b.keyFacts) {
    plain.push(k.title);
    for (const r of k.rows) {
      plain.push(r.label);
      inline.push(r.value);
    }
  }
  for (const t of b.timeline) {
    plain.push(t.date);
    inline.push(t.event);
  }
  for (const q of b.quotes) plain.push(q.text, q.attribution);
  for (const s of b.sources) plain.push(s.publisher, s.title);
  const md = [...inline.map((m) => textOf(markdownInlines(m))), ...blocks.map((m) => textOf(markdownBlocks(m)))];
  return [...plain, ...md].flatMap((f) => f.split(/\s+/)).filter((w) => w !== '');
}

/** The text of Markdown runs or blocks (list markers are drawn, not text). */
function textOf(nodes: unknown): string {
  const out: string[] = [];
  const collect = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(collect);
    else if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      if (typeof n.text === 'string') out.push(n.text);
      for (const k of ['text', 'ul', 'ol', 'stack']) if (typeof n[k] === 'object') collect(n[k]);
    }
  };
  collect(nodes);
  return out.join(' ');
}

/**
 * Text as compared: upper case (the template sets some fields in capitals,
 * and ß becomes SS), quotes of every kind as one (straight quotes are made
 * typographic), no spaces (line breaks fall between words) and no hyphens
 * (a word too wide for its column is hyphenated).
 */
function comparable(text: string): string {
  return squash(text)
    .toUpperCase()
    .replace(/["'“”‘’„‚«»‹›′″]/g, '"')
    .replace(/-/g, '');
}

function expectBriefingError(err: unknown): void {
  if (!(err instanceof BriefingError)) throw new Error(`not a BriefingError: ${String((err as Error)?.stack ?? err)}`);
  expect(err.hint ?? (err as { problems?: unknown }).problems).toBeTruthy();
}

describe('random input', () => {
  it('validate ends, and fails only with a BriefingError, whatever the YAML text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 400 }), async (text) => {
        try {
          await checkBriefing({ content: text });
        } catch (err) {
          expectBriefingError(err);
        }
      }),
      { numRuns: 300 },
    );
  }, 300_000);

  it('validate ends, and fails only with a BriefingError, whatever the structure', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.anything({ maxDepth: 4 }),
          briefing.map((b) => ({ ...b, extra: 1 })),
        ),
        async (data) => {
          let text: string;
          try {
            text = stringify(data);
          } catch {
            return; // not representable as YAML at all
          }
          try {
            await checkBriefing({ content: text });
          } catch (err) {
            expectBriefingError(err);
          }
        },
      ),
      { numRuns: 300 },
    );
  }, 300_000);

  it('build fails only with a BriefingError, and on success every word of every field is on the page', async () => {
    await fc.assert(
      fc.asyncProperty(briefing, async (b) => {
        let pdf: Buffer;
        try {
          pdf = (await buildBriefing({ content: stringify(b) }, { allowOverflow: true })).pdf;
        } catch (err) {
          expectBriefingError(err);
          return;
        }
        const text = comparable((await parsePdf(pdf)).text);
        for (const w of visibleWords(b)) expect(text, `the word ${JSON.stringify(w)}`).toContain(comparable(w));
      }),
      { numRuns: 25 },
    );
  }, 900_000);
});
