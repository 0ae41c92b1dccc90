/**
 * The page footer (reference line, "as of" date, page n of N) in the scripts
 * whose lines are taller than Noto Sans's: Urdu in Nastaliq (2.5 em), Arabic,
 * Hindi and Thai. The footer sits in the bottom margin, so its runs keep the
 * document face's line height (pdf/fallback.ts, keepMarginLineHeights): a
 * footer that wraps there draws its lines over each other. The Nastaliq date
 * did, in an auto-width column exactly as wide as its words, when the line
 * summed its widths in another order than the measure had (7e-15 pt over).
 * And in a squeezed line pdfmake hangs a tall face's baseline one ascender
 * down (Nastaliq's is 1.9 em, Noto Sans's 1.07): the Nastaliq footer sat on
 * the marking bar, 0.1 pt of white between them. Read back with pdf.js: every
 * footer run on one line, between the marking bar and the top of the bottom
 * margin, on every page, its baseline as high above the bar as Noto Sans's.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildBriefing } from '../../src/index.js';
import { BUILTIN_TEMPLATES_DIR } from '../../src/template/find.js';
import { fixture } from '../helpers/content.js';
import { parsePdf, squash, type ParsedPdf, type TextRun } from '../helpers/pdf.js';

const theme = parse(readFileSync(join(BUILTIN_TEMPLATES_DIR, 'briefing', 'theme.yaml'), 'utf8')) as { page: { margins: number[] } };
const BOTTOM_MARGIN = theme.page.margins[3]!;

/** A copy of a fixture in another language tag (rtl-two-pages/ur.yaml as ur-Aran: a two-page Nastaliq briefing). */
function asLanguage(file: string, language: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'briefing-footer-'));
  const out = join(dir, `${language}.yaml`);
  writeFileSync(out, readFileSync(file, 'utf8').replace(/^language: .*$/m, `language: ${language}`));
  return out;
}

const CASES: [name: string, file: () => string][] = [
  ['ur-Aran (urdu-nastaliq)', () => fixture('urdu-nastaliq/briefing.yaml')],
  ['ur-Aran, two pages', () => asLanguage(fixture('rtl-two-pages/ur.yaml'), 'ur-Aran')],
  ['ar', () => fixture('languages/ar.yaml')],
  ['ar, two pages', () => fixture('rtl-two-pages/ar.yaml')],
  ['hi', () => fixture('languages/hi.yaml')],
  ['hi, two pages', () => fixture('rtl-two-pages/hi.yaml')],
  ['th', () => fixture('languages/th.yaml')],
  ['uk (Noto Sans only)', () => fixture('languages/uk.yaml')],
];

const built = new Map<string, { pdf: ParsedPdf; marking: string }>();

beforeAll(async () => {
  for (const [name, file] of CASES) {
    const path = file();
    const content = parse(readFileSync(path, 'utf8')) as { marking: string };
    const { pdf } = await buildBriefing({ path }, { allowOverflow: true });
    built.set(name, { pdf: await parsePdf(pdf), marking: content.marking });
  }
}, 300_000);

/** The footer's runs on a page: below the bottom margin's top, other than the marking bar's. */
function footerOf(pdf: ParsedPdf, page: number, marking: string): { footer: TextRun[]; bar: TextRun[] } {
  const low = pdf.runs.filter((r) => r.page === page && r.y < BOTTOM_MARGIN && r.text.trim() !== '');
  const isBar = (r: TextRun) => squash(r.text) === squash(marking);
  return { footer: low.filter((r) => !isBar(r)), bar: low.filter(isBar) };
}

describe('the page footer in scripts with tall lines', () => {
  it.each(CASES.map(([name]) => name))('%s: one line on every page, inside the bottom margin, above the marking bar', (name) => {
    const { pdf, marking } = built.get(name)!;
    if (name.includes('two pages')) expect(pdf.pages).toBe(2);
    for (let page = 1; page <= pdf.pages; page++) {
      const { footer, bar } = footerOf(pdf, page, marking);
      expect(footer.length, `page ${page}`).toBeGreaterThan(0);
      expect(bar, `page ${page}`).toHaveLength(1);
      const size = Math.max(...footer.map((r) => r.size));
      const ys = footer.map((r) => r.y);
      // One line: a Nastaliq word's pieces are raised off the baseline by less than an em; a second line is an em or more away.
      expect(Math.max(...ys) - Math.min(...ys), `page ${page}: footer baselines ${[...new Set(ys)].join(', ')}`).toBeLessThan(size);
      // Above the marking bar (its text plus the bar's padding) and below the content area.
      expect(Math.min(...ys), `page ${page}`).toBeGreaterThan(bar[0]!.y + bar[0]!.size);
      expect(Math.max(...ys) + size, `page ${page}`).toBeLessThan(BOTTOM_MARGIN);
    }
  });

  it.each(CASES.map(([name]) => name).filter((n) => !n.startsWith('uk')))(
    '%s: the footer’s baseline stands as high above the marking bar as in a Latin briefing',
    (name) => {
      const baseline = (built: { pdf: ParsedPdf; marking: string }, page: number) => {
        const { footer, bar } = footerOf(built.pdf, page, built.marking);
        // The baseline most runs share (a Nastaliq word's raised pieces are not on it).
        const counts = new Map<number, number>();
        for (const r of footer) counts.set(Math.round(r.y * 10) / 10, (counts.get(Math.round(r.y * 10) / 10) ?? 0) + 1);
        const y = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
        return y - bar[0]!.y;
      };
      const latin = baseline(built.get('uk (Noto Sans only)')!, 1);
      const { pdf } = built.get(name)!;
      for (let page = 1; page <= pdf.pages; page++) expect(baseline(built.get(name)!, page), `page ${page}`).toBeCloseTo(latin, 0);
    },
  );

  it('ur-Aran: the "as of" date is drawn whole on that line, its pieces side by side, none over another', () => {
    const { pdf, marking } = built.get('ur-Aran (urdu-nastaliq)')!;
    const { footer } = footerOf(pdf, 1, marking);
    // The date column: the runs left of the reference line (a right-to-left page puts the date on the left).
    const date = footer.filter((r) => r.x < 150).sort((a, b) => a.x - b.x);
    expect(date.map((r) => r.text).join('')).toMatch(/2025/);
    for (let i = 1; i < date.length; i++)
      expect(date[i]!.x, date.map((r) => r.text).join('|')).toBeGreaterThanOrEqual(date[i - 1]!.x + date[i - 1]!.width - 0.5);
  });
});
