/**
 * Charts that validate but will not read well: more points than a column
 * about the side column's width can show legibly (bars thinner than a
 * label, or labels that must be thinned to one in many). A warning, with the
 * limit and what to do, not an error: the chart is still drawn.
 */
import { formatPath } from '../errors.js';
import type { Briefing, FieldPath, LoadedContent, Warning } from '../types.js';
import { seriesOf, type BoxChart, type Chart } from './model.js';

/** Most points (bars counted across series) a chart in a ~200 pt column shows legibly, by kind. */
export const LEGIBLE_POINTS: Record<string, number> = { column: 24, bar: 16, line: 60, sparklines: 40 };

export function chartWarnings(briefing: Briefing, loaded: Pick<LoadedContent, 'file' | 'locate'>): Warning[] {
  const warnings: Warning[] = [];
  const check = (chart: Chart | BoxChart, path: FieldPath) => {
    // Its source, by id or number, is checked with the citations (content/citation-checks.ts).
    const { series, labels } = seriesOf(chart);
    const kind = chart.kind;
    const count =
      kind === 'line'
        ? labels.length
        : kind === 'sparklines'
          ? Math.max(...series.map((s) => s.points.length))
          : labels.length * series.length;
    const limit = LEGIBLE_POINTS[kind] ?? 24;
    if (count <= limit) return;
    const what = kind === 'bar' || kind === 'column' ? (series.length > 1 ? 'bars (categories × series)' : 'bars') : 'points';
    const to = kind === 'column' ? '; or make it a line chart, which shows up to 60' : '';
    warnings.push({
      file: loaded.file,
      path: formatPath(path),
      message: `${count} ${what} are more than a ${kind} chart in a column about 200 pt wide shows legibly (at most ${limit}): show fewer, e.g. one a quarter instead of one a month${to}`,
      ...loaded.locate(path),
    });
  };
  briefing.charts.forEach((c, i) => check(c, ['charts', i]));
  briefing.keyFacts.forEach((k, i) => k.chart && check(k.chart, ['keyFacts', i, 'chart']));
  return warnings;
}
