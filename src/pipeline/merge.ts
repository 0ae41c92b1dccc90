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
import { blufJudgement, blufText } from '../content/confidence.js';
import { sourceDestination } from '../content/citation-runs.js';
import { citer, judgementView } from './judgement-view.js';

/** The data a template sees: the content with every optional field present, plus the theme. */
export function viewModel(briefing: Briefing, template: Template, page: PageSpec, omit: Omissions = {}, arrangement?: Arrangement) {
  const rtl = isRightToLeft(briefing.language ?? 'en');
  const keep = <T>(items: T[], skip?: ReadonlySet<number>) => (skip && skip.size > 0 ? items.filter((_, i) => !skip.has(i)) : items);
  const labels = messages(briefing.language ?? 'en', template.dir, briefing.labels);
  // Citations become superscript markers in the Markdown; a `source:` field's are added at the end of its text.
  const cite = citer(briefing, labels);
  const md = cite.markdown;
  const shown = {
    sections: briefing.sections.map((s) => ({ heading: s.heading, body: md(s.body), judgement: judgementView(s, labels) })),
    keyFacts: briefing.keyFacts.map((b) => ({
      title: b.title,
      chart: b.chart ?? null,
      rows: b.rows.map((r) => ({ label: r.label, value: md(r.value) + cite.marker(r.source), cites: cite.list(r.source) })),
    })),
    timeline: briefing.timeline.map((t) => ({ date: t.date, event: md(t.event) + cite.marker(t.source), cites: cite.list(t.source) })),
    quotes: briefing.quotes.map((q) => ({ text: q.text, attribution: q.attribution, cites: cite.list(q.source) })),
  };
  return {
    headline: briefing.headline,
    standfirst: md(briefing.standfirst),
    bluf: md(blufText(briefing.bluf)),
    /** The bottom line's confidence and likelihood in the briefing's words (judgement-view.ts), or null. */
    blufJudgement: judgementView(blufJudgement(briefing.bluf), labels),
    date: briefing.date,
    reference: briefing.reference,
    marking: briefing.marking,
    organisation: briefing.organisation,
    product: briefing.product ?? null,
    author: briefing.author ?? null,
    language: briefing.language ?? 'en',
    /** The template's fixed words in the briefing's language, with the content's own labels over them. */
    labels,
    /** 'rtl' for a right-to-left language: the template mirrors the page. */
    direction: rtl ? 'rtl' : 'ltr',
    rtl,
    tags: briefing.tags ?? [],
    sections: keep(shown.sections, omit.sections),
    keyFacts: keep(shown.keyFacts, omit.keyFacts),
    timeline: keep(shown.timeline, omit.timeline),
    quotes: keep(shown.quotes, omit.quotes),
    charts: keep(briefing.charts, omit.charts),
    sources: briefing.sources.map((s, i) => ({
      id: s.id ?? null,
      n: i + 1,
      /** The named destination citations link to (set on the entry's number). */
      destination: sourceDestination(i + 1),
      publisher: s.publisher,
      title: s.title,
      url: s.url ?? null,
      date: s.date ?? null,
    })),
    /** Which column holds each block (placement.ts): the template sets arrangement.main and arrangement.side. */
    arrangement: arrangementView(briefing, arrangement ?? designedArrangement(briefing, omit), omit, template.theme.sideWidth, shown),
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
  withCitationStyle(parsed);
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

/**
 * Citations in Markdown come out of {{rich}} and {{blocks}} with the style
 * `citation` (content/citation-runs.ts): a template that defines none (one
 * written before citations) gets an empty one, so its citations are raised
 * numbers in the text's own colour, not an error.
 */
function withCitationStyle(doc: unknown): void {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return;
  const d = doc as { styles?: unknown };
  if (d.styles === undefined) d.styles = { citation: {} };
  else if (typeof d.styles === 'object' && d.styles !== null && !Array.isArray(d.styles) && !('citation' in d.styles))
    (d.styles as Record<string, unknown>).citation = {};
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
