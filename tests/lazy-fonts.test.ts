/**
 * A Latin briefing reads only the fonts it uses: the template names fonts for
 * a dozen scripts, and the Chinese, Japanese, Korean and Arabic ones are
 * parsed only when a briefing has a character that needs them. (A file of
 * its own: modules, and so the parsed fonts, are fresh for each test file.)
 */
import { expect, it } from 'vitest';
import { buildBriefing, checkBriefing } from '../src/index.js';
import { parsedFontFiles } from '../src/pdf/fonts.js';
import { EXAMPLE, fixture } from './helpers/content.js';

it('a Latin briefing parses no CJK, Arabic, Hebrew or Thai font; an Arabic one parses Arabic only when it needs it', async () => {
  await checkBriefing({ path: EXAMPLE });
  await buildBriefing({ path: EXAMPLE });
  const latin = parsedFontFiles();
  expect(latin.length).toBeGreaterThan(0);
  expect(latin.every((f) => f.includes('/noto-sans/'))).toBe(true);
  await buildBriefing({ path: fixture('languages/ar.yaml') });
  const arabic = parsedFontFiles().filter((f) => !latin.includes(f));
  expect(arabic.some((f) => f.includes('noto-sans-arabic'))).toBe(true);
  expect(arabic.some((f) => /subset|hebrew|thai/.test(f))).toBe(false);
});
