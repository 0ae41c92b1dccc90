/**
 * The pipeline, in order: load → validate → merge → fit → render. The
 * library (index.ts) and the CLI both build through here. Writes nothing.
 */
import { ContentError, formatPath, UsageError } from '../errors.js';
import { DEFAULT_TEMPLATE } from '../template/find.js';
import { PAPER, paperName } from '../pdf/paper.js';
import { loadContent } from './load.js';
import { contentWarnings, validateContent } from './validate.js';
import { withTypographicQuotes } from '../content/quotes.js';
import { arrangementKey, type Arrangement } from './placement.js';
import type {
  Briefing,
  BuildOptions,
  BuildResult,
  ContentInput,
  DocDefinition,
  FitScale,
  FittedBriefing,
  FontSet,
  LoadedContent,
  Omissions,
  PageSpec,
  Template,
  Warning,
} from '../types.js';

export interface CheckOptions {
  /** The template whose fonts the characters are checked against; default: `briefing`. */
  template?: string;
  cwd?: string;
  /** Characters that no font can show are errors, not warnings. */
  strict?: boolean;
}

/**
 * Load and validate, and check every character against the template's fonts
 * as a build does; no layout (for `briefing validate`). Only the fonts a
 * character needs are parsed.
 */
export async function checkBriefing(
  input: ContentInput,
  options: CheckOptions = {},
): Promise<{ file: string | undefined; briefing: Briefing; warnings: Warning[] }> {
  const loaded = await loadContent(input);
  const briefing = validateContent(loaded);
  const warnings = contentWarnings(briefing, loaded);
  const [{ loadTemplate }, { loadFontSet }] = await Promise.all([import('../template/compile.js'), import('../pdf/fonts.js')]);
  const template = loadTemplate(options.template ?? DEFAULT_TEMPLATE, options.cwd);
  warnings.push(...(await glyphWarnings(loaded, briefing, template, loadFontSet(template.fonts), options.strict)));
  return { file: loaded.file, briefing, warnings };
}

/** Characters no font of the template has would print as empty boxes: say so, once per character and field (an error when strict). */
async function glyphWarnings(
  loaded: LoadedContent,
  briefing: Briefing,
  template: Template,
  fonts: FontSet,
  strict: boolean | undefined,
): Promise<Warning[]> {
  const { glyphProblems } = await import('../pdf/fallback.js');
  const glyphs = glyphProblems(loaded.data, fonts, template, briefing.language ?? 'en').map((p) => ({
    file: loaded.file,
    path: formatPath(p.path),
    message: p.message,
    ...loaded.locate(p.path),
  }));
  if (glyphs.length > 0 && strict)
    throw new ContentError(
      loaded.file,
      glyphs,
      'build without strict checking to get the PDF anyway, with empty boxes where those characters are',
      'strict',
    );
  return glyphs;
}

/** The whole pipeline, to the PDF bytes. */
export async function buildBriefing(input: ContentInput, options: BuildOptions = {}): Promise<BuildResult> {
  return build(input, options, 'pdf');
}

/** The pipeline up to fitting: the fitted document definition, without rendering a PDF (for `--emit docdef`). */
export async function fitBriefing(input: ContentInput, options: BuildOptions = {}): Promise<FittedBriefing> {
  return build(input, options, 'fit');
}

async function build(input: ContentInput, options: BuildOptions, until: 'pdf'): Promise<BuildResult>;
async function build(input: ContentInput, options: BuildOptions, until: 'fit'): Promise<FittedBriefing>;
async function build(input: ContentInput, options: BuildOptions, until: 'fit' | 'pdf'): Promise<FittedBriefing | BuildResult> {
  // Load, validate; straight quotes made typographic for the briefing's language (content/quotes.ts).
  const loaded = await loadContent(input);
  const briefing = withTypographicQuotes(validateContent(loaded));
  const warnings = contentWarnings(briefing, loaded);
  // Templating, layout and rendering load Handlebars and pdfmake: keep them off the path of commands that do not render.
  const [
    { loadTemplate },
    { loadFontSet },
    { applyScripts },
    { merger, mergeTemplate },
    { fitToPage, layoutOrExplain },
    { renderOptions },
  ] = await Promise.all([
    import('../template/compile.js'),
    import('../pdf/fonts.js'),
    import('../text/scripts.js'),
    import('./merge.js'),
    import('./fit.js'),
    import('../pdf/metadata.js'),
  ]);
  const template = loadTemplate(options.template ?? DEFAULT_TEMPLATE, options.cwd);
  const fonts = loadFontSet(template.fonts);
  warnings.push(...(await glyphWarnings(loaded, briefing, template, fonts, options.strict)));
  const page = pageSpec(options.paper ?? template.theme.page.size, template.theme.page.margins);

  // Merge: the document definition for a scale and a set of omissions, the template merged once for
  // each set of omissions tried and made at each scale from that (merge.ts).
  const mergers = new Map<string, (fit: FitScale) => DocDefinition>();
  const arrange = (scale: FitScale, omit: Omissions, arrangement: Arrangement): DocDefinition => {
    const key = `${omissionsKey(omit)}#${arrangementKey(arrangement)}`;
    let merge = mergers.get(key);
    if (!merge) mergers.set(key, (merge = merger(briefing, template, { page, omit, arrangement })));
    const doc = merge(scale);
    applyScripts(doc, briefing, template, fonts);
    return doc;
  };

  // Fit.
  const render = renderOptions(briefing, { creationDate: options.creationDate, pdfa: options.pdfa });
  const fitted = fitToPage(arrange, briefing, template, fonts, page, {
    allowOverflow: options.allowOverflow ?? false,
    render,
    ...(options.fitHint && { hint: options.fitHint }),
  });
  const pages = fitted.layout.pages;
  if (pages > 1) warnings.push({ file: loaded.file, path: '', message: `the PDF has ${pages} pages: ${fitted.report.summary}` });
  let docDefinition: DocDefinition | undefined;
  const result: FittedBriefing = {
    file: loaded.file,
    briefing,
    pages,
    fit: fitted.report,
    warnings,
    // Made again on request (pdfmake has filled defaults into the one it laid out); pure and cheap.
    get docDefinition() {
      if (!docDefinition) {
        docDefinition = mergeTemplate(briefing, template, {
          page,
          fit: fitted.scale,
          omit: fitted.omit,
          arrangement: fitted.arrangement,
        });
        applyScripts(docDefinition, briefing, template, fonts);
      }
      return docDefinition;
    },
    info: render.info,
  };
  if (until === 'fit') return result;

  // Render: the header and footer, which fitting skips, then the bytes.
  layoutOrExplain(template, () => fitted.layout.furnish());
  const pdf = await fitted.layout.render();
  return Object.defineProperties({ pdf }, Object.getOwnPropertyDescriptors(result)) as BuildResult;
}

/** The page: a paper size by name (any case), with the theme's margins (left, top, right, bottom). */
function pageSpec(name: string, [left, top, right, bottom]: [number, number, number, number]): PageSpec {
  const paper = paperName(name);
  if (!paper) throw new UsageError(`unknown paper size "${name}"`, { hint: 'A4 or Letter' });
  return { ...PAPER[paper], margins: { left, top, right, bottom } };
}

function omissionsKey(omit: Omissions): string {
  return [omit.sections, omit.keyFacts, omit.timeline, omit.quotes]
    .map((set) => (set ? [...set].sort((a, b) => a - b).join(',') : ''))
    .join('|');
}
