/**
 * Line breaking (src/text/line-breaking.ts), read back from the PDF with
 * positions: nothing is drawn outside its column or the page's content
 * area, words are broken only where a reader expects, and long input is
 * broken in time linear in its length.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBriefing, OverflowError, type BuildResult } from '../../src/index.js';
import { horizontalOverflows } from '../../src/text/overflow.js';
import { hyphenationPoints } from '../../src/text/hyphenation.js';
import { withTuning } from '../../src/pdf/tuning/registry.js';
// pdfmake's own class, with briefing's rules installed on it (engine.ts installs them).
import '../../src/pdf/engine.js';
import TextBreakerModule from 'pdfmake/js/TextBreaker.js';
import { fixture, minimalYaml } from '../helpers/content.js';
import { parsePdf, squash, type ParsedPdf, type TextRun } from '../helpers/pdf.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- pdfmake's internal class is untyped
const TextBreaker: any = (TextBreakerModule as any).default ?? TextBreakerModule;

/** The built-in template's A4 content area: 40 pt margins left and right. */
const LEFT = 40;
const RIGHT = 595.28 - 40;

/**
 * Built with each line's pieces drawn as text: a word hyphenated at a line's
 * end reads whole where it starts (pdf/broken-words.ts), and these tests look
 * at where it was broken, each piece with its hyphen (the same places and
 * look: tests/pdf/text-layer.test.ts).
 */
const asDrawn = <T>(fn: () => Promise<T>) => withTuning({ off: ['broken-words'] }, fn);
const build = async (name: string) => {
  const result = await asDrawn(() => buildBriefing({ path: fixture(`${name}/briefing.yaml`) }));
  return { result, pdf: await parsePdf(result.pdf) };
};

/** Runs grouped into lines: same page and baseline, left to right. */
function lines(runs: TextRun[]): TextRun[][] {
  const out: TextRun[][] = [];
  for (const r of runs) {
    const line = out.find((l) => l[0]!.page === r.page && Math.abs(l[0]!.y - r.y) < 0.5 && Math.abs(l[0]!.x - r.x) < 400);
    if (line) line.push(r);
    else out.push([r]);
  }
  return out.map((l) => l.sort((a, b) => a.x - b.x));
}

function expectInsideContentArea(pdf: ParsedPdf) {
  for (const r of pdf.runs) {
    if (!r.text.trim()) continue;
    expect(r.x, `"${r.text}" starts left of the content area`).toBeGreaterThanOrEqual(LEFT - 0.5);
    expect(r.x + r.width, `"${r.text.slice(0, 30)}" ends right of the content area`).toBeLessThanOrEqual(RIGHT + 0.5);
  }
}

describe('words wider than their column (tests/fixtures/long-words)', () => {
  let result: BuildResult;
  let pdf: ParsedPdf;
  const content = parse(readFileSync(fixture('long-words/briefing.yaml'), 'utf8'));
  beforeAll(async () => ({ result, pdf } = await build('long-words')), 60_000);

  it('are broken inside the content area, and the build does not overflow', () => {
    expect(pdf.pages).toBe(1);
    expectInsideContentArea(pdf);
    expect(result.fit.summary).not.toMatch(/past the edge/);
  });

  it('keep every character: the hash whole, the 2,000-character word hyphenated at line ends', () => {
    const joined = pdf.text.replace(/-\n/g, '');
    expect(squash(pdf.text)).toContain(content.keyFacts[0].rows[0].value);
    expect(joined).toContain('x'.repeat(2000));
    expect(squash(joined)).toContain('H'.repeat(200));
    expect(squash(joined)).toContain('y'.repeat(400));
  });

  it('break a hash between characters, without a hyphen, inside the key-facts box', () => {
    const sha: string = content.keyFacts[0].rows[0].value;
    // The hash's pieces, in reading order (wherever fitting placed the box).
    const pieces = pdf.runs.filter((r) => /^[0-9a-f]{3,}$/.test(r.text.trim()) && sha.includes(r.text.trim()));
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.map((r) => r.text.trim()).join('')).toBe(sha);
    // Each ends inside the box's padding (8 pt, 3.6 pt at the tightest spacing), which ends inside the content area.
    for (const r of pieces) expect(r.x + r.width).toBeLessThanOrEqual(RIGHT - 3.6 + 0.5);
  });

  it('do not widen the main column over the side column', () => {
    const side = pdf.runs.find((r) => r.text.startsWith('FIRMWARE'))!;
    const main = pdf.runs.filter((r) => /^x+-?$/.test(r.text.trim()));
    expect(main.length).toBeGreaterThan(10);
    for (const r of main) expect(r.x + r.width).toBeLessThan(side.x);
  });
});

describe('key-fact labels longer than their column (tests/fixtures/long-labels)', () => {
  let pdf: ParsedPdf;
  beforeAll(async () => ({ pdf } = await build('long-labels')));

  it('are hyphenated, and never broken without a hyphen', () => {
    const first = pdf.runs.find((r) => r.text.startsWith('Manufac') && r.x > 300)!;
    const column = pdf.runs.filter((r) => Math.abs(r.x - first.x) < 0.5 && r.y <= first.y + 0.5 && r.text.trim() !== '');
    const words: string[] = [];
    let pieces = 0;
    let current = '';
    for (const r of column) {
      const t = r.text.trim();
      pieces++;
      if (t.endsWith('-')) current += t.slice(0, -1);
      else {
        words.push(current + t);
        current = '';
      }
    }
    expect(words).toEqual(['Manufacturing', 'Infrastructure', 'Unemployment', 'Headquarters']);
    expect(pieces).toBeGreaterThan(words.length);
    // Each break is a hyphenation point of the word, not an arbitrary one.
    for (const r of column.filter((c) => c.text.trim().endsWith('-'))) {
      const head = r.text.trim().slice(0, -1);
      const word = words.find((w) => w.startsWith(head))!;
      expect(hyphenationPoints(word, 'en')).toContain(head.length);
    }
    expectInsideContentArea(pdf);
  });

  it('copy out without stray soft hyphens or zero-width spaces', async () => {
    const exact = await parsePdf((await buildBriefing({ path: fixture('long-labels/briefing.yaml') })).pdf, { exact: true });
    expect(exact.text).not.toMatch(/[\u00ad\u200b]/);
    expect(exact.text).toContain('Manufacturing and construction');
  });
});

describe('a headline (tests/fixtures/balanced-headline)', () => {
  it('is set in even lines, the last with more than one word', async () => {
    const { pdf } = await build('balanced-headline');
    const headline = lines(pdf.runs.filter((r) => r.font.includes('SemiBold') && r.y > 650 && r.y < 760));
    expect(headline.length).toBeGreaterThanOrEqual(2);
    const text = headline.map((l) =>
      l
        .map((r) => r.text)
        .join('')
        .trim(),
    );
    expect(text.join(' ')).toBe('The Philippines and the United States expand the Enhanced Defense Cooperation Agreement to nine EDCA');
    expect(text[text.length - 1]!.split(/\s+/).length).toBeGreaterThanOrEqual(2);
    const widths = headline.map((l) => l[l.length - 1]!.x + l[l.length - 1]!.width - l[0]!.x);
    expect(Math.min(...widths) / Math.max(...widths)).toBeGreaterThan(0.7);
  });
});

describe('addresses (tests/fixtures/url-breaks)', () => {
  let pdf: ParsedPdf;
  const url = 'https://data.example.org/sanctions/consolidated-list/2025-03-14/full-export.xml?format=xml&lang=en';
  beforeAll(async () => ({ pdf } = await build('url-breaks')));

  it('break only after / . - ? & =, never right after the scheme', () => {
    // The key-facts value: the address alone, over several lines of the narrow column.
    const start = pdf.runs.find((r) => r.text.startsWith('https://data') && r.x > 300)!;
    const cell = pdf.runs.filter((r) => Math.abs(r.x - start.x) < 0.5 && r.y <= start.y && r.y > start.y - 60);
    const texts = cell.map((r) => r.text.trim());
    expect(texts.join('')).toBe(url);
    expect(texts.length).toBeGreaterThan(2);
    for (const t of texts.slice(0, -1)) {
      expect(t).toMatch(/[/.\-?&=]$/);
      expect(t).not.toMatch(/^https?:\/\/$/);
    }
    expectInsideContentArea(pdf);
  });

  it('stay clickable and whole in the text', () => {
    expect(pdf.links.map((l) => l.url)).toContain(`${url}&download=true`);
    expect(squash(pdf.text)).toContain(url);
  });
});

describe('Korean (tests/fixtures/korean-keep-all)', () => {
  let pdf: ParsedPdf;
  const content = parse(readFileSync(fixture('korean-keep-all/briefing.yaml'), 'utf8'));
  beforeAll(async () => ({ pdf } = await build('korean-keep-all')));

  it('breaks lines only at spaces', () => {
    // Words are compared by length: the characters themselves need a Korean font to read back.
    const wordLengths = (s: string) =>
      s
        .split(/\s+/)
        .filter(Boolean)
        .map((w) => [...w].length);
    /** The word lengths of `source` as set in the lines of `runs` that begin with its first words. */
    const asSet = (source: string, runs: TextRun[]) => {
      const expected = wordLengths(source);
      const texts = lines(runs).map((l) => l.map((r) => r.text).join(''));
      const at = texts.findIndex((l) => {
        const w = wordLengths(l);
        return w.length > 3 && w.every((n, i) => n === expected[i]);
      });
      const set: number[] = [];
      let end = Math.max(at, 0);
      while (set.length < expected.length && end < texts.length) set.push(...wordLengths(texts[end++]!));
      return { expected, set, lines: end - at };
    };
    const body = asSet(content.sections[0].body, pdf.runs);
    expect(body.lines).toBeGreaterThan(1);
    expect(body.set).toEqual(body.expected);
    // The key-facts value, in its narrow column: several lines, each ending at a space.
    const value = asSet(
      content.keyFacts[0].rows[0].value,
      pdf.runs.filter((r) => r.x > 400),
    );
    expect(value.lines).toBeGreaterThan(2);
    expect(value.set).toEqual(value.expected);
  });

  it('offers pdfmake break opportunities only at spaces between Hangul words, and normal ones elsewhere', () => {
    const words = (text: string | object[]) => new TextBreaker().getBreaks(text, undefined).map((w: { text: string }) => w.text);
    expect(words('양국 정부는 국방협력협정의 비준을 12월 4~5일에')).toEqual([
      '양국 ',
      '정부는 ',
      '국방협력협정의 ',
      '비준을 ',
      '12월 ',
      '4~5일에',
    ]);
    // Across runs in different styles too (a bold syllable inside a word).
    expect(words([{ text: '국방' }, { text: '협력', bold: true }, { text: '협정 비준' }]).join('|')).toBe('국방|협력|협정 |비준');
    expect(new TextBreaker().getBreaks([{ text: '국방' }, { text: '협력', bold: true }], undefined)[0].noNewLine).toBe(true);
    // Chinese and Japanese still break between characters.
    expect(words('中国外交部')).toEqual(['中', '国', '外', '交', '部']);
  });

  it('keeps the tilde of a range (4~5일), which is not strikethrough', () => {
    expect(pdf.text).toContain('4~5');
    expect(pdf.text).toContain('8~9');
  });
});

describe('hyphenation to fill lines ("hyphens": "auto", tests/fixtures/templates/hyphens-auto)', () => {
  it('hyphenates words at line ends in a column that asks for it, and only there', async () => {
    const bluf = 'Parliamentary ratification of the comprehensive intergovernmental agreement strengthens interoperability considerably.';
    const pdf = await parsePdf(
      (await asDrawn(() => buildBriefing({ content: minimalYaml({ bluf }) }, { template: fixture('templates/hyphens-auto') }))).pdf,
    );
    // A hyphenated word's first part is drawn on its own (pdf/broken-words.ts): pdf.js gives it as a run of its own, further right.
    const auto = pdf.runs.filter((r) => r.x < 150 && r.text.trim());
    const manual = pdf.runs.filter((r) => r.x >= 150 && r.x < 300 && r.text.trim());
    expect(auto.some((r) => r.text.trim().endsWith('-'))).toBe(true);
    expect(manual.some((r) => r.text.trim().endsWith('-'))).toBe(false);
    const lineCount = (runs: TextRun[]) => new Set(runs.map((r) => Math.round(r.y))).size;
    expect(lineCount(auto)).toBeLessThanOrEqual(lineCount(manual));
    const words = (runs: TextRun[]) =>
      runs
        .map((r) => r.text.trim())
        .join(' ')
        .replace(/- /g, '');
    expect(words(auto)).toBe(bluf);
    expect(words(manual)).toBe(bluf);
  });

  it('drops soft hyphens typed in the content: none drawn mid-line, none copied out', async () => {
    const bluf = 'Ratifi\u00adcation of the agree\u00adment.';
    const pdf = await parsePdf((await buildBriefing({ content: minimalYaml({ bluf }) })).pdf, { exact: true });
    expect(pdf.text).toContain('Ratification of the agreement.');
    expect(pdf.text).not.toContain('\u00ad');
  });
});

describe('the horizontal check', () => {
  const line = (x: number, width: number, columnWidth: number, alignment = 'left') => ({
    type: 'line',
    item: { x, columnWidth, inlines: [{ text: 'wide', alignment, x: 0, width }], getWidth: () => width },
  });

  it('finds a line wider than its column, or a column outside the content area', () => {
    expect(horizontalOverflows([{ items: [line(40, 100, 120)] }], LEFT, RIGHT)).toEqual([]);
    expect(horizontalOverflows([{ items: [line(40, 130, 120)] }], LEFT, RIGHT)[0]!.by).toBeCloseTo(10);
    expect(horizontalOverflows([{ items: [line(500, 50, 100)] }], LEFT, RIGHT)[0]!.by).toBeCloseTo(44.72);
    // Right-aligned: the column starts left of the line.
    expect(horizontalOverflows([{ items: [line(505, 50, 515, 'right')] }], LEFT, RIGHT)).toEqual([]);
  });

  it('makes a build fail, naming the text, when a column is narrower than a character', async () => {
    const template = fixture('templates/column-too-narrow');
    const error = await buildBriefing({ content: minimalYaml() }, { template }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OverflowError);
    expect((error as Error).message).toMatch(/text is drawn [\d.]+ pt past the edge of its column on page 1: "\w"/);
    // With --allow-overflow it is built, and the summary says so instead of "fits as designed".
    const built = await buildBriefing({ content: minimalYaml() }, { template, allowOverflow: true });
    expect(built.fit.summary).toMatch(/past the edge of its column/);
  });
});

describe('long unbroken input', () => {
  // Within the content limits (src/content/limits.ts): a section body of up to 20,000 characters.
  const long = `H${'x'.repeat(16_000)}`;
  const content = minimalYaml({ sections: [{ heading: 'Long', body: long }] });

  it('is broken at every line, in one piece per line: a 16,000-character word builds, on several pages', async () => {
    const result = await buildBriefing({ content }, { allowOverflow: true });
    const pdf = await parsePdf(result.pdf);
    expect(pdf.pages).toBeGreaterThan(1);
    const pieces = pdf.runs.filter((r) => /^[Hx]+-?$/.test(r.text)).map((r) => r.text.replace(/-$/, ''));
    expect(pieces.join('')).toBe(long);
    expectInsideContentArea(pdf);
  });

  it('without --allow-overflow is refused as too long, not left running off the page', async () => {
    await expect(buildBriefing({ content })).rejects.toBeInstanceOf(OverflowError);
  });
});
