/**
 * A chart's alternative text, from its data, in the briefing's language:
 * "Column chart, GDP growth by quarter, per cent: Q1 2024 0.6, Q2 2024 0.9".
 * The words come from the template's locale files (chart_column, chart_alt…),
 * the numbers are written as on the page.
 */
import { fillLabel } from '../template/locales.js';
import { seriesOf, type BoxChart, type Chart } from './model.js';
import { decimalsOf, formatNumber } from './scales.js';

export function altText(chart: Chart | BoxChart, labels: Record<string, string>, lang: string, fallbackTitle?: string): string {
  const word = (key: string, fallback: string) => labels[key] ?? fallback;
  const sep = word('list_separator', ', ');
  const { series } = seriesOf(chart);
  const decimals = decimalsOf(series.flatMap((s) => s.points.map((p) => p.value)));
  const points = (s: (typeof series)[number]) => s.points.map((p) => `${p.label} ${formatNumber(p.value, lang, decimals)}`).join(sep);
  const data = series
    .map((s) => (s.name ? fillLabel(word('chart_series', '{name}: {data}'), { name: s.name, data: points(s) }) : points(s)))
    .join('; ');
  const unit = chart.unit === '%' ? word('chart_percent', 'per cent') : chart.unit;
  const title = chart.title ?? fallbackTitle;
  return fillLabel(word('chart_alt', '{kind}, {title}: {data}'), {
    kind: word(`chart_${chart.kind}`, chart.kind),
    title: [title, unit].filter(Boolean).join(sep),
    data,
  });
}
