/**
 * Every placeholder in every locale file of the built-in template is one
 * that something fills: the template's `{{t 'key' name=…}}` calls, the
 * engine's page numbers ({n}, {N}) in header and footer nodes that say
 * which pages they are on, and the e-mail's {file}. A label whose
 * placeholder nothing fills would reach the page as "{n}" (issue #25: every
 * right-to-left page printed "{n} … {N}").
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BUILTIN_TEMPLATES_DIR } from '../../src/template/find.js';

const TEMPLATE = join(BUILTIN_TEMPLATES_DIR, 'briefing');
const LOCALES = join(TEMPLATE, 'locales');
/** What pdf/engine.ts fills in a header or footer node with "pages". */
const PAGE_NUMBERS = ['n', 'N', 'pages'];
/** What src/mail/message.ts fills. */
const MAIL: Record<string, string[]> = { email_attached: ['file'] };
/** What src/pipeline/judgement-view.ts fills: citations' link text, confidence and likelihood markers. */
const JUDGEMENTS: Record<string, string[]> = {
  citation: ['n', 'source'],
  confidence: ['level'],
  likelihood: ['level'],
  likelihood_range: ['likelihood', 'low', 'high'],
};
/** What src/charts (alt-text.ts, helper.ts) fills. */
const CHARTS: Record<string, string[]> = { chart_alt: ['kind', 'title', 'data'], chart_series: ['name', 'data'], chart_source: ['source'] };

/** For each label key, the placeholder names the template and the code fill. */
function filled(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (key: string, names: string[]) => {
    const set = out.get(key) ?? new Set<string>();
    for (const n of names) set.add(n);
    out.set(key, set);
  };
  const files = [join(TEMPLATE, 'document.hbs'), ...readdirSync(join(TEMPLATE, 'partials')).map((f) => join(TEMPLATE, 'partials', f))];
  for (const file of files) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      for (const m of line.matchAll(/\{\{t '(\w+)'([^}]*)\}\}/g)) {
        const names = [...m[2]!.matchAll(/(\w+)=/g)].map((h) => h[1]!);
        // A node that says which pages it is on gets the page numbers (one node a line in the built-in partials).
        add(m[1]!, /"pages":\s*"(first|rest|several)"/.test(line) ? [...names, ...PAGE_NUMBERS] : names);
      }
    }
  }
  for (const [key, names] of Object.entries({ ...MAIL, ...JUDGEMENTS, ...CHARTS })) add(key, names);
  return out;
}

describe('placeholders in the built-in template’s locale files', () => {
  it('are all filled, in every language', () => {
    const fills = filled();
    const unfilled: string[] = [];
    const tags = readdirSync(LOCALES).filter((f) => f.endsWith('.yaml'));
    expect(tags.length).toBeGreaterThan(15);
    for (const file of tags) {
      const labels = parse(readFileSync(join(LOCALES, file), 'utf8')) as Record<string, string>;
      for (const [key, text] of Object.entries(labels)) {
        for (const [, name] of String(text).matchAll(/\{(\w+)\}/g)) {
          if (!fills.get(key)?.has(name!)) unfilled.push(`${file}: ${key}: {${name}} in "${text}"`);
        }
      }
    }
    expect(unfilled).toEqual([]);
  });

  it('are read as the template uses them (the check itself can fail)', () => {
    const fills = filled();
    expect([...fills.get('page_of')!].sort()).toEqual(['N', 'n', 'pages']);
    expect([...fills.get('reference')!]).toEqual(['reference']);
    expect([...fills.get('as_of')!]).toEqual(['date']);
    // A label the template prints without filling anything fills nothing.
    expect(fills.get('sources')?.size ?? 0).toBe(0);
  });
});
