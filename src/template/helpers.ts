/**
 * The helpers every template can use. Each refuses undefined arguments:
 * content fields that are absent are null or empty lists in the data a
 * template sees, so undefined always means a misspelt name.
 */
import type Handlebars from 'handlebars';
import type { HelperOptions } from 'handlebars';
import { TemplateError, type SourcePosition } from '../errors.js';
import { markdownBlocks, markdownInlines } from '../content/richtext.js';
import { escapeXml } from './svg.js';
import type { FitScale } from '../types.js';
import { fillLabel, upper } from './locales.js';
import { registerChartHelpers } from '../charts/helper.js';

type ScaledKind = 's' | 'p' | 'l';

/** What `size`, `space` and `leading` write for `v` at `fit`. */
export function scaled(kind: ScaledKind, v: number, fit: FitScale): number {
  // Line height tightens with spacing, but only a little (12% at most): lines must stay readable.
  const factor = kind === 's' ? fit.type : kind === 'p' ? fit.space : 0.88 + 0.12 * fit.space;
  return Math.round(v * factor * 100) / 100;
}

export function registerHelpers(hb: typeof Handlebars): void {
  const where = (options: HelperOptions): SourcePosition => {
    const hash = (options.hash ?? {}) as { at?: string; __at?: string };
    const at = hash.at ?? hash.__at ?? '';
    const m = /^(.*):(\d+):(\d+)$/.exec(at);
    return m ? { file: m[1]!, line: Number(m[2]), column: Number(m[3]) } : {};
  };

  hb.registerHelper('__emit', function (value: unknown, options: HelperOptions) {
    const src = (options.hash as { src: string }).src;
    if (value === undefined)
      throw new TemplateError(
        `"${src}" is not defined`,
        where(options),
        'check the field name against the content format (README), or guard it with {{#if …}}',
      );
    if (value instanceof hb.SafeString) return value;
    if (value === null) return '';
    if (typeof value === 'object') {
      throw new TemplateError(
        `"${src}" is a ${Array.isArray(value) ? 'list' : 'mapping'}, not text`,
        where(options),
        `use {{json ${src}}} to write it as a JSON value, or {{#each ${src}}} to loop over it`,
      );
    }
    // JSON string escaping without the surrounding quotes: the template supplies those.
    return new hb.SafeString(JSON.stringify(String(value)).slice(1, -1));
  });

  // Block helpers that fail loudly on a misspelt field instead of rendering nothing.
  for (const name of ['each', 'if', 'unless', 'with'] as const) {
    const builtin = hb.helpers[name]!;
    hb.registerHelper(name, function (this: unknown, ...args: unknown[]) {
      const options = args[args.length - 1] as HelperOptions;
      if ('__at' in (options.hash as object) && args[0] === undefined) {
        throw new TemplateError(
          `#${name}: its argument is not defined`,
          where(options),
          'check the field name against the content format (README)',
        );
      }
      const hash = { ...(options.hash as object) } as Record<string, unknown>;
      delete hash.__at;
      delete hash.at;
      return (builtin as (...a: unknown[]) => unknown).apply(this, [...args.slice(0, -1), { ...options, hash }]);
    });
  }

  /** Registers a helper that refuses undefined arguments: in a template, undefined means a misspelt field. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- helpers declare their own parameter types; any lets each be registered as it is
  const define = (name: string, fn: (...args: any[]) => unknown) => {
    hb.registerHelper(name, function (this: unknown, ...args: unknown[]) {
      const options = args[args.length - 1] as HelperOptions;
      const i = args.slice(0, -1).findIndex((a) => a === undefined);
      if (i >= 0)
        throw new TemplateError(
          `${name}: argument ${i + 1} is not defined`,
          where(options),
          'check the field name against the content format (README) and theme.yaml',
        );
      return fn.apply(this, args);
    });
  };
  const safeJson = (v: unknown) => new hb.SafeString(JSON.stringify(v));
  const num = (v: unknown, name: string, options: HelperOptions): number => {
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new TemplateError(`${name} needs a number, got ${JSON.stringify(v)}`, where(options));
    return v;
  };
  const fitOf = (options: HelperOptions): FitScale => (options.data as { fit: FitScale }).fit;
  /** `size`, `space` and `leading`: the number at this merge's scale. */
  const scale = (kind: ScaledKind, v: number, options: HelperOptions) => scaled(kind, v, fitOf(options));

  define('json', (v: unknown) => safeJson(v));
  // For values written into SVG markup: escaped for XML, then for the JSON string the SVG is in.
  define('xml', (v: unknown, options: HelperOptions) => {
    if (typeof v === 'object' && v !== null)
      throw new TemplateError(`xml: needs text, not a ${Array.isArray(v) ? 'list' : 'mapping'}`, where(options));
    return new hb.SafeString(JSON.stringify(escapeXml(String(v ?? ''))).slice(1, -1));
  });
  // Fitting merges the template again for each scale and set of items left out; the Markdown stays the same.
  // Keyed by language too: straight quotes become the language's own (src/text/typography.ts).
  const byLanguage = (read: (source: string, issues: undefined, language: string) => unknown) =>
    memo((key: string) => {
      const at = key.indexOf('\n');
      return JSON.stringify(read(key.slice(at + 1), undefined, key.slice(0, at)));
    });
  const richJson = byLanguage(markdownInlines);
  const blocksJson = byLanguage(markdownBlocks);
  const lang = (options: HelperOptions) => (options.data as { lang: string }).lang;
  define('rich', (v: unknown, o: HelperOptions) => new hb.SafeString(typeof v === 'string' ? richJson(`${lang(o)}\n${v}`) : '[]'));
  define('blocks', (v: unknown, o: HelperOptions) => new hb.SafeString(typeof v === 'string' ? blocksJson(`${lang(o)}\n${v}`) : '[]'));
  define('size', (v: unknown, options: HelperOptions) => scale('s', num(v, 'size', options), options));
  define('space', (v: unknown, options: HelperOptions) => scale('p', num(v, 'space', options), options));
  define('leading', (v: unknown, options: HelperOptions) => scale('l', num(v, 'leading', options), options));
  define('upper', (v: unknown, options: HelperOptions) => upper(String(v ?? ''), (options.data as { lang: string }).lang));
  // {{t "as_of" date=(formatDate date)}}: a fixed word in the briefing's language (locales/), placeholders filled from the hash.
  define('t', (key: unknown, options: HelperOptions) => {
    const labels = (options.data as { root?: { labels?: Record<string, string> } }).root?.labels ?? {};
    const text = labels[String(key)];
    if (text === undefined)
      throw new TemplateError(
        `label "${String(key)}" is in no locale file of the template`,
        where(options),
        `add \`${String(key)}: …\` to the template's locales/en.yaml (and the other languages)`,
      );
    const hash = { ...(options.hash as Record<string, unknown>) };
    delete hash.__at;
    delete hash.at;
    return fillLabel(text, hash);
  });
  define('formatDate', (v: unknown, options: HelperOptions) => formatDate(String(v), (options.data as { lang: string }).lang));
  // {{isolate reference}}: the value between the bidi algorithm's isolates (FSI … PDI), so that in a line of
  // either direction it is ordered as one unit, never across its neighbours (text/bidi.ts takes them out again).
  define('isolate', (v: unknown) => `\u2068${String(v ?? '')}\u2069`);
  define('eq', (a: unknown, b: unknown) => a === b);
  define('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
  define('and', (...args: unknown[]) => args.slice(0, -1).every(Boolean));
  define('not', (a: unknown) => !a);
  define('plus', (a: unknown, b: unknown, options: HelperOptions) => num(a, 'plus', options) + num(b, 'plus', options));
  registerChartHelpers(hb);
}

/** A bounded memo for pure string functions. */
function memo(fn: (s: string) => string, limit = 5000): (s: string) => string {
  const cache = new Map<string, string>();
  return (s) => {
    let v = cache.get(s);
    if (v === undefined) {
      v = fn(s);
      if (cache.size >= limit) cache.clear();
      cache.set(s, v);
    }
    return v;
  };
}

/** `2025-12-01` → `1 December 2025` in the briefing's language; UTC so the day never shifts. */
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function formatDate(iso: string, lang = 'en'): string {
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  // English needs no Intl: loading its locale data is a noticeable part of a cold start.
  if (lang === 'en' || lang === 'en-GB') return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  try {
    return dateFormat(lang).format(d);
  } catch {
    return iso;
  }
}

// Building an Intl formatter costs more than formatting a thousand dates: keep one per language.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(lang: string): Intl.DateTimeFormat {
  let f = dateFormats.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
      calendar: 'gregory',
    });
    dateFormats.set(lang, f);
  }
  return f;
}
