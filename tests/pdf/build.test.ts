import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BuildResult } from '../../src/index.js';
import { markdownPlain } from '../../src/content/richtext.js';
import { blufText } from '../../src/content/confidence.js';
import { EXAMPLE } from '../helpers/content.js';
import { exampleBuild } from '../helpers/example.js';
import { squash, type ParsedPdf } from '../helpers/pdf.js';

describe('the example briefing', () => {
  let result: BuildResult;
  let pdf: ParsedPdf;
  const content = parse(readFileSync(EXAMPLE, 'utf8'));

  beforeAll(async () => {
    ({ result, pdf } = await exampleBuild());
  });

  it('is exactly one A4 page', () => {
    expect(pdf.pages).toBe(1);
    expect(result.pages).toBe(1);
    expect(pdf.sizes[0]!.width).toBeCloseTo(595.28, 1);
    expect(pdf.sizes[0]!.height).toBeCloseTo(841.89, 1);
  });

  it('carries the headline, the bottom line and the standfirst as text', () => {
    expect(squash(pdf.text)).toContain(squash(content.headline));
    // The bottom line with its citations as the raised numbers the page shows (article 1, TASS 2).
    const bluf = blufText(content.bluf)
      .replace(/\s*\[@article\]/g, '1')
      .replace(/\s*\[@tass\]/g, '2');
    expect(squash(pdf.text)).toContain(squash(markdownPlain(bluf)));
    expect(squash(pdf.text)).toContain(squash(markdownPlain(content.standfirst)));
  });

  it('carries every key-fact title, label and value', () => {
    const text = squash(pdf.text);
    for (const box of content.keyFacts) {
      expect(text).toContain(squash(box.title.toUpperCase()));
      for (const row of box.rows) {
        expect(text).toContain(squash(row.label));
        expect(text).toContain(squash(markdownPlain(row.value)));
      }
    }
  });

  it('carries every timeline entry and the handling marking top and bottom', () => {
    const text = squash(pdf.text);
    for (const t of content.timeline) expect(text).toContain(squash(t.date + markdownPlain(t.event)));
    expect(squash(pdf.text).match(/TLP:CLEAR/g)?.length).toBe(2);
  });

  it('links its sources, clickably', () => {
    const urls = content.sources.filter((s: { url?: string }) => s.url).map((s: { url: string }) => s.url);
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) {
      expect(pdf.text).toContain(url);
      // Viewers normalise a bare host to end in "/".
      expect(pdf.links.map((l) => l.url.replace(/\/$/, ''))).toContain(url.replace(/\/$/, ''));
    }
  });

  it('has the headline as its document title, and the organisation as author', () => {
    expect(pdf.info.Title).toBe(content.headline);
    expect(pdf.info.Author).toBe(content.organisation);
    expect(String(pdf.info.Creator)).toMatch(/^briefing \d+\.\d+\.\d+/);
    expect(String(pdf.info.Keywords)).toContain('TLP:CLEAR');
  });
});
