/**
 * Citations read back from the PDF: each superscript number is a link whose
 * destination lands on its source's entry in the sources list (pdf.js's
 * annotations and destinations against where the entry's number is drawn),
 * in a left-to-right and a right-to-left briefing; the link says which
 * source it goes to; the tagged PDF holds a Reference for each; confidence
 * and likelihood markers are on the page in the briefing's language.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBriefing } from '../../src/index.js';
import { parsePdf, squash, type ParsedPdf } from '../helpers/pdf.js';
import { checkStructure } from '../helpers/structure.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

interface CitationLink {
  dest: string;
  contents: string;
  /** The annotation's rectangle: left, bottom, right, top. */
  rect: number[];
  /** Where the destination points: x and the top of its line. */
  x: number;
  y: number;
}

/** The links within the document, with where their named destinations point. */
async function citationLinks(pdf: Uint8Array): Promise<CitationLink[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  const page = await doc.getPage(1);
  const out: CitationLink[] = [];
  for (const a of (await page.getAnnotations()) as { subtype: string; dest?: unknown; contentsObj?: { str: string }; rect: number[] }[]) {
    if (a.subtype !== 'Link' || typeof a.dest !== 'string') continue;
    const d = (await doc.getDestination(a.dest)) as [unknown, { name: string }, number, number, unknown];
    expect(d[1].name).toBe('XYZ');
    out.push({ dest: a.dest, contents: a.contentsObj?.str ?? '', rect: a.rect, x: d[2], y: d[3] });
  }
  await doc.destroy();
  return out;
}

/** Where the sources list draws the number of entry `n` ("2.", or ".2" as pdf.js reads a right-to-left line), under the SOURCES caption. */
function entryRun(parsed: ParsedPdf, n: number) {
  const caption = parsed.runs.find((r) => /SOURCES|المصادر/.test(r.text))!;
  const runs = parsed.runs.filter((r) => r.y <= caption.y + 0.5 && new RegExp(`^(\\u2068?${n}\\.|\\.${n})$`).test(r.text.trim()));
  expect(runs, `entry ${n} of the sources list`).toHaveLength(1);
  return runs[0]!;
}

describe.each([
  ['citations', 'left to right', { article: 1, tass: 2, duma: 3 }],
  ['citations-rtl', 'right to left (Arabic)', { tass: 1, duma: 2 }],
])('citations in %s (%s)', (fixture, _direction, numbers) => {
  let pdf: Buffer;
  let parsed: ParsedPdf;
  let links: CitationLink[];
  beforeAll(async () => {
    ({ pdf } = await buildBriefing({ path: join(FIXTURES, fixture, 'briefing.yaml') }));
    parsed = await parsePdf(pdf);
    links = await citationLinks(pdf);
  });

  it('links every citation to the destination of its source', () => {
    const content = readFileSync(join(FIXTURES, fixture, 'briefing.yaml'), 'utf8');
    // Markdown citations (one link per key) and `source:` fields (one per listed source).
    const keys = [...content.matchAll(/\[(@[^\]]+)\]/g)].flatMap((m) => m[1]!.split(';'));
    const fields = [...content.matchAll(/^\s+source: (.+)$/gm)].flatMap((m) => m[1]!.replace(/[[\]]/g, '').split(','));
    expect(links).toHaveLength(keys.length + fields.length);
    const valid = new Set(Object.values(numbers).map((n) => `source-${n}`));
    for (const l of links) expect(valid).toContain(l.dest);
  });

  it('lands each destination on its entry in the sources list', () => {
    for (const n of Object.values(numbers)) {
      const run = entryRun(parsed, n);
      for (const l of links.filter((k) => k.dest === `source-${n}`)) {
        // The destination is the entry number's left edge (in a right-to-left line, that of the number and the
        // space after it, drawn to its left) and the top of its line; the next entry is tens of points away.
        expect(l.x).toBeGreaterThan(run.x - 3);
        expect(l.x).toBeLessThan(run.x + run.width);
        expect(l.y).toBeGreaterThan(run.y);
        expect(l.y - run.y).toBeLessThan(run.size * 1.6);
      }
    }
  });

  it('shows each citation as a small raised number, the link over it', () => {
    for (const l of links) {
      const n = l.dest.replace('source-', '');
      const [left, bottom, right, top] = l.rect as [number, number, number, number];
      const inside = parsed.runs.filter(
        (r) => r.text === n && r.x >= left - 0.5 && r.x <= right + 0.5 && r.y >= bottom - 1 && r.y <= top + 1,
      );
      expect(inside.length, `the number ${n} under its link`).toBeGreaterThan(0);
      // Smaller than the text around it (pdfmake sets raised text at 58%).
      expect(inside[0]!.size).toBeLessThan(7);
    }
  });

  it('says in each link which source it goes to, and tags each citation as a Reference holding its Link', async () => {
    for (const l of links) expect(l.contents).toMatch(new RegExp(`^(Source|المصدر) ${l.dest.replace('source-', '')}: `));
    const structure = await checkStructure(pdf);
    expect(structure.problems).toEqual([]);
    const references = structure.outline.filter((o) => o.role === 'Reference');
    expect(references).toHaveLength(links.length);
    const holding = structure.outline.filter((o, i) => o.role === 'Link' && structure.outline[i - 1]?.role === 'Reference');
    expect(holding).toHaveLength(links.length);
  });
});

describe('confidence and likelihood markers', () => {
  it('are on the page in English, beside the bottom line and the section that state them', async () => {
    const { pdf } = await buildBriefing({ path: join(FIXTURES, 'citations', 'briefing.yaml') });
    const text = squash((await parsePdf(pdf)).text);
    expect(text).toContain(squash('Confidence: moderate · Likelihood: very likely (80–95%)'));
    expect(text).toContain(squash('Confidence: high'));
    // The section without a judgement has no marker: one of each.
    expect(text.split(squash('Confidence:')).length - 1).toBe(2);
  });

  it('are in Arabic in an Arabic briefing, the likelihood with its range', async () => {
    const { pdf } = await buildBriefing({ path: join(FIXTURES, 'citations-rtl', 'briefing.yaml') });
    const text = (await parsePdf(pdf)).text;
    for (const words of ['متوسطة', 'عالية', 'درجة الثقة', 'الاحتمال', 'مرجّح']) expect(text).toContain(words);
    expect(text).not.toContain('Confidence');
  });
});
