/**
 * The pipeline, in order: load → validate → merge → fit → render. The
 * library (index.ts) and the CLI both build through here. Writes nothing.
 */
import { ContentError, formatPath, TemplateError, UsageError } from '../errors.js';
import { PICTURE_HINT, PICTURE_WITHOUT_ALT, picturesWithoutAlt } from '../pdf/tagging/pictures.js';
import { DEFAULT_TEMPLATE } from '../template/find.js';
import { PAPER, paperName } from '../pdf/paper.js';
import { loadContent } from './load.js';
import { checkOptions } from './options.js';
import { loadConfig, resolveSettings, withConfigDefaults } from '../config/resolve.js';
import { markingProblem } from '../content/markings.js';
import { checkRequiredSources, contentWarnings, validateContent } from './validate.js';
import { withTypographicQuotes } from '../content/quotes.js';
import { arrangementKey, omissionsKey, type Arrangement } from './placement.js';
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

/**
 * Everything a build does but render: load, validate, merge into the
 * template, check glyphs and fit to the page, giving the fitted document
 * definition. It fails where buildBriefing would (bad content, a broken
 * template, a page that cannot fit, characters no font has when strict), and
 * writes nothing (`briefing validate`, `--emit docdef`).
 */
export async function fitBriefing(input: ContentInput, options: BuildOptions = {}): Promise<FittedBriefing> {
  return build(input, options, 'fit');
}

/** The same function as fitBriefing, under the name `briefing validate` reads best with: checking is fitting. */
export const checkBriefing = fitBriefing;

async function build(input: ContentInput, options: BuildOptions, until: 'pdf'): Promise<BuildResult>;
async function build(input: ContentInput, options: BuildOptions, until: 'fit'): Promise<FittedBriefing>;
async function build(input: ContentInput, given: BuildOptions, until: 'fit' | 'pdf'): Promise<FittedBriefing | BuildResult> {
  const options = checkOptions(given);
  // Load (with the config file's defaults where the content says nothing), validate.
  const config = options.config ? await loadConfig(options.config, options.cwd) : undefined;
  const loaded = withConfigDefaults(await loadContent(input), config);
  // Straight quotes made typographic for the briefing's language (content/quotes.ts).
  const briefing = withTypographicQuotes(validateContent(loaded));
  const settings = resolveSettings({ template: options.template, paper: options.paper, cwd: options.cwd }, config);
  const marking = markingProblem(briefing.marking, settings.markings);
  if (marking)
    throw new ContentError(loaded.file, [{ path: 'marking', message: marking.message, ...loaded.locate(['marking']) }], marking.hint);
  if (config?.config.sources === 'required') checkRequiredSources(briefing, loaded, config.file);
  const warnings = contentWarnings(briefing, loaded);
  // Templating, layout and rendering load Handlebars and pdfmake: keep them off the path of commands that do not render.
  const [
    { loadTemplate },
    { loadFontSet },
    { applyScripts },
    { merger, mergeTemplate },
    { fitToPage, layoutOrExplain },
    { renderOptions },
    { houseTemplate },
    { labelCollisions },
    { messages },
  ] = await Promise.all([
    import('../template/compile.js'),
    import('../pdf/fonts.js'),
    import('../text/scripts.js'),
    import('./merge.js'),
    import('./fit.js'),
    import('../pdf/metadata.js'),
    import('../template/house.js'),
    import('../template/label-collisions.js'),
    import('../template/locales.js'),
  ]);
  // The template with the logo and markings the config adds.
  const template = houseTemplate(loadTemplate(settings.template ?? DEFAULT_TEMPLATE, options.cwd), settings);
  const fonts = loadFontSet(template.fonts);
  warnings.push(...(await glyphWarnings(loaded, briefing, template, fonts, options.strict)));
  // A section heading that is also one of the template's box titles (Japanese 経緯).
  warnings.push(...labelCollisions(briefing, messages(briefing.language ?? 'en', template.dir, briefing.labels), loaded));
  const page = pageSpec(settings.paper ?? template.theme.page.size, template.theme.page.margins);

  // Merge: the document definition for a scale and a set of omissions. The data the template sees is made once
  // for each set of omissions tried; the template runs at each scale (merge.ts).
  const mergers = new Map<string, (fit: FitScale) => DocDefinition>();
  // The template's pictures without alt text, read from the first document made (they do not change with the fit).
  let pictures: (string | number)[][] | undefined;
  const arrange = (scale: FitScale, omit: Omissions, arrangement: Arrangement): DocDefinition => {
    const key = `${omissionsKey(omit)}#${arrangementKey(arrangement)}`;
    let merge = mergers.get(key);
    if (!merge) mergers.set(key, (merge = merger(briefing, template, { page, omit, arrangement })));
    const doc = merge(scale);
    pictures ??= picturesWithoutAlt(doc as unknown as Record<string, unknown>);
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
  warnings.push(...pictureWarnings(pictures ?? [], template, options.strict));
  if (until === 'fit') return result;

  // Render: the header and footer, which fitting skips, then the bytes.
  layoutOrExplain(template, () => fitted.layout.furnish());
  const pdf = await fitted.layout.render();
  return Object.defineProperties({ pdf }, Object.getOwnPropertyDescriptors(result)) as BuildResult;
}

/** Pictures of the template without alternative text (pdf/tagging/pictures.ts): warnings, or an error under strict. */
function pictureWarnings(pictures: (string | number)[][], template: Template, strict: boolean | undefined): Warning[] {
  const file = `${template.dir}/document.hbs`;
  const warnings = pictures.map((path) => ({
    file,
    path: formatPath(path),
    message: PICTURE_WITHOUT_ALT,
  }));
  if (warnings.length > 0 && strict)
    throw new TemplateError(
      `${PICTURE_WITHOUT_ALT} (at ${warnings.map((w) => w.path).join(', ')})`,
      { file },
      // No reason: the CLI words a "strict" reason for characters no font has.
      `${PICTURE_HINT}; or build without --strict`,
    );
  return warnings;
}

/** The page: a paper size by name (any case), with the theme's margins (left, top, right, bottom). */
function pageSpec(name: string, [left, top, right, bottom]: [number, number, number, number]): PageSpec {
  const paper = paperName(name);
  if (!paper) throw new UsageError(`unknown paper size "${name}"`, { hint: 'A4 or Letter' });
  return { ...PAPER[paper], margins: { left, top, right, bottom } };
}
