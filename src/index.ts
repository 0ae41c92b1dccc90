/**
 * briefing as a library: content in, PDF bytes out. Nothing here touches
 * process, the console or argv, and nothing writes files except writeAtomic,
 * which callers invoke themselves. The CLI (cli/main.ts) is one caller of this.
 *
 *   const { pdf, fit, warnings } = await buildBriefing({ path: 'content/a.yaml' });
 */
import { loadContent, type ContentInput } from './pipeline/load.js';
import { contentWarnings, formatPath, validateContent, type Warning } from './pipeline/validate.js';
import { ContentError } from './errors.js';
import { DEFAULT_TEMPLATE } from './template/find.js';
import { loadConfig, resolveSettings, withConfigDefaults } from './config/resolve.js';
import { markingProblem } from './content/markings.js';
import type { Briefing } from './content/schema.js';
import type { DocDefinition } from './pdf/docdef.js';
import type { FitReport } from './pipeline/fit.js';
import type { Paper, PageSpec, PdfA, PdfInfo } from './pdf/engine.js';

export { BriefingError, ContentError, TemplateError, OverflowError, OutputError, UsageError, EXIT } from './errors.js';
export type { Problem, SourcePosition } from './errors.js';
export type { Briefing, BriefingInput } from './content/schema.js';
export { BriefingSchema, briefingJsonSchema } from './content/schema.js';
export type { ContentInput } from './pipeline/load.js';
export type { Warning } from './pipeline/validate.js';
export type { FitReport, OmittedItem } from './pipeline/fit.js';
export type { DocDefinition } from './pdf/docdef.js';
export type { Paper, PdfA } from './pdf/engine.js';
export { builtinTemplateNames, DEFAULT_TEMPLATE } from './template/find.js';
export { writeAtomic } from './pipeline/write.js';
export { findConfigFile, loadConfig, CONFIG_FILES } from './config/resolve.js';
export type { LoadedConfig } from './config/resolve.js';
export { ConfigSchema, configJsonSchema } from './config/schema.js';
export type { Config, SmtpConfig } from './config/schema.js';
export { TLP_MARKINGS } from './content/markings.js';
export type { MarkingDefinition } from './content/markings.js';

/** An e-mail draft (.eml) of a built briefing with its PDF attached; see eml.ts. */
export async function composeEml(briefing: Briefing, pdf: Buffer, filename: string): Promise<Buffer> {
  return (await import('./pipeline/eml.js')).composeEml(briefing, pdf, filename);
}
export { outputName } from './pipeline/names.js';
export { VERSION } from './version.js';

export interface BuildOptions {
  /** A built-in template name or a template folder (relative to `cwd`). Default: the config's, else `briefing`. */
  template?: string;
  /** Paper size, `A4` or `Letter` (any case); default: the config's, else the template's (A4 for the built-in one). */
  paper?: Paper | 'Letter' | 'letter' | 'a4';
  /** Write a multi-page PDF (with a warning) instead of failing when the content cannot fit. */
  allowOverflow?: boolean;
  /** Pins the PDF creation date; default: the content's `date`. */
  creationDate?: Date;
  /** Where relative template and config paths are resolved from. */
  cwd?: string;
  /** Treat characters that no font can show as errors, not warnings. */
  strict?: boolean;
  /** Write an archival PDF/A-2b or PDF/A-3b file. */
  pdfa?: PdfA;
  /**
   * A config file (briefing.config.yaml) whose defaults apply: organisation,
   * marking, template, logo…; the content's own fields win. None by default;
   * `findConfigFile(folder)` finds the one the CLI would use.
   */
  config?: string;
}

export interface BuildResult {
  file: string | undefined;
  briefing: Briefing;
  pdf: Buffer;
  pages: number;
  fit: FitReport;
  warnings: Warning[];
  /** The fitted pdfmake document definition, as the template produced it. */
  docDefinition: DocDefinition;
  info: PdfInfo;
}

export interface CheckResult {
  file: string | undefined;
  briefing: Briefing;
  warnings: Warning[];
  /** How the content would be fitted to the page. */
  fit: FitReport;
  pages: number;
}

/**
 * Everything a build does except rendering the PDF: load, validate, merge
 * into the template, check glyphs and fit to the page. It fails where
 * `buildBriefing` would (bad content, a broken template, a page that
 * cannot fit) and writes nothing (for `briefing validate`).
 */
export async function checkBriefing(input: ContentInput, options: BuildOptions = {}): Promise<CheckResult> {
  const { loaded, briefing, warnings, fitted } = await prepare(input, options);
  if (fitted.layout.pages > 1) warnings.push(overflowWarning(loaded.file, fitted));
  return { file: loaded.file, briefing, warnings, fit: fitted.report, pages: fitted.layout.pages };
}

/** The whole pipeline: load → validate → merge → fit → render. Writes nothing. */
export async function buildBriefing(input: ContentInput, options: BuildOptions = {}): Promise<BuildResult> {
  const { loaded, briefing, warnings, fitted, render, prepareDoc } = await prepare(input, options);
  const pdf = await fitted.layout.render();
  const pages = fitted.layout.pages;
  if (pages > 1) warnings.push(overflowWarning(loaded.file, fitted));
  let docDefinition: DocDefinition | undefined;
  return {
    file: loaded.file,
    briefing,
    pdf,
    pages,
    fit: fitted.report,
    warnings,
    // Made again on request (pdfmake has filled defaults into the one it laid out); pure and cheap.
    get docDefinition() {
      return (docDefinition ??= prepareDoc());
    },
    info: render.info,
  };
}

function overflowWarning(file: string | undefined, fitted: { layout: { pages: number }; report: FitReport }): Warning {
  return { file, path: '', message: `the PDF has ${fitted.layout.pages} pages: ${fitted.report.summary}` };
}

async function prepare(input: ContentInput, options: BuildOptions) {
  const cwd = options.cwd ?? process.cwd();
  const config = options.config ? await loadConfig(options.config, cwd) : undefined;
  const loaded = withConfigDefaults(await loadContent(input), config);
  const briefing = validateContent(loaded);
  const settings = resolveSettings({ template: options.template, paper: options.paper, cwd }, config);
  const marking = markingProblem(briefing.marking, settings.markings);
  if (marking)
    throw new ContentError(loaded.file, [{ path: 'marking', message: marking.message, ...loaded.locate(['marking']) }], marking.hint);
  const warnings = contentWarnings(briefing, loaded);
  // Templating, layout and rendering load Handlebars and pdfmake: keep them off the path of commands that do not render.
  const [
    { loadTemplate },
    { houseTemplate },
    { loadFontSet },
    { glyphProblems },
    { fitToPage, prepare: prepareDoc },
    { renderOptions },
    { PAPER },
  ] = await Promise.all([
    import('./template/compile.js'),
    import('./template/house.js'),
    import('./pdf/fonts.js'),
    import('./pdf/fallback.js'),
    import('./pipeline/fit.js'),
    import('./pdf/metadata.js'),
    import('./pdf/engine.js'),
  ]);
  const template = houseTemplate(loadTemplate(settings.template ?? DEFAULT_TEMPLATE, cwd), settings);
  const fonts = loadFontSet(template.fonts);
  // Characters no font of the template has would print as empty boxes: say so, per field.
  const glyphs = glyphProblems(
    loaded.data,
    Object.values(fonts).map((f) => f.normal),
  ).map((p) => ({
    file: loaded.file,
    path: formatPath(p.path),
    message: p.message,
    ...loaded.locate(p.path),
  }));
  if (glyphs.length > 0 && options.strict)
    throw new ContentError(loaded.file, glyphs, 'run without --strict to build anyway, with empty boxes where those characters are');
  warnings.push(...glyphs);
  const paper = PAPER[settings.paper ?? template.theme.page.size];
  const [left, top, right, bottom] = template.theme.page.margins;
  const page: PageSpec = { ...paper, margins: { left, top, right, bottom } };

  const render = renderOptions(briefing, { creationDate: options.creationDate, pdfa: options.pdfa });
  const fitted = fitToPage(briefing, template, fonts, page, { allowOverflow: options.allowOverflow ?? false, render });
  return {
    loaded,
    briefing,
    warnings,
    fitted,
    render,
    prepareDoc: () => prepareDoc(briefing, template, fonts, page, fitted.scale, fitted.omit),
  };
}
