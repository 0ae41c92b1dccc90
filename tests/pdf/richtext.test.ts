import { describe, expect, it } from 'vitest';
import { buildBriefing } from '../../src/index.js';
import { markdownBlocks, markdownInlines } from '../../src/content/richtext.js';
import { minimalYaml } from '../helpers/content.js';
import { parsePdf } from '../helpers/pdf.js';

describe('light Markdown in content fields', () => {
  it('maps emphasis, links and code to pdfmake runs', () => {
    expect(markdownInlines('a **b** *c* ***d*** [e](https://x.org) `f`')).toEqual([
      { text: 'a ' },
      { text: 'b', bold: true },
      { text: ' ' },
      { text: 'c', italics: true },
      { text: ' ' },
      { text: 'd', bold: true, italics: true },
      { text: ' ' },
      { text: 'e', link: 'https://x.org', style: 'link' },
      { text: ' ' },
      { text: 'f', style: 'code' },
    ]);
  });

  it('turns bodies into paragraphs and lists, and refuses unsafe links', () => {
    const issues: { message: string }[] = [];
    const blocks = markdownBlocks('One\ntwo.\n\n- first\n- [bad](javascript:alert(1))\n\n1. x\n2. y', issues);
    expect(blocks).toEqual([
      { text: [{ text: 'One two.' }], style: 'paragraph' },
      { ul: [{ text: [{ text: 'first' }] }, { text: [{ text: '[bad](javascript:alert(1))' }] }], style: 'list' },
      { ol: [{ text: [{ text: 'x' }] }, { text: [{ text: 'y' }] }], style: 'list' },
    ]);
    expect(issues.map((i) => i.message)).toEqual([expect.stringContaining('"javascript:alert(1)" is not http(s) or mailto')]);
  });

  it('comes out of the PDF as styled runs and real link annotations', async () => {
    const body = 'Plain, **bold words**, *italic words* and [a link](https://example.org/doc).\n\n- bullet one\n- bullet two';
    const { pdf } = await buildBriefing({ content: minimalYaml({ sections: [{ heading: 'Styled', body }] }) });
    const parsed = await parsePdf(pdf);
    const fontOf = (s: string) => parsed.runs.find((r) => r.text.includes(s))?.font.replace(/^[A-Z]{6}\+/, '');
    expect(fontOf('bold words')).toBe('NotoSans-SemiBold');
    expect(fontOf('italic words')).toBe('NotoSans-Italic');
    expect(fontOf('Plain,')).toBe('NotoSans-Regular');
    expect(parsed.links.map((l) => l.url)).toContain('https://example.org/doc');
    // pdfmake draws list markers as shapes, so the items are separate lines of text.
    expect(parsed.text).toMatch(/bullet one\s*\n\s*bullet two/);
  });

  it('shows <script> in a field as literal text', async () => {
    const { pdf } = await buildBriefing({ content: minimalYaml({ standfirst: 'Look: <script>alert(1)</script> done' }) });
    expect((await parsePdf(pdf)).text).toContain('Look: <script>alert(1)</script> done');
  });
});
