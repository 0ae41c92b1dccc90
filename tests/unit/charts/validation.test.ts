/**
 * Chart validation messages: each names the field path, what is wrong and
 * what to type instead (issue #26): a value typed as text, an unknown kind,
 * mixed units, an empty series, and more points than a column shows.
 */
import { describe, expect, it } from 'vitest';
import { ContentError } from '../../../src/errors.js';
import { loadContent } from '../../../src/pipeline/load.js';
import { contentWarnings, validateContent } from '../../../src/pipeline/validate.js';

const base = {
  headline: 'H',
  standfirst: 'S',
  bluf: 'B',
  date: '2026-11-30',
  reference: 'R-1',
  marking: 'TLP:CLEAR',
  organisation: 'Desk',
  sections: [{ heading: 'A', body: 'Text.' }],
};

async function problems(charts: unknown): Promise<string[]> {
  const loaded = await loadContent({ content: { ...base, charts }, file: 'c.yaml' });
  try {
    validateContent(loaded);
  } catch (err) {
    expect(err).toBeInstanceOf(ContentError);
    return (err as ContentError).problems.map((p) => `${p.path}: ${p.message}`);
  }
  return [];
}

describe('chart validation', () => {
  it('refuses a value typed as text and says which number to type, with the unit moved to `unit`', async () => {
    expect(await problems([{ title: 'GDP', kind: 'column', data: [{ label: 'Q1', value: '8.2%' }] }])).toEqual([
      'charts[0].data[0].value: expected a number, got text "8.2%": write 8.2 and put "%" in the chart\'s `unit`',
    ]);
  });

  it('reads a decimal comma as one, and a thousands separator as one', async () => {
    expect(
      await problems([
        {
          title: 'T',
          kind: 'line',
          data: [
            { label: 'a', value: '8,2' },
            { label: 'b', value: '1,200' },
          ],
        },
      ]),
    ).toEqual([
      'charts[0].data[0].value: expected a number, got text "8,2": write 8.2 (without quotes or thousands separators)',
      'charts[0].data[1].value: expected a number, got text "1,200": write 1200 (without quotes or thousands separators)',
    ]);
  });

  it('suggests the kind meant', async () => {
    const [p] = await problems([{ title: 'GDP', kind: 'colum', data: [{ label: 'Q1', value: 1 }] }]);
    expect(p).toBe('charts[0].kind: unknown chart kind "colum" (did you mean "column"?); use one of bar, column, line');
  });

  it('refuses series in different units', async () => {
    const [p] = await problems([
      {
        title: 'Trade',
        kind: 'line',
        series: [
          { name: 'Exports', unit: '$bn', data: [{ label: '2025', value: 4 }] },
          { name: 'Share', unit: '%', data: [{ label: '2025', value: 12 }] },
        ],
      },
    ]);
    expect(p).toMatch(/^charts\[0\]\.series: the series have different units \("\$bn", "%"\): one chart has one value axis/);
  });

  it('refuses an empty series and a chart without data', async () => {
    expect(await problems([{ title: 'T', kind: 'line', series: [{ name: 'A', data: [] }] }])).toEqual([
      'charts[0].series[0].data: a series needs at least one point (label and value)',
    ]);
    expect((await problems([{ title: 'T', kind: 'line' }]))[0]).toMatch(/^charts\[0\]: a chart needs its numbers/);
  });

  it('warns, with the limit, when a chart has more points than its column shows legibly', async () => {
    const data = Array.from({ length: 30 }, (_, i) => ({ label: `M${i + 1}`, value: i }));
    const loaded = await loadContent({ content: { ...base, charts: [{ title: 'T', kind: 'column', data }] }, file: 'c.yaml' });
    const warnings = contentWarnings(validateContent(loaded), loaded);
    expect(warnings.map((w) => `${w.path}: ${w.message}`)).toEqual([
      'charts[0]: 30 bars are more than a column chart in a column about 200 pt wide shows legibly (at most 24): show fewer, e.g. one a quarter instead of one a month; or make it a line chart, which shows up to 60',
    ]);
    const fine = await loadContent({ content: { ...base, charts: [{ title: 'T', kind: 'line', data }] }, file: 'c.yaml' });
    expect(contentWarnings(validateContent(fine), fine)).toEqual([]);
  });

  it('a source the sources list does not have is an error, as for any citation', async () => {
    const loaded = await loadContent({
      content: { ...base, charts: [{ title: 'T', kind: 'line', source: 3, data: [{ label: 'a', value: 1 }] }] },
      file: 'c.yaml',
    });
    expect(() => validateContent(loaded)).toThrow(/charts\[0\]\.source: there is no source 3/);
  });
});
