import { describe, expect, it } from 'vitest';
import { buildBriefing } from '../../src/index.js';
import { minimalYaml } from '../helpers/content.js';
import { parsePdf, squash } from '../helpers/pdf.js';

// Everything that could break JSON, Handlebars or HTML, in one string.
const NASTY = 'He said "stop" \\ then {{x}} and {{{y}}} } ]} </script> <b>not bold</b> & done';
// As printed: straight quotes become the language's typographic ones (src/text/typography.ts); nothing else changes.
const PRINTED = NASTY.replace('"stop"', '\u201cstop\u201d');

describe('content is shown verbatim and cannot change the document', () => {
  it('keeps quotes, backslashes, braces, {{ and </ in plain fields exactly', async () => {
    const yaml = minimalYaml({
      headline: NASTY,
      keyFacts: [{ title: 'Box', rows: [{ label: NASTY, value: 'plain' }] }],
      quotes: [{ text: NASTY, attribution: NASTY }],
    });
    const { pdf } = await buildBriefing({ content: yaml });
    const parsed = await parsePdf(pdf);
    expect(parsed.pages).toBe(1);
    // Headline, label, quote and attribution each carry the string (lines may wrap anywhere).
    expect(squash(parsed.text).split(squash(PRINTED)).length - 1).toBe(4);
    expect(parsed.text).toContain('He said \u201cstop\u201d \\ then {{x}} and {{{y}}} } ]}');
    expect(parsed.info.Title).toBe(PRINTED);
  });

  it('keeps newlines in plain fields as line breaks', async () => {
    const { pdf } = await buildBriefing({ content: minimalYaml({ headline: 'first line\nsecond line' }) });
    const text = (await parsePdf(pdf)).text;
    expect(text).toMatch(/first line\s*\n\s*second line/);
  });

  it('shows raw HTML in Markdown fields as literal text', async () => {
    const { pdf } = await buildBriefing({ content: minimalYaml({ bluf: 'Before <script>alert("x")</script> after' }) });
    expect((await parsePdf(pdf)).text.replace(/\n/g, ' ')).toContain('Before <script>alert(\u201cx\u201d)</script> after');
  });
});
