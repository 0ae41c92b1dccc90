import { describe, expect, it } from 'vitest';
import { outputName, slug } from '../../src/pipeline/names.js';

describe('slug', () => {
  it('keeps ASCII letters and digits, lower-cased, one hyphen between words', () => {
    expect(slug('DSB-2025/047 (Draft)')).toBe('dsb-2025-047-draft');
    expect(slug('  --Ref  No. 7--  ')).toBe('ref-no-7');
  });

  it('folds accents and the letters NFKD leaves alone', () => {
    expect(slug('Łódź Straße Ærø café')).toBe('lodz-strasse-aero-cafe');
  });

  it('is empty for text with no Latin letters or digits, so the caller can fall back', () => {
    expect(slug('Дума')).toBe('');
    expect(slug('杜马')).toBe('');
  });
});

describe('outputName', () => {
  const date = '2025-12-01';

  it('is the reference and the date', () => {
    expect(outputName({ reference: 'DSB-2025-047', headline: 'x', date }, 'out')).toBe('out/dsb-2025-047-2025-12-01.pdf');
  });

  it('does not repeat a date the reference already carries', () => {
    expect(outputName({ reference: 'Daily 2025-12-01', headline: 'x', date }, 'out', '.eml')).toBe('out/daily-2025-12-01.eml');
  });

  it('falls back to the headline, then to "briefing", when the reference has nothing to keep', () => {
    expect(outputName({ reference: 'Дума', headline: 'Russia moves to ratify RELOS', date }, 'o')).toBe(
      'o/russia-moves-to-ratify-relos-2025-12-01.pdf',
    );
    expect(outputName({ reference: 'Дума', headline: '杜马批准', date }, 'o')).toBe('o/briefing-2025-12-01.pdf');
  });
});
