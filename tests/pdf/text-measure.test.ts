import { describe, expect, it } from 'vitest';
import { buildBriefing } from '../../src/index.js';
import { layOut } from '../../src/pdf/engine.js';
import { PAPER } from '../../src/pdf/paper.js';
import { loadFontSet } from '../../src/pdf/fonts.js';
import { loadTemplate } from '../../src/template/compile.js';
import { withTuning } from '../../src/pdf/tuning/registry.js';
import type { DocDefinition, PageSpec } from '../../src/types.js';
import { EXAMPLE, fixture } from '../helpers/content.js';
import { parsePdf } from '../helpers/pdf.js';

const withStockMeasuring = <T>(fn: () => Promise<T>) => withTuning({ off: ['style-lookups', 'measure-runs'] }, fn);

// text-measure.ts replaces how pdfmake styles and measures words; the pages must come out exactly as pdfmake's own code sets them.

const page: PageSpec = { ...PAPER.A4, margins: { left: 40, top: 50, right: 40, bottom: 50 } };
const fonts = loadFontSet(loadTemplate('briefing').fonts);
const info = { Title: 'Inline styles', Creator: 'test', Producer: 'test', CreationDate: new Date(0) };

/** Runs of every kind pdfmake styles word by word: own properties, named styles (with `extends`), links, raised and lowered text, spacing, references to other nodes. */
function inlineStyles(): DocDefinition {
  return {
    defaultStyle: { font: 'NotoSans', fontSize: 10, lineHeight: 1.1 },
    styles: {
      lead: { fontSize: 12, bold: true, color: '#12385f' },
      aside: { extends: 'lead', italics: true, bold: false, characterSpacing: 0.6 },
      tight: { lineHeight: 0.9, alignment: 'justify' },
    },
    content: [
      {
        text: 'Plain words in a paragraph long enough to wrap onto a second line at this width, and then some more words.',
        style: 'tight',
      },
      {
        text: [
          'Mixed: ',
          { text: 'bold words here ', bold: true },
          { text: 'named style ', style: 'lead' },
          { text: 'extended style with spacing ', style: ['lead', 'aside'] },
          { text: 'a link ', link: 'https://example.org/', decoration: 'underline', color: '#0b5cad' },
          'E = mc',
          { text: '2', sup: true },
          ' and H',
          { text: '2', sub: true },
          'O, ',
          { text: 'shaded ', background: '#eeeeee', opacity: 0.8 },
          { text: 'nowrap run of words', noWrap: true },
          ' and plain words after it that go on until the line wraps again.',
        ],
        leadingIndent: 14,
      },
      { text: '   kept leading spaces and trailing   ', preserveLeadingSpaces: true, preserveTrailingSpaces: true },
      {
        text: ['\u00a0\u2003cut leading and trailing spaces of other kinds\u3000 ', { text: '\u2009thin', style: 'lead' }, ' end\u00a0'],
        alignment: 'right',
      },
      // Words that carry more than style: pdfmake fills in the page number and the text of the node they refer to as it renders.
      { text: 'An anchored line', id: 'anchor' },
      { text: ['See page ', { pageReference: 'anchor' }, ' for ', { textReference: 'anchor', italics: true }, '.'] },
      {
        columns: [
          { text: 'Left column words, set narrow so they wrap more than once.', style: 'aside' },
          { text: 'Right column, ' + 'more '.repeat(20), fontSize: 8 },
        ],
      },
    ],
  } as DocDefinition;
}

describe('text measuring', () => {
  it('lays out inline styles to the same bytes as pdfmake’s own code', async () => {
    const ours = await layOut(inlineStyles(), fonts, page, { info }).render();
    const stock = await withStockMeasuring(() => layOut(inlineStyles(), fonts, page, { info }).render());
    expect(ours.equals(stock)).toBe(true);
    const text = (await parsePdf(ours)).text;
    expect(text).toContain('named style');
    expect(text).toContain('E = mc');
    expect(text).toMatch(/See page 1 for An anchored line\./);
  });

  it('builds the example and a multi-script briefing to the same bytes as pdfmake’s own code', async () => {
    for (const input of [{ path: EXAMPLE }, { path: fixture('scripts/briefing.yaml') }]) {
      const ours = await buildBriefing(input);
      const stock = await withStockMeasuring(() => buildBriefing(input));
      expect(ours.fit.passes).toBe(stock.fit.passes);
      expect(ours.pdf.equals(stock.pdf)).toBe(true);
    }
  });
});
