/**
 * Typography (src/text/typography.ts, src/text/cjk.ts and their callers):
 * typographic quotes by language, tildes, CJK line joins, the timeline's
 * date column; read back from the PDF where the glyphs can be read.
 */
import { describe, expect, it } from 'vitest';
import { buildBriefing } from '../../src/index.js';
import { markdownBlocks, markdownInlines } from '../../src/content/richtext.js';
import { parseContent } from '../../src/pipeline/load.js';
import { quotesFor, smartQuotes } from '../../src/text/typography.js';
import { withTuning } from '../../src/pdf/tuning/registry.js';

const withStockMeasuring = <T>(fn: () => Promise<T>) => withTuning({ off: ['style-lookups', 'measure-runs'] }, fn);
import { fixture, minimalYaml } from '../helpers/content.js';
import { parsePdf, squash } from '../helpers/pdf.js';

describe('straight quotes typed in YAML (tests/fixtures/typographic-quotes)', () => {
  it('become typographic quotes and apostrophes, in plain and Markdown fields, but not in code', async () => {
    const { pdf } = await buildBriefing({ path: fixture('typographic-quotes/briefing.yaml') });
    const text = (await parsePdf(pdf, { exact: true })).text;
    expect(text).toContain('Minister calls the deal “historic”');
    expect(text).toContain('Duma’s vote');
    expect(text).toContain('It’s the “first step”, she said.');
    expect(text).toContain('for the ’90s-era pact');
    expect(text).toContain('She said: “We’ll sign it.”');
    expect(text).toContain('a = "b"');
    expect(text).toContain('We’re ready to “move fast”.');
    expect(text).toContain('Minister’s office');
    expect(text).toContain('Statement on the “historic” deal');
    expect(text).not.toMatch(/[A-Za-z]'[A-Za-z]/);
  });

  it('follow the language: « » in French (with narrow no-break spaces), „ “ in German, 「」 in Japanese', async () => {
    const build = async (language: string, headline: string) =>
      (await parsePdf((await buildBriefing({ content: minimalYaml({ language, headline }) })).pdf, { exact: true })).text;
    const fr = await build('fr', 'Le ministre parle d\'un accord "historique"');
    expect(squash(fr)).toContain('d’unaccord«historique»');
    expect(fr).toMatch(/« historique »/);
    expect(smartQuotes('un accord "historique"', 'fr')).toBe('un accord «\u202fhistorique\u202f»');
    expect(smartQuotes('un accord " historique "', 'fr')).toBe('un accord «\u202fhistorique\u202f»');
    expect(squash(await build('de', 'Der Minister nennt das Abkommen "historisch"'))).toContain('Abkommen„historisch“');
    expect(smartQuotes('彼は"はい"と言った', 'ja')).toBe('彼は「はい」と言った');
    expect(smartQuotes('"Да", сказал он', 'ru')).toBe('«Да», сказал он');
  });

  it('are available to templates and locales as quotesFor(language)', () => {
    expect(quotesFor('en-GB')).toMatchObject({ open: '“', close: '”', innerOpen: '‘', innerClose: '’' });
    expect(quotesFor('de-CH')).toMatchObject({ open: '«', close: '»' });
    expect(quotesFor('zh-Hant-TW')).toMatchObject({ open: '「', close: '」' });
    expect(quotesFor('zh-Hans')).toMatchObject({ open: '“', close: '”' });
    expect(quotesFor('uk')).toMatchObject({ open: '«', close: '»', innerOpen: '„', innerClose: '“' });
    expect(quotesFor('xx')).toMatchObject({ open: '“', close: '”' });
  });

  it('leave quotes in code spans and link addresses as typed', () => {
    expect(markdownInlines('See `x = "y"` and [the "report"](https://example.org/?q="a")', undefined, 'en')).toEqual([
      { text: 'See ' },
      { text: 'x = "y"', style: 'code' },
      { text: ' and ' },
      { text: 'the “report”', link: 'https://example.org/?q="a"', style: 'link' },
    ]);
  });
});

describe('Markdown that fits every language', () => {
  it('keeps a single tilde between digits as text; a pair still marks deletion', () => {
    expect(markdownInlines('정상회담은 4~5일, 회의는 8~9일')).toEqual([{ text: '정상회담은 4~5일, 회의는 8~9일' }]);
    expect(markdownInlines('~5 km~ away')).toEqual([{ text: '~5 km~ away' }]);
    expect(markdownInlines('a ~~gone~~ b')).toEqual([{ text: 'a gone b' }]);
  });

  it('joins Chinese and Japanese lines of a paragraph without a space, other lines with one', () => {
    const [zh] = markdownBlocks('中国外交部表示，\n双方将于下周举行会谈。\nThe talks\nresume.') as { text: { text: string }[] }[];
    expect(zh!.text.map((r) => r.text).join('')).toBe('中国外交部表示，双方将于下周举行会谈。 The talks resume.');
    const [ja] = markdownBlocks('首脳会談は\n来月開かれる。') as { text: { text: string }[] }[];
    expect(ja!.text.map((r) => r.text).join('')).toBe('首脳会談は来月開かれる。');
    // Korean writes spaces between words: its lines join with one.
    const [ko] = markdownBlocks('정상회담은\n서울에서') as { text: { text: string }[] }[];
    expect(ko!.text.map((r) => r.text).join('')).toBe('정상회담은 서울에서');
  });

  it('joins Chinese lines folded by YAML itself (plain, quoted and > scalars) without a space', () => {
    const yaml = [
      'a: 中国外交部表示，',
      '  双方将于下周举行会谈。',
      'b: >-',
      '  首脳会談は',
      '  来月開かれる。',
      '  Next week',
      '  in Tokyo.',
      'c: "双方将于',
      '  下周举行会谈"',
      'd: |-',
      '  第一行',
      '  第二行',
    ].join('\n');
    expect(parseContent(yaml).data).toEqual({
      a: '中国外交部表示，双方将于下周举行会谈。',
      b: '首脳会談は来月開かれる。 Next week in Tokyo.',
      c: '双方将于下周举行会谈',
      d: '第一行\n第二行',
    });
  });
});

describe('the timeline (tests/fixtures/timeline-dates)', () => {
  it('has a date column as wide as its longest date: every date on one line', async () => {
    const pdf = await parsePdf((await buildBriefing({ path: fixture('timeline-dates/briefing.yaml') })).pdf);
    for (const date of ['Oct–Dec 2017', 'Jul–Sep 2017', '2016']) {
      const run = pdf.runs.find((r) => r.text.trim() === date);
      expect(run, `"${date}" on one line`).toBeDefined();
    }
    const dates = pdf.runs.filter((r) => ['Oct–Dec 2017', 'Jul–Sep 2017', '2016'].includes(r.text.trim()));
    const events = pdf.runs.filter((r) => /round/.test(r.text) && r.x > 300);
    // Events start right of the longest date, in one column.
    const longest = Math.max(...dates.map((d) => d.x + d.width));
    for (const e of events) expect(e.x).toBeGreaterThan(longest);
    expect(new Set(events.map((e) => Math.round(e.x))).size).toBe(1);
  });
});

describe('line breaking with the speed layer off', () => {
  it('gives the same PDF with pdfmake’s own measuring code', async () => {
    const build = async () => (await buildBriefing({ path: fixture('long-labels/briefing.yaml') })).pdf;
    const tuned = await build();
    const stock = await withStockMeasuring(build);
    expect(Buffer.compare(tuned, stock)).toBe(0);
    // It hyphenates: drawn as text (pdf/broken-words.ts off), a piece ends with its hyphen.
    const asText = await withTuning({ off: ['style-lookups', 'measure-runs', 'broken-words'] }, build);
    expect((await parsePdf(asText)).text).toContain('Manufactur-');
  });
});
