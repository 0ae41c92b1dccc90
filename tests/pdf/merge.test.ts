import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAPER } from '../../src/pdf/paper.js';
import type { DocDefinition, FitScale, PageSpec } from '../../src/types.js';
import { merger, mergeTemplate } from '../../src/pipeline/merge.js';
import { loadContent } from '../../src/pipeline/load.js';
import { loadTemplate } from '../../src/template/compile.js';
import { validateContent } from '../../src/pipeline/validate.js';
import { EXAMPLE, fixture, minimalYaml } from '../helpers/content.js';

// Fitting merges the template at each scale it tries (merger): the numbers a template writes with `size` and `space`
// come out scaled, however the template uses them, and content is never read as template syntax.

const page: PageSpec = { ...PAPER.A4, margins: { left: 40, top: 50, right: 40, bottom: 50 } };
/** Scales whose products with the numbers below are exact in two decimals, the precision `size` and `space` write. */
const SCALES: FitScale[] = [
  { type: 1, space: 1 },
  { type: 0.9, space: 0.5 },
  { type: 0.75, space: 0.25 },
];

const briefing = async (input: { path: string } | { content: string }) => validateContent(await loadContent(input));

/** A template folder: the minimal custom template's theme with this document.hbs. */
function templateWith(documentHbs: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'briefing-merge-')), 'template');
  mkdirSync(dir);
  writeFileSync(join(dir, 'theme.yaml'), readFileSync(fixture('templates/custom-minimal/theme.yaml')));
  writeFileSync(join(dir, 'document.hbs'), documentHbs);
  return dir;
}

const textOf = (doc: DocDefinition) => JSON.stringify(doc.content);

describe('merging at each scale', () => {
  it('scales every number the built-in template writes with size and space, and nothing else', async () => {
    const template = loadTemplate('briefing');
    const b = await briefing({ path: EXAMPLE });
    const merge = merger(b, template, { page });
    const full = merge({ type: 1, space: 1 });
    const half = merge({ type: 0.5, space: 0.5 });
    // The same words at every scale, and a smaller default type size.
    expect(textOf(half).replace(/\d+(\.\d+)?/g, '#')).toEqual(textOf(full).replace(/\d+(\.\d+)?/g, '#'));
    expect(textOf(half)).toContain('Russia moves to ratify');
    expect(half.defaultStyle?.fontSize).toBe((full.defaultStyle!.fontSize as number) / 2);
    // mergeTemplate is the same merge for one scale.
    expect(mergeTemplate(b, template, { page, fit: { type: 0.5, space: 0.5 } })).toEqual(half);
  });

  it('is not fooled by content that looks like a placeholder or template syntax', async () => {
    const template = loadTemplate('briefing');
    const headline = 'Odd \uE000s9 "\uE000p4" {{size 18}} text';
    const b = await briefing({ content: minimalYaml({ headline, bluf: '"\uE000l1.2"' }) });
    const merge = merger(b, template, { page });
    for (const fit of SCALES) {
      const text = textOf(merge(fit));
      // As typed (the bottom line with typographic quotes), at every scale.
      expect(text).toContain(JSON.stringify(headline).slice(1, -1));
      expect(text).toContain('“\uE000l1.2”');
    }
  });

  it('writes a scaled value inside a string as in a number', async () => {
    const template = loadTemplate(
      templateWith(`{
  "defaultStyle": { "font": "NotoSans", "fontSize": 10 },
  "content": [{ "text": "{{headline}}, set at {{size 18}} pt", "fontSize": {{size 18}}, "margin": [0, {{space 6}}, 0, 0] }]
}`),
    );
    const merge = merger(await briefing({ content: minimalYaml() }), template, { page });
    for (const [fit, size, gap] of [
      [SCALES[0]!, 18, 6],
      [SCALES[1]!, 16.2, 3],
      [SCALES[2]!, 13.5, 1.5],
    ] as const)
      expect(merge(fit).content).toEqual([
        expect.objectContaining({ text: expect.stringContaining(`set at ${size} pt`), fontSize: size, margin: [0, gap, 0, 0] }),
      ]);
  });

  // Each of these uses the number itself; the font size it must give at type 1, 0.9 and 0.75.
  it.each([
    ['tests a scaled value', '{{#if (size 18)}}{{size 18}}{{else}}1{{/if}}', [18, 16.2, 13.5]],
    ['tests one it was given', '{{#with (space 8) as |gap|}}{{#if gap}}{{gap}}{{else}}10{{/if}}{{/with}}', [8, 4, 2]],
    ['compares one', '{{#if (eq (size 18) 18)}}18{{else}}10{{/if}}', [18, 10, 10]],
    ['does arithmetic on one', '{{plus (size 18) 2}}', [20, 18.2, 15.5]],
    ['reads the scale itself', '{{#if (eq @fit.type 1)}}18{{else}}10{{/if}}', [18, 10, 10]],
  ])('merges a template that %s', async (_, fontSize, expected) => {
    const template = loadTemplate(
      templateWith(`{
  "defaultStyle": { "font": "NotoSans", "fontSize": 10 },
  "content": [{ "text": "{{headline}}", "fontSize": ${fontSize} }]
}`),
    );
    const merge = merger(await briefing({ content: minimalYaml() }), template, { page });
    expect(SCALES.map((fit) => (merge(fit).content as { fontSize: number }[])[0]!.fontSize)).toEqual(expected);
  });
});
