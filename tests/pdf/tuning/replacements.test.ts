import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import * as fontkit from 'fontkit';
import { fileURLToPath } from 'node:url';
import TextBreakerModule from 'pdfmake/js/TextBreaker.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { layOut } from '../../../src/pdf/engine.js';
import { loadFont, loadFontSet } from '../../../src/pdf/fonts.js';
import { PAPER } from '../../../src/pdf/paper.js';
import { fixParsedFont } from '../../../src/pdf/tuning/fontkit-fixes.js';
import { installTuning } from '../../../src/pdf/tuning/install.js';
import { StyleContextStack } from '../../../src/pdf/tuning/pdfmake-internals.js';
import {
  REPLACEMENT_IDS,
  REPLACEMENTS,
  replacedMethods,
  setTuning,
  withTuning,
  type ReplacementId,
} from '../../../src/pdf/tuning/registry.js';
import { loadTemplate } from '../../../src/template/compile.js';
import type { DocDefinition, PageSpec } from '../../../src/types.js';
import { parsePdf } from '../../helpers/pdf.js';

// Each replacement declared in src/pdf/tuning/registry.ts, run stock and replaced on the same input: the switch
// (setTuning / withTuning) puts pdfmake's, PDFKit's or fontkit's own method back, so the same call runs both ways.
// A fix must change what it promises to change and nothing else; the speed layer must change nothing
// (text-measure.test.ts, text-runs.test.ts, pdfkit-fonts.test.ts and tuning.test.ts compare whole documents).

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const unwrap = (m: any): any => m?.default?.default ?? m?.default ?? m;
const TextBreaker = unwrap(TextBreakerModule);

const NOTO = fileURLToPath(
  new URL('../../../node_modules/@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf', import.meta.url),
);
const page: PageSpec = { ...PAPER.A4, margins: { left: 40, top: 50, right: 40, bottom: 50 } };
const fonts = loadFontSet(loadTemplate('briefing').fonts);
const info = { Title: 'Replacements', Creator: 'test', Producer: 'test', CreationDate: new Date(0) };
/** `fn` run with `ids` off (stock), then with everything on. */
async function stockAnd<T>(ids: ReplacementId[], fn: () => T | Promise<T>): Promise<[T, T]> {
  const stock = await withTuning({ off: ids }, fn);
  return [stock, await fn()];
}
const render = (doc: () => DocDefinition, options = {}) => layOut(doc(), fonts, page, { info, ...options }).render();

beforeAll(() => installTuning());

describe('the switch', () => {
  it('swaps every method shared by all instances: the original while its replacements are off, each replacement while on', () => {
    const methods = replacedMethods();
    // Every replacement of a prototype or class method is in the list (the rest replace objects' own methods).
    const shared: ReplacementId[] = [
      'style-lookups',
      'measure-runs',
      'text-runs',
      'word-breaks',
      'column-widths',
      'line-building',
      'flat-inlines',
      'bidi-lines',
      'broken-words',
    ];
    expect(methods.flatMap((m) => m.ids)).toEqual(expect.arrayContaining(shared));
    try {
      for (const m of methods) {
        const now = () => m.owner[m.name];
        expect(m.with(m.ids), m.name).not.toBe(m.original);
        setTuning({ off: m.ids });
        expect(now() === m.original, `${m.ids.join(', ')} off: ${m.name} is the original`).toBe(true);
        setTuning(true);
        expect(now() === m.with(m.ids), `${m.name}: all of ${m.ids.join(', ')} on`).toBe(true);
        for (const id of m.ids) {
          setTuning({ off: [id] });
          expect(now() === m.with(m.ids.filter((x) => x !== id)), `${id} off: ${m.name} without it`).toBe(true);
          expect(now() === m.with(m.ids), `${id} off: ${m.name} changed`).toBe(false);
        }
        setTuning(false);
        const fixes = m.ids.filter((id) => REPLACEMENTS[id].kind === 'fix');
        expect(now() === m.with(fixes), `${m.name} with the speed layer off: only the fixes`).toBe(true);
        setTuning(true);
      }
    } finally {
      setTuning(true);
    }
  });

  it('switches an object’s own method at its next call (a parsed font, kept for the whole process)', async () => {
    // A font of its own: fontkit keeps each glyph with the characters it was first asked for ("ﬁ" typed as one).
    const font = fixParsedFont(fontkit.create(readFileSync(NOTO)) as fontkit.Font) as unknown as {
      glyphForCodePoint(cp: number): { id: number };
      getGlyph(id: number, characters: number[]): { codePoints: number[] };
    };
    const fi = font.glyphForCodePoint(0xfb01).id;
    font.getGlyph(fi, [0xfb01]);
    // The same glyph asked for as the two letters "fi" that a ligature stands for.
    const codePoints = () => font.getGlyph(fi, [0x66, 0x69]).codePoints;
    const [stock, ours] = await stockAnd(['glyph-characters'], codePoints);
    expect(ours).toEqual([0x66, 0x69]);
    expect(stock).not.toEqual([0x66, 0x69]);
  });

  it('declares every replacement once, with a version and a kind', () => {
    for (const id of REPLACEMENT_IDS) expect(['speed', 'fix'], id).toContain(REPLACEMENTS[id].kind);
  });
});

describe('fixes, stock and replaced on the same input', () => {
  it('word-breaks: an address and a Korean word stay whole; nothing is lost', async () => {
    const text = 'see https://example.org/a-b/c?d=e and 대한민국의 수도';
    const breaks = () => new TextBreaker().getBreaks([text], new StyleContextStack({}, {})) as { text: string }[];
    const [stock, ours] = await stockAnd(['word-breaks'], breaks);
    expect(ours.map((w) => w.text).join('')).toBe(text);
    expect(stock.map((w) => w.text).join('')).toBe(text);
    expect(ours.map((w) => w.text)).toContain('https://example.org/a-b/c?d=e ');
    expect(ours.map((w) => w.text)).toContain('대한민국의 ');
    expect(stock.length).toBeGreaterThan(ours.length);
  });

  it('line-building and column-widths: a word wider than its column is broken, not drawn off the page', async () => {
    const word = 'Wirtschaftsförderungsgesellschaftsvertragsverhandlungsergebnisse'.repeat(3);
    const doc = () =>
      ({
        defaultStyle: { font: 'NotoSans', fontSize: 10 },
        content: [
          {
            columns: [
              { width: 'auto', text: word },
              { width: 120, text: 'Side column' },
            ],
          },
        ],
      }) as DocDefinition;
    const lay = () => layOut(doc(), fonts, page, { info }).overflows.length;
    const [stock, ours] = await stockAnd(['line-building', 'column-widths'], lay);
    expect(stock).toBeGreaterThan(0);
    expect(ours).toBe(0);
    const [stockPdf, ourPdf] = await stockAnd(['line-building', 'column-widths'], () => render(doc));
    const [a, b] = [await parsePdf(stockPdf), await parsePdf(ourPdf)];
    // Broken with hyphens, every letter still there, and the side column where the template put it; pdfmake's own
    // rules push it right, off the paper.
    expect(b.text.replace(/[-\s]/g, '')).toContain(word);
    const sideX = (p: typeof a) => p.runs.find((r) => r.text.includes('Side'))?.x ?? Infinity;
    expect(sideX(b)).toBeLessThanOrEqual(page.width - page.margins.right - 120 + 0.01);
    expect(sideX(a)).toBeGreaterThan(page.width - page.margins.right);
  });

  it('flat-inlines: thousands of runs in one paragraph set exactly as pdfmake sets them', async () => {
    const doc = () =>
      ({
        defaultStyle: { font: 'NotoSans', fontSize: 10 },
        content: [{ text: Array.from({ length: 400 }, (_, i) => ({ text: i % 7 === 0 ? 'a ' : 'a', bold: i % 2 === 0 })) }],
      }) as DocDefinition;
    const [stock, ours] = await stockAnd(['flat-inlines'], () => render(doc));
    expect(ours.equals(stock)).toBe(true);
  });

  it('pdf-shaping: Vietnamese keeps its precomposed letters, so the text copies out as typed', async () => {
    const font = loadFont(NOTO) as unknown as {
      layout(text: string): { glyphs: { id: number | string; codePoints: number[] }[] };
      glyphForCodePoint(cp: number): { id: number };
    };
    const shaped = () => font.layout('Trọng').glyphs.map((g) => ({ id: g.id, text: String.fromCodePoint(...g.codePoints) }));
    const [stock, ours] = await stockAnd(['pdf-shaping'], shaped);
    // Ours: one glyph per letter, "ọ" drawn with its own precomposed glyph; fontkit's ccmp splits it into a base and
    // a mark, each mapped to one character, which a reader copies out as "Trong".
    const precomposed = font.glyphForCodePoint(0x1ecd).id;
    expect(ours.map((g) => g.text).join('')).toBe('Trọng');
    expect(ours.map((g) => g.id)).toContain(precomposed);
    expect(stock.map((g) => g.id)).not.toContain(precomposed);
    expect(stock.length).toBe(ours.length + 1);
  });

  it('bidi-lines: a right-to-left line is placed in visual order, its last word leftmost', async () => {
    const doc = () =>
      ({
        defaultStyle: { font: 'NotoSans', fontSize: 10 },
        content: [
          {
            text: [
              // Two faces, so that pdf.js reads two runs.
              { text: 'first ', bold: true, bidiLevel: 1, bidiRtl: true },
              { text: 'second', bidiLevel: 1, bidiRtl: true },
            ],
          },
        ],
      }) as DocDefinition;
    const xOf = async (pdf: Buffer, word: string) => (await parsePdf(pdf)).runs.find((r) => r.text.includes(word))!.x;
    const [stock, ours] = await stockAnd(['bidi-lines'], () => render(doc));
    expect(await xOf(stock, 'first')).toBeLessThan(await xOf(stock, 'second'));
    expect(await xOf(ours, 'first')).toBeGreaterThan(await xOf(ours, 'second'));
  });

  it('xmp-escape: a title with & and < gives well-formed XMP metadata', async () => {
    const doc = () => ({ defaultStyle: { font: 'NotoSans' }, content: ['Metadata'] }) as DocDefinition;
    const title = 'Gas & oil <2025>';
    const xmp = async (pdf: Buffer) => {
      const latin = pdf.toString('latin1');
      for (const m of latin.matchAll(/stream\r?\n/g)) {
        const start = m.index + m[0].length;
        const body = pdf.subarray(start, latin.indexOf('endstream', start));
        let text: string;
        try {
          text = inflateSync(body).toString('utf8');
        } catch {
          text = body.toString('utf8');
        }
        if (text.includes('x:xmpmeta')) return text;
      }
      throw new Error('no XMP metadata in the PDF');
    };
    const options = { info: { ...info, Title: title }, pdfa: '2b' };
    const [stock, ours] = await stockAnd(['xmp-escape'], () => render(doc, options));
    expect(await xmp(ours)).toContain('Gas &amp; oil &lt;2025&gt;');
    expect(await xmp(stock)).toContain(title);
  });
});
