/**
 * Step 5: what the PDF says about itself, and the bytes. The metadata is set
 * before layout (each fitting trial is laid out in a PDF document that can be
 * rendered as it stands); the fitted layout is then rendered once. Same input,
 * same bytes: the dates come from the content (or the caller), never the clock.
 */
import { markdownPlain } from '../content/richtext.js';
import { blufText } from '../content/confidence.js';
import { withoutCitations } from '../content/citations.js';
import { VERSION } from '../version.js';
import type { Briefing, PdfA, RenderOptions } from '../types.js';

export function renderOptions(
  briefing: Briefing,
  options: { creationDate?: Date | undefined; pdfa?: PdfA | undefined } = {},
): RenderOptions {
  const { creationDate, pdfa } = options;
  const date = creationDate ?? new Date(`${briefing.date}T00:00:00Z`);
  return {
    info: {
      Title: briefing.headline,
      Author: briefing.author ? `${briefing.author}, ${briefing.organisation}` : briefing.organisation,
      Subject: markdownPlain(withoutCitations(blufText(briefing.bluf))),
      Keywords: [...(briefing.tags ?? []), briefing.marking, briefing.reference].join(', '),
      Creator: `briefing ${VERSION}`,
      Producer: `briefing ${VERSION} (pdfmake, PDFKit)`,
      CreationDate: date,
      // PDFKit's XMP has no ModifyDate; PDF/A wants the two in step, so ModDate is left out there.
      ...(!pdfa && { ModDate: date }),
    },
    lang: briefing.language ?? 'en',
    ...(pdfa && { pdfa }),
  };
}
