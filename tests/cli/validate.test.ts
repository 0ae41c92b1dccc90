/**
 * Content errors, through the library: what a person who wrote a content
 * file by hand is told when something is wrong with it.
 */
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { buildBriefing, checkBriefing, ContentError, type Problem } from '../../src/index.js';
import { fixture, minimalYaml } from '../helpers/content.js';
import { parsePdf, squash } from '../helpers/pdf.js';

const read = (name: string) => readFileSync(fixture(name), 'utf8');

/** The ContentError a promise rejects with (fails the test if it resolves or rejects with anything else). */
async function contentError(promise: Promise<unknown>): Promise<ContentError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ContentError);
  return err as ContentError;
}

function byPath(problems: Problem[]): Record<string, Problem> {
  return Object.fromEntries(problems.map((p) => [p.path, p]));
}

/** Every link annotation's target, including the ones pdf.js considers unsafe (which parsePdf leaves out). */
async function linkTargets(bytes: Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const targets: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    for (const a of await (await doc.getPage(i)).getAnnotations()) {
      if (a.subtype !== 'Link') continue;
      for (const t of [a.url, a.unsafeUrl, a.action]) if (typeof t === 'string') targets.push(t);
    }
  }
  await doc.destroy();
  return targets;
}

describe('a YAML syntax error', () => {
  // yaml-syntax-error/briefing.yaml: line 7 is `standfirst The terminal…` (no colon).
  const content = () => read('yaml-syntax-error/briefing.yaml');

  it('is one problem at the line and column of the mistake', async () => {
    const err = await contentError(checkBriefing({ content: content(), file: 'x.yaml' }));
    expect(err.file).toBe('x.yaml');
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toMatchObject({ path: '', line: 7, column: 1 });
    expect(err.problems[0]!.message).toBe(
      'YAML syntax: "standfirst" needs a colon after it; write: standfirst: The terminal closed for two weeks after a crane failure.',
    );
    expect(err.hint).toMatch(/name, colon, space, value/);
  });

  it('is named as file:line:column in the message', async () => {
    const err = await contentError(checkBriefing({ content: content(), file: 'x.yaml' }));
    expect(err.message).toContain('x.yaml:7:1');
  });

  it('names the file it was read from, when given a path', async () => {
    const path = fixture('yaml-syntax-error/briefing.yaml');
    const err = await contentError(buildBriefing({ path }));
    expect(err.file).toBe(path);
    expect(err.message).toContain(path);
    expect(err.problems[0]).toMatchObject({ line: 7, column: 1 });
  });

  it('points an unclosed quote at the line and column where the quote opens', async () => {
    // yaml-unclosed-quote/briefing.yaml: line 6 is `headline: "Port authority…` and no quote closes it.
    const err = await contentError(checkBriefing({ content: read('yaml-unclosed-quote/briefing.yaml'), file: 'x.yaml' }));
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]!.message).toMatch(/quote/i);
    expect(err.problems[0]).toMatchObject({ line: 6, column: 11 });
  });
});

describe('schema violations', () => {
  // schema-violations/briefing.yaml: no headline (the mapping starts on line 4), date 2025-02-30 on
  // line 6, `standfirst: [two, items]` on line 8, `bluf: ""` on line 9, an empty fact value on line 19.
  const content = () => read('schema-violations/briefing.yaml');

  it('are all reported at once, each with its field path and line, in file order', async () => {
    const err = await contentError(checkBriefing({ content: content(), file: 'x.yaml' }));
    expect(err.problems.map((p) => p.path)).toEqual(['headline', 'date', 'standfirst', 'bluf', 'keyFacts[0].rows[1].value']);
    const p = byPath(err.problems);
    expect(p.headline).toMatchObject({ line: 4, message: expect.stringMatching(/headline is required/) });
    expect(p.date).toMatchObject({ line: 6, column: 7, message: expect.stringMatching(/not a real calendar date/) });
    expect(p.standfirst).toMatchObject({ line: 8, column: 13, message: expect.stringMatching(/^expected text\b/) });
    expect(p.bluf).toMatchObject({ line: 9, column: 7, message: expect.stringMatching(/must not be empty/) });
    expect(p['keyFacts[0].rows[1].value']).toMatchObject({ line: 19, column: 16, message: expect.stringMatching(/must not be empty/) });
  });

  it('are all listed in the message, with their paths', async () => {
    const err = await contentError(checkBriefing({ content: content(), file: 'x.yaml' }));
    expect(err.message).toMatch(/^x\.yaml: 5 problems\n/);
    for (const path of ['headline', 'date', 'standfirst', 'bluf', 'keyFacts[0].rows[1].value']) expect(err.message).toContain(`${path}: `);
    expect(err.hint).toMatch(/schema/);
  });

  it('stop a build just as they fail a check', async () => {
    const checked = await contentError(checkBriefing({ content: content(), file: 'x.yaml' }));
    const built = await contentError(buildBriefing({ content: content(), file: 'x.yaml' }));
    expect(built.problems).toEqual(checked.problems);
  });

  it('a date that is not YYYY-MM-DD ("tomorrow") is one problem that says the format', async () => {
    const yaml = minimalYaml({ date: 'tomorrow' });
    const line = yaml.split('\n').findIndex((l) => l.startsWith('date:')) + 1;
    const err = await contentError(checkBriefing({ content: yaml, file: 'x.yaml' }));
    // One mistake, one problem: not also "is not a real calendar date" for the same field.
    expect(err.problems).toEqual([expect.objectContaining({ path: 'date', line, message: expect.stringContaining('YYYY-MM-DD') })]);
  });
});

describe('an unknown field', () => {
  // unknown-fields/briefing.yaml: `headlin:` on line 6, `lable:` on line 16 (column 9), `keyFact:` on line 18.
  const check = () => contentError(checkBriefing({ content: read('unknown-fields/briefing.yaml'), file: 'x.yaml' }));

  it('is flagged at the line of its key, for a top-level typo and one inside a row', async () => {
    const err = await check();
    const unknown = err.problems.filter((p) => p.message.startsWith('unknown field'));
    expect(unknown.map((p) => [p.path, p.line, p.column])).toEqual([
      ['headlin', 6, 1],
      ['keyFacts[0].rows[0].lable', 16, 9],
      ['keyFact', 18, 1],
    ]);
  });

  it('comes with a "did you mean" suggestion of the field it is a typo of', async () => {
    const p = byPath((await check()).problems);
    expect(p.headlin!.message).toContain('did you mean "headline"?');
    expect(p.keyFact!.message).toContain('did you mean "keyFacts"?');
    expect(p['keyFacts[0].rows[0].lable']!.message).toContain('did you mean "label"?');
    // The fields the typo stands for are then missing, and say so.
    expect(p.headline!.message).toMatch(/required/);
    expect(p['keyFacts[0].rows[0].label']!.message).toMatch(/required/);
  });

  it('that is no near miss gets no suggestion, only the list of allowed fields', async () => {
    const err = await contentError(checkBriefing({ content: minimalYaml({ summary: 'x' }), file: 'x.yaml' }));
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]!.path).toBe('summary');
    expect(err.problems[0]!.message).not.toContain('did you mean');
    expect(err.problems[0]!.message).toMatch(/allowed here: .*\bheadline\b/);
  });
});

describe('a link that is not http(s) or mailto', () => {
  // unsafe-link/briefing.yaml, line 8: bluf with [the notice](javascript:alert(1)) and an https control link.
  const path = fixture('unsafe-link/briefing.yaml');

  it('is a warning with path "bluf", not an error', async () => {
    const { warnings } = await checkBriefing({ path });
    expect(warnings).toEqual([expect.objectContaining({ path: 'bluf', line: 8, message: expect.stringContaining('javascript:alert(1)') })]);
  });

  it('does not stop the build: the link is shown as text and is not clickable', async () => {
    const result = await buildBriefing({ path });
    expect(result.warnings.map((w) => w.path)).toEqual(['bluf']);
    const pdf = await parsePdf(result.pdf);
    expect(pdf.pages).toBe(1);
    expect(squash(pdf.text)).toContain(squash('Read [the notice](javascript:alert(1)) and the schedule today.'));
    const targets = await linkTargets(result.pdf);
    expect(targets).toContain('https://example.org/schedule'); // the control link is clickable
    expect(targets.filter((t) => /javascript/i.test(t))).toEqual([]);
  });
});

describe('a content file that cannot be read', () => {
  it('that does not exist is a ContentError saying "file not found"', async () => {
    const path = fixture('no-such-briefing.yaml');
    // Each call made only when awaited: a rejection nobody awaits yet is an unhandled rejection, which fails the run.
    for (const attempt of [() => checkBriefing({ path }), () => buildBriefing({ path })]) {
      const err = await contentError(attempt());
      expect(err.file).toBe(path);
      expect(err.problems).toEqual([{ path: '', message: 'file not found' }]);
      expect(err.message).toBe(`${path}: file not found`);
      expect(err.hint).toBeTruthy();
    }
  });

  it('that is a folder is a ContentError saying so', async () => {
    const err = await contentError(checkBriefing({ path: fixture('minimal') }));
    expect(err.problems[0]!.message).toMatch(/is a folder/);
  });
});
