import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildBriefing, type BuildResult } from '../../src/index.js';
import { checkVersions, REPLACEMENT_IDS, REPLACEMENTS, withTuning, type ReplacementId } from '../../src/pdf/tuning/registry.js';
import { engineVersions } from '../../src/pdf/tuning/versions.js';
import { EXAMPLE } from '../helpers/content.js';
import { parsePdf, type TextRun } from '../helpers/pdf.js';

// The speed layer (src/pdf/tuning/) switched off must build every document the same: the same bytes for every
// replacement the README says keeps them, the same words at the same places for text runs (which writes a line's
// words as one text object).

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const yamlUnder = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { recursive: true })
    .map(String)
    .filter((f) => /\.ya?ml$/.test(f) && !f.startsWith('templates'))
    .map((f) => join(ROOT, dir, f))
    .sort();
const DOCUMENTS = [...yamlUnder('content'), ...yamlUnder('tests/fixtures')];
if (DOCUMENTS.length < 10) throw new Error('tuning.test.ts: the content files and fixtures were not found');

const SPEED = REPLACEMENT_IDS.filter((id) => REPLACEMENTS[id].kind === 'speed');
/** Every speed replacement but text runs keeps the bytes. */
const SAME_BYTES: { off: ReplacementId[] } = { off: SPEED.filter((id) => id !== 'text-runs') };

type Outcome = { ok: true; result: BuildResult } | { ok: false; message: string };
async function build(path: string): Promise<Outcome> {
  try {
    return { ok: true, result: await buildBriefing({ path }, { allowOverflow: true, creationDate: new Date(0) }) };
  } catch (err) {
    return { ok: false, message: (err as Error).message };
  }
}

/** Each line of text as a reader sees it: its words joined, where it starts (columns share baselines: split where a gap opens). */
function lines(runs: TextRun[]) {
  const byLine = new Map<string, TextRun[]>();
  for (const r of runs) {
    if (r.text.trim() === '') continue;
    const key = `${r.page}:${r.y.toFixed(2)}`;
    byLine.set(key, [...(byLine.get(key) ?? []), r]);
  }
  return [...byLine]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, rs]) => {
      rs.sort((a, b) => a.x - b.x);
      const segments: { text: string; start: number; end: number }[] = [];
      for (const r of rs) {
        const last = segments[segments.length - 1];
        if (last && r.x - last.end < 1) [last.text, last.end] = [last.text + r.text, r.x + r.width];
        else segments.push({ text: r.text, start: r.x, end: r.x + r.width });
      }
      // pdf.js measures a run holding reordered Devanagari marks shorter than its glyphs reach, which can open a gap
      // inside a line that is not there: the text of the whole line is compared, and where its segments start.
      return {
        key,
        text: segments
          .map((s) => s.text)
          .join('')
          .replace(/\s+/g, ''),
        starts: segments.map((s) => s.start),
      };
    });
}

describe('the speed layer switched off', () => {
  for (const path of DOCUMENTS) {
    const name = relative(ROOT, path);
    it(`builds ${name} both ways: the same bytes, or the same words in the same places`, async () => {
      const on = await build(path);
      const sameBytes = await withTuning(SAME_BYTES, () => build(path));
      const off = await withTuning(false, () => build(path));
      if (!on.ok) {
        // A document that cannot be built fails the same way both ways.
        expect(sameBytes).toEqual(on);
        expect(off).toEqual(on);
        return;
      }
      if (!sameBytes.ok || !off.ok) throw new Error(`${name} fails with the speed layer off: ${JSON.stringify([sameBytes, off])}`);
      expect(sameBytes.result.pdf.equals(on.result.pdf), 'same bytes without the replacements that promise them').toBe(true);
      expect(off.result.pages).toBe(on.result.pages);
      expect(off.result.fit.passes).toBe(on.result.fit.passes);
      const [a, b] = [lines((await parsePdf(on.result.pdf)).runs), lines((await parsePdf(off.result.pdf)).runs)];
      expect(b.map((l) => l.key)).toEqual(a.map((l) => l.key));
      a.forEach((line, i) => {
        // pdf.js measures runs of reordered Devanagari marks short, so sorting its runs by x can shuffle a line's
        // clusters (poppler's word boxes for both builds agree to the hundredth): there, the same characters suffice.
        const devanagari = /[\u0900-\u097f]/.test(line.text);
        const same = (t: string) => (devanagari ? [...t].sort().join('') : t);
        expect(same(b[i]!.text), line.key).toEqual(same(line.text));
        // Where the line's columns start: all of them, unless pdf.js saw a gap in one that is not in the other, or
        // the line holds Devanagari, whose runs pdf.js measures short (poppler's word boxes agree to the hundredth there).
        const all = b[i]!.starts.length === line.starts.length && !devanagari;
        const starts = all ? line.starts : line.starts.slice(0, 1);
        starts.forEach((x, j) => expect(b[i]!.starts[j]!, line.key).toBeCloseTo(x, 2));
      });
    });
  }

  it('keeps the bytes with each replacement off on its own (text runs aside): they do not depend on each other', async () => {
    const all = await buildBriefing({ path: EXAMPLE });
    for (const id of SPEED.filter((i) => i !== 'text-runs')) {
      const one = await withTuning({ off: [id] }, () => buildBriefing({ path: EXAMPLE }));
      expect(one.pdf.equals(all.pdf), id).toBe(true);
    }
    // Switched back on, the replacements are in place again.
    const again = await buildBriefing({ path: EXAMPLE });
    expect(again.pdf.equals(all.pdf)).toBe(true);
  });
});

describe('the versions the speed layer was written for', () => {
  it('are the versions installed, pinned exactly in package.json', async () => {
    const found = engineVersions();
    expect(() => checkVersions(found)).not.toThrow();
    const pkg = (await import('../../package.json', { with: { type: 'json' } })).default as { devDependencies: Record<string, string> };
    for (const id of REPLACEMENT_IDS) expect(pkg.devDependencies[REPLACEMENTS[id].package], id).toBe(REPLACEMENTS[id].version);
  });

  it('refuse any other version, naming each replacement written for the one expected', () => {
    const found = { ...engineVersions(), pdfkit: '0.21.0' };
    expect(() => checkVersions(found)).toThrow(/line-encoding: written for pdfkit 0\.20\.2, found 0\.21\.0/);
    expect(() => checkVersions({ ...found, pdfkit: undefined })).toThrow(/xmp-escape: written for pdfkit 0\.20\.2, found none/);
  });
});
