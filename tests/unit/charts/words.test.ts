/**
 * A chart's numbers and alternative text in the briefing's language: digits,
 * decimal marks and minus signs as Intl writes them for the language (as the
 * page's dates are), the words from the template's locale files.
 */
import { describe, expect, it } from 'vitest';
import { altText } from '../../../src/charts/alt-text.js';
import type { Chart } from '../../../src/charts/model.js';
import { formatNumber } from '../../../src/charts/scales.js';
import { messages } from '../../../src/template/locales.js';

const gdp: Chart = {
  title: 'GDP',
  kind: 'column',
  unit: '%',
  data: [
    { label: 'Q1', value: -0.3 },
    { label: 'Q2', value: 1.25 },
  ],
};

describe('chart numbers', () => {
  it('are written as the language writes them, with a true minus sign', () => {
    expect(formatNumber(-1234.5, 'en', 1)).toBe('\u22121,234.5');
    expect(formatNumber(8.2, 'de', 1)).toBe('8,2');
    expect(formatNumber(8.2, 'fa', 1)).toBe('۸٫۲');
    expect(formatNumber(8.2, 'ar-EG', 1)).toBe('٨٫٢');
  });
});

describe('a chart’s alternative text', () => {
  it('names the kind, the title and the unit, then every point, with as many decimals as the data has', () => {
    expect(altText(gdp, messages('en'), 'en')).toBe('Column chart, GDP, per cent: Q1 \u22120.30, Q2 1.25');
  });

  it('is in the briefing’s language, its digits and its punctuation', () => {
    expect(altText(gdp, messages('fa'), 'fa')).toBe('نمودار ستونی، GDP، درصد: Q1 \u200e\u2212۰٫۳۰، Q2 ۱٫۲۵');
    expect(altText({ ...gdp, kind: 'line' }, messages('ja'), 'ja')).toBe('折れ線グラフ、GDP、パーセント：Q1 \u22120.30、Q2 1.25');
  });

  it('names each series of a chart with several', () => {
    const trade: Chart = {
      title: 'Trade',
      kind: 'line',
      unit: 'bn',
      series: [
        { name: 'Exports', data: [{ label: '2025', value: 41 }] },
        { name: 'Imports', data: [{ label: '2025', value: 38 }] },
      ],
    };
    expect(altText(trade, messages('en'), 'en')).toBe('Line chart, Trade, bn: Exports: 2025 41; Imports: 2025 38');
  });
});
