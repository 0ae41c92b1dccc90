/**
 * Tagged PDF (PDF/UA-1, issue #24): every briefing's structure tree, checked
 * by tests/helpers/structure.ts (no content outside marked content or
 * artifacts, every MCID and Link annotation in the tree, headings in order,
 * TH scoped, Figures with Alt, ToUnicode, Lang, pdfuaid), and read as a
 * screen reader would.
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBriefing } from '../../src/index.js';
import { EXAMPLE, fixture, minimalYaml } from '../helpers/content.js';
import { exampleBuild } from '../helpers/example.js';
import { runCli } from '../helpers/cli.js';
import { checkStructure, type StructNode, type StructureReport } from '../helpers/structure.js';
import { parsePdf, squash } from '../helpers/pdf.js';
import { withTuning } from '../../src/pdf/tuning/registry.js';

/** The roles of the Document element's children, in order, on every page. */
const topLevel = (r: StructureReport) => r.outline.filter((o) => o.depth === 2).map((o) => o.role);
/** The elements of the Document element of a page's tree (pdf.js puts it under a root of its own). */
const inDocument = (tree: StructNode) => (tree.children[0] as StructNode).children.filter((c): c is StructNode => 'role' in c);

describe('the example', () => {
  let report: StructureReport;
  it('is tagged, and its tree passes the checker', async () => {
    const { result } = await exampleBuild();
    report = await checkStructure(result.pdf);
    expect(report.tagged).toBe(true);
    expect(report.problems).toEqual([]);
  });

  it('reads in the briefing’s order: marking, masthead, headline, standfirst, bottom line, sections, key facts, timeline, quote, sources', () => {
    expect(topLevel(report)).toEqual([
      ...['P', 'P', 'P', 'P', 'P'], // the marking, then the masthead: organisation, product, date, reference
      'H1',
      'P',
      'Sect', // bottom line
      ...['Sect', 'Sect', 'Sect', 'Sect'], // what happened, why it matters, background, what to watch
      'Table',
      'Table',
      'Sect', // timeline
      'BlockQuote',
      'L', // sources
    ]);
    const lines = report.reading.split('\n');
    // The handling marking is heard first, once: the footer's and later pages' are pagination. (pdf.js reads its
    // letter-spaced capitals with a space between each two; poppler does not.)
    const unspaced = lines.map((l) => l.replaceAll(' ', ''));
    expect(unspaced[0]).toBe('P:TLP:CLEAR');
    expect(unspaced.filter((l) => l.includes('TLP:CLEAR'))).toHaveLength(1);
    expect(lines[5]).toMatch(/^H1: Russia moves to ratify its military logistics pact with India before Putin’s visit$/);
    expect(lines).toContain('H2: BOTTOM LINE');
    // The running footer (reference, date) is not read.
    expect(report.reading).not.toMatch(/As of/);
  });

  it('gives key facts as tables: a caption, and each row a TH (scope Row) and its TD', () => {
    const table = inDocument(report.trees[0]!).find((n) => n.role === 'Table')!;
    const [caption, firstRow] = table.children as StructNode[];
    expect(caption!.role).toBe('Caption');
    expect(firstRow!.role).toBe('TR');
    expect((firstRow!.children as StructNode[]).map((c) => c.role)).toEqual(['TH', 'TD']);
    const i = report.outline.findIndex((o) => o.role === 'TH' && o.text === 'Name');
    expect(report.outline[i + 1]).toMatchObject({ role: 'TD', text: expect.stringMatching(/^Reciprocal Exchange of Logistics Agreement/) });
  });

  it('gives the sources as a list whose items hold their links, each annotation in the tree with /Contents', () => {
    const sources = report.outline.slice(report.outline.findIndex((o) => o.role === 'L' && o.depth === 2));
    expect(sources.map((o) => o.role)).toEqual(expect.arrayContaining(['Caption', 'LI', 'Lbl', 'LBody', 'Link']));
    const links = sources.filter((o) => o.role === 'Link');
    expect(links.map((l) => l.text)).toEqual(['https://tass.com', 'https://sozd.duma.gov.ru']);
    expect(report.reading).toMatch(/Lbl: 2\.\nLBody: TASS, Russia’s official news agency, “Report on .*”\. https:\/\/tass\.com/);
  });

  it('marks body lists as L, LI, Lbl and LBody', () => {
    const i = report.outline.findIndex((o) => o.role === 'H2' && o.text === 'WHY IT MATTERS');
    // The heading, the desk's confidence beside it, then the list.
    expect(report.outline[i + 1]).toMatchObject({ role: 'P', text: 'Confidence: moderate' });
    expect(report.outline.slice(i + 2, i + 6).map((o) => o.role)).toEqual(['L', 'LI', 'Lbl', 'LBody']);
  });

  it('is the same bytes built twice, and under 1.3× the untagged example (27.3 KB) without its citations', async () => {
    const { result } = await exampleBuild();
    const again = await buildBriefing({ path: EXAMPLE });
    expect(Buffer.compare(again.pdf, result.pdf)).toBe(0);
    // The 27.3 KB were measured before the example cited its sources: the budget holds for the same text.
    const uncited = readFileSync(EXAMPLE, 'utf8')
      .replace(/\s*\[@[^\]]+\]/g, '')
      .replace(/^\s+source: .*\n/gm, '');
    const citations = [...readFileSync(EXAMPLE, 'utf8').matchAll(/@\w+|^\s+source: .*$/gm)].length;
    const plain = (await buildBriefing({ content: uncited })).pdf.length;
    expect(plain).toBeLessThan(1.3 * 27_286);
    // Each citation (a link, its destination, a Reference and Link in the tree) costs a few hundred bytes.
    expect((result.pdf.length - plain) / citations).toBeLessThan(500);
  });
});

const shapes = readdirSync(fixture('')).filter((d) => d.startsWith('shape-'));
describe.each(shapes)('the %s fixture', (name) => {
  it('is tagged and passes the checker', async () => {
    const { pdf } = await buildBriefing({ path: fixture(`${name}/briefing.yaml`) }, { allowOverflow: true });
    const report = await checkStructure(pdf);
    expect(report.problems).toEqual([]);
    expect(report.outline.some((o) => o.role === 'H1')).toBe(true);
  });
});

describe('a multi-page briefing (--allow-overflow)', () => {
  it('continues the same tree on its continuation page; the running header and page numbers are artifacts', async () => {
    const { pdf, pages, briefing } = await buildBriefing({ path: fixture('shape-two-pages/briefing.yaml') }, { allowOverflow: true });
    expect(pages).toBeGreaterThan(1);
    const report = await checkStructure(pdf);
    expect(report.problems).toEqual([]);
    expect(report.trees).toHaveLength(pages);
    // Page 2's tree holds content elements, under the same Document, and none of the page furniture.
    const second = report.trees[1]!;
    expect((second.children[0] as StructNode).role).toBe('Document');
    expect(report.reading).not.toMatch(/Page \d of \d|\d \/ \d/);
    expect(report.reading.replaceAll(' ', '').split(briefing.marking.replaceAll(' ', ''))).toHaveLength(2);
  });

  it('the long fixture too', async () => {
    const { pdf } = await buildBriefing({ path: fixture('fit-long/briefing.yaml') }, { allowOverflow: true });
    expect((await checkStructure(pdf)).problems).toEqual([]);
  });
});

const languages = readdirSync(fixture('languages')).map((f) => f.replace(/\.yaml$/, ''));
describe.each(languages)('the %s language fixture', (lang) => {
  it('is tagged in its language, passes the checker, and reads sections before side blocks whatever column holds them', async () => {
    const { pdf } = await buildBriefing({ path: fixture(`languages/${lang}.yaml`) }, { allowOverflow: true });
    const report = await checkStructure(pdf);
    expect(report.problems).toEqual([]);
    const roles = topLevel(report);
    const lastSection = roles.lastIndexOf('Sect');
    const firstTable = roles.indexOf('Table');
    if (firstTable >= 0) expect(firstTable).toBeGreaterThan(roles.indexOf('H1'));
    // Key-facts tables come after the body sections (the right-to-left page sets the side column first).
    if (firstTable >= 0 && lastSection >= 0) expect(roles.slice(firstTable).filter((r) => r === 'Sect').length).toBeLessThanOrEqual(1);
  });
});

describe('a custom template that says nothing about roles', () => {
  it('still gives a valid tree: its texts are paragraphs', async () => {
    const { pdf } = await buildBriefing({ path: EXAMPLE }, { template: fixture('templates/custom-minimal') });
    const report = await checkStructure(pdf);
    expect(report.problems).toEqual([]);
    expect(topLevel(report)).toEqual(['P', 'P']);
    expect(report.reading.split('\n')[0]).toMatch(/^P: Russia moves to ratify/);
  });
});

describe('a logo', () => {
  const dir = mkdtempSync(join(tmpdir(), 'briefing-tagging-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it.each(['desk-logo.png', 'desk-logo.svg'])('%s is a Figure whose alternative text is the organisation', async (file) => {
    copyFileSync(fixture(`logo/${file}`), join(dir, file));
    writeFileSync(join(dir, 'briefing.config.yaml'), `logo: ${file}\n`);
    writeFileSync(join(dir, 'a.yaml'), minimalYaml());
    const { pdf, briefing } = await buildBriefing({ path: join(dir, 'a.yaml') }, { config: join(dir, 'briefing.config.yaml') });
    const report = await checkStructure(pdf);
    expect(report.problems).toEqual([]);
    const figure = inDocument(report.trees[0]!).find((n) => n.role === 'Figure');
    expect(figure).toMatchObject({ role: 'Figure', alt: briefing.organisation });
  });
  it('takes its alternative text from the config’s logoAlt', async () => {
    copyFileSync(fixture('logo/desk-logo.svg'), join(dir, 'desk-logo.svg'));
    writeFileSync(join(dir, 'briefing.config.yaml'), 'logo: desk-logo.svg\nlogoAlt: "The desk’s shield & globe"\n');
    writeFileSync(join(dir, 'a.yaml'), minimalYaml());
    const { pdf } = await buildBriefing({ path: join(dir, 'a.yaml') }, { config: join(dir, 'briefing.config.yaml') });
    const figure = inDocument((await checkStructure(pdf)).trees[0]!).find((n) => n.role === 'Figure');
    expect(figure).toMatchObject({ role: 'Figure', alt: 'The desk’s shield & globe' });
  });
});

describe('--pdfa', () => {
  it.each(['2a', '3a'] as const)('%s is archival and tagged, with both identifiers', async (level) => {
    const { pdf } = await buildBriefing({ path: EXAMPLE }, { pdfa: level });
    const report = await checkStructure(pdf);
    expect(report.problems).toEqual([]);
    const text = pdf.toString('latin1');
    expect(text).toContain(`<pdfaid:part>${level[0]}</pdfaid:part>`);
    expect(text).toContain('<pdfaid:conformance>A</pdfaid:conformance>');
    expect(text).toContain('<pdfuaid:part>1</pdfuaid:part>');
  });
  it('2b stays basic (conformance B), and tagged all the same', async () => {
    const { pdf } = await buildBriefing({ path: EXAMPLE }, { pdfa: '2b' });
    expect(pdf.toString('latin1')).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect((await checkStructure(pdf)).problems).toEqual([]);
  });
});

describe('a template picture without alternative text', () => {
  const template = fixture('templates/picture-without-alt');
  it('is an Artifact in the PDF, and briefing validate warns about it (not about the one marked as decoration)', async () => {
    const { pdf, warnings } = await buildBriefing({ path: EXAMPLE }, { template });
    expect((await checkStructure(pdf)).problems).toEqual([]);
    expect(warnings.filter((w) => /alternative text/.test(w.message)).map((w) => w.path)).toEqual(['content[0]']);
    const r = await runCli(fixture(''), ['validate', EXAMPLE, '-t', template, '--no-config']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/picture-without-alt\/document\.hbs.*content\[0\].*a picture without alternative text/);
  });
  it('is an error under --strict, saying what to write', async () => {
    const r = await runCli(fixture(''), ['validate', EXAMPLE, '-t', template, '--no-config', '--strict']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/error: .*a picture without alternative text.*\(at content\[0\]\)/);
    expect(r.stderr).toMatch(/hint: give it "role": \{ "tag": "Figure", "alt": "what it shows" \}/);
  });
});

describe('a role that is not one', () => {
  it('is a template error at its line, naming the roles there are', async () => {
    await expect(buildBriefing({ path: EXAMPLE }, { template: fixture('templates/unknown-role') })).rejects.toThrow(
      /unknown-role\/document\.hbs:5:.*"Heading" is not a role; use one of Document, Part, Sect, Div, H1, .* \(at content\[0\]\.role\)/,
    );
  });
});

describe('the checker', () => {
  it('finds what an untagged PDF lacks (the checker can fail)', async () => {
    const { default: PDFDocument } = await import('pdfkit');
    const doc = new PDFDocument({ info: { CreationDate: new Date(0) } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise((resolve) => doc.on('end', resolve));
    doc.text('Untagged text, with a link', 72, 72, { link: 'https://example.org' });
    doc.rect(72, 100, 100, 2).fill('#999999');
    doc.end();
    await done;
    const report = await checkStructure(Buffer.concat(chunks));
    expect(report.tagged).toBe(false);
    expect(report.problems).toEqual(
      expect.arrayContaining([
        'MarkInfo /Marked is not true',
        'the catalog has no /Lang',
        'the XMP has no pdfuaid:part 1',
        'a page with annotations without /Tabs /S',
        'page 1: no structure tree',
        expect.stringMatching(/^page 1: \d+ drawing operation\(s\) outside marked content and artifacts$/),
        expect.stringMatching(/^page 1: link annotation \S+ is not in the structure tree$/),
      ]),
    );
  });
});

describe('the untagged build bench/tagging.mjs measures against', () => {
  it('is the same pages and text, with no marked content and no structure elements', async () => {
    const content = readFileSync(EXAMPLE, 'utf8');
    const tagged = await buildBriefing({ content, file: 'example.yaml' });
    const untagged = await withTuning({ off: ['tagging-layout', 'tagging-render', 'object-streams'] }, () =>
      buildBriefing({ content, file: 'example.yaml' }),
    );
    const [a, b] = await Promise.all([parsePdf(tagged.pdf), parsePdf(untagged.pdf)]);
    expect(b.pages).toBe(a.pages);
    expect(squash(b.text)).toBe(squash(a.text));
    expect(b.links).toEqual(a.links);
    const report = await checkStructure(untagged.pdf);
    expect(report.outline).toEqual([]);
    expect(report.problems).toContainEqual(expect.stringMatching(/outside marked content and artifacts$/));
    expect(untagged.pdf.includes('/ObjStm')).toBe(false);
  });
});
