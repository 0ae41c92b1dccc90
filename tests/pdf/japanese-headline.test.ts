/**
 * Japanese: a headline breaks at the space between its phrases, not inside
 * a compound (fixture japanese-headline); the timeline's title is not a
 * word a section is headed with, and a briefing whose heading repeats a box
 * title is told how to rename it. Read back with pdf.js.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { buildBriefing } from '../../src/index.js';
import { fixture } from '../helpers/content.js';
import { parsePdf, squash, type TextRun } from '../helpers/pdf.js';

/** The headline's lines, top to bottom: the text of the runs in the largest type, by baseline. */
function headlineLines(runs: TextRun[]): string[] {
  const size = Math.max(...runs.map((r) => r.size));
  const byY = new Map<number, TextRun[]>();
  for (const r of runs.filter((r) => Math.abs(r.size - size) < 0.01)) {
    const y = Math.round(r.y);
    byY.set(y, [...(byY.get(y) ?? []), r]);
  }
  return [...byY.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([, line]) =>
      line
        .sort((a, b) => a.x - b.x)
        .map((r) => r.text)
        .join('')
        .trim(),
    );
}

describe('a Japanese headline of two phrases (fixture japanese-headline)', () => {
  it('breaks at the space between the phrases, keeping 軍事後方支援協定 whole', async () => {
    const { pdf } = await buildBriefing({ path: fixture('japanese-headline/briefing.yaml') });
    const lines = headlineLines((await parsePdf(pdf)).runs);
    expect(lines).toEqual(['ロシア下院がインドとの軍事後方支援協定を批准へ', 'プーチン大統領の訪印を前に']);
  });

  it('titles the timeline 時系列, so that a section headed 経緯 is the only one of that name', async () => {
    const { pdf, warnings } = await buildBriefing({ path: fixture('japanese-headline/briefing.yaml') });
    expect(warnings).toEqual([]);
    const text = squash((await parsePdf(pdf)).text);
    expect(text.split('経緯').length - 1).toBe(1);
    expect(text).toContain('時系列');
  });
});

describe('a Japanese headline without spaces (fixture languages/ja)', () => {
  it('breaks at the end of a phrase, after its particle, not inside 訪印前に', async () => {
    const { pdf } = await buildBriefing({ path: fixture('languages/ja.yaml') });
    const lines = headlineLines((await parsePdf(pdf)).runs);
    expect(lines).toEqual(['ロシア下院、プーチン大統領の訪印前に', 'インドとの後方支援協定を批准へ']);
  });
});

describe('a Chinese headline whose only space comes after its first word', () => {
  it('is balanced as before: a first line of one word before a long rest would read worse', async () => {
    const yaml = readFileSync(fixture('japanese-headline/briefing.yaml'), 'utf8')
      .replace('language: ja', 'language: zh-Hans')
      .replace(/^headline: .*$/m, 'headline: 俄罗斯 国家杜马将在普京访印前批准俄印后勤保障协定条款');
    const { pdf } = await buildBriefing({ content: yaml, file: 'zh.yaml' });
    const lines = headlineLines((await parsePdf(pdf)).runs);
    expect(lines).toHaveLength(2);
    expect([...lines[0]!].length).toBeGreaterThan(8);
  });
});

describe('a section heading that repeats a box title', () => {
  const yaml = readFileSync(fixture('japanese-headline/briefing.yaml'), 'utf8').replace('- heading: 経緯', '- heading: 時系列');

  it('is a warning that names the heading and the content field that renames the box', async () => {
    const { warnings } = await buildBriefing({ content: yaml, file: 'ja.yaml' });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ path: 'sections[0].heading', line: 14 });
    expect(warnings[0]!.message).toContain('"時系列"');
    expect(warnings[0]!.message).toContain('labels: { timeline: … }');
  });

  it('is gone once the content gives the timeline its own title, which the page prints', async () => {
    const { pdf, warnings } = await buildBriefing({ content: `${yaml}\nlabels: { timeline: 年表 }\n`, file: 'ja.yaml' });
    expect(warnings).toEqual([]);
    expect(squash((await parsePdf(pdf)).text)).toContain('年表');
  });
});
