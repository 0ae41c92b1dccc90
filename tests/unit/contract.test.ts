/** The template contract (src/template/contract.ts) is what the code does: the data keys and the helpers. */
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { PAPER } from '../../src/pdf/paper.js';
import { viewModel } from '../../src/pipeline/merge.js';
import { loadContent } from '../../src/pipeline/load.js';
import { validateContent } from '../../src/pipeline/validate.js';
import { loadTemplate } from '../../src/template/compile.js';
import { DATA_KEYS, HELPER_NAMES } from '../../src/template/contract.js';
import { registerHelpers } from '../../src/template/helpers.js';
import { fixture } from '../helpers/content.js';

describe('the template contract', () => {
  it('lists the data keys a template sees', async () => {
    const briefing = validateContent(await loadContent({ path: fixture('minimal/briefing.yaml') }));
    const page = { ...PAPER.A4, margins: { left: 40, top: 50, right: 40, bottom: 50 } };
    expect(Object.keys(viewModel(briefing, loadTemplate('briefing'), page))).toEqual([...DATA_KEYS]);
  });

  it('lists the helpers a template can use', () => {
    const hb = Handlebars.create();
    const builtin = new Set(Object.keys(hb.helpers));
    registerHelpers(hb);
    const added = Object.keys(hb.helpers).filter((name) => !builtin.has(name) && !name.startsWith('__'));
    expect(added.sort()).toEqual([...HELPER_NAMES].sort());
  });

  it('is described for authors in templates/README.md: every data key and every helper', () => {
    const guide = readFileSync(new URL('../../templates/README.md', import.meta.url), 'utf8');
    for (const name of HELPER_NAMES) expect(guide, `helper ${name}`).toMatch(new RegExp(`\\b${name}\\b`));
    for (const key of DATA_KEYS) expect(guide, `data key ${key}`).toMatch(new RegExp(`\\b${key}\\b`));
  });
});
