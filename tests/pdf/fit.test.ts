import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildBriefing, OverflowError } from '../../src/index.js';
import { main } from '../../src/cli/main.js';
import { markdownPlain } from '../../src/content/richtext.js';
import { fixture, minimalYaml } from '../helpers/content.js';
import { parsePdf, squash, type ParsedPdf } from '../helpers/pdf.js';

/**
 * The blank a reader sees on page 1, in points, from the text's baselines:
 * `foot`, from the lowest line to the bottom margin (46 pt in the built-in
 * template); `band`, the widest gap between two lines in a row (the room
 * above sources set at the foot). Header and footer, in the margins, do not count.
 */
function blankAtFoot(pdf: ParsedPdf): { foot: number; band: number } {
  const [top, bottom] = [841.89 - 54, 46];
  const ys = [...new Set(pdf.runs.filter((r) => r.page === 1 && r.text.trim() !== '' && r.y > bottom && r.y < top).map((r) => r.y))];
  ys.sort((a, b) => b - a);
  const band = Math.max(...ys.slice(1).map((y, i) => ys[i]! - y));
  return { foot: ys[ys.length - 1]! - bottom, band };
}

/** Every required fact of a content file, as the text a reader would see. */
function requiredFacts(file: string): string[] {
  const c = parse(readFileSync(file, 'utf8'));
  const facts = [c.headline, markdownPlain(c.bluf), markdownPlain(c.standfirst)];
  for (const s of c.sections) if (!s.optional) facts.push(s.heading.toUpperCase(), markdownPlain(s.body));
  for (const b of c.keyFacts ?? []) if (!b.optional) for (const r of b.rows) facts.push(r.label, markdownPlain(r.value));
  for (const t of c.timeline ?? []) if (!t.optional) facts.push(t.date, markdownPlain(t.event));
  return facts;
}

async function buildAndRead(name: string) {
  const file = fixture(`${name}/briefing.yaml`);
  const result = await buildBriefing({ path: file });
  const pdf = await parsePdf(result.pdf);
  return { file, result, pdf, text: squash(pdf.text) };
}

describe('fitting to one page', () => {
  it('leaves a short brief as designed, with no stretching, its sources at the foot of the page', async () => {
    const { file, result, pdf, text } = await buildAndRead('fit-short');
    expect(pdf.pages).toBe(1);
    expect(result.fit.summary).toBe('fits as designed');
    expect(result.fit.scale).toEqual({ type: 1, space: 1 });
    // The room is left between the text and the sources, which sit just above the footer: type is not spread out.
    const sources = pdf.runs.find((r) => r.text.startsWith('SOURCES'))!;
    const text1 = pdf.runs.find((r) => r.text.startsWith('Storm damage'))!;
    const footer = pdf.runs.find((r) => r.text.startsWith('FIT-S-01'))!;
    expect(sources.y - footer.y).toBeLessThan(40);
    expect(text1.y - sources.y).toBeGreaterThan(300);
    for (const f of requiredFacts(file)) expect(text).toContain(squash(f));
  });

  it('fits a brief about 1.5 times too long by tightening spacing and type, leaving nothing out', async () => {
    const { file, result, pdf, text } = await buildAndRead('fit-long');
    expect(pdf.pages).toBe(1);
    expect(result.fit.omitted).toEqual([]);
    expect(result.fit.scale.space).toBeLessThan(1);
    expect(result.fit.scale.type).toBeLessThan(1);
    expect(result.fit.scale.type).toBeGreaterThanOrEqual(0.85); // the template's floor
    expect(result.fit.summary).toMatch(/^fitted: spacing -\d+%, type \d+%$/);
    // Shrunk: the page ends within 36 pt of its frame (the type is as large as fits).
    expect(blankAtFoot(pdf).foot).toBeLessThanOrEqual(36);
    for (const f of requiredFacts(file)) expect(text).toContain(squash(f));
  });

  it('leaves nothing optional out that would fit: rearranged at the floor, the whole of fit-optional fits', async () => {
    const { file, result, pdf, text } = await buildAndRead('fit-optional');
    expect(pdf.pages).toBe(1);
    // Once, the lowest-priority box ('The channel') was left out although the page had room for it.
    expect(result.fit.omitted).toEqual([]);
    expect(result.fit.summary).not.toContain('left out');
    expect(text).toContain('THECHANNEL');
    expect(text).toContain('ANALYSIS');
    expect(text).toContain('COSTS');
    expect(blankAtFoot(pdf).foot).toBeLessThanOrEqual(36);
    for (const f of requiredFacts(file)) expect(text).toContain(squash(f));
  });

  it('fits a long story with few facts at full-size type, not at the floor with a blank band (fit-story-heavy-long)', async () => {
    const { result, pdf } = await buildAndRead('fit-story-heavy-long');
    expect(pdf.pages).toBe(1);
    expect(result.fit.omitted).toEqual([]);
    // Once: type 89% and about 190 pt blank above the sources. The last sections continue below the box instead.
    expect(result.fit.scale.type).toBeGreaterThanOrEqual(0.945);
    expect(blankAtFoot(pdf).foot).toBeLessThanOrEqual(36);
    expect(blankAtFoot(pdf).band).toBeLessThanOrEqual(48);
  });

  it('leaves out the lowest priority first when either would do', async () => {
    // Long enough that the two cannot both fit, even with one continuing in the side column at the floor.
    const long = 'A long optional paragraph about the subject. '.repeat(90);
    const yaml = minimalYaml({
      sections: [
        { heading: 'Required', body: 'Short.' },
        { heading: 'Keep me', body: long, optional: true, priority: 90 },
        { heading: 'Drop me', body: long, optional: true, priority: 10 },
      ],
    });
    const result = await buildBriefing({ content: yaml });
    expect(result.fit.omitted.map((o) => o.label)).toEqual(['Drop me']);
    const text = squash((await parsePdf(result.pdf)).text);
    expect(text).toContain('KEEPME');
    expect(text).not.toContain('DROPME');
  });

  it('says how much room is left as the blank a reader sees at the foot, measured back from the PDF', async () => {
    // Short pages set their sources at the foot: the room is the band above them (once reported as 1.5 pt). A page
    // without sources (scripts) has nothing to set at the foot: its room is there (once reported twice over, 1005 pt).
    for (const name of ['fit-short', 'minimal', 'fit-long', 'shape-fact-heavy', 'scripts']) {
      const { result, pdf } = await buildAndRead(name);
      const blank = blankAtFoot(pdf);
      if (result.fit.arrangement.footGap !== undefined) {
        // The band between baselines also holds the last line's descent and the sources' margin and rule above their heading.
        expect(blank.band - result.fit.spareHeight, name).toBeGreaterThanOrEqual(0);
        expect(blank.band - result.fit.spareHeight, name).toBeLessThanOrEqual(48);
        // Measured from the last baseline, the foot also holds that line's descent, or a box's padding below it.
      } else expect(Math.abs(blank.foot - result.fit.spareHeight), name).toBeLessThanOrEqual(12);
    }
  });

  it('fails clearly when nothing makes it fit: by how much, which fields are longest', async () => {
    const file = fixture('fit-impossible/briefing.yaml');
    const err = await buildBriefing({ path: file }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OverflowError);
    const e = err as OverflowError;
    expect(e.message).toMatch(/does not fit on one page: .* it is \d+\.\d mm \(about \d+ lines\) too long/);
    expect(e.overflowPt).toBeGreaterThan(100);
    expect(e.hint).toMatch(/sections\[0\]\.body \(\d+ characters\)/);
  });

  it('writes no file for content that cannot fit, and exits 1; --allow-overflow writes a longer PDF with a warning', async () => {
    const out = mkdtempSync(join(tmpdir(), 'briefing-fit-'));
    const stderr: string[] = [];
    const io = { stdout: { write: () => true }, stderr: { write: (s: string) => stderr.push(s) }, env: {}, color: false };
    const code = await main(['build', fixture('fit-impossible/briefing.yaml'), '-o', out], io);
    expect(code).toBe(1);
    expect(stderr.join('')).toMatch(/error: .*fit-impossible.*does not fit on one page/);
    expect(readdirSync(out)).toEqual([]);

    stderr.length = 0;
    const code2 = await main(['build', fixture('fit-impossible/briefing.yaml'), '-o', out, '--allow-overflow'], io);
    expect(code2).toBe(0);
    expect(stderr.join('')).toMatch(/warning: .*the PDF has [2-9] pages/);
    const pdf = await parsePdf(readFileSync(join(out, 'fit-x-01-2025-06-02.pdf')));
    expect(pdf.pages).toBeGreaterThan(1);
    expect(existsSync(join(out, 'fit-x-01-2025-06-02.pdf'))).toBe(true);
  });

  it('reports the fit in one line, and passes in --verbose', async () => {
    const out = mkdtempSync(join(tmpdir(), 'briefing-fit-'));
    const stderr: string[] = [];
    const io = { stdout: { write: () => true }, stderr: { write: (s: string) => stderr.push(s) }, env: {}, color: false };
    expect(await main(['build', fixture('fit-long/briefing.yaml'), '-o', out, '--verbose'], io)).toBe(0);
    expect(stderr.join('')).toMatch(/built .*fit-l-01-2025-06-02\.pdf .*fitted: spacing -\d+%, type \d+%/);
    expect(stderr.join('')).toMatch(/\d+ page layouts? \(\d+ trials?\), type ×0\.\d{3}, spacing ×0\.\d{3}/);
  });
});
