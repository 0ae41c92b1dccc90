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
export { VERSION } from './version.js';
/** Switches the speed layer (replaced pdfmake, PDFKit and fontkit internals) off or on, for the whole process: see src/pdf/tuning/registry.ts. */
export { setTuning, REPLACEMENTS } from './pdf/tuning/registry.js';
export type { Tuning, ReplacementId } from './pdf/tuning/registry.js';

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

/** Load and validate only: no template, no layout (fast; for `briefing validate`). */
export async function checkBriefing(input: ContentInput): Promise<{ file: string | undefined; briefing: Briefing; warnings: Warning[] }> {
  const loaded = await loadContent(input);
  const briefing = validateContent(loaded);
  return { file: loaded.file, briefing, warnings: contentWarnings(briefing, loaded) };
}

/** The whole pipeline: load → validate → merge → fit → render. Writes nothing. */
export async function buildBriefing(input: ContentInput, options: BuildOptions = {}): Promise<BuildResult> {
  const loaded = await loadContent(input);
  const briefing = validateContent(loaded);
  const warnings = contentWarnings(briefing, loaded);
  // Templating, layout and rendering load Handlebars and pdfmake: keep them off the path of commands that do not render.
  const [{ loadTemplate }, { loadFontSet }, { glyphProblems }, { fitToPage, prepare }, { renderOptions }, { PAPER }] = await Promise.all([
    import('./template/compile.js'),
    import('./pdf/fonts.js'),
    import('./pdf/fallback.js'),
    import('./pipeline/fit.js'),
    import('./pdf/metadata.js'),
    import('./pdf/engine.js'),
  ]);
  const template = loadTemplate(options.template ?? DEFAULT_TEMPLATE, options.cwd);
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
