/**
 * Urdu in Nastaliq (`language: ur-Aran`) is set in Noto Nastaliq Urdu, shaped by fontkit with its
 * cursive attachment and mark anchors, on the taller line its theme gives
 * Urdu (`languageLeading`), and Naskh (Noto Sans Arabic) sets only the
 * letters Nastaliq lacks. Read back with pdf.js (fonts, positions, text).
 */
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBriefing } from '../../src/index.js';
import { loadFont } from '../../src/pdf/fonts.js';
import { loadTemplate } from '../../src/template/compile.js';
import { leadingFor } from '../../src/text/leading.js';
import { fixture } from '../helpers/content.js';
import { parsePdf, squash, type ParsedPdf, type TextRun } from '../helpers/pdf.js';

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
  beforeAll(async () => {
    const result = await buildBriefing({ path: fixture('urdu-nastaliq/briefing.yaml') });
    expect(result.warnings).toEqual([]);
    parsed = await parsePdf(result.pdf);
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
    // Nastaliq's line box is 2.5 em: the body's leading 0.98 × Urdu's languageLeading 0.9 = 2.2 em. The main column is on the right.
    expect(bodyLineStep(parsed.runs, /^NotoNastaliqUrdu-Regular$/, (r) => r.x > 300)).toBeCloseTo(2.5 * 0.98 * 0.9, 1);
    // Only Nastaliq's tag takes the factor: Arabic, and Urdu in Naskh (plain `ur`), keep their own line heights.
    const theme = loadTemplate('briefing').theme;
    expect([leadingFor(theme, 'ur-Aran'), leadingFor(theme, 'ur'), leadingFor(theme, 'ar')]).toEqual([0.9, 1, 1]);
  });

  it('keeps every letter in the text layer, with Latin and numbers whole (words drawn in raised pieces copy out of order: README, Languages and scripts)', () => {
    const text = squash(parsed.text);
    for (const phrase of ['S-400', '18', '2025', 'DSB-2025-052']) expect(text).toContain(phrase);
    const letters = (s: string) =>
      [...squash(s)]
        .filter((c) => ARABIC_LETTER.test(c))
        .sort()
        .join('');
    // The headline's letters, each once per occurrence, are all in the PDF's text.
    const all = [...text].filter((c) => ARABIC_LETTER.test(c));
    for (const c of letters('روسی ڈوما پوتن کے دورۂ بھارت سے پہلے لاجسٹک معاہدے کی توثیق کرے گی')) expect(all).toContain(c);
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
