/**
 * Scales and numbers for charts: nice value axes from d3-array's tick
 * arithmetic, band positions from d3-scale, lines from d3-shape, and
 * numbers written the way the briefing's language writes them (Intl, as
 * dates are: Arabic-Indic digits where the locale uses them).
 *
 * The value axis is d3-scale's linear scale's arithmetic (`nice`, `ticks`),
 * written out over d3-array: scaleLinear itself brings d3-interpolate,
 * d3-color and d3-format along (colour and number-format code a chart of
 * numbers drawn by pdfmake never uses), about 28 KB in each of the two
 * bundles, which the package's size budget does not have.
 */
import { tickIncrement, ticks as d3ticks } from 'd3-array';
import { scaleBand, type ScaleBand } from 'd3-scale';
import { line as d3line } from 'd3-shape';

/** A linear value scale: `scale(v)` is the position of v, `domain` its nice extent. */
export interface ValueScale {
  (value: number): number;
  domain: () => [number, number];
}

/** d3-scale's linear `nice`: the extent widened to round tick steps, tried until it stops changing (as d3 does). */
function nice(lo: number, hi: number, count: number): [number, number] {
  let step: number | undefined;
  for (let i = 0; i < 10; i++) {
    const next = tickIncrement(lo, hi, count);
    if (next === step || next === 0 || !Number.isFinite(next)) break;
    step = next;
    if (next > 0) [lo, hi] = [Math.floor(lo / next) * next, Math.ceil(hi / next) * next];
    else [lo, hi] = [Math.ceil(lo * next) / next, Math.floor(hi * next) / next];
  }
  return [lo, hi];
}

/** The value axis: from zero (bars must start at zero) or the data's floor for a line, made nice, with its ticks. */
export function valueScale(
  values: number[],
  range: [number, number],
  from: 'zero' | 'data',
  count = 4,
): { scale: ValueScale; ticks: number[] } {
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (from === 'zero') [lo, hi] = [Math.min(0, lo), Math.max(0, hi)];
  if (lo === hi) [lo, hi] = lo === 0 ? [0, 1] : [Math.min(0, lo), Math.max(0, hi)];
  const [d0, d1] = nice(lo, hi, count);
  const [r0, r1] = range;
  const scale = ((v: number) => r0 + ((v - d0) / (d1 - d0)) * (r1 - r0)) as ValueScale;
  scale.domain = () => [d0, d1];
  return { scale, ticks: d3ticks(d0, d1, count) };
}

/** Category positions, in reading order: left to right, or right to left (`reverse`). */
export function categoryScale(labels: string[], range: [number, number], reverse: boolean, padding: number): ScaleBand<string> {
  return scaleBand<string>()
    .domain(labels)
    .range(reverse ? [range[1], range[0]] : range)
    .paddingInner(padding)
    .paddingOuter(padding / 2);
}

/** The polylines of a line through `points` (a gap where a value is missing), drawn by d3-shape into pdfmake's vectors. */
export function linePaths(points: ([number, number] | null)[]): { x: number; y: number }[][] {
  const paths: { x: number; y: number }[][] = [];
  let current: { x: number; y: number }[] = [];
  // d3-shape draws through a canvas-like context: moveTo starts a new polyline, lineTo extends it.
  const context = {
    moveTo(x: number, y: number) {
      if (current.length > 1) paths.push(current);
      current = [{ x: round(x), y: round(y) }];
    },
    lineTo(x: number, y: number) {
      current.push({ x: round(x), y: round(y) });
    },
    closePath() {},
  };
  d3line<[number, number] | null>()
    .defined((p) => p !== null)
    .x((p) => p![0])
    .y((p) => p![1])
    .context(context as unknown as CanvasRenderingContext2D)(points);
  if (current.length > 1) paths.push(current);
  return paths;
}

export const round = (n: number) => Math.round(n * 100) / 100;

/** Digits after the point a list of numbers needs (up to 3). */
export function decimalsOf(values: number[]): number {
  let most = 0;
  for (const v of values) {
    const s = String(Math.abs(v));
    if (s.includes('e')) continue;
    const d = s.split('.')[1]?.length ?? 0;
    most = Math.max(most, Math.min(3, d));
  }
  return most;
}

const formats = new Map<string, Intl.NumberFormat>();
/** `value` written in `lang` with exactly `decimals` digits after the point. */
export function formatNumber(value: number, lang: string, decimals: number): string {
  const key = `${lang}|${decimals}`;
  let f = formats.get(key);
  if (!f) {
    try {
      f = new Intl.NumberFormat(lang, { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    } catch {
      f = new Intl.NumberFormat('en', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    }
    formats.set(key, f);
  }
  // A minus sign, not a hyphen, as typesetters write it (Intl gives U+2212 only in some locales).
  return f.format(value === 0 ? 0 : value).replace(/-/g, '\u2212');
}
