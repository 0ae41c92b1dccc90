/**
 * Numbers as written: where text is expected, a bare number, year or
 * true/false in YAML is the text as typed; and the YAML slips authors make
 * most get a hint that says exactly what to type.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { buildBriefing, checkBriefing, ContentError } from '../../src/index.js';
import { fixture } from '../helpers/content.js';
import { parsePdf, squash } from '../helpers/pdf.js';

const minimal = readFileSync(fixture('minimal/briefing.yaml'), 'utf8');

async function failure(text: string): Promise<ContentError> {
  const err = await checkBriefing({ content: text, file: 'b.yaml' }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ContentError);
  return err as ContentError;
}

describe('numbers as written', () => {
  it('takes a bare number, year or true/false where text is expected as the text typed: 4.10 stays 4.10', async () => {
    const text = minimal
      .replace('value: "4"', 'value: 4.10')
      .replace('- label: Closed', '- label: 1998')
      .replace('title: Northern terminal notice', 'title: true');
    const { briefing } = await checkBriefing({ content: text });
    expect(briefing.keyFacts[0]!.rows.map((r) => [r.label, r.value])).toEqual([
      ['1998', '28 Feb – 13 Mar 2025'],
      ['Berths', '4.10'],
    ]);
    expect(briefing.sources[0]!.title).toBe('true');
  });

  it('prints the number-heavy fixture’s figures exactly as typed (62.0, 46500001, bare years)', async () => {
    const result = await buildBriefing({ path: fixture('shape-number-heavy/briefing.yaml') });
    const text = squash((await parsePdf(result.pdf)).text);
    for (const typed of ['51.89', '72.21', '46500001', 'Remain62.0', '1975', '1973', '67.2']) expect(text).toContain(typed);
  });

  it('still refuses an empty value where text is required', async () => {
    const err = await failure(minimal.replace('  - label: Berths\n        value: "4"', '  - label: Berths\n        value:'));
    expect(err.problems.map((p) => p.path)).toEqual(['keyFacts[0].rows[1].value']);
  });
});

describe('YAML slips get a hint that says what to type', () => {
  it('a value with ": " in it: put it in quotes, shown with the line rewritten', async () => {
    const err = await failure(minimal.replace('title: Northern terminal notice', 'title: Notice: northern terminal'));
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]!.message).toBe(
      'YAML syntax: a value that contains ": " must be in quotes; write: title: "Notice: northern terminal"',
    );
    expect(err.problems[0]!.line).toBe(21);
    expect(err.hint).toContain('must be in quotes');
  });

  it('a value that starts with a reserved character (@, *): the same', async () => {
    const at = await failure(minimal.replace('title: Northern terminal notice', 'title: @port on X'));
    expect(at.problems[0]!.message).toContain('write: title: "@port on X"');
    const star = await failure(minimal.replace('title: Northern terminal notice', 'title: *Draft* notice'));
    expect(star.problems[0]!.message).toContain('write: title: "*Draft* notice"');
  });

  it('a tab used to indent: that one problem, not the errors that follow from it', async () => {
    const err = await failure(minimal.replace('  - publisher: Port Authority', '\t- publisher: Port Authority'));
    expect(err.problems.map((p) => p.message)).toEqual([
      'YAML syntax: a tab is used to indent this line; indent with spaces (two per level); write:   - publisher: Port Authority',
    ]);
    expect(err.hint).toMatch(/tabs for indentation/);
  });

  it('a field given twice names it', async () => {
    const err = await failure(minimal.replace('date: 2025-03-14', 'date: 2025-03-14\ndate: 2025-03-15'));
    expect(err.problems[0]!.message).toContain('("date"); keep one');
  });
});

describe('numbers in an object, as in YAML text', () => {
  it('the library takes { …, value: 42 } as the text 42, and leaves the caller’s object as it was', async () => {
    const data = parse(minimal) as { keyFacts: { rows: { label: string; value: unknown }[] }[]; timeline?: unknown };
    data.keyFacts[0]!.rows[1]!.value = 42;
    data.timeline = [{ date: 2014, event: true }];
    const { briefing } = await checkBriefing({ content: data });
    expect(briefing.keyFacts[0]!.rows[1]!.value).toBe('42');
    expect(briefing.timeline[0]).toMatchObject({ date: '2014', event: 'true' });
    expect(data.keyFacts[0]!.rows[1]!.value).toBe(42);
    const { pdf } = await buildBriefing({ content: data });
    expect(squash((await parsePdf(pdf)).text)).toContain('Berths42');
  });
});
