import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAPER } from '../src/pdf/paper.js';
import type { FitScale, PageSpec } from '../src/types.js';
import { merger, mergeTemplate, viewModel } from '../src/pipeline/merge.js';
import { loadContent } from '../src/pipeline/load.js';
import { loadTemplate } from '../src/template/compile.js';
import { validateContent } from '../src/pipeline/validate.js';
import { EXAMPLE, fixture, minimalYaml } from './helpers/content.js';

// Fitting merges the template once and makes each scale's document definition from that output
// (merger, Template.renderForEveryFit); it must be what merging at that scale gives.

const page: PageSpec = { ...PAPER.A4, margins: { left: 40, top: 50, right: 40, bottom: 50 } };
const SCALES: FitScale[] = [
  { type: 1, space: 1 },
  { type: 1, space: 0.613 },
  { type: 0.937, space: 0.45 },
  { type: 0.85, space: 0.5 },
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

describe('merging once for every fit', () => {
  it('writes, at each scale, the text the built-in template writes at that scale', async () => {
    const template = loadTemplate('briefing');
    for (const input of [{ path: EXAMPLE }, { path: fixture('scripts/briefing.yaml') }, { path: fixture('fit-optional/briefing.yaml') }]) {
      const b = await briefing(input);
      const view = viewModel(b, template, page, {});
      const every = template.renderForEveryFit(view);
      expect(every, input.path).toBeDefined();
      expect(every!.placeholders).toBeGreaterThan(10);
      const merge = merger(b, template, { page });
      for (const fit of SCALES) expect(merge(fit)).toEqual(mergeTemplate(b, template, { page, fit }));
    }
  });

  it('is not fooled by content that looks like a placeholder', async () => {
    const template = loadTemplate('briefing');
    const b = await briefing({ content: minimalYaml({ headline: 'Odd \uE000s9 "\uE000p4" text', bluf: '"\uE000l1.2"' }) });
    expect(template.renderForEveryFit(viewModel(b, template, page, {}))).toBeDefined();
    const merge = merger(b, template, { page });
    for (const fit of SCALES) expect(merge(fit)).toEqual(mergeTemplate(b, template, { page, fit }));
  });

  it('writes a scaled value inside a string as the template would', async () => {
    const template = loadTemplate(
      templateWith(`{
  "defaultStyle": { "font": "NotoSans", "fontSize": 10 },
  "content": [{ "text": "{{headline}}, set at {{size 18}} pt", "fontSize": {{size 18}} }]
}`),
    );
    const b = await briefing({ content: minimalYaml() });
    expect(template.renderForEveryFit(viewModel(b, template, page, {}))).toBeDefined();
    const merge = merger(b, template, { page });
    for (const fit of SCALES) expect(merge(fit)).toEqual(mergeTemplate(b, template, { page, fit }));
    expect(merge({ type: 0.9, space: 1 }).content).toEqual([
      expect.objectContaining({ text: expect.stringContaining('set at 16.2 pt'), fontSize: 16.2 }),
    ]);
  });

  // Each of these needs the number itself: the template is merged at each scale instead, with the same result.
  it.each([
    ['tests a scaled value', '{ "text": "{{headline}}", "fontSize": {{#if (size 18)}}{{size 18}}{{else}}1{{/if}} }'],
    [
      'tests one it was given',
      '{ "text": "{{headline}}", "fontSize": {{#with (space 0) as |gap|}}{{#if gap}}{{gap}}{{else}}10{{/if}}{{/with}} }',
    ],
    ['compares one', '{ "text": "{{headline}}", "fontSize": {{#if (eq (size 18) 18)}}18{{else}}10{{/if}} }'],
    ['does arithmetic on one', '{ "text": "{{headline}}", "fontSize": {{plus (size 18) 2}} }'],
    ['passes one to a helper that writes it', '{ "text": "{{formatDate (size 18)}}", "fontSize": {{json (size 18)}} }'],
    ['reads the scale itself', '{ "text": "{{headline}}", "fontSize": {{#if @fit.type}}18{{else}}10{{/if}} }'],
  ])('falls back to merging at each scale for a template that %s', async (_, item) => {
    const template = loadTemplate(
      templateWith(`{
  "defaultStyle": { "font": "NotoSans", "fontSize": 10 },
  "content": [${item}, { "text": "{{bluf}}", "margin": [0, {{space 6}}, 0, 0] }]
}`),
    );
    const b = await briefing({ content: minimalYaml() });
    expect(template.renderForEveryFit(viewModel(b, template, page, {}))).toBeUndefined();
    const merge = merger(b, template, { page });
    for (const fit of SCALES) expect(merge(fit)).toEqual(mergeTemplate(b, template, { page, fit }));
  });
});
