/**
 * briefing as a library: content in, PDF bytes out. Nothing here touches
 * process, the console or argv, and nothing writes files except writeAtomic,
 * which callers invoke themselves. The CLI (cli/main.ts) is another caller of
 * the same pipeline (pipeline/build.ts).
 *
 *   const { pdf, fit, warnings } = await buildBriefing({ path: 'content/a.yaml' });
 */
import type { Briefing } from './types.js';
import { DEFAULT_TEMPLATE } from './template/find.js';

export { buildBriefing, checkBriefing, fitBriefing } from './pipeline/build.js';
export { BriefingError, ContentError, TemplateError, OverflowError, OutputError, UsageError, EXIT } from './errors.js';
export type { Problem, Reason, SourcePosition } from './errors.js';
export type { BriefingInput } from './content/schema.js';
export { BriefingSchema, briefingJsonSchema } from './content/schema.js';
export type {
  Briefing,
  BuildOptions,
  BuildResult,
  ContentInput,
  DocDefinition,
  FitHint,
  FitReport,
  FittedBriefing,
  OmittedItem,
  Paper,
  PdfA,
  Warning,
} from './types.js';
export { PAPER } from './pdf/paper.js';
export { builtinTemplateNames, DEFAULT_TEMPLATE } from './template/find.js';
export { writeAtomic } from './pipeline/write.js';
export { findConfigFile, loadConfig, smtpSettings, CONFIG_FILES } from './config/resolve.js';
export type { LoadedConfig } from './config/resolve.js';
export { searchConfig } from './config/find.js';
export type { ConfigSearch, SkippedConfig } from './config/find.js';
export { ConfigSchema, configJsonSchema } from './config/schema.js';
export type { Config, SmtpConfig } from './config/schema.js';
export { TLP_MARKINGS } from './content/markings.js';
export type { MarkingDefinition } from './content/markings.js';
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
/** Switches the speed layer (replaced pdfmake, PDFKit and fontkit internals) off or on, for the whole process: see src/pdf/tuning/registry.ts. */
export { setTuning, REPLACEMENTS } from './pdf/tuning/registry.js';
export type { Tuning, ReplacementId } from './pdf/tuning/registry.js';

/** An e-mail draft (.eml) of a built briefing with its PDF attached; see pipeline/eml.ts. */
export async function composeEml(briefing: Briefing, pdf: Buffer, filename: string): Promise<Buffer> {
  return (await import('./pipeline/eml.js')).composeEml(briefing, pdf, filename);
}
