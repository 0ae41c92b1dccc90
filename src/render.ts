/**
 * Step 5: lay the fitted document out on the real page and render the PDF,
 * with its metadata. Same input, same bytes: the creation date comes from the
 * content (or the caller), never from the clock.
 */
import { render, type PageSpec, type PdfA, type PdfInfo } from './engine.js';
import type { DocDefinition } from './docdef.js';
import type { FontSet } from './fonts.js';
import { markdownPlain } from './richtext.js';
import type { Briefing } from './schema.js';
import { VERSION } from './version.js';

export interface RenderedPdf {
  pdf: Buffer;
  pages: number;
  info: PdfInfo;
}

export async function renderPdf(
  doc: DocDefinition,
  briefing: Briefing,
  fonts: FontSet,
  page: PageSpec,
  options: { creationDate?: Date | undefined; pdfa?: PdfA | undefined } = {},
): Promise<RenderedPdf> {
  const { creationDate, pdfa } = options;
  const date = creationDate ?? new Date(`${briefing.date}T00:00:00Z`);
  const info: PdfInfo = {
    Title: briefing.headline,
    Author: briefing.author ? `${briefing.author}, ${briefing.organisation}` : briefing.organisation,
    Subject: markdownPlain(briefing.bluf),
    Keywords: [...(briefing.tags ?? []), briefing.marking, briefing.reference].join(', '),
    Creator: `briefing ${VERSION}`,
    Producer: `briefing ${VERSION} (pdfmake, PDFKit)`,
    CreationDate: date,
    // PDFKit's XMP has no ModifyDate; PDF/A wants the two in step, so ModDate is left out there.
    ...(!pdfa && { ModDate: date }),
  };
  const { pdf, pages } = await render(doc, fonts, page, { info, lang: briefing.language ?? 'en', ...(pdfa && { pdfa }) });
  return { pdf, pages, info };
}
