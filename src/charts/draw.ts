/**
 * A chart as pdfmake nodes: lines and shapes as `canvas` vectors, every
 * word and number as a text node in the template's fonts (so it is text on
 * the page, found by search and by pdf.js, and set by the text layer in any
 * script). The chart is a Figure (alt text made from the data) and its
 * source line, one ordinary block: its height follows from its
 * width (the column's) and the type scale, so the fitter measures and
 * places it like any other.
 *
 * Labels that must sit at a point (ticks, values on bars) are detached
 * nodes (`relativePosition`, no height of their own), each in a box of a
 * known width so pdfmake aligns it; the category labels under a column or
 * line chart are an ordinary row of columns, so a long or CJK label wraps
 * and the row grows. Right to left, categories run from the right and the
 * value axis stands on the right.
 */
import { categoryScale, decimalsOf, formatNumber, linePaths, round, valueScale } from './scales.js';
import { seriesOf, type BoxChart, type Chart, type ChartKind, type Series } from './model.js';

/** What drawing needs to know of the template and the page. */
export interface DrawContext {
  width: number;
  lang: string;
  rtl: boolean;
  /** The type scale of this fitting trial: sizes and the plot's height follow it. */
  type: number;
  colors: { ink: string; muted: string; accent: string; accentSoft: string; rule: string; panel?: string };
  /** Font sizes, points, before scaling: labels and titles. */
  sizes: { label: number; title: number };
  /** The Figure's alternative text. */
  alt: string;
  /** The line under the chart ("Source: …", a note), if any. */
  foot: string | null;
  /** A chart in a key-facts box: smaller, no title of its own unless given. */
  small?: boolean;
}

type Node = Record<string, unknown>;

/** Text width estimate (no font is at hand here): Latin digits and letters about 0.56 em, CJK and others 1 em. */
function estimateWidth(text: string, size: number): number {
  let em = 0;
  for (const ch of text.replace(/[\u061c\u200e\u200f\u2066-\u2069]/g, ''))
    em += /[\u1100-\u11ff\u2e80-\ua4cf\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/.test(ch)
      ? 1
      : /[MWmw]/.test(ch)
        ? 0.9
        : /[A-Z]/.test(ch)
          ? 0.68
          : ch === ' '
            ? 0.26
            : 0.56;
  return em * size;
}

/** A number as the page writes it; right to left, held left to right between isolates so its sign stays in front (text/bidi.ts takes them out). */
const numberText = (value: number, ctx: DrawContext, decimals: number) => {
  const text = formatNumber(value, ctx.lang, decimals);
  return ctx.rtl ? `\u2066${text}\u2069` : text;
};

const seriesColor = (c: DrawContext['colors'], i: number) => [c.accent, c.accentSoft, c.muted, c.rule][i % 4]!;

/** A text in a box `width` wide, placed at (x, y) of the chart's current position, taking no room. */
function placed(
  text: string,
  x: number,
  y: number,
  width: number,
  alignment: 'left' | 'right' | 'center',
  style: Node,
  bound = Infinity,
): Node {
  // Kept inside the column (the page's overflow check reads every box): a centred box shrinks evenly about its centre.
  if (alignment === 'center') {
    const half = Math.min(width / 2, x + width / 2, bound - x - width / 2);
    x = x + width / 2 - half;
    width = half * 2;
  } else {
    if (x < 0) [width, x] = [width + x, 0];
    width = Math.min(width, bound - x);
  }
  return {
    relativePosition: { x: round(x), y: round(y) },
    columns: [{ width: round(Math.max(1, width)), text, alignment, ...style }],
  };
}

/**
 * A row of labels under their categories, as pdfmake columns (left to right): each box centred on
 * its `x`, moved inward where it would cross the chart's edge (its label then set against that
 * edge, rather than wrapped in what is left), neighbours that overlap split at the middle, gaps filled.
 */
function labelRow(items: { x: number; width: number; text: string }[], total: number, style: Node): Node {
  const boxes = [...items]
    .sort((a, b) => a.x - b.x)
    .map((it) => {
      const width = Math.min(it.width, total);
      const start = Math.min(Math.max(0, it.x - width / 2), total - width);
      // Moved by more than a rounding error (a box that ends exactly at the edge stays centred).
      const alignment = it.x - width / 2 < -0.5 ? 'left' : it.x + width / 2 > total + 0.5 ? 'right' : 'center';
      return { start, end: start + width, text: it.text, alignment };
    });
  for (let i = 1; i < boxes.length; i++) {
    const [prev, box] = [boxes[i - 1]!, boxes[i]!];
    if (prev.end > box.start) prev.end = box.start = (prev.end + box.start) / 2;
  }
  const columns: Node[] = [];
  let at = 0;
  for (const box of boxes) {
    if (box.end - box.start < 1) continue;
    if (box.start - at > 0.5) columns.push({ width: round(box.start - at), text: '' });
    // A little room either side, so neighbouring labels never touch.
    const pad = round(Math.min(2, (box.end - box.start) * 0.05));
    const margin = [box.alignment === 'left' ? 0 : pad, 0, box.alignment === 'right' ? 0 : pad, 0];
    columns.push({ width: round(box.end - Math.max(at, box.start)), text: box.text, alignment: box.alignment, margin, ...style });
    at = box.end;
  }
  return { columns, columnGap: 0 };
}

/** The pdfmake node of a chart: a Figure whose alternative text says what it shows. */
export function drawChart(chart: Chart | BoxChart, ctx: DrawContext): Node {
  const kind = chart.kind as ChartKind;
  const { series, labels } = seriesOf(chart);
  const fs = round(ctx.sizes.label * ctx.type);
  const small = { fontSize: fs, lineHeight: 1, color: ctx.colors.muted };
  const stack: Node[] = [];
  // A box's chart of one named series and no title of its own is titled by its series (there is no legend to name it).
  const title = chart.title ?? (series.length === 1 && kind !== 'sparklines' ? series[0]!.name : null);
  if (title)
    stack.push({
      text: title,
      bold: true,
      fontSize: round(ctx.sizes.title * ctx.type),
      lineHeight: 1,
      color: ctx.colors.ink,
      margin: [0, 0, 0, round(1.5 * ctx.type)],
    });
  if (chart.unit && kind !== 'sparklines') stack.push({ text: chart.unit, ...small, margin: [0, 0, 0, round(3 * ctx.type)] });
  if (series.length > 1 && kind !== 'sparklines') stack.push(legend(series, ctx, fs));
  if (kind === 'bar') stack.push(barChart(series, labels, ctx, fs));
  else if (kind === 'sparklines') stack.push(sparklines(series, ctx, fs, chart.unit));
  else stack.push(...plotted(kind, series, labels, ctx, fs));
  const figure: Node = { stack, role: { tag: 'Figure', alt: ctx.alt } };
  // The source and note are read as a paragraph of their own: the alt text stands for the chart, not for them.
  const foot: Node[] = ctx.foot ? [{ text: ctx.foot, role: 'P', ...small, margin: [0, round(3 * ctx.type), 0, 0] }] : [];
  return { stack: [figure, ...foot], ...(ctx.rtl && { alignment: 'right' }) };
}

function legend(series: Series[], ctx: DrawContext, fs: number): Node {
  const keys: Node[] = [];
  series.forEach((s, i) => {
    const swatch: Node = {
      width: fs,
      alignment: 'left',
      canvas: [{ type: 'rect', x: 0, y: fs * 0.3, w: fs * 0.8, h: fs * 0.8, color: seriesColor(ctx.colors, i) }],
    };
    const name: Node = { width: 'auto', text: s.name ?? '', fontSize: fs, lineHeight: 1, color: ctx.colors.ink, margin: [0, 0, fs, 0] };
    keys.push(...(ctx.rtl ? [name, swatch] : [swatch, name]));
  });
  if (ctx.rtl) keys.reverse();
  return { columns: ctx.rtl ? [{ width: '*', text: '' }, ...keys] : keys, columnGap: 2, margin: [0, 0, 0, round(3 * ctx.type)] };
}

/** Column and line charts: value axis, gridlines, marks, value labels, then the category labels as a row. */
function plotted(kind: 'column' | 'line', series: Series[], labels: string[], ctx: DrawContext, fs: number): Node[] {
  const values = series.flatMap((s) => s.points.map((p) => p.value));
  const height = round(Math.min(120, Math.max(60, ctx.width * (ctx.small ? 0.32 : 0.5))) * ctx.type);
  const decimals = decimalsOf(values);
  // A single series of columns carries its values on the bars, where each fits over its bar (else an axis reads them).
  const widestValue = Math.max(...values.map((v) => estimateWidth(formatNumber(v, ctx.lang, decimals), fs)));
  const labelled = kind === 'column' && series.length === 1 && widestValue <= (ctx.width / labels.length) * 0.95;
  const top = labelled ? fs * 1.5 : fs * 0.8; // room for value labels above the tallest bar
  const { scale: y, ticks } = valueScale(values, [height, top], kind === 'column' ? 'zero' : 'data', ctx.small ? 3 : 4);
  const tickDecimals = decimalsOf(ticks);
  const tickText = ticks.map((t) => numberText(t, ctx, tickDecimals));
  const gutter = labelled ? 0 : round(Math.max(...tickText.map((t) => estimateWidth(t, fs))) + fs * 0.6);
  // The value axis on the reader's side of the start: left, or right in a right-to-left briefing.
  const [plotLeft, plotRight] = ctx.rtl ? [0, ctx.width - gutter] : [gutter, ctx.width];
  const x = categoryScale(labels, [plotLeft, plotRight], ctx.rtl, kind === 'column' ? 0.3 : 0);
  const centre = (label: string) => x(label)! + x.bandwidth() / 2;

  const vectors: Node[] = [];
  const texts: Node[] = [];
  // Values written on the bars say it all: then only the zero line is drawn, no grid or tick labels.
  for (const [i, t] of ticks.entries()) {
    if (labelled && t !== 0) continue;
    const ty = round(y(t));
    const axis = t === 0 || (i === 0 && kind === 'column');
    vectors.push({
      type: 'line',
      x1: plotLeft,
      y1: ty,
      x2: plotRight,
      y2: ty,
      lineWidth: axis ? 0.8 : 0.4,
      lineColor: axis ? ctx.colors.ink : ctx.colors.rule,
    });
    const [tx, align] = ctx.rtl ? ([plotRight + fs * 0.4, 'left'] as const) : ([0, 'right'] as const);
    if (!labelled)
      texts.push(
        placed(
          tickText[i]!,
          tx,
          ty - fs * 0.62,
          gutter - fs * 0.4,
          align,
          { fontSize: fs, lineHeight: 1, color: ctx.colors.muted },
          ctx.width,
        ),
      );
  }

  if (kind === 'column') {
    const band = x.bandwidth() / series.length;
    const zero = y(Math.max(y.domain()[0]!, Math.min(0, y.domain()[1]!)));
    series.forEach((s, si) => {
      for (const p of s.points) {
        const at = x(p.label)! + (ctx.rtl ? series.length - 1 - si : si) * band;
        const top = Math.min(y(p.value), zero);
        vectors.push({
          type: 'rect',
          x: round(at),
          y: round(top),
          w: round(band - (series.length > 1 ? 0.5 : 0)),
          h: round(Math.max(0.3, Math.abs(zero - y(p.value)))),
          color: seriesColor(ctx.colors, si),
        });
        if (labelled) {
          const above = p.value >= 0 ? y(p.value) - fs * 1.25 : y(p.value) + fs * 0.2;
          texts.push(
            placed(
              numberText(p.value, ctx, decimals),
              at - band / 2,
              above,
              band * 2,
              'center',
              { fontSize: fs, lineHeight: 1, color: ctx.colors.ink, bold: true },
              ctx.width,
            ),
          );
        }
      }
    });
  } else {
    series.forEach((s, si) => {
      const byLabel = new Map(s.points.map((p) => [p.label, p.value]));
      const pts = labels.map((l) => (byLabel.has(l) ? ([centre(l), y(byLabel.get(l)!)] as [number, number]) : null));
      for (const points of linePaths(pts))
        vectors.push({
          type: 'polyline',
          points,
          lineWidth: 1.6,
          lineColor: seriesColor(ctx.colors, si),
          lineCap: 'round',
          lineJoin: 'round',
        });
      // The latest value, marked and labelled, as a reader looks for it first.
      const last = s.points[s.points.length - 1]!;
      const lx = centre(last.label);
      const ly = y(last.value);
      vectors.push({ type: 'ellipse', x: round(lx), y: round(ly), r1: 1.8, r2: 1.8, color: seriesColor(ctx.colors, si) });
      if (series.length === 1) {
        const w = estimateWidth(numberText(last.value, ctx, decimals), fs) + fs;
        const [bx, align] = ctx.rtl ? ([lx - fs * 0.3, 'left'] as const) : ([lx - w + fs * 0.3, 'right'] as const);
        // Above the point where the line comes up to it, below where it comes down.
        const before = s.points[s.points.length - 2];
        const below = before !== undefined && before.value > last.value;
        texts.push(
          placed(
            numberText(last.value, ctx, decimals),
            bx,
            below ? ly + fs * 0.35 : ly - fs * 1.45,
            w,
            align,
            { fontSize: fs, lineHeight: 1, color: ctx.colors.ink, bold: true },
            ctx.width,
          ),
        );
      }
    });
  }

  // Category labels: all, or every n-th counted back from the latest when they would crowd each other.
  const step = Math.abs(x.step());
  const widest = Math.max(...labels.map((l) => Math.min(estimateWidth(l, fs), fs * 6)));
  const every = Math.max(1, Math.ceil((widest + fs * 0.8) / step));
  const shown = labels
    .map((l, i) => ({ l, i }))
    .filter(({ i }) => (labels.length - 1 - i) % every === 0)
    // Thinned, each label takes the room it needs (not all its share), which leaves room to move one in from an edge.
    .map(({ l }) => ({ x: centre(l), width: every === 1 ? step : Math.min(step * every, widest * 1.3 + fs * 0.6), text: l }));
  // Lines first, words over them; the plot's height is a spacer (the canvas and labels take no room of their own).
  return [
    {
      stack: [
        { relativePosition: { x: 0, y: 0 }, canvas: vectors, alignment: 'left' },
        ...texts,
        { canvas: [], margin: [0, height + 1, 0, 0] },
      ],
    },
    { ...labelRow(shown, ctx.width, { fontSize: fs, lineHeight: 1, color: ctx.colors.ink }), margin: [0, round(2 * ctx.type), 0, 0] },
  ];
}

/** Horizontal bars: one row per category, its label beside the bar and the value at the bar's end; labels wrap. */
function barChart(series: Series[], labels: string[], ctx: DrawContext, fs: number): Node {
  const values = series.flatMap((s) => s.points.map((p) => p.value));
  const decimals = decimalsOf(values);
  const labelWidth = round(Math.min(ctx.width * 0.38, Math.max(...labels.map((l) => estimateWidth(l, fs))) + fs * 0.6));
  const valueRoom = Math.max(...values.map((v) => estimateWidth(numberText(v, ctx, decimals), fs))) + fs * 0.8;
  const plot = ctx.width - labelWidth - valueRoom;
  const { scale: x } = valueScale(values, [0, plot], 'zero', 3);
  const zero = x(0);
  const barH = round(fs * 1.1);
  const rows: Node[][] = [];
  for (const label of labels) {
    series.forEach((s, si) => {
      const p = s.points.find((q) => q.label === label);
      if (!p) return;
      const from = Math.min(zero, x(p.value));
      const end = Math.max(zero, x(p.value));
      const cell = plot + valueRoom;
      const valueText = numberText(p.value, ctx, decimals);
      const style = { fontSize: fs, lineHeight: 1, color: ctx.colors.ink, bold: true };
      const ty = (barH - fs * 1.36) / 2 + fs * 0.08;
      // Right to left, the bars grow leftwards from the label, the value beyond each bar's end.
      const barCell: Node = {
        stack: [
          ctx.rtl
            ? placed(valueText, 0, ty, cell - end - fs * 0.3, 'right', style, cell)
            : placed(valueText, end + fs * 0.3, ty, valueRoom, 'left', style, cell),
          {
            // Canvases follow `alignment` (right in a right-to-left page): these coordinates are from the left.
            alignment: 'left',
            canvas: [
              ...(values.some((v) => v < 0) ? [zeroLine(ctx.rtl ? cell - zero : zero, barH, fs, ctx.colors.ink)] : []),
              {
                type: 'rect',
                x: round(ctx.rtl ? cell - end : from),
                y: 0,
                w: round(Math.max(0.3, end - from)),
                h: barH,
                color: seriesColor(ctx.colors, si),
              },
            ],
          },
        ],
      };
      const name =
        si === 0
          ? {
              text: label,
              fontSize: fs,
              lineHeight: 1,
              color: ctx.colors.ink,
              alignment: ctx.rtl ? 'right' : 'left',
              margin: ctx.rtl ? [fs * 0.4, 0, 0, 0] : [0, 0, fs * 0.4, 0],
            }
          : { text: '' };
      rows.push(ctx.rtl ? [barCell, name] : [name, barCell]);
    });
  }
  return {
    table: { widths: ctx.rtl ? ['*', labelWidth] : [labelWidth, '*'], body: rows },
    layout: { hLineWidth: 0, vLineWidth: 0, paddingLeft: 0, paddingRight: 0, paddingTop: 0, paddingBottom: () => round(fs * 0.45) },
  };
}

const zeroLine = (x: number, h: number, fs: number, color: string): Node => ({
  type: 'line',
  x1: round(x),
  y1: round(-fs * 0.35),
  x2: round(x),
  y2: round(h + fs * 0.35),
  lineWidth: 0.6,
  lineColor: color,
});

/** A row of small line charts, one per series: its name, the line, its latest value. */
function sparklines(series: Series[], ctx: DrawContext, fs: number, unit: string | undefined): Node {
  const gap = fs;
  const w = (ctx.width - gap * (series.length - 1)) / series.length;
  const h = round(fs * 2.6);
  const cells = series.map((s) => {
    const values = s.points.map((p) => p.value);
    const { scale: y } = valueScale(values, [h, 1], 'data', 2);
    const n = s.points.length;
    const xAt = (i: number) => (n === 1 ? w / 2 : ctx.rtl ? w - 2 - (i * (w - 4)) / (n - 1) : 2 + (i * (w - 4)) / (n - 1));
    const paths = linePaths(s.points.map((p, i) => [xAt(i), y(p.value)]));
    const last = s.points[n - 1]!;
    const vectors: Node[] = paths.map((points) => ({
      type: 'polyline',
      points,
      lineWidth: 1.1,
      lineColor: seriesColor(ctx.colors, 0),
      lineJoin: 'round',
    }));
    vectors.push({ type: 'ellipse', x: round(xAt(n - 1)), y: round(y(last.value)), r1: 1.4, r2: 1.4, color: ctx.colors.accent });
    // "2.8%" held together: right to left, the sign must not move to the other side of the number.
    const withUnit = `${formatNumber(last.value, ctx.lang, decimalsOf(values))}${unit === '%' ? '%' : ''}`;
    const latest = `${ctx.rtl ? `\u2066${withUnit}\u2069` : withUnit}${unit && unit !== '%' ? ` ${unit}` : ''}`;
    return {
      width: round(w),
      stack: [
        { text: s.name ?? '', bold: true, fontSize: fs, lineHeight: 1, color: ctx.colors.muted, margin: [0, 0, 0, 3] },
        // The line detached and a spacer of the cell's height: every cell of the row equally tall, however its line runs.
        { relativePosition: { x: 0, y: 0 }, canvas: vectors, alignment: 'left' },
        { canvas: [], margin: [0, h + 2, 0, 0] },
        {
          text: [
            { text: latest, bold: true, color: ctx.colors.ink },
            { text: ` ${last.label}`, color: ctx.colors.muted },
          ],
          fontSize: fs,
          lineHeight: 1,
          margin: [0, 2, 0, 0],
        },
      ],
      ...(ctx.rtl && { alignment: 'right' }),
    };
  });
  if (ctx.rtl) cells.reverse();
  return { columns: cells, columnGap: gap };
}
