/**
 * Template errors: what a template author is told when a template in
 * tests/fixtures/templates/<case>/ is broken in one place. Each fixture is the
 * minimal custom template (custom-minimal/) with one thing broken; the line
 * numbers below are the broken line of its document.hbs.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBriefing, TemplateError } from '../../src/index.js';
import { fixture } from '../helpers/content.js';
import { parsePdf, squash } from '../helpers/pdf.js';

const CONTENT = { path: fixture('minimal/briefing.yaml') };
const templateDir = (name: string) => fixture(`templates/${name}`);
const documentFile = (name: string) => join(templateDir(name), 'document.hbs');

/** The TemplateError a build with a template rejects with (fails the test if it resolves or rejects with anything else). */
async function templateError(template: string): Promise<TemplateError> {
  const err = await buildBriefing(CONTENT, { template }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TemplateError);
  return err as TemplateError;
}

describe('a template that cannot be found', () => {
  it('by name is a TemplateError that lists the available templates', async () => {
    const err = await templateError('no-such-template');
    expect(err.message).toContain('"no-such-template"');
    expect(`${err.message}\n${err.hint}`).toMatch(/available templates: .*\bbriefing\b/);
  });
});

describe('a broken template', () => {
  it('using a field that does not exist ({{headlin}}) names the field, the template file and line', async () => {
    const err = await templateError(templateDir('missing-field'));
    expect(err.position).toMatchObject({ file: documentFile('missing-field'), line: 8, column: 16 });
    expect(err.message).toContain(`${documentFile('missing-field')}:8:16`);
    expect(err.message).toContain('"headlin" is not defined');
  });

  it('with a misspelt parent in a field path ({{theme.colours.ink}}) names the field, the template file and line', async () => {
    const err = await templateError(templateDir('misspelt-parent-field'));
    expect(err.position).toMatchObject({ file: documentFile('misspelt-parent-field'), line: 3 });
    expect(err.message).toContain(`${documentFile('misspelt-parent-field')}:3`);
    expect(err.message).toContain('colours');
  });

  it('producing invalid JSON (a comma missing at a line end) names the file and the line of the missing comma', async () => {
    const err = await templateError(templateDir('json-missing-comma'));
    expect(err.message).toMatch(/valid JSON/);
    expect(err.position).toMatchObject({ file: documentFile('json-missing-comma'), line: 8 });
    expect(err.message).toContain(`${documentFile('json-missing-comma')}:8`);
    expect(err.hint).toMatch(/comma/);
  });

  it('producing invalid JSON (a comma missing inside a line) names the file and that line', async () => {
    const err = await templateError(templateDir('json-missing-comma-in-line'));
    expect(err.message).toMatch(/valid JSON/);
    expect(err.position).toMatchObject({ file: documentFile('json-missing-comma-in-line'), line: 5 });
    expect(err.message).toContain(`${documentFile('json-missing-comma-in-line')}:5`);
  });

  it('writing raw output ({{{headline}}}) is refused, naming the file, line and column', async () => {
    const err = await templateError(templateDir('raw-output'));
    expect(err.position).toMatchObject({ file: documentFile('raw-output'), line: 8, column: 16 });
    expect(err.message).toContain(`${documentFile('raw-output')}:8:16`);
    expect(err.message).toMatch(/raw output \{\{\{…\}\}\} is not allowed/);
  });

  it('using a style that "styles" does not define names the style and the file', async () => {
    const err = await templateError(templateDir('undefined-style'));
    expect(err.message).toContain('style "titel" is not defined');
    expect(err.position).toMatchObject({ file: documentFile('undefined-style'), line: 8 });
    expect(err.message).toContain(`${documentFile('undefined-style')}:8`);
  });

  it('calling a partial that does not exist names the partial and how to add it', async () => {
    const err = await templateError(templateDir('missing-partial'));
    expect(err.message).toContain('partial "nosuch" does not exist');
    expect(err.hint).toContain('partials/nosuch.hbs');
  });

  it('calling a partial that does not exist names the file and line that calls it', async () => {
    const err = await templateError(templateDir('missing-partial'));
    expect(err.position).toMatchObject({ file: documentFile('missing-partial'), line: 9 });
    expect(err.message).toContain(`${documentFile('missing-partial')}:9`);
  });

  it('declaring movable blocks (placement) without marking its columns says which mark is missing', async () => {
    const err = await templateError(templateDir('placement-unmarked'));
    expect(err.message).toContain('no stack marked "column": "main"');
    expect(err.hint).toContain('arrangement.main');
  });
});

describe('a custom template', () => {
  it('of just document.hbs and theme.yaml builds a one-page PDF with the headline', async () => {
    const result = await buildBriefing(CONTENT, { template: templateDir('custom-minimal') });
    expect(result.pages).toBe(1);
    const pdf = await parsePdf(result.pdf);
    expect(pdf.pages).toBe(1);
    const text = squash(pdf.text);
    expect(text).toContain(squash('Port authority reopens the northern terminal'));
    expect(text).toContain(squash('Shipping schedules return to normal from Monday.'));
    // It is this template that was used, not the built-in one: no "BOTTOM LINE" panel, no sections.
    expect(text).not.toContain('BOTTOMLINE');
    expect(text).not.toContain('WHATHAPPENED');
  });

  it('is found from a relative folder path, against options.cwd', async () => {
    const result = await buildBriefing(CONTENT, { template: './templates/custom-minimal', cwd: fixture('') });
    const text = squash((await parsePdf(result.pdf)).text);
    expect(text).toContain(squash('Port authority reopens the northern terminal'));
    expect(text).not.toContain('BOTTOMLINE');
  });
});
