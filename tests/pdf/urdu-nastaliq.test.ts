/**
 * Urdu (`language: ur`, or `ur-Aran`) is set in Nastaliq, Noto Nastaliq Urdu, shaped by fontkit with its
 * cursive attachment and mark anchors, on the taller line its theme gives
 * Urdu (`languageLeading`), and Naskh (Noto Sans Arabic) sets only the
 * letters Nastaliq lacks; `ur-Arab` asks for Naskh. Its words are drawn as
 * shapes over an invisible text on the baseline (pdf/unspoken-glyphs.ts), so
 * the text copies out in logical order with its spaces. Read back with
 * pdf.js (fonts, positions, text) and poppler (text).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBriefing } from '../../src/index.js';
import { loadFont } from '../../src/pdf/fonts.js';
import { loadTemplate } from '../../src/template/compile.js';
import { leadingFor } from '../../src/text/leading.js';
import { fixture } from '../helpers/content.js';
import { parsePdf, squash, type ParsedPdf, type TextRun } from '../helpers/pdf.js';
import { popplerText } from '../helpers/poppler.js';

const fontName = (f: string) => f.replace(/^[A-Z]{6}\+/, '');
const ARABIC_LETTER = /[\u0620-\u064a\u066e-\u06d3]/u;

/**
 * The closest baseline-to-baseline distance of the body text (the commonest
 * type size) in the main column, in units of that size. A Nastaliq word is
 * drawn in pieces raised off the line (cursive attachment), so a line's
 * baseline is the height most of its pieces share.
 */
function bodyLineStep(runs: TextRun[], family: RegExp, inMainColumn: (r: TextRun) => boolean): number {
  const own = runs.filter((r) => family.test(fontName(r.font)) && inMainColumn(r));
  const count = (key: (r: TextRun) => number) => {
    const m = new Map<number, number>();
    for (const r of own) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
    return m;
  };
  const size = [...count((r) => Math.round(r.size * 100) / 100)].sort((a, b) => b[1] - a[1])[0]![0];
  const body = own.filter((r) => Math.abs(r.size - size) < 0.01).sort((a, b) => b.y - a.y);
  // Pieces less than an em apart are one line; its baseline is the height most of them share.
  const lines: TextRun[][] = [];
  for (const r of body) {
    const line = lines[lines.length - 1];
    if (line && line[line.length - 1]!.y - r.y < size) line.push(r);
    else lines.push([r]);
  }
  const baselines = lines.map((line) => {
    const m = new Map<number, number>();
    for (const r of line) m.set(Math.round(r.y * 10) / 10, (m.get(Math.round(r.y * 10) / 10) ?? 0) + 1);
    return [...m].sort((a, b) => b[1] - a[1])[0]![0];
  });
  const steps = baselines.slice(1).map((y, i) => (baselines[i]! - y) / size);
  return Math.min(...steps);
}

describe('an Urdu briefing (fixture urdu-nastaliq)', () => {
  let parsed: ParsedPdf;
  let poppler: string;
  let bytes: Uint8Array;
  beforeAll(async () => {
    const result = await buildBriefing({ path: fixture('urdu-nastaliq/briefing.yaml') });
    expect(result.warnings).toEqual([]);
    bytes = result.pdf;
    parsed = await parsePdf(result.pdf);
    poppler = popplerText(result.pdf);
  });

  it('sets every Urdu letter in Nastaliq, regular and bold, and Naskh only for the letter Nastaliq lacks', () => {
    const urdu = parsed.runs.filter((r) => ARABIC_LETTER.test(r.text));
    const fonts = new Set(urdu.map((r) => fontName(r.font)));
    expect(fonts).toContain('NotoNastaliqUrdu-Regular');
    expect(fonts).toContain('NotoNastaliqUrdu-Bold');
    const naskh = urdu.filter((r) => fontName(r.font).startsWith('NotoSansArabic'));
    expect(naskh.map((r) => r.text.trim())).toEqual(['ڕ']);
    expect(parsed.pages).toBe(1);
  });

  it('gives Urdu lines the line height its theme sets: 2.2 em apart, not the 2.45 of Nastaliq’s own box', async () => {
    // Nastaliq's line box is 2.5 em: the body's leading 0.98 × Urdu's languageLeading 0.9 = 2.2 em. The main column is on the right
    // (its lines end there; a line is one piece of text, on its baseline).
    expect(bodyLineStep(parsed.runs, /^NotoNastaliqUrdu-Regular$/, (r) => r.x + r.width > 400)).toBeCloseTo(2.5 * 0.98 * 0.9, 1);
    // Only Nastaliq's tag takes the factor: Arabic, and Urdu in Naskh (plain `ur`), keep their own line heights.
    const theme = loadTemplate('briefing').theme;
    expect([
      leadingFor(theme, 'ur'),
      leadingFor(theme, 'ur-Aran'),
      leadingFor(theme, 'ur-PK'),
      leadingFor(theme, 'ur-Arab'),
      leadingFor(theme, 'ar'),
    ]).toEqual([0.9, 0.9, 0.9, 1, 1]);
  });

  // (poppler's -raw gives every right-to-left line in the order it is drawn, Naskh's too: not a reading order.)
  it('copies out in logical order, with its spaces, in poppler and in pdf.js', () => {
    const normal = (t: string) =>
      t
        .normalize('NFC')
        .replace(/[\u202a-\u202e]/g, '')
        .replace(/\s+/g, ' ');
    const phrases = [
      'روسی ڈوما پوتن کے دورۂ بھارت سے',
      'پہلے لاجسٹک معاہدے کی توثیق کرے گی',
      'توقع ہے کہ ڈوما صدر پوتن کے بھارت پہنچنے سے پہلے',
      'دونوں ملکوں کے جہاز اور فوجی طیارے',
      'باہمی لاجسٹک معاونت کا ڈھانچہ',
      'ہوائی اڈوں پر ایندھن',
      'پانی اور رسد حاصل کر سکیں گے',
    ];
    for (const [reader, text] of [
      ['poppler', poppler],
      ['pdf.js', parsed.text],
    ] as const)
      for (const phrase of phrases) expect(normal(text), `${reader}: ${phrase}`).toContain(phrase);
    // Latin and numbers inside the Urdu text stay whole.
    for (const phrase of ['S-400', 'RELOS', 'DSB-2025-052']) expect(squash(parsed.text)).toContain(phrase);
  });

  it('draws its words as shapes, each glyph a form written once, over its text on the baseline', async () => {
    // One piece of text per line in pdf.js: the words on the baseline, not raised pieces of them.
    const lines = parsed.text.split('\n').filter((l) => ARABIC_LETTER.test(l));
    expect(lines).toContain('روسی ڈوما پوتن کے دورۂ بھارت سے');
    // The text is in the Nastaliq face (its glyphs, invisible); the shapes are forms, one per glyph used.
    expect(parsed.runs.filter((r) => fontName(r.font).startsWith('NotoNastaliqUrdu')).length).toBeGreaterThan(20);
    const pdf = Buffer.from(bytes).toString('latin1');
    const forms = pdf.match(/\/Subtype \/Form/g)?.length ?? 0;
    expect(forms).toBeGreaterThan(100);
    // Written once each, not at every use: the outlines in the page made the file 312 KB.
    expect(bytes.length).toBeLessThan(260_000);
    // Same input, same bytes.
    expect(Buffer.from((await buildBriefing({ path: fixture('urdu-nastaliq/briefing.yaml') })).pdf).equals(Buffer.from(bytes))).toBe(true);
  });
});

describe('Urdu asked for in Naskh (ur-Arab)', () => {
  it('is set in Noto Sans Arabic, at Arabic’s line height', async () => {
    const content = readFileSync(fixture('urdu-nastaliq/briefing.yaml'), 'utf8').replace(/^language: ur$/m, 'language: ur-Arab');
    const parsed = await parsePdf((await buildBriefing({ content })).pdf);
    const fonts = new Set(parsed.runs.filter((r) => ARABIC_LETTER.test(r.text)).map((r) => fontName(r.font).split('-')[0]));
    expect([...fonts]).toEqual(['NotoSansArabic']);
  });
});

describe('Noto Nastaliq Urdu in fontkit', () => {
  it('shapes with its cursive attachment and mark anchors, also where a mark has no anchor on its base', () => {
    // fontkit's layout with script, language and direction (the project's own typings name only what it calls).
    const font = loadFont(
      createRequire(import.meta.url).resolve('@expo-google-fonts/noto-nastaliq-urdu/400Regular/NotoNastaliqUrdu_400Regular.ttf'),
    ) as unknown as {
      layout(
        text: string,
        features: undefined,
        script: string,
        language: string,
        direction: string,
      ): {
        glyphs: { id: number }[];
        positions: { yOffset: number }[];
      };
      glyphForCodePoint(cp: number): { id: number };
    };
    // پہنچنے: a cascade of joined letters with dots (on main, fontkit 2.0.4 threw on a missing mark anchor here).
    const run = font.layout('پہنچنے پاکستان', undefined, 'arab', 'URD', 'rtl');
    expect(run.glyphs.length).toBeGreaterThan(8);
    // Each letter of a Nastaliq word sits higher than the one after it: cursive attachment raises them.
    expect(run.positions.some((p) => p.yOffset > 100)).toBe(true);
    // Joined forms, not the letters' own glyphs.
    const nominal = new Set([...'پہنچنے پاکستان'].map((c) => font.glyphForCodePoint(c.codePointAt(0)!).id));
    expect(run.glyphs.filter((g) => !nominal.has(g.id)).length).toBeGreaterThan(5);
  });
});
