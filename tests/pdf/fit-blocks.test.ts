/**
 * Measuring blocks, not pages (src/pipeline/blocks.ts): the height a page
 * is predicted to take, added up from its blocks laid out one by one, is the
 * height pdfmake gives the whole page, for pages of every shape, script and
 * direction. Fitting trusts these predictions; the page is laid out whole
 * only once, to render.
 */
import { describe, expect, it } from 'vitest';
import { fitBriefing } from '../../src/index.js';
import { measure } from '../../src/pdf/engine.js';
import { loadFontSet } from '../../src/pdf/fonts.js';
import { PAPER } from '../../src/pdf/paper.js';
import { BlockMeasurer } from '../../src/pipeline/blocks.js';
import { loadTemplate } from '../../src/template/compile.js';
import type { DocDefinition, PageSpec } from '../../src/types.js';
import { fixture } from '../helpers/content.js';

const template = loadTemplate('briefing');
const fonts = loadFontSet(template.fonts);
const [left, top, right, bottom] = template.theme.page.margins;
const page: PageSpec = { ...PAPER.A4, margins: { left, top, right, bottom } };
const copy = (d: DocDefinition) => JSON.parse(JSON.stringify(d)) as DocDefinition;

describe('a page predicted from its blocks', () => {
  for (const name of [
    'fit-long',
    'fit-short',
    'shape-fact-heavy',
    'shape-story-heavy',
    'shape-quote-heavy',
    'rtl-sources',
    'japanese-headline',
    'urdu-nastaliq',
  ]) {
    it(`is as tall as the page laid out whole: ${name}`, async () => {
      const fitted = await fitBriefing({ path: fixture(`${name}/briefing.yaml`) }, { allowOverflow: true });
      const lang = fitted.briefing.language ?? 'en';
      const whole = measure(copy(fitted.docDefinition), fonts, page, lang);
      const measurer = new BlockMeasurer(fonts, page, lang);
      const predicted = measurer.predict(copy(fitted.docDefinition));
      expect(predicted, name).toBeDefined();
      expect(Math.abs(predicted!.height - whole.height), name).toBeLessThan(0.5);
      // Two columns, each holding the blocks the template set there.
      expect(predicted!.columns.map((c) => c.name).sort()).toEqual(['main', 'side']);
      for (const c of predicted!.columns)
        expect(c.extents.every((e) => e.advance > 0 && e.ink > 0 && e.ink <= e.advance + 0.01)).toBe(true);
    });
  }

  it('keeps what it measured across builds: the same page again lays nothing out', async () => {
    const fitted = await fitBriefing({ path: fixture('shape-timeline-heavy/briefing.yaml') });
    const doc = copy(fitted.docDefinition);
    // A block no build has measured yet: the first prediction lays it out.
    (doc.content as unknown[]).splice(1, 0, { text: `measured once ${Date.now()}` });
    const first = new BlockMeasurer(fonts, page, 'en');
    const predicted = first.predict(copy(doc));
    const second = new BlockMeasurer(fonts, page, 'en');
    expect(second.predict(copy(doc))).toEqual(predicted);
    expect(first.layouts).toBeGreaterThan(0);
    expect(second.layouts).toBe(0);
  });

  it('leaves a page with a page break to the full layout', async () => {
    const fitted = await fitBriefing({ path: fixture('fit-short/briefing.yaml') });
    const doc = copy(fitted.docDefinition);
    (doc.content as unknown[]).splice(1, 0, { text: 'x', pageBreak: 'after' });
    expect(new BlockMeasurer(fonts, page, 'en').predict(doc)).toBeUndefined();
  });
});
