/**
 * The pipeline, in order: load → validate → merge → fit → render. The
 * library (index.ts) and the CLI both build through here. Writes nothing.
 */
import { ContentError, formatPath, UsageError } from '../errors.js';
import { DEFAULT_TEMPLATE } from '../template/find.js';
import { PAPER, paperName } from '../pdf/paper.js';
import { loadContent } from './load.js';
import { loadConfig, resolveSettings, withConfigDefaults } from '../config/resolve.js';
import { markingProblem } from '../content/markings.js';
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

/**
 * Everything a build does but render: load, validate, merge into the
 * template, check glyphs and fit to the page. It fails where buildBriefing
 * would (bad content, a broken template, a page that cannot fit, characters
 * no font has when strict), and writes nothing (for `briefing validate`).
 */
export async function checkBriefing(input: ContentInput, options: BuildOptions = {}): Promise<FittedBriefing> {
  return build(input, options, 'fit');
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
  // Load (with the config file's defaults where the content says nothing), validate.
  const config = options.config ? await loadConfig(options.config, options.cwd) : undefined;
  const loaded = withConfigDefaults(await loadContent(input), config);
  // Straight quotes made typographic for the briefing's language (content/quotes.ts).
  const briefing = withTypographicQuotes(validateContent(loaded));
  const settings = resolveSettings({ template: options.template, paper: options.paper, cwd: options.cwd }, config);
  const marking = markingProblem(briefing.marking, settings.markings);
  if (marking)
    throw new ContentError(loaded.file, [{ path: 'marking', message: marking.message, ...loaded.locate(['marking']) }], marking.hint);
  const warnings = contentWarnings(briefing, loaded);
  // Templating, layout and rendering load Handlebars and pdfmake: keep them off the path of commands that do not render.
  const [
    { loadTemplate },
    { loadFontSet },
    { applyScripts },
    { merger, mergeTemplate },
    { fitToPage, layoutOrExplain, omissionsKey },
    { renderOptions },
    { houseTemplate },
  ] = await Promise.all([
    import('../template/compile.js'),
    import('../pdf/fonts.js'),
    import('../text/scripts.js'),
    import('./merge.js'),
    import('./fit.js'),
    import('../pdf/metadata.js'),
    import('../template/house.js'),
  ]);
  // The template with the logo and markings the config adds.
  const template = houseTemplate(loadTemplate(settings.template ?? DEFAULT_TEMPLATE, options.cwd), settings);
  const fonts = loadFontSet(template.fonts);
  warnings.push(...(await glyphWarnings(loaded, briefing, template, fonts, options.strict)));
  const page = pageSpec(settings.paper ?? template.theme.page.size, template.theme.page.margins);

  // Merge: the document definition for a scale and a set of omissions. The data the template sees is made once
  // for each set of omissions tried; the template runs at each scale (merge.ts).
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
