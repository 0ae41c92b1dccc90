/**
 * The running header of an Urdu continuation page, in Nastaliq. The header
 * keeps the document face's line height in the top margin, and pdfmake
 * hangs its baseline one ascender down: Nastaliq's ascender is 0.83 em
 * taller than Noto Sans's, so the header sank onto its rule and up against
 * the page's first line. Read back with pdf.js: the header's baseline is
 * under the marking bar as far as in the other right-to-left languages (set
 * in Naskh or Noto Sans Hebrew, whose ascenders are close to Noto Sans's;
 * their headers stay where they were).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBriefing } from '../../src/index.js';
import { fixture } from '../helpers/content.js';
import { parsePdf, type ParsedPdf } from '../helpers/pdf.js';

const LANGUAGES = ['ur', 'ar', 'fa', 'he'] as const;
const built = new Map<string, ParsedPdf>();

beforeAll(async () => {
  for (const language of LANGUAGES) {
    const { pdf } = await buildBriefing({ path: fixture(`rtl-two-pages/${language}.yaml`) }, { allowOverflow: true });
    built.set(language, await parsePdf(pdf));
  }
}, 300_000);

/** On page 2: how far the running header's baseline is below the marking bar's (the topmost text), in points. */
function headerDrop(pdf: ParsedPdf): number {
  const runs = pdf.runs.filter((r) => r.page === 2 && r.text.trim() !== '').sort((a, b) => b.y - a.y);
  // The header is the first run under the bar set small (the footer style); Nastaliq draws a word in pieces
  // raised off the line, so its baseline is the lowest of the header's pieces on the line.
  const bar = runs[0]!;
  const header = runs.filter((r) => r.y < bar.y - 1 && r.size < 7.5 && r.y > bar.y - 40);
  return bar.y - Math.min(...header.map((r) => r.y));
}

describe('the running header of a two-page Urdu briefing', () => {
  it('sits under the marking bar as the other right-to-left languages’ headers do', () => {
    const ur = built.get('ur')!;
    expect(ur.pages).toBe(2);
    const mine = headerDrop(ur);
    const theirs = LANGUAGES.filter((l) => l !== 'ur').map((l) => headerDrop(built.get(l)!));
    const shown = `ur ${mine} pt; ar, fa, he ${theirs.join(', ')} pt`;
    // Before, the Nastaliq header hung 23 pt under the bar, 2.3 pt lower than the lowest (Naskh's), onto its rule.
    expect(mine, shown).toBeLessThanOrEqual(Math.max(...theirs));
    // And not up against the bar: within 1.5 pt of the highest (Hebrew's, whose ascender is close to Noto Sans's).
    expect(mine, shown).toBeGreaterThan(Math.min(...theirs) - 1.5);
  });
});
