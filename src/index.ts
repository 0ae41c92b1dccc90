/**
 * briefing as a library: content in, PDF bytes out. Nothing here touches
 * process, the console or argv, and nothing writes files except writeAtomic,
 * which callers invoke themselves. The CLI (cli/main.ts) is one caller of this.
 *
 *   const { pdf, fit, warnings } = await buildBriefing({ path: 'content/a.yaml' });
 */
import { loadContent, type ContentInput, type LoadedContent } from './pipeline/load.js';
import type { Template } from './template/compile.js';
import type { FontSet } from './pdf/fonts.js';
import { contentWarnings, formatPath, validateContent, type Warning } from './pipeline/validate.js';
import { ContentError } from './errors.js';
import { DEFAULT_TEMPLATE } from './template/find.js';
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

/** An e-mail draft (.eml) of a built briefing with its PDF attached; see eml.ts. */
export async function composeEml(briefing: Briefing, pdf: Buffer, filename: string): Promise<Buffer> {
  return (await import('./pipeline/eml.js')).composeEml(briefing, pdf, filename);
}
export { outputName } from './pipeline/names.js';
/** The template's fixed words in a language (labels), e.g. for an e-mail draft; fillLabel fills their {placeholders}. */
export { messages, fillLabel, languageChain, isRightToLeft, LABEL_KEYS, type Labels } from './template/locales.js';

/** The font families of a template and the scripts each can set (for `briefing fonts`). */
export async function templateFonts(template = DEFAULT_TEMPLATE, cwd?: string) {
  const [{ loadTemplate }, { fontFamilies }] = await Promise.all([import('./template/compile.js'), import('./pdf/font-families.js')]);
  const t = loadTemplate(template, cwd);
  return { families: fontFamilies(t), missing: t.missingFonts };
}
export { VERSION } from './version.js';

export interface BuildOptions {
  /** A built-in template name or a template folder (relative to `cwd`). Default: `briefing`. */
  template?: string;
  /** Paper size; default: the template's (A4 for the built-in one). */
  paper?: Paper;
  /** Write a multi-page PDF (with a warning) instead of failing when the content cannot fit. */
  allowOverflow?: boolean;
  /** Pins the PDF creation date; default: the content's `date`. */
  creationDate?: Date;
  /** Where relative template paths are resolved from. */
  cwd?: string;
  /** Treat characters that no font can show as errors, not warnings. */
  strict?: boolean;
  /** Write an archival PDF/A-2b or PDF/A-3b file. */
  pdfa?: PdfA;
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

export interface CheckOptions {
  /** The template whose fonts the characters are checked against; default: `briefing`. */
  template?: string;
  cwd?: string;
  /** Characters that no font can show are errors, not warnings. */
  strict?: boolean;
}

/**
 * Load and validate, and check every character against the template's fonts,
 * as a build does; no layout (for `briefing validate`).
 */
export async function checkBriefing(
  input: ContentInput,
  options: CheckOptions = {},
): Promise<{ file: string | undefined; briefing: Briefing; warnings: Warning[] }> {
  const loaded = await loadContent(input);
  const briefing = validateContent(loaded);
  const warnings = contentWarnings(briefing, loaded);
  const [{ loadTemplate }, { loadFontSet }] = await Promise.all([import('./template/compile.js'), import('./pdf/fonts.js')]);
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
  const { glyphProblems } = await import('./pdf/fallback.js');
  const glyphs = glyphProblems(loaded.data, fonts, template, briefing.language ?? 'en').map((p) => ({
    file: loaded.file,
    path: formatPath(p.path),
    message: p.message,
    ...loaded.locate(p.path),
  }));
  if (glyphs.length > 0 && strict)
    throw new ContentError(loaded.file, glyphs, 'run without --strict to build anyway, with empty boxes where those characters are');
  return glyphs;
}

/** The whole pipeline: load → validate → merge → fit → render. Writes nothing. */
export async function buildBriefing(input: ContentInput, options: BuildOptions = {}): Promise<BuildResult> {
  const loaded = await loadContent(input);
  const briefing = validateContent(loaded);
  const warnings = contentWarnings(briefing, loaded);
  // Templating, layout and rendering load Handlebars and pdfmake: keep them off the path of commands that do not render.
  const [{ loadTemplate }, { loadFontSet }, { fitToPage, prepare }, { renderOptions }, { PAPER }] = await Promise.all([
    import('./template/compile.js'),
    import('./pdf/fonts.js'),
    import('./pipeline/fit.js'),
    import('./pdf/metadata.js'),
    import('./pdf/engine.js'),
  ]);
  const template = loadTemplate(options.template ?? DEFAULT_TEMPLATE, options.cwd);
  const fonts = loadFontSet(template.fonts);
  warnings.push(...(await glyphWarnings(loaded, briefing, template, fonts, options.strict)));
  const paper = PAPER[options.paper ?? template.theme.page.size];
  const [left, top, right, bottom] = template.theme.page.margins;
  const page: PageSpec = { ...paper, margins: { left, top, right, bottom } };

  const render = renderOptions(briefing, { creationDate: options.creationDate, pdfa: options.pdfa });
  const fitted = fitToPage(briefing, template, fonts, page, { allowOverflow: options.allowOverflow ?? false, render });
  const pdf = await fitted.layout.render();
  const pages = fitted.layout.pages;
  if (pages > 1) warnings.push({ file: loaded.file, path: '', message: `the PDF has ${pages} pages: ${fitted.report.summary}` });
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
      return (docDefinition ??= prepare(briefing, template, fonts, page, fitted.scale, fitted.omit));
    },
    info: render.info,
  };
}
