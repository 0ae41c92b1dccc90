/**
 * The template helpers for charts: `{{chart chart width=…}}` writes a chart
 * as a pdfmake node (draw.ts) at the column width the template gives and
 * this merge's type scale; `{{minus a b …}}` is the arithmetic a template
 * needs to say how wide a column is.
 */
import type Handlebars from 'handlebars';
import type { HelperOptions } from 'handlebars';
import { TemplateError, type SourcePosition } from '../errors.js';
import { fillLabel } from '../template/locales.js';
import type { FitScale } from '../types.js';
import { altText } from './alt-text.js';
import { drawChart, type DrawContext } from './draw.js';
import type { BoxChart, Chart } from './model.js';

interface Root {
  rtl?: boolean;
  labels?: Record<string, string>;
  theme?: { colors?: Record<string, string>; type?: Record<string, number> };
  sources?: { publisher: string; title: string; id?: string | null }[];
}

/** "Source: ONS" from the chart's source (a number in the sources list, or an id), and its note. */
function footOf(chart: Chart | BoxChart, root: Root): string | null {
  const parts: string[] = [];
  if (chart.source !== undefined) {
    const sources = root.sources ?? [];
    const found = typeof chart.source === 'number' ? sources[chart.source - 1] : sources.find((s) => s.id === chart.source);
    const name = found ? found.publisher : String(chart.source);
    parts.push(fillLabel(root.labels?.chart_source ?? 'Source: {source}', { source: name }));
  }
  if (chart.note) parts.push(chart.note);
  return parts.length ? parts.join(root.labels?.link_separator ?? '. ') : null;
}

/** The template line a helper was called from (compile.ts passes it as `__at`), for its errors. */
function where(options: HelperOptions): SourcePosition {
  const at = String((options.hash as { __at?: unknown; at?: unknown }).at ?? (options.hash as { __at?: unknown }).__at ?? '');
  const m = /^(.*):(\d+):(\d+)$/.exec(at);
  return m ? { file: m[1]!, line: Number(m[2]), column: Number(m[3]) } : {};
}

export function registerChartHelpers(hb: typeof Handlebars): void {
  hb.registerHelper('chart', function (chart: unknown, options: HelperOptions) {
    const hash = options.hash as { width?: unknown; title?: unknown; small?: unknown };
    if (typeof chart !== 'object' || chart === null)
      throw new TemplateError(
        'chart: its argument is not a chart',
        where(options),
        'write {{chart chart width=…}} inside a chart block (partials/chart.hbs)',
      );
    if (typeof hash.width !== 'number' || !(hash.width > 0))
      throw new TemplateError(
        `chart: needs width=… in points, got ${JSON.stringify(hash.width)}`,
        where(options),
        'pass the column width, e.g. {{chart chart width=width}}',
      );
    const data = options.data as { fit: FitScale; lang: string; root: Root };
    const root = data.root;
    const colors = root.theme?.colors ?? {};
    const type = root.theme?.type ?? {};
    const c = chart as Chart | BoxChart;
    const ctx: DrawContext = {
      width: hash.width,
      lang: data.lang,
      rtl: Boolean(root.rtl),
      type: data.fit.type,
      colors: {
        ink: colors.ink ?? '#000000',
        muted: colors.muted ?? '#555555',
        accent: colors.accent ?? '#1f4e79',
        accentSoft: colors.accentSoft ?? '#6d8fb3',
        rule: colors.rule ?? '#cccccc',
      },
      sizes: { label: type.small ?? 7, title: type.side ?? 8.2 },
      alt: altText(c, root.labels ?? {}, data.lang, typeof hash.title === 'string' ? hash.title : undefined),
      foot: footOf(c, root),
      small: hash.small === true,
    };
    return new hb.SafeString(JSON.stringify(drawChart(c, ctx)));
  });
  hb.registerHelper('minus', (...args: unknown[]) => {
    const nums = args.slice(0, -1);
    if (!nums.every((n) => typeof n === 'number' && Number.isFinite(n)))
      throw new TemplateError(`minus needs numbers, got ${JSON.stringify(nums)}`, where(args[args.length - 1] as HelperOptions));
    return (nums as number[]).reduce((a, b) => a - b);
  });
}
