import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { buildBriefing } from '../../src/index.js';
import { EXAMPLE, minimalYaml } from '../helpers/content.js';
import { exampleBuild } from '../helpers/example.js';

async function xmpOf(pdf: Uint8Array) {
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  const meta = await doc.getMetadata();
  await doc.destroy();
  return { info: meta.info as Record<string, unknown>, xmp: meta.metadata };
}

describe('metadata for records offices and mail servers', () => {
  it('carries title, author, subject, keywords, creator and language', async () => {
    const { pdf, briefing } = (await exampleBuild()).result;
    const { info, xmp } = await xmpOf(pdf);
    expect(info.Title).toBe(briefing.headline);
    expect(info.Author).toBe(briefing.organisation);
    expect(String(info.Subject)).toMatch(/^The Duma, the lower house/);
    expect(String(info.Keywords).split(', ')).toEqual(expect.arrayContaining(['RELOS', 'TLP:CLEAR', 'DSB-2025-047']));
    expect(info.Creator).toMatch(/^briefing \d/);
    expect(info.Language).toBe('en');
    expect(xmp?.get('dc:title')).toBe(briefing.headline);
  });

  it('names the language the content is written in (fr), for screen readers and search', async () => {
    const { pdf } = await buildBriefing({ content: minimalYaml({ language: 'fr', headline: 'La Douma ratifie l’accord' }) });
    const { info } = await xmpOf(pdf);
    expect(info.Language).toBe('fr');
    expect(info.Title).toBe('La Douma ratifie l’accord');
  });

  it('keeps the XMP metadata valid XML when the headline has & < > and quotes', async () => {
    const headline = 'Q&A: <Sanctions> "snap-back" & what\'s next';
    const { pdf } = await buildBriefing({ content: minimalYaml({ headline }) });
    const { info, xmp } = await xmpOf(pdf);
    // The title is the headline as printed, its quotes typographic (src/text/typography.ts).
    const printed = 'Q&A: <Sanctions> \u201csnap-back\u201d & what\u2019s next';
    expect(info.Title).toBe(printed);
    expect(xmp?.get('dc:title')).toBe(printed);
  });

  it('writes PDF/A-2b identification and an output intent on request', async () => {
    const { pdf } = await buildBriefing({ path: EXAMPLE }, { pdfa: '2b' });
    const { xmp } = await xmpOf(pdf);
    const raw = xmp!.getRaw();
    expect(raw).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
    expect(raw).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
    const bytes = Buffer.from(pdf).toString('latin1');
    expect(bytes).toContain('/OutputIntents');
    expect(bytes).toContain('/S /GTS_PDFA1');
    expect(bytes).not.toContain('/ModDate'); // XMP has no ModifyDate to match it
  });
});
