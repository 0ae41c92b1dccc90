/**
 * briefing as a library: content in, PDF bytes out. Nothing here touches
 * process, the console or argv, and nothing writes files except writeAtomic,
 * which callers invoke themselves. The CLI (cli/main.ts) is another caller of
 * the same pipeline (pipeline/build.ts).
 *
 *   const { pdf, fit, warnings } = await buildBriefing({ path: 'content/a.yaml' });
 */
import type { Briefing } from './types.js';

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
export { ConfigSchema, configJsonSchema } from './config/schema.js';
export type { Config, SmtpConfig } from './config/schema.js';
export { TLP_MARKINGS } from './content/markings.js';
export type { MarkingDefinition } from './content/markings.js';
export { outputName } from './pipeline/names.js';
export { VERSION } from './version.js';

/** An e-mail draft (.eml) of a built briefing with its PDF attached; see pipeline/eml.ts. */
export async function composeEml(briefing: Briefing, pdf: Buffer, filename: string): Promise<Buffer> {
  return (await import('./pipeline/eml.js')).composeEml(briefing, pdf, filename);
}
