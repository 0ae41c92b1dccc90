import { describe, expect, it } from 'vitest';
import { buildBriefing } from '../../src/index.js';
import { withTuning } from '../../src/pdf/tuning/registry.js';
import { EXAMPLE, fixture } from '../helpers/content.js';

// pdfkit-fonts.ts keeps widths and subset glyphs per parsed font; the PDF must be the bytes PDFKit and fontkit make on their own.

describe('PDFKit and fontkit work done less often', () => {
  it('gives the same bytes as PDFKit and fontkit on their own, for Latin and for several scripts', async () => {
    for (const path of [EXAMPLE, fixture('scripts/briefing.yaml')]) {
      const ours = await buildBriefing({ path });
      const again = await buildBriefing({ path }); // now from the caches
      const stock = await withTuning({ off: ['shared-shaping', 'string-widths', 'line-encoding', 'subset-glyphs'] }, () =>
        buildBriefing({ path }),
      );
      expect(again.pdf.equals(ours.pdf)).toBe(true);
      expect(stock.pdf.equals(ours.pdf)).toBe(true);
    }
  });
});
