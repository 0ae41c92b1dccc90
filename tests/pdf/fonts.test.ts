import { describe, expect, it } from 'vitest';
import { buildBriefing, ContentError } from '../../src/index.js';
import { fixture } from '../helpers/content.js';
import { parsePdf } from '../helpers/pdf.js';

describe('fonts that cover real names', () => {
  it('sets Cyrillic, Greek, Polish, Vietnamese, Devanagari and Thai, and they extract as the same characters', async () => {
    const { pdf, warnings } = await buildBriefing({ path: fixture('scripts/briefing.yaml') });
    expect(warnings).toEqual([]);
    const parsed = await parsePdf(pdf);
    const text = parsed.text.replace(/\s+/g, ' ');
    for (const s of [
      'Владимир Путин',
      'Κυριάκος Μητσοτάκης',
      'Сергей Лавров',
      'Ελλάδα',
      'Łódź, Gdańsk, Kraków',
      'Brzeziński’s',
      'Hà Nội, Thành phố Hồ Chí Minh',
      'Nguyễn Phú Trọng',
      'नरेंद्र मोदी',
      'नई दिल्ली',
      'กรุงเทพมหานคร',
    ]) {
      expect(text).toContain(s);
    }
    // Thai comes from the template's fallback font; everything else, Devanagari included, from Noto Sans.
    const fontsOf = (s: string) => [
      ...new Set(parsed.runs.filter((r) => r.text.includes(s)).map((r) => r.font.replace(/^[A-Z]{6}\+/, ''))),
    ];
    expect(fontsOf('กรุงเทพ')).toEqual(['NotoSansThai-Regular']);
    expect(fontsOf('Bangkok')).toEqual(['NotoSans-Regular']);
    expect(fontsOf('मोदी')).toEqual(['NotoSans-Regular']);
    expect(fontsOf('Kraków')).toEqual(['NotoSans-Regular']);
    expect(fontsOf('Gdańsk host')).toEqual(['NotoSans-SemiBold']); // the bottom line is bold
  });

  it('warns about characters no font has, naming the code point and the field', async () => {
    const { warnings, pages } = await buildBriefing({ path: fixture('tofu/briefing.yaml') });
    expect(pages).toBe(1);
    expect(warnings.map((w) => [w.path, w.line])).toEqual([
      ['headline', 6],
      ['keyFacts[0].rows[0].value', 16],
    ]);
    expect(warnings[0]!.message).toMatch(/^U\+1F680 "🚀" is in no font of the template/);
    expect(warnings[1]!.message).toMatch(/^U\+10000 /);
  });

  it('makes them errors with strict', async () => {
    const err = await buildBriefing({ path: fixture('tofu/briefing.yaml') }, { strict: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ContentError);
    expect((err as ContentError).problems.map((p) => p.path)).toEqual(['headline', 'keyFacts[0].rows[0].value']);
  });
});
