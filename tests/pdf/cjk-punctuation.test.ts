/**
 * Chinese and Japanese punctuation that Latin text shares (“ ” …, the
 * template's quotation and title marks, its dash before an attribution) is
 * set from the language's CJK face: full width, the ellipsis at mid-height,
 * upright in the italic pull quote. Read back with pdf.js (fonts, sizes,
 * widths) and poppler (the text).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBriefing } from '../../src/index.js';
import { fixture } from '../helpers/content.js';
import { parsePdf, squash, type ParsedPdf } from '../helpers/pdf.js';

const fontName = (f: string) => f.replace(/^[A-Z]{6}\+/, '');
const hasPoppler = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('CJK punctuation in a Chinese briefing (fixture cjk-punctuation)', () => {
  let pdf: Uint8Array;
  let parsed: ParsedPdf;
  beforeAll(async () => {
    pdf = (await buildBriefing({ path: fixture('cjk-punctuation/briefing.yaml') })).pdf;
    parsed = await parsePdf(pdf);
  });

  const runsWith = (s: string) => parsed.runs.filter((r) => r.text.includes(s));

  it('sets the quotation marks, the ellipsis and the dash in the Chinese face, never the Latin one', () => {
    for (const mark of ['“', '”', '……', '——', '《', '》']) {
      const runs = runsWith(mark);
      expect(runs.length, mark).toBeGreaterThan(0);
      for (const r of runs) expect(fontName(r.font), `${mark} in ${r.text}`).toMatch(/^NotoSansSC-/);
    }
    // No run of the Latin face holds any of them.
    const latin = parsed.runs.filter((r) => fontName(r.font).startsWith('NotoSans-'));
    for (const r of latin) expect(r.text, r.text).not.toMatch(/[“”‘’…—《》]/);
  });

  it('sets them full width: a run of Han and punctuation is one em per character', () => {
    // (The Chinese dash —— is two U+2014, which the face draws 0.894 em wide each, joined.)
    for (const phrase of ['“相互后勤保障协定”', '……', '《协定提交国家杜马》']) {
      const run = runsWith(phrase)[0]!;
      expect(run, phrase).toBeDefined();
      expect(run.width / [...run.text].length, run.text).toBeCloseTo(run.size, 1);
    }
  });

  it('keeps the pull quote’s marks upright: its italic run uses the Chinese face, which has no slanted one', () => {
    const quote = runsWith('军事合作')[0]!;
    expect(fontName(quote.font)).toBe('NotoSansSC-Regular');
    expect(quote.text).toContain('”……');
  });

  it('writes the sources with Chinese title marks and a Chinese full stop before the link, not a Latin ". "', () => {
    expect(squash(parsed.text)).toContain('塔斯社、《协定提交国家杜马》、2025年12月1日。https://tass.com');
    expect(parsed.text).not.toMatch(/日\. /);
  });

  it.skipIf(!hasPoppler)('copies out as typed with poppler too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefing-cjk-'));
    try {
      writeFileSync(join(dir, 'b.pdf'), pdf);
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'b.pdf'), '-'], { encoding: 'utf8' });
      expect(squash(text)).toContain('距新德里印俄峰会仅剩数日……');
      expect(squash(text)).toContain('“军事合作”……这是双方');
      expect(squash(text)).toContain('《协定提交国家杜马》');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('CJK punctuation by language', () => {
  const yaml = (language: string, headline: string) =>
    [
      'organisation: Desk',
      'reference: R-1',
      'date: 2025-12-01',
      'marking: TLP:CLEAR',
      `language: ${language}`,
      `headline: ${JSON.stringify(headline)}`,
      'standfirst: x',
      'bluf: x',
      'sections: [{ heading: x, body: x }]',
      'sources: [{ publisher: x, title: x }]',
    ].join('\n');

  it('leaves an English briefing’s quotation marks and ellipsis in the Latin face', async () => {
    const { pdf } = await buildBriefing({ content: yaml('en', 'Duma to ratify “RELOS” … soon'), file: 'en.yaml' });
    const run = (await parsePdf(pdf)).runs.find((r) => r.text.includes('RELOS'))!;
    expect(fontName(run.font)).toBe('NotoSans-SemiBold');
    expect(run.text).toContain('“RELOS” … soon');
  });

  it('sets a Japanese headline’s ellipsis from the Japanese face', async () => {
    const { pdf } = await buildBriefing({ content: yaml('ja', '協定を批准へ…… 下院'), file: 'ja.yaml' });
    const run = (await parsePdf(pdf)).runs.find((r) => r.text.includes('……'))!;
    expect(fontName(run.font)).toBe('NotoSansJP-SemiBold');
  });
});
