/**
 * Nastaliq in the page's tables: the key-facts box and the timeline. pdfmake
 * hangs a line's baseline one ascender below its top, and Nastaliq's
 * ascender is 1.9 em (Noto Sans's 1.07): a 7 pt label sat 2.3 pt higher
 * than its 8.2 pt value, and crowded up under the box title. Read back
 * with pdf.js: label and value on one baseline in every row.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBriefing } from '../../src/index.js';
import { fixture } from '../helpers/content.js';
import { parsePdf, type ParsedPdf } from '../helpers/pdf.js';

describe('Nastaliq in the key-facts box and the timeline (fixture urdu-nastaliq)', () => {
  let pdf: ParsedPdf;
  const run = (text: string) => {
    const found = pdf.runs.find((r) => r.text.trim() === text);
    expect(found, text).toBeDefined();
    return found!;
  };
  beforeAll(async () => {
    pdf = await parsePdf((await buildBriefing({ path: fixture('urdu-nastaliq/briefing.yaml') })).pdf);
  }, 120_000);

  it.each([
    ['دستخط', '18 فروری 2025، ماسکو'],
    ['مدت', 'پانچ سال، خودکار تجدید'],
    ['18 فروری 2025', 'ماسکو میں معاہدے پر دستخط'],
    ['1 دسمبر 2025', 'ڈوما کو بھیجا گیا'],
  ])('sets the label %s on the baseline of its value', (label, value) => {
    const [l, v] = [run(label), run(value)];
    // The label is the smaller text: before, 2.28 pt above its value.
    expect(l.size).toBeLessThan(v.size);
    expect(Math.abs(l.y - v.y), `${label} at ${l.y}, ${value} at ${v.y}`).toBeLessThan(0.5);
  });
});
