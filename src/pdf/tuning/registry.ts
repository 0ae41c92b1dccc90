/**
 * The one door through which briefing replaces code inside pdfmake, PDFKit,
 * fontkit and yargs. Each replacement is declared in REPLACEMENTS with the
 * exact version of the package it was written for; nothing is replaced as a
 * side effect of importing a module: install.ts installs them when the
 * engine first needs them, and checkVersions() refuses to do so over any
 * other version (a replacement copied from 0.3.11 would silently drop an
 * upstream fix). pdfmake, PDFKit and fontkit are bundled into dist/, so what
 * is replaced is briefing's own copy, never a host application's.
 *
 * setTuning() turns replacements off and on again, all of the speed layer
 * at once or one by one (for tests and for measuring each one's gain, see
 * bench/README.md): the originals are kept beside the replacements.
 */
import { engineVersions } from './versions.js';

export type { EnginePackage } from './versions.js';
import type { EnginePackage } from './versions.js';

interface Declared {
  package: EnginePackage;
  /** The exact version whose code the replacement was written against. */
  version: string;
  /** speed: same output, less time (what the switch turns off); fix: the output is wrong without it. */
  kind: 'speed' | 'fix';
  /** What it replaces. */
  replaces: string;
}

export const REPLACEMENTS = {
  'style-lookups': {
    package: 'pdfmake',
    version: '0.3.11',
    kind: 'speed',
    replaces: 'StyleContextStack push, pop, getProperty, getStyleProperty',
  },
  'measure-runs': { package: 'pdfmake', version: '0.3.11', kind: 'speed', replaces: 'TextInlines.measure' },
  'text-runs': { package: 'pdfmake', version: '0.3.11', kind: 'speed', replaces: 'Renderer.renderLine' },
  'shared-shaping': {
    package: 'pdfkit',
    version: '0.20.2',
    kind: 'speed',
    replaces: "pdfmake's PDFDocument.provideFont (per document), PDFKit's EmbeddedFont.layoutRun",
  },
  'string-widths': { package: 'pdfkit', version: '0.20.2', kind: 'speed', replaces: 'EmbeddedFont.widthOfString' },
  'line-encoding': { package: 'pdfkit', version: '0.20.2', kind: 'speed', replaces: 'EmbeddedFont.encode' },
  'subset-glyphs': { package: 'fontkit', version: '2.0.4', kind: 'speed', replaces: 'TTFSubset._addGlyph' },
  'help-text': { package: 'yargs', version: '18.2.0', kind: 'speed', replaces: 'usage.cacheHelpMessage (per parser)' },
  'xmp-escape': { package: 'pdfkit', version: '0.20.2', kind: 'fix', replaces: 'PDFDocument._addInfo (per document)' },
  'glyph-characters': { package: 'fontkit', version: '2.0.4', kind: 'fix', replaces: 'Font.getGlyph (per parsed font)' },
  'bidi-lines': {
    package: 'pdfmake',
    version: '0.3.11',
    kind: 'fix',
    replaces: 'ElementWriter.alignLine: right-to-left lines in visual order (pdf/bidi-lines.ts)',
  },
  'unspoken-glyphs': {
    package: 'pdfkit',
    version: '0.20.2',
    kind: 'fix',
    replaces: 'PDFDocument._fragment: glyphs that stand for no character drawn as shapes, not text (pdf/unspoken-glyphs.ts)',
  },
} as const satisfies Record<string, Declared>;

export type ReplacementId = keyof typeof REPLACEMENTS;
export const REPLACEMENT_IDS = Object.keys(REPLACEMENTS) as ReplacementId[];
const SPEED_IDS = REPLACEMENT_IDS.filter((id) => REPLACEMENTS[id].kind === 'speed');

/**
 * What to run: `true` (the default) every replacement; `false` none of the
 * speed layer (the fixes stay: without them the output is wrong); or every
 * replacement but those listed (fixes included, for tests).
 */
export type Tuning = boolean | { off: readonly ReplacementId[] };

let disabled = new Set<ReplacementId>();

export const isOn = (id: ReplacementId): boolean => !disabled.has(id);

interface Installed {
  id: ReplacementId;
  owner: any;
  name: string;
  original: unknown;
  replacement: unknown;
}
const installed: Installed[] = [];

function apply(e: Installed): void {
  e.owner[e.name] = isOn(e.id) ? e.replacement : e.original;
}

/** Sets what runs from now on, for the whole process (builds in flight included: set it between builds). */
export function setTuning(tuning: Tuning): void {
  disabled = new Set(tuning === true ? [] : tuning === false ? SPEED_IDS : tuning.off);
  for (const e of installed) apply(e);
}

/** Runs `fn` with `tuning`, then puts back what was set before. Not for concurrent builds. */
export async function withTuning<T>(tuning: Tuning, fn: () => T | Promise<T>): Promise<T> {
  const before = [...disabled];
  setTuning(tuning);
  try {
    return await fn();
  } finally {
    setTuning({ off: before });
  }
}

/**
 * Replaces `owner[name]` (a method shared by every instance: on a prototype
 * or a class) with what `make` builds from the original; once per owner,
 * whatever the switch says, so that setTuning can swap the two.
 */
export function replaceMethod(id: ReplacementId, owner: any, name: string, make: (original: any) => unknown): void {
  checkOnce();
  if (installed.some((e) => e.id === id && e.owner === owner && e.name === name)) return;
  const original = owner[name];
  if (typeof original !== 'function')
    throw new Error(`briefing's speed layer: ${REPLACEMENTS[id].package} has no method ${name} to replace (${id})`);
  const e: Installed = { id, owner, name, original, replacement: make(original) };
  installed.push(e);
  apply(e);
}

/**
 * Replaces one object's own method (of a document, a parsed font, a parser)
 * if `id` is on (or any of several ids): the object keeps what it got.
 */
export function replaceOwnMethod(
  id: ReplacementId | readonly ReplacementId[],
  object: any,
  name: string,
  make: (original: any) => unknown,
): void {
  const ids = typeof id === 'string' ? [id] : id;
  if (!ids.some(isOn)) return;
  checkOnce();
  const original = object[name];
  if (typeof original !== 'function')
    throw new Error(`briefing's speed layer: ${REPLACEMENTS[ids[0]!].package} has no method ${name} to replace (${ids.join(', ')})`);
  object[name] = make(original.bind(object));
}

let checked = false;
function checkOnce(): void {
  if (checked) return;
  checkVersions(engineVersions());
  checked = true;
}

/** Throws unless every package a replacement was written for is there in that exact version. */
export function checkVersions(found: Partial<Record<EnginePackage, string>>): void {
  const wrong = REPLACEMENT_IDS.filter((id) => found[REPLACEMENTS[id].package] !== REPLACEMENTS[id].version);
  if (wrong.length === 0) return;
  const lines = wrong.map(
    (id) =>
      `${id}: written for ${REPLACEMENTS[id].package} ${REPLACEMENTS[id].version}, found ${found[REPLACEMENTS[id].package] ?? 'none'}`,
  );
  throw new Error(
    `briefing's speed layer does not match the engine it was built with:\n  ${lines.join('\n  ')}\n` +
      'Check each replacement against the new version (src/pdf/tuning/), then update its version in registry.ts.',
  );
}

/**
 * Reads BRIEFING_TUNING's value: unset, "1" or "on": everything; "0" or
 * "off": no speed replacement; a comma list such as "-text-runs,-line-encoding":
 * everything but those.
 */
export function parseTuning(value: string | undefined): Tuning {
  const v = (value ?? '').trim().toLowerCase();
  if (v === '' || v === '1' || v === 'on') return true;
  if (v === '0' || v === 'off') return false;
  const off: ReplacementId[] = [];
  for (const item of v.split(',').map((s) => s.trim())) {
    const id = item.replace(/^-/, '');
    if (!item.startsWith('-') || !(id in REPLACEMENTS))
      throw new Error(
        `BRIEFING_TUNING: "${item}" is not a replacement to turn off; use 0 (all off), 1 (all on) or a list such as ` +
          `-text-runs,-line-encoding from ${REPLACEMENT_IDS.map((r) => `-${r}`).join(', ')}`,
      );
    off.push(id as ReplacementId);
  }
  return { off };
}
