import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildBriefing } from '../../src/index.js';
import { EXAMPLE, fixture, minimalYaml } from '../helpers/content.js';
import { parsePdf } from '../helpers/pdf.js';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('same input, same bytes', () => {
  it('builds the example twice to identical bytes', async () => {
    const a = await buildBriefing({ path: EXAMPLE });
    const b = await buildBriefing({ path: EXAMPLE });
    expect(sha(a.pdf)).toBe(sha(b.pdf));
  });

  it('leaks nothing between documents: A, then B, then A again gives the same A', async () => {
    const first = await buildBriefing({ path: EXAMPLE });
    const other = await buildBriefing({ path: fixture('scripts/briefing.yaml') });
    const again = await buildBriefing({ path: EXAMPLE });
    expect(sha(other.pdf)).not.toBe(sha(first.pdf));
    expect(sha(again.pdf)).toBe(sha(first.pdf));
  });

  it("copies text out as it was typed, whatever earlier documents typed: a ligature glyph keeps each document's characters", async () => {
    // "ﬁ" (one character) and "fi" (two, joined by the font's fi ligature) are set with the same glyph.
    const typedLigature = await buildBriefing({ content: minimalYaml({ headline: 'The ﬁnal ﬁgures' }) });
    const typedLetters = await buildBriefing({ content: minimalYaml({ headline: 'The final figures' }) });
    expect((await parsePdf(typedLigature.pdf, { exact: true })).text).toContain('The ﬁnal ﬁgures');
    expect((await parsePdf(typedLetters.pdf, { exact: true })).text).toContain('The final figures');
  });

  it('takes its dates from the content, or from the caller (SOURCE_DATE_EPOCH)', async () => {
    const fromContent = await parsePdf((await buildBriefing({ path: EXAMPLE })).pdf);
    expect(String(fromContent.info.CreationDate)).toMatch(/^D:20251201000000/);
    const pinned = await buildBriefing({ path: EXAMPLE }, { creationDate: new Date(1_700_000_000_000) });
    expect(String((await parsePdf(pinned.pdf)).info.CreationDate)).toMatch(/^D:20231114221320/);
  });
});
