/**
 * A Latin briefing reads only the fonts it uses: the template names fonts for
 * a dozen scripts, and the Chinese, Japanese, Korean and Arabic ones are
 * read and parsed only when a briefing has a character that needs them.
 */
import { expect, it } from 'vitest';
import { buildBriefing, checkBriefing } from '../../src/index.js';
import { takeUsedFonts } from '../../src/pdf/fonts.js';
import { EXAMPLE, fixture } from '../helpers/content.js';

it('a Latin briefing reads no CJK, Arabic, Hebrew or Thai font; an Arabic one reads Arabic, not CJK', async () => {
  takeUsedFonts();
  await checkBriefing({ path: EXAMPLE });
  await buildBriefing({ path: EXAMPLE });
  const latin = takeUsedFonts();
  expect(latin.length).toBeGreaterThan(0);
  expect(latin.filter((f) => !f.includes('/noto-sans/'))).toEqual([]);
  await buildBriefing({ path: fixture('languages/ar.yaml') });
  const arabic = takeUsedFonts();
  expect(arabic.some((f) => f.includes('noto-sans-arabic'))).toBe(true);
  expect(arabic.filter((f) => /subset|hebrew|thai/.test(f))).toEqual([]);
});
