/**
 * Step 4: fit the briefing to exactly one page.
 *
 * The decisions (move blocks between the columns, tighten spacing, scale
 * the type down to the theme's floor, and only then leave out what the
 * content marks optional, lowest priority first) are ladder.ts's, which
 * knows nothing of pdfmake. This module gives it its measurer: a trial is
 * added up from its blocks' heights (blocks.ts), or laid out whole on the
 * real page when it cannot be told that way, when it is likely the page
 * rendered, or once a prediction proved wrong. The page chosen is laid out
 * whole once, to render; should it not fit as its blocks predicted, the
 * ladder runs again with every trial laid out whole.
 *
 * Fitting does not merge the template itself: it is given `documentAt`,
 * which makes the document definition for a scale, a set of omissions and
 * an arrangement (build.ts passes the merge step's).
 */
import { engineFailure } from '../pdf/engine-errors.js';
import { BriefingError, OverflowError, TemplateError } from '../errors.js';
import { layOut, measure, type Measurement, type PageLayout } from '../pdf/engine.js';
import { BlockMeasurer } from './blocks.js';
import type {
  Briefing,
  DocDefinition,
  FitHint,
  FitReport,
  FitScale,
  FontSet,
  Omissions,
  OmittedItem,
  PageSpec,
  RenderOptions,
  Template,
} from '../types.js';
import { describeOverflows, OVERFLOW_HINT } from '../text/overflow.js';
import { FIT } from './fit-constants.js';
import { blufText } from '../content/confidence.js';
import { climb, type LadderResult, type PageMeasurer, type Trial } from './ladder.js';
import { markColumns, readColumns, readPrediction, type Arrangement, type ColumnReading } from './placement.js';

/** The document definition at a scale, with some optional items left out and the blocks in the columns given. */
export type DocumentAt = (scale: FitScale, omit: Omissions, arrangement: Arrangement) => DocDefinition;

export interface FitOutcome {
  /** The chosen trial, laid out on the page; its header and footer still to be laid out (furnish) before rendering. */
  layout: PageLayout;
  scale: FitScale;
  omit: Omissions;
  /** Which column holds each block (placement.ts). */
  arrangement: Arrangement;
  report: FitReport;
}

/** A trial of the ladder, with the page laid out whole when it was (undefined while it is only predicted). */
interface PageTrial extends Trial {
  layout: PageLayout | undefined;
}

export function fitToPage(
  documentAt: DocumentAt,
  briefing: Briefing,
  template: Template,
  fonts: FontSet,
  page: PageSpec,
  options: { allowOverflow?: boolean; render: RenderOptions; hint?: FitHint },
): FitOutcome {
  // Full-page layouts (the one rendered included), and the measurer of single blocks that spares most of them.
  let layouts = 0;
  const blocks = new BlockMeasurer(fonts, page, options.render.lang);
  const placing = (template.theme.placement?.movable ?? []).length > 0;
  const available = page.height - page.margins.top - page.margins.bottom;

  /** The trial added up from its blocks' heights (blocks.ts); undefined if the page cannot be told that way. */
  const predictedTrial = (scale: FitScale, omit: Omissions, arrangement: Arrangement): PageTrial | undefined => {
    const p = layoutOrExplain(template, () => {
      const doc = documentAt(scale, omit, arrangement);
      if (placing) markColumns(doc, arrangement, template, false);
      return blocks.predict(doc);
    });
    if (!p) return undefined;
    const fits = p.height <= available + FIT.slack;
    let reading: ColumnReading | undefined | null = null;
    return {
      layout: undefined,
      height: p.height,
      available,
      fits,
      pages: fits ? 1 : 2,
      lastPage: fits ? p.height : p.height - available,
      scale,
      omit,
      arrangement,
      columns: () => (reading === null ? (reading = readPrediction(p, arrangement, page)) : reading),
    };
  };

  /** One layout of the whole page; with markers between the blocks of each column when `marked`, to read where each lands (placement.ts). */
  const laidOutTrial = (scale: FitScale, omit: Omissions, arrangement: Arrangement, marked: boolean): PageTrial => {
    layouts++;
    const layout = layoutOrExplain(template, () => {
      const doc = documentAt(scale, omit, arrangement);
      if (marked) markColumns(doc, arrangement, template);
      return layOut(doc, fonts, page, options.render);
    });
    let reading: ColumnReading | undefined | null = null;
    return {
      layout,
      height: layout.height,
      available: layout.available,
      fits: layout.pages === 1,
      pages: layout.pages,
      lastPage: layout.lastPage,
      scale,
      omit,
      arrangement,
      columns: () => (reading === null ? (reading = marked ? readColumns(layout, page) : undefined) : reading),
    };
  };

  const measurer: PageMeasurer<PageTrial> = {
    trial: (scale, omit, arrangement, whole) =>
      (!whole && predictedTrial(scale, omit, arrangement)) || laidOutTrial(scale, omit, arrangement, placing),
  };
  const ladder = (exact: boolean) =>
    climb(measurer, {
      briefing,
      theme: template.theme,
      allowOverflow: options.allowOverflow ?? false,
      hint: options.hint,
      exact,
    });

  let result: LadderResult<PageTrial> = ladder(false);
  let passes = result.passes;
  // The page is laid out whole once, to render. It must fit as its blocks predicted; should it not (a template
  // whose blocks do not simply add up), every trial is laid out whole and the ladder runs again.
  let exact = false;
  const whole = result.kind === 'fitted' ? laidOut(result.chosen) : undefined;
  if (result.kind === 'fitted' && whole) result = { ...result, chosen: whole };
  else if (result.kind !== 'refused') {
    exact = true;
    result = ladder(true);
    passes += result.passes;
  }
  if (result.kind === 'refused') {
    // Say exactly by how much: added up from the blocks, or one more layout on a page of unlimited height.
    const { scale, omit, arrangement, candidates } = result;
    const over = layoutOrExplain(template, () => {
      const doc = documentAt(scale, omit, arrangement);
      const p = exact ? undefined : blocks.predict(doc);
      return p ? { height: p.height, available } : measure(doc, fonts, page, options.render.lang);
    });
    throw overflowError(briefing, over, candidates);
  }
  // Measured whole, the ladder always settles or refuses: only a prediction can be overruled by the page.
  if (result.kind !== 'fitted') throw new Error('fitToPage: the ladder, laid out whole, settled on no page');
  const { chosen, omitted } = result;

  /** The trial laid out whole, if it fits as predicted (or was laid out already). */
  function laidOut(t: PageTrial): PageTrial | undefined {
    if (t.layout) return t;
    const real = laidOutTrial(t.scale, t.omit, t.arrangement, false);
    return real.fits ? real : undefined;
  }

  // Fitting is about widths too: nothing is drawn past its column (src/text/overflow.ts).
  const layout = chosen.layout!;
  const wide = layout.overflows;
  if (wide.length > 0 && !options.allowOverflow) throw new OverflowError(`does not fit: ${describeOverflows(wide)}`, 0, OVERFLOW_HINT);
  // The room a reader sees: what is left at the foot, and the band above the sources when they were set at the foot.
  const spare = chosen.available - chosen.height + (chosen.arrangement.footGap ?? 0);
  return {
    layout,
    scale: chosen.scale,
    omit: chosen.omit,
    arrangement: chosen.arrangement,
    report: {
      scale: chosen.scale,
      omitted,
      arrangement: chosen.arrangement,
      passes,
      layouts,
      spareHeight: round(spare),
      summary: summarise(chosen.scale, omitted, spare, layout.pages) + (wide.length > 0 ? `; ${describeOverflows(wide)}` : ''),
    },
  };
}

const KIND_NAMES: Record<OmittedItem['kind'], string> = {
  section: 'section',
  keyFacts: 'key-facts box',
  timeline: 'timeline entry',
  quote: 'quote',
  chart: 'chart',
};

function summarise(scale: FitScale, omitted: OmittedItem[], spare: number, pages = 1): string {
  if (pages > 1)
    return scale.space < 1
      ? `${pages} pages at the designed type size, spacing -${Math.round((1 - scale.space) * 100)}% to pull the last page's few lines back, nothing left out (--allow-overflow)`
      : `${pages} pages at the designed size, nothing left out (--allow-overflow)`;
  const parts: string[] = [];
  if (scale.space < 1) parts.push(`spacing -${Math.round((1 - scale.space) * 100)}%`);
  if (scale.type < 1) parts.push(`type ${Math.round(scale.type * 100)}%`);
  for (const o of omitted) parts.push(`left out optional ${KIND_NAMES[o.kind]} '${o.label}'`);
  if (spare < 0) return `overflows by ${mm(-spare)} mm after ${parts.join(', ')} (overflow allowed)`;
  return parts.length === 0 ? 'fits as designed' : `fitted: ${parts.join(', ')}`;
}

function overflowError(b: Briefing, m: Measurement, optional: OmittedItem[]): OverflowError {
  const over = m.height - m.available;
  // Content that would fit in height and still takes two pages: the template itself breaks the page.
  if (over <= 0)
    return new OverflowError(
      'does not fit on one page: the template starts a new page (a "pageBreak" in document.hbs or a partial), although the content is short enough for one',
      0,
      'remove the pageBreak from the template (its document definition shows where it is)',
    );
  // At the floor a body line is about 8 pt type on 10.5 pt of leading.
  const lines = Math.ceil(over / 10.5);
  const longest = textFields(b)
    .sort((x, y) => (y.weight ?? y.length) - (x.weight ?? x.length))
    .slice(0, 3)
    .map((f) => `${f.path} (${f.length} characters)`)
    .join(', ');
  const cut =
    optional.length > 0
      ? `even at the smallest type and spacing and with ${optional.length} optional item(s) left out`
      : 'even at the smallest type and spacing the template allows';
  return new OverflowError(
    `does not fit on one page: ${cut}, it is ${mm(over)} mm (about ${lines} line${lines === 1 ? '' : 's'}) too long`,
    over,
    `shorten the longest fields: ${longest}; or mark sections, key-facts boxes, quotes or timeline entries "optional: true"`,
  );
}

function textFields(b: Briefing): { path: string; length: number; weight?: number }[] {
  const out: { path: string; length: number; weight?: number }[] = [
    // Set about twice the body size, a headline character takes about four times the room.
    { path: 'headline', length: b.headline.length, weight: b.headline.length * 4 },
    { path: 'standfirst', length: b.standfirst.length },
    { path: 'bluf', length: blufText(b.bluf).length },
  ];
  b.sections.forEach((s, i) => out.push({ path: `sections[${i}].body`, length: s.body.length }));
  b.keyFacts.forEach((k, i) =>
    out.push({ path: `keyFacts[${i}]`, length: k.rows.reduce((n, r) => n + r.label.length + r.value.length, 0) }),
  );
  b.quotes.forEach((q, i) => out.push({ path: `quotes[${i}].text`, length: q.text.length }));
  if (b.timeline.length > 0) out.push({ path: 'timeline', length: b.timeline.reduce((n, t) => n + t.date.length + t.event.length, 0) });
  return out;
}

const mm = (pt: number) => (Math.round((pt / 72) * 25.4 * 10) / 10).toFixed(1);
const round = (n: number) => Math.round(n * 10) / 10;

/** pdfmake's own errors come from what the template produced: say so, and where to look. */
export function layoutOrExplain<T>(template: Template, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof BriefingError) throw err;
    throw new TemplateError(
      `pdfmake could not lay out the document the template produced: ${engineFailure(err)}`,
      { file: `${template.dir}/document.hbs` },
      'inspect the document definition the template produced',
      'layout',
    );
  }
}
