import { describe, expect, it } from 'vitest';
import { layOut } from '../../src/pdf/engine.js';
import { PAPER } from '../../src/pdf/paper.js';
import { loadFontSet } from '../../src/pdf/fonts.js';
import { loadTemplate } from '../../src/template/compile.js';
import type { DocDefinition, PageSpec } from '../../src/types.js';
import { parsePdf } from '../helpers/pdf.js';

// When a briefing may overflow (--allow-overflow), a section heading must not be left alone at the foot of a page.

const page: PageSpec = { ...PAPER.A4, margins: { left: 40, top: 50, right: 40, bottom: 50 } };
const fonts = loadFontSet(loadTemplate('briefing').fonts);
const info = { Title: 'Page breaks', Creator: 'test', Producer: 'test', CreationDate: new Date(0) };

/** `lines` one-line paragraphs, then a heading and the paragraph under it, with a header and footer on every page as the template has. */
function headingAfter(lines: number): DocDefinition {
  return {
    defaultStyle: { font: 'NotoSans', fontSize: 10 },
    header: { text: 'HEADER BAR', margin: [40, 20, 40, 0] },
    footer: { text: 'FOOTER LINE', margin: [40, 20, 40, 0] },
    content: [
      ...Array.from({ length: lines }, (_, i) => ({ text: `Filler ${i + 1}` })),
      { text: 'THE HEADING', headlineLevel: 1, bold: true },
      { text: 'Body under the heading.' },
    ],
  };
}

const pageOf = (pdf: Awaited<ReturnType<typeof parsePdf>>, text: string) => pdf.runs.find((r) => r.text.includes(text))?.page;

describe('page breaks', () => {
  it('moves a heading that would end a page to the next one, with its text, when the page has a header and footer', async () => {
    let moved = 0;
    // About 54 lines fill the page: somewhere in this range the heading falls on the last line.
    for (let lines = 44; lines <= 60; lines++) {
      const pdf = await parsePdf(await layOut(headingAfter(lines), fonts, page, { info }).render());
      const heading = pageOf(pdf, 'THE HEADING');
      expect(heading, `${lines} lines`).toBe(pageOf(pdf, 'Body under the heading.'));
      if (heading !== pageOf(pdf, `Filler ${lines}`)) moved++;
      // The header and footer are still on every page.
      for (let p = 1; p <= pdf.pages; p++) {
        expect(pdf.runs.some((r) => r.page === p && r.text === 'HEADER BAR')).toBe(true);
        expect(pdf.runs.some((r) => r.page === p && r.text === 'FOOTER LINE')).toBe(true);
      }
    }
    // One count fills the first page, so the heading starts the next; the count before it would
    // leave the heading on the last line, and the rule moves it over too. Without the rule: 1.
    expect(moved).toBe(2);
  });

  it('moves a heading at the foot of its column, though the other column goes on below it on that page', async () => {
    // pdfmake lists the other column's nodes after this one's: they once counted as "text after the heading", and a
    // heading was left alone at the foot of the main column of a two-page Hindi briefing.
    let moved = 0;
    for (let lines = 44; lines <= 60; lines++) {
      const main = headingAfter(lines).content as unknown[];
      const side = Array.from({ length: 70 }, (_, i) => ({ text: `Side ${i + 1}` }));
      const doc: DocDefinition = { ...headingAfter(0), content: [{ columns: [{ stack: main }, { stack: side }], columnGap: 20 }] };
      const pdf = await parsePdf(await layOut(doc, fonts, page, { info }).render());
      const heading = pageOf(pdf, 'THE HEADING');
      expect(heading, `${lines} lines`).toBe(pageOf(pdf, 'Body under the heading.'));
      if (heading !== pageOf(pdf, `Filler ${lines}`)) moved++;
    }
    expect(moved).toBeGreaterThanOrEqual(2);
  });

  it('leaves a heading that ends the document where it is', async () => {
    const doc = headingAfter(10);
    doc.content = (doc.content as unknown[]).slice(0, -1);
    const pdf = await parsePdf(await layOut(doc, fonts, page, { info }).render());
    expect(pdf.pages).toBe(1);
  });
});
