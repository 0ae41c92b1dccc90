/**
 * Right-to-left continuation pages and sources (issue #25), read back from
 * the PDF: two-page briefings in Arabic, Persian, Urdu and Hebrew (and Hindi,
 * whose page label wrapped) show "page n of N" filled in as the locale writes
 * it, on one line; page 2 has the running header, its reference and date each
 * read as one unit; and each source's number, text and address stay together,
 * in that order for a right-to-left reader.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildBriefing } from '../../src/index.js';
import { BUILTIN_TEMPLATES_DIR } from '../../src/template/find.js';
import { formatDate } from '../../src/template/helpers.js';
import { fillLabel } from '../../src/template/locales.js';
import { fixture } from '../helpers/content.js';
import { parsePdf, type ParsedPdf } from '../helpers/pdf.js';
import { popplerText, popplerWords } from '../helpers/poppler.js';

const LANGUAGES = ['ar', 'fa', 'ur', 'he', 'hi'] as const;
const RTL = new Set(['ar', 'fa', 'ur', 'he']);

interface Built {
  bytes: Uint8Array;
  pdf: ParsedPdf;
  /** pdf.js's text of each page. */
  pages: string[];
  labels: Record<string, string>;
  reference: string;
  date: string;
  sources: number;
}

/** Canonical form, one space for any whitespace, none before a combining mark (pdf.js puts one before an Arabic mark it draws apart). */
const normal = (s: string) =>
  s
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .replace(/ (?=\p{M})/gu, '')
    .normalize('NFC');
const built = new Map<string, Built>();

async function build(file: string, language: string): Promise<Built> {
  const content = parse(readFileSync(file, 'utf8')) as { reference: string; date: string; sources: unknown[] };
  const { pdf: bytes } = await buildBriefing({ path: file }, { allowOverflow: true });
  const pdf = await parsePdf(bytes);
  const pages: string[] = [];
  for (let p = 1; p <= pdf.pages; p++) pages.push(await pageText(bytes, p));
  const labels = {
    ...(parse(readFileSync(join(BUILTIN_TEMPLATES_DIR, 'briefing', 'locales', 'en.yaml'), 'utf8')) as Record<string, string>),
    ...(parse(readFileSync(join(BUILTIN_TEMPLATES_DIR, 'briefing', 'locales', `${language}.yaml`), 'utf8')) as Record<string, string>),
  };
  return {
    bytes,
    pdf,
    pages,
    labels,
    reference: content.reference,
    date: formatDate(String(content.date), language),
    sources: content.sources.length,
  };
}

/** pdf.js's text of one page, lines ending in newlines. */
async function pageText(bytes: Uint8Array, page: number): Promise<string> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const content = await (await doc.getPage(page)).getTextContent();
  let text = '';
  for (const item of content.items) if ('str' in item) text += item.str + (item.hasEOL ? '\n' : '');
  await doc.destroy();
  return text;
}

beforeAll(async () => {
  for (const tag of LANGUAGES) built.set(tag, await build(fixture(`rtl-two-pages/${tag}.yaml`), tag));
  built.set('sources', await build(fixture('rtl-sources/briefing.yaml'), 'ar'));
}, 600_000);

describe.each(LANGUAGES)('a two-page briefing in %s', (tag) => {
  it('has two pages and no placeholder left unfilled', () => {
    const b = built.get(tag)!;
    expect(b.pdf.pages).toBe(2);
    expect(b.pdf.text).not.toMatch(/\{\w+\}/);
    expect(popplerText(b.bytes)).not.toMatch(/\{\w+\}/);
  });

  it('numbers its pages as the locale writes it, on one line', () => {
    const b = built.get(tag)!;
    for (const n of [1, 2]) {
      const label = normal(fillLabel(b.labels.page_of!, { n, N: 2 }));
      const lines = b.pages[n - 1]!.split('\n').map(normal);
      expect(
        lines.some((l) => l.includes(label)),
        `page ${n}: "${label}" on one line`,
      ).toBe(true);
    }
  });

  it('has a running header on page 2 whose reference and date are each one unit, in the reader’s order', () => {
    const b = built.get(tag)!;
    // poppler's words on page 2 inside the top margin (54 pt), with their boxes as drawn.
    const header = popplerWords(b.bytes, 2).filter((w) => (w.yMin + w.yMax) / 2 < 54);
    const reference = header.find((w) => w.text.includes(b.reference));
    const day = normal(b.date)
      .split(' ')[0]!
      .replace(/[^\p{Nd}]/gu, '');
    const dayWord = header.find((w) => w.text.replace(/[^\p{Nd}]/gu, '') === day);
    expect(day).not.toBe('');
    expect(reference, 'the reference in the running header').toBeDefined();
    expect(dayWord, 'the date in the running header').toBeDefined();
    // The date follows the reference in reading order: left of it in a right-to-left header. Without
    // isolates the day joined the reference's left-to-right run and sat beside "Ref:".
    if (RTL.has(tag)) expect(dayWord!.xMax).toBeLessThan(reference!.xMin);
    else expect(reference!.xMax).toBeLessThan(dayWord!.xMin);
    // The first page has none: its masthead holds the same facts.
    expect(popplerWords(b.bytes, 1).filter((w) => (w.yMin + w.yMax) / 2 < 54 && w.text.includes(b.reference))).toEqual([]);
  });

  // A line that pdf.js reads left to right (under 30% right-to-left characters) is drawn in logical
  // order (pdf/bidi-lines.ts): its words come out in order, but without the spaces between them.
  it('has a running header that pdf.js copies in order', () => {
    const b = built.get(tag)!;
    const reference = normal(fillLabel(b.labels.reference!, { reference: b.reference }));
    const squash = (t: string) => normal(t).replace(/ /g, '');
    expect(squash(b.pages[1]!)).toContain(squash(`${reference} · ${b.date}`));
  });
});

describe('sources in a right-to-left briefing (tests/fixtures/rtl-sources, and the two-page ones)', () => {
  const sameLine = (a: { yMin: number }, b: { yMin: number }) => Math.abs(a.yMin - b.yMin) < 4;
  /** Each source's number and address as poppler finds them on the page, with their boxes. */
  function numbersAndAddresses(b: Built, page: number) {
    // poppler cuts a word where the drawing jumps, as in a line drawn in logical order (pdf/bidi-lines.ts):
    // pieces that touch on one line are one word to a reader.
    const words: ReturnType<typeof popplerWords> = [];
    for (const w of [...popplerWords(b.bytes, page)].sort((x, y) => Math.round(x.yMin) - Math.round(y.yMin) || x.xMin - y.xMin)) {
      const last = words[words.length - 1];
      if (last && sameLine(last, w) && w.xMin - last.xMax < 1 && w.xMin >= last.xMin)
        words[words.length - 1] = { ...last, text: last.text + w.text, xMax: w.xMax };
      else words.push(w);
    }
    const numbers = new Map<number, (typeof words)[number]>();
    for (const w of words) {
      const m = /^(?:\.(\d+)|(\d+)\.)$/.exec(w.text);
      const k = m ? Number(m[1] ?? m[2]) : NaN;
      if (k >= 1 && k <= b.sources && !numbers.has(k)) numbers.set(k, w);
    }
    const addresses = words.filter((w) => w.text.startsWith('https://'));
    return { numbers, addresses };
  }

  it.each(['sources', 'ar', 'fa', 'ur', 'he'])('pair each number with its own address (%s)', (name) => {
    const b = built.get(name)!;
    const page = b.pdf.pages;
    const { numbers, addresses } = numbersAndAddresses(b, page);
    expect([...numbers.keys()].sort()).toEqual(Array.from({ length: b.sources }, (_, i) => i + 1));
    expect(addresses.length).toBe(b.sources);
    // Addresses in the order of the sources, as the reader meets them: top to bottom, right to left.
    const reading = (w: { yMin: number; xMax: number }) => Math.round(w.yMin / 4) * 10_000 - w.xMax;
    const inOrder = [...addresses].sort((x, y) => reading(x) - reading(y));
    for (let k = 1; k <= b.sources; k++) {
      const number = numbers.get(k)!;
      const address = inOrder[k - 1]!;
      // The number comes first for a right-to-left reader: on its line, right of its own address
      // (or the address wraps to a later line), and no other source's number between them.
      if (sameLine(number, address)) {
        expect(address.xMax, `source ${k}: address left of its number`).toBeLessThan(number.xMin);
        const between = [...numbers.entries()].filter(
          ([j, w]) => j !== k && sameLine(w, number) && w.xMin > address.xMax && w.xMax < number.xMin,
        );
        expect(
          between.map(([j]) => j),
          `source ${k}: no other number between its number and its address`,
        ).toEqual([]);
      } else expect(address.yMin, `source ${k}: its address on a later line`).toBeGreaterThan(number.yMin);
    }
  });
});
