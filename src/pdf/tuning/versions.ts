/**
 * The versions of the packages the speed layer replaces code in, as they
 * will run. In dist/, scripts/bundle.mjs writes them in: they are those of
 * the files it bundled (and it refuses to bundle others than registry.ts
 * names). From source (tests), they are read from node_modules, pdfkit as
 * pdfmake resolves it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
/** The packages whose internals the speed layer replaces. */
export type EnginePackage = 'pdfmake' | 'pdfkit' | 'fontkit';

declare const BRIEFING_ENGINE_VERSIONS: Record<EnginePackage, string> | undefined;

export function engineVersions(): Partial<Record<EnginePackage, string>> {
  if (typeof BRIEFING_ENGINE_VERSIONS !== 'undefined') return BRIEFING_ENGINE_VERSIONS;
  const ours = createRequire(import.meta.url);
  const pdfmake = ours.resolve('pdfmake/js/PDFDocument.js');
  return {
    pdfmake: versionOf('pdfmake', pdfmake),
    pdfkit: versionOf('pdfkit', createRequire(pdfmake).resolve('pdfkit')),
    fontkit: versionOf('fontkit', ours.resolve('fontkit')),
  };
}

/** The version in the package.json of package `name` that holds `file`. */
function versionOf(name: string, file: string): string | undefined {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === name) return pkg.version;
    } catch {
      // no package.json here: look further up
    }
  }
  return undefined;
}
