/**
 * Charts in the content: what a chart is (the schema), and its data put in
 * one shape for drawing (a list of series, each of label–value points).
 * Written for people who type numbers into YAML: a value typed as text
 * ("8.2%", "1,200") is refused with the number to type instead, a misspelt
 * kind gets "did you mean", and units that differ between series are an
 * error (two units on one axis misread the data).
 */
import { z } from 'zod';
import { about, optionality } from '../content/optionality.js';
import { closest } from '../suggest.js';

export const CHART_KINDS = ['bar', 'column', 'line'] as const;
/** In a key-facts box also a row of sparklines, one per series. */
export const BOX_CHART_KINDS = [...CHART_KINDS, 'sparklines'] as const;
export type ChartKind = (typeof BOX_CHART_KINDS)[number];

const words = (what: string) =>
  z
    .string({ error: (iss) => (iss.input === undefined ? `${what} is required` : `expected text (${what})`) })
    .trim()
    .min(1, { error: `${what} must not be empty` });

/** "8.2%", "1,200", "€3bn": the number in it, if there is one, for the hint. */
function numberIn(text: string): { number: number; unit: string } | undefined {
  const m = /^\s*([^\d+\-.]*)\s*([+-]?\d[\d,\s]*(?:\.\d+)?|[+-]?\.\d+)\s*(.*?)\s*$/.exec(text);
  if (!m) return undefined;
  // "8,2" is a decimal comma (as in German or French); "1,200" groups thousands.
  const digits = /^[+-]?\d+,\d{1,2}$/.test(m[2]!) ? m[2]!.replace(',', '.') : m[2]!.replace(/[,\s]/g, '');
  const number = Number(digits);
  if (!Number.isFinite(number)) return undefined;
  return { number, unit: `${m[1]!.trim()}${m[1]!.trim() && m[3] ? ' ' : ''}${m[3]!}`.trim() };
}

/** What to say about a value that is not a number (exported for the tests of its wording). */
export function valueProblem(input: unknown): string | undefined {
  if (typeof input === 'number') return Number.isFinite(input) ? undefined : 'expected a finite number';
  if (input === undefined || input === null) return 'a value is required (a number, e.g. 8.2)';
  if (typeof input === 'string') {
    const found = numberIn(input);
    if (found)
      return found.unit
        ? `expected a number, got text "${input}": write ${found.number} and put "${found.unit}" in the chart's \`unit\``
        : `expected a number, got text "${input}": write ${found.number} (without quotes or thousands separators)`;
    return `expected a number, got text "${input}"`;
  }
  return `expected a number, got ${Array.isArray(input) ? 'a list' : typeof input}`;
}

const value = z
  .custom<number>((v) => valueProblem(v) === undefined, { error: (iss) => valueProblem(iss.input) ?? 'expected a number' })
  .meta({ type: 'number', ...about('The number, without its unit (the chart has one `unit`).', 8.2, -0.4) });

export const ChartPointSchema = z
  .strictObject({
    label: words('point label').meta(about('What the value is for: a period, a place, a category; short.', 'Q1 2024', 'Apr–Jun')),
    value,
  })
  .describe('One data point: a label and its value.');

export const ChartSeriesSchema = z
  .strictObject({
    name: words('series name').meta(about('The series name, shown in the legend.', 'Exports', 'Imports')),
    unit: words('series unit')
      .optional()
      .meta(about('Only to say it is the same as the chart’s: every series of one chart shares its unit.', '%')),
    data: z
      .array(ChartPointSchema)
      .min(1, { error: 'a series needs at least one point (label and value)' })
      .describe('The points of this series, in order.'),
  })
  .describe('One series of a chart with several: a name and its points.');

const kindOf = (kinds: readonly string[]) =>
  z.enum(kinds as [string, ...string[]], {
    error: (iss) => {
      const typed = String(iss.input ?? '');
      const near = typeof iss.input === 'string' ? closest(typed, kinds) : undefined;
      return iss.input === undefined
        ? `a chart needs a kind: ${kinds.join(', ')}`
        : `unknown chart kind "${typed}"${near ? ` (did you mean "${near}"?)` : ''}; use one of ${kinds.join(', ')}`;
    },
  });

const chartFields = {
  unit: words('chart unit')
    .optional()
    .meta(
      about('The unit of every value, shown on the value axis and read out in the alt text: "%", "bn", "index, 2015 = 100".', '%', '$bn'),
    ),
  data: z
    .array(ChartPointSchema)
    .optional()
    .meta(
      about('One series: its points as label–value pairs, in order (or use `series` for several).', [
        { label: 'Q1', value: 1.2 },
        { label: 'Q2', value: 0.8 },
      ]),
    ),
  series: z
    .array(ChartSeriesSchema)
    .optional()
    .meta(
      about('Several series, each with a name and its points (or use `data` for one).', [
        { name: 'Exports', data: [{ label: '2023', value: 41 }] },
        { name: 'Imports', data: [{ label: '2023', value: 38 }] },
      ]),
    ),
  source: z
    .union([words('chart source'), z.number().int().min(1)])
    .optional()
    .meta(
      about('Where the numbers come from: a source of the `sources` list, by its id or number (1 = the first).', 1, 'statistics-office'),
    ),
  note: words('chart note')
    .optional()
    .meta(about('A short note under the chart (a break in the series, a definition).', 'Seasonally adjusted')),
};

/** Exactly one of data and series, none empty, one unit. */
function checkData(chart: { unit?: string; data?: unknown[]; series?: { unit?: string }[] }, ctx: z.RefinementCtx) {
  if (chart.data && chart.series)
    ctx.addIssue({ code: 'custom', path: ['series'], message: 'give either `data` (one series) or `series` (several), not both' });
  else if (!chart.data && !chart.series)
    ctx.addIssue({
      code: 'custom',
      path: [],
      message: 'a chart needs its numbers: `data: [{label, value}, …]` or `series: [{name, data}, …]`',
    });
  if (chart.data && chart.data.length === 0)
    ctx.addIssue({
      code: 'custom',
      path: ['data'],
      message: 'the chart has no data: add label–value points, e.g. `- { label: Q1, value: 1.2 }`',
    });
  if (chart.series && chart.series.length === 0)
    ctx.addIssue({
      code: 'custom',
      path: ['series'],
      message: 'the chart has no series: add one, e.g. `- { name: Exports, data: [...] }`',
    });
  const units = new Set((chart.series ?? []).map((s) => s.unit).filter((u): u is string => u !== undefined));
  if (chart.unit !== undefined) units.add(chart.unit);
  if (units.size > 1)
    ctx.addIssue({
      code: 'custom',
      path: ['series'],
      message: `the series have different units (${[...units].map((u) => `"${u}"`).join(', ')}): one chart has one value axis; convert them to one unit, or make a chart for each`,
    });
}

export const ChartSchema = z
  .strictObject({
    title: words('chart title').meta(about('What the chart shows, as a reader would say it.', 'GDP growth by quarter')),
    kind: kindOf(CHART_KINDS).meta(
      about(
        'bar (horizontal bars, for categories with long names), column (upright bars, for periods), line (for a trend over many periods).',
        'column',
        'line',
      ),
    ),
    ...chartFields,
    ...optionality,
  })
  .superRefine(checkData)
  .describe('A chart drawn from the numbers, in the side column: a title, a kind, a unit and label–value data.');

export const BoxChartSchema = z
  .strictObject({
    title: words('chart title').optional().meta(about('A title under the box’s own, if the chart needs one.', 'Inflation, last 12 months')),
    kind: kindOf(BOX_CHART_KINDS)
      .default('sparklines')
      .meta(
        about(
          'sparklines (a row of small line charts, one per series, each with its latest value), or a small bar, column or line chart.',
          'sparklines',
          'column',
        ),
      ),
    ...chartFields,
  })
  .superRefine(checkData)
  .describe('A small chart at the foot of a key-facts box.');

export type Chart = z.output<typeof ChartSchema>;
export type BoxChart = z.output<typeof BoxChartSchema>;

export interface Point {
  label: string;
  value: number;
}
export interface Series {
  name: string | null;
  points: Point[];
}

/** The data of a chart as a list of series (one, unnamed, for `data`), and the category labels in first-seen order. */
export function seriesOf(chart: Pick<Chart, 'data' | 'series'>): { series: Series[]; labels: string[] } {
  const series: Series[] = chart.series
    ? chart.series.map((s) => ({ name: s.name, points: s.data }))
    : [{ name: null, points: chart.data ?? [] }];
  const labels: string[] = [];
  const seen = new Set<string>();
  for (const s of series)
    for (const p of s.points)
      if (!seen.has(p.label)) {
        seen.add(p.label);
        labels.push(p.label);
      }
  return { series, labels };
}
