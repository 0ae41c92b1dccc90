/**
 * Step 3: merge the validated content into a template, giving the pdfmake
 * document definition. The template's JSON output is parsed and checked here,
 * so a template author who breaks the structure gets the template file and
 * line, not a pdfmake stack trace.
 */
import { parseDocument } from 'yaml';
import { formatPath, TemplateError, type SourcePosition } from '../errors.js';
import { checkDocDefinition } from '../pdf/docdef.js';
import { isRightToLeft, messages } from '../template/locales.js';
import type { Briefing, DocDefinition, FitScale, Omissions, PageSpec, Template, TracedOutput } from '../types.js';
import { arrangementView, designedArrangement, type Arrangement } from './placement.js';

/** The data a template sees: the content with every optional field present, plus the theme. */
export function viewModel(briefing: Briefing, template: Template, page: PageSpec, omit: Omissions = {}, arrangement?: Arrangement) {
  const rtl = isRightToLeft(briefing.language ?? 'en');
  const keep = <T>(items: T[], skip?: ReadonlySet<number>) => (skip && skip.size > 0 ? items.filter((_, i) => !skip.has(i)) : items);
  return {
    headline: briefing.headline,
    standfirst: briefing.standfirst,
    bluf: briefing.bluf,
    date: briefing.date,
    reference: briefing.reference,
    marking: briefing.marking,
    organisation: briefing.organisation,
    product: briefing.product ?? null,
    author: briefing.author ?? null,
    language: briefing.language ?? 'en',
    /** The template's fixed words in the briefing's language, with the content's own labels over them. */
    labels: messages(briefing.language ?? 'en', template.dir, briefing.labels),
    /** 'rtl' for a right-to-left language: the template mirrors the page. */
    direction: rtl ? 'rtl' : 'ltr',
    rtl,
    tags: briefing.tags ?? [],
    sections: keep(briefing.sections, omit.sections).map((s) => ({ heading: s.heading, body: s.body })),
    keyFacts: keep(briefing.keyFacts, omit.keyFacts).map((b) => ({ title: b.title, rows: b.rows, chart: b.chart ?? null })),
    timeline: keep(briefing.timeline, omit.timeline).map((t) => ({ date: t.date, event: t.event })),
    quotes: keep(briefing.quotes, omit.quotes).map((q) => ({ text: q.text, attribution: q.attribution })),
    charts: keep(briefing.charts, omit.charts),
    sources: briefing.sources.map((s) => ({ publisher: s.publisher, title: s.title, url: s.url ?? null, date: s.date ?? null })),
    /** Which column holds each block (placement.ts): the template sets arrangement.main and arrangement.side. */
    arrangement: arrangementView(briefing, arrangement ?? designedArrangement(briefing, omit), omit, template.theme.sideWidth),
    theme: template.theme,
    logo: template.logo ?? null,
    page: { width: page.width, height: page.height, contentWidth: round(page.width - page.margins.left - page.margins.right) },
  };
}

export interface MergeOptions {
  page: PageSpec;
  fit?: FitScale;
  omit?: Omissions;
  arrangement?: Arrangement;
}

/** The document definition at one scale (`fit`, full size unless given). */
export function mergeTemplate(
  briefing: Briefing,
  template: Template,
  { fit = { type: 1, space: 1 }, ...options }: MergeOptions,
): DocDefinition {
  return merger(briefing, template, options)(fit);
}

/**
 * mergeTemplate at any scale, for fitting, which tries several: the data the
 * template sees is made once. (Running the template once for every scale
 * and writing each scale's numbers into its output was tried: it cost more
 * than it saved, bench/README.md.)
 */
export function merger(
  briefing: Briefing,
  template: Template,
  { page, omit, arrangement }: Omit<MergeOptions, 'fit'>,
): (fit: FitScale) => DocDefinition {
  const view = viewModel(briefing, template, page, omit, arrangement);
  return (fit) => fromJson(template.render(view, fit), view, fit, template);
}

/** The template's output parsed and checked; a mistake is reported at the template line that wrote it. */
function fromJson(json: string, view: object, fit: FitScale, template: Template): DocDefinition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (err) {
    throw locateJsonError(template.renderTraced(view, fit), err as Error, template);
  }
  const problem = checkDocDefinition(parsed, Object.keys(template.fonts));
  if (problem) {
    const traced = template.renderTraced(view, fit);
    const where = originOfPath(traced, problem.path) ?? { file: `${template.dir}/document.hbs` };
    throw new TemplateError(
      `the document definition is not valid: ${problem.message}${problem.path.length ? ` (at ${formatPath(problem.path)})` : ''}`,
      where,
      'see "Writing a template" in the README',
      'docdef',
    );
  }
  return parsed as DocDefinition;
}

function locateJsonError(traced: TracedOutput, err: Error, template: Template): TemplateError {
  // V8 reports "... in JSON at position N" (sometimes with line and column too).
  const m = /position (\d+)/.exec(err.message);
  let offset = m ? Number(m[1]) : traced.text.length - 1;
  // "Expected ','" is noticed at the next item; the comma belongs after the previous one.
  if (/Expected ','/.test(err.message)) while (offset > 0 && /\s/.test(traced.text[offset - 1]!)) offset--;
  if (/Expected ','/.test(err.message) && offset > 0) offset--;
  const where: SourcePosition = traced.originAt(offset) ?? { file: `${template.dir}/document.hbs` };
  const near = traced.text.slice(Math.max(0, offset - 30), offset + 10).replace(/\s+/g, ' ');
  const what = err.message
    .replace(/^JSON\.parse: /, '')
    .replace(/ in JSON at position.*$/s, '')
    .replace(/, ".*$/s, '');
  return new TemplateError(
    `the template does not produce valid JSON: ${what}, near \`${near}\``,
    where,
    'look for a missing or extra comma, bracket or quote on that line (a trailing comma after the last item of a list is a common one)',
  );
}

function originOfPath(traced: TracedOutput, path: ReadonlyArray<string | number>): SourcePosition | undefined {
  const doc = parseDocument(traced.text);
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return traced.originAt(node.range[0]);
  }
  return undefined;
}

const round = (n: number) => Math.round(n * 100) / 100;
