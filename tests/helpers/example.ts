/**
 * The example briefing, built once per worker and shared by the files that
 * only read it (vitest.config.ts runs a worker's files in one module graph).
 * Tests that build it to compare two builds call buildBriefing themselves.
 */
import { buildBriefing, type BuildResult } from '../../src/index.js';
import { EXAMPLE } from './content.js';
import { parsePdf, type ParsedPdf } from './pdf.js';

let built: Promise<{ result: BuildResult; pdf: ParsedPdf }> | undefined;

export function exampleBuild(): Promise<{ result: BuildResult; pdf: ParsedPdf }> {
  return (built ??= buildBriefing({ path: EXAMPLE }).then(async (result) => ({ result, pdf: await parsePdf(result.pdf) })));
}
