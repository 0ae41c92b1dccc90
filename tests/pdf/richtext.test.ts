import { inflateSync } from 'node:zlib';
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

/** The page content streams of a PDF, inflated (PDFKit writes each as one FlateDecode stream). */
function contentStreams(pdf: Uint8Array): string[] {
  const bytes = Buffer.from(pdf);
  const out: string[] = [];
  let at = 0;
  for (;;) {
    const start = bytes.indexOf('stream\n', at);
    if (start < 0) break;
    const end = bytes.indexOf('\nendstream', start);
    try {
      const text = inflateSync(bytes.subarray(start + 7, end)).toString('latin1');
      if (text.includes(' BDC')) out.push(text);
    } catch {
      /* not deflated (an image, a font): not content */
    }
    at = end + 10;
  }
  return out;
}
const pdfTextString = (s: string) => `<FEFF${[...s].map((c) => c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')).join('')}>`;

describe('a span in another language ([текст]{lang=ru}, as pandoc writes it)', () => {
  it('gives its runs the language, in canonical form, and keeps the Markdown inside', () => {
    expect(markdownInlines('It is [взаимная поддержка]{lang=ru} now')).toEqual([
      { text: 'It is ' },
      { text: 'взаимная поддержка', lang: 'ru' },
      { text: ' now' },
    ]);
    expect(markdownInlines('[**支援**]{lang="zh-hant"}')).toEqual([{ text: '支援', lang: 'zh-Hant', bold: true }]);
    // Not a span: other attributes, or a link, are what they were.
    expect(markdownInlines('[x]{.class}')).toEqual([{ text: '[x]{.class}' }]);
    expect(markdownInlines('[x](https://example.org)')).toEqual([{ text: 'x', link: 'https://example.org', style: 'link' }]);
  });

  it('warns about a tag that is not BCP 47, naming what to type, and keeps the text', () => {
    for (const tag of ['russian', 'ru_RU', '']) {
      const issues: { message: string }[] = [];
      expect(markdownInlines(`a [б]{lang=${tag}} c`, issues)).toEqual([{ text: 'a б c' }]);
      expect(issues.map((i) => i.message)).toEqual([
        expect.stringMatching(/is not a language tag \(BCP 47\); write one such as \{lang=ru\}/),
      ]);
    }
  });

  it('is drawn as the text around it, and the tagged PDF marks it with its /Lang', async () => {
    const bluf = 'Moscow calls it [взаимная поддержка]{lang=ru} and Delhi [पारस्परिक सहायता]{lang=hi} too.';
    const result = await buildBriefing({ content: minimalYaml({ bluf }) });
    expect(result.warnings).toEqual([]);
    // (pdf.js takes a Devanagari conjunct as a zero-width mark, its text ends short of the glyphs and the next piece
    // of text after a gap: one more space after the span, none inside it. README, Languages: copying text out.)
    const text = (await parsePdf(result.pdf)).text.replace(/\s+/g, ' ');
    expect(text).toContain('Moscow calls it взаимная поддержка and Delhi पारस्परिक सहायता too.');
    const content = contentStreams(result.pdf).join('\n');
    for (const lang of ['ru', 'hi']) expect(content).toContain(`/Span <</Lang ${pdfTextString(lang)}>> BDC`);
    // Without spans, none.
    const plain = await buildBriefing({ content: minimalYaml({ bluf: 'Moscow calls it взаимная поддержка.' }) });
    expect(contentStreams(plain.pdf).join('\n')).not.toContain('/Lang');
  });
});
