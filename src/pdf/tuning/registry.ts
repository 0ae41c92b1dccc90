/**
 * The one door through which briefing replaces code inside pdfmake, PDFKit
 * and fontkit. Each replacement is declared in REPLACEMENTS with the exact
 * version of the package it was written for, and installed only through
 * replaceMethod (a method shared by every instance) or replaceOwnMethod (one
 * object's own); a lint rule refuses prototype assignments anywhere else
 * (eslint.config.js). Nothing is replaced as a side effect of importing a
 * module: install.ts installs the shared ones when the engine makes its
 * first document, and checkVersions() refuses to install over any other
 * version (a replacement copied from one release would silently drop a fix
 * of the next). pdfmake, PDFKit and fontkit are bundled into dist/, so what
 * is replaced is briefing's own copy, never a host application's.
 *
 * setTuning() turns replacements off and on again, all of the speed layer
 * at once or one by one, fixes too (for tests and for measuring each one's
 * gain, see bench/README.md): the originals are kept beside the
 * replacements, and a switch takes effect at the next call, for shared and
 * own methods alike. Two replacements of one method stack, the later
 * wrapping the earlier, each switched on its own. To add one: an entry
 * here, the replacement in its own module (exported), one replaceMethod
 * call in install.ts (or a replaceOwnMethod call where the object is made),
 * and a test that runs the stock and the replaced method on the same input
 * (tests/pdf/tuning/replacements.test.ts).
 */
import { BriefingError } from '../../errors.js';
import { engineVersions } from './versions.js';

export type { EnginePackage } from './versions.js';
import type { EnginePackage } from './versions.js';

interface Declared {
  package: EnginePackage;
  /** The exact version whose code the replacement was written against. */
  version: string;
  /**
   * speed: same output, less time (what setTuning(false) turns off); fix: the
   * output is wrong, or a hostile input takes quadratic time, without it.
   */
  kind: 'speed' | 'fix';
  /** What it replaces. */
  replaces: string;
}

export const REPLACEMENTS = {
  'style-lookups': {
    package: 'pdfmake',
    version: '0.3.14',
    kind: 'speed',
    replaces: 'StyleContextStack push, pop, getProperty, getStyleProperty',
  },
  'measure-runs': { package: 'pdfmake', version: '0.3.14', kind: 'speed', replaces: 'TextInlines.measure' },
  'text-runs': { package: 'pdfmake', version: '0.3.14', kind: 'speed', replaces: 'Renderer.renderLine' },
  'shared-shaping': {
    package: 'pdfkit',
    version: '0.20.2',
    kind: 'speed',
    replaces: "pdfmake's PDFDocument.provideFont (per document), PDFKit's EmbeddedFont.layoutRun",
  },
  'string-widths': { package: 'pdfkit', version: '0.20.2', kind: 'speed', replaces: 'EmbeddedFont.widthOfString' },
  'line-encoding': { package: 'pdfkit', version: '0.20.2', kind: 'speed', replaces: 'EmbeddedFont.encode' },
  'subset-glyphs': { package: 'fontkit', version: '2.0.4', kind: 'speed', replaces: 'TTFSubset._addGlyph' },
  'lazy-mark-tables': {
    package: 'fontkit',
    version: '2.0.4',
    kind: 'speed',
    replaces:
      "restructure's Pointer.decode for GPOS mark-attachment tables (their own, shared by every font): decoded when a mark is placed, not with the lookup (pdf/tuning/lazy-mark-tables.ts)",
  },
  'xmp-escape': { package: 'pdfkit', version: '0.20.2', kind: 'fix', replaces: 'PDFDocument._addInfo (per document)' },
  'glyph-characters': { package: 'fontkit', version: '2.0.4', kind: 'fix', replaces: 'Font.getGlyph (per parsed font)' },
  'gpos-null-anchor': {
    package: 'fontkit',
    version: '2.0.4',
    kind: 'fix',
    replaces: 'GPOSProcessor.applyAnchor and applyLookup: a mark with no anchor on its base is left to the next subtable',
  },
  'word-breaks': {
    package: 'pdfmake',
    version: '0.3.14',
    kind: 'fix',
    replaces: 'TextBreaker.getBreaks: no break inside Korean words or addresses, typed soft hyphens dropped (text/line-breaking.ts)',
  },
  'column-widths': {
    package: 'pdfmake',
    version: '0.3.14',
    kind: 'fix',
    replaces: 'DocMeasure.measureLeaf: a long word does not widen its column; textWrap, hyphens, maxWidth read (text/line-breaking.ts)',
  },
  'line-building': {
    package: 'pdfmake',
    version: '0.3.14',
    kind: 'fix',
    replaces: 'LayoutBuilder.buildNextLine: words too wide broken, hyphenation, balanced headlines (text/line-breaking.ts)',
  },
  'flat-inlines': {
    package: 'pdfmake',
    version: '0.3.14',
    kind: 'fix',
    replaces: 'TextInlines.buildInlines: text runs flattened in one pass, linear not quadratic (text/line-breaking.ts)',
  },
  'pdf-shaping': {
    package: 'fontkit',
    version: '2.0.4',
    kind: 'fix',
    replaces:
      'Font.layout, Font.createSubset (per parsed font), Subset.includeGlyph (per subset): shaping right for a PDF (pdf/shaping.ts)',
  },
  'bidi-lines': {
    package: 'pdfmake',
    version: '0.3.14',
    kind: 'fix',
    replaces: 'ElementWriter.alignLine: right-to-left lines in visual order (pdf/bidi-lines.ts)',
  },
  'tagging-layout': {
    package: 'pdfmake',
    version: '0.3.14',
    kind: 'fix',
    replaces:
      'LayoutBuilder processNode, processRow, buildNextLine, addDynamicRepeatable, addBackground (per layout): the structure tree (pdf/tagging/layout.ts)',
  },
  'tagging-render': {
    package: 'pdfmake',
    version: '0.3.14',
    kind: 'fix',
    replaces:
      "Renderer renderPages, renderLine, renderVector, renderImage, renderSVG, clips and alignments, PDFKit's addPage and goTo (per document): marked content (pdf/tagging/render.ts)",
  },
  'object-streams': {
    package: 'pdfkit',
    version: '0.20.2',
    kind: 'fix',
    replaces:
      'PDFDocument._finalize (per document): a cross-reference stream, for the structure tree in an object stream (pdf/tagging/object-stream.ts)',
  },
  'inline-destinations': {
    package: 'pdfmake',
    version: '0.3.14',
    kind: 'fix',
    replaces: 'Renderer.renderLine: a named destination where an inline with "anchor" is drawn, for citations (pdf/destinations.ts)',
  },
  'unspoken-glyphs': {
    package: 'pdfkit',
    version: '0.20.2',
    kind: 'fix',
    replaces:
      'PDFDocument._fragment: glyphs that stand for no character drawn as shapes, not text; glyphs placed off their pen moved to relatively; Nastaliq words drawn as shapes over an invisible text (pdf/unspoken-glyphs.ts)',
  },
  'broken-words': {
    package: 'pdfmake',
    version: '0.3.14',
    kind: 'fix',
    replaces:
      'Renderer.renderLine: a word hyphenated at a line end drawn so that it reads whole and without the hyphen (pdf/broken-words.ts, with unspoken-glyphs)',
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

/**
 * A method replaced by one or more declared replacements, stacked in the
 * order they were installed (two fixes may hook the same method): what runs
 * is the original wrapped by every replacement that is on.
 */
interface Replaced {
  owner: any;
  name: string;
  original: unknown;
  layers: { id: ReplacementId; make: (inner: any) => unknown }[];
  /** The method for each set of replacements on, made once, so that switching back gives the same function. */
  made: Map<string, unknown>;
}
const replaced: Replaced[] = [];

/** `r`'s method with exactly the replacements in `on` (those of its layers), innermost first. */
function methodWith(r: Replaced, on: (id: ReplacementId) => boolean): unknown {
  const layers = r.layers.filter((l) => on(l.id));
  const key = layers.map((l) => l.id).join(',');
  let method = r.made.get(key);
  if (method === undefined) {
    method = layers.reduce<unknown>((inner, l) => l.make(inner), r.original);
    r.made.set(key, method);
  }
  return method;
}

function apply(r: Replaced): void {
  r.owner[r.name] = methodWith(r, isOn);
}

/** Sets what runs from now on, for the whole process (builds in flight included: set it between builds). */
export function setTuning(tuning: Tuning): void {
  disabled = new Set(tuning === true ? [] : tuning === false ? SPEED_IDS : tuning.off);
  for (const r of replaced) apply(r);
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
 * or a class) with what `make` builds from the method it wraps; once per id,
 * owner and name, whatever the switch says, so that setTuning can swap them.
 * Another replacement of the same method wraps this one.
 */
export function replaceMethod(id: ReplacementId, owner: any, name: string, make: (original: any) => unknown): void {
  checkOnce();
  let r = replaced.find((x) => x.owner === owner && x.name === name);
  if (r?.layers.some((l) => l.id === id)) return;
  if (!r) {
    const original = owner[name];
    if (typeof original !== 'function') throw missingMethod([id], name);
    replaced.push((r = { owner, name, original, layers: [], made: new Map() }));
  }
  r.layers.push({ id, make });
  apply(r);
}

/** What replaceMethod replaced, for tests that check the switch swaps each method. */
export function replacedMethods(): {
  owner: any;
  name: string;
  original: unknown;
  ids: ReplacementId[];
  /** The method with exactly these of its replacements on. */
  with(on: readonly ReplacementId[]): unknown;
}[] {
  return replaced.map((r) => ({
    owner: r.owner,
    name: r.name,
    original: r.original,
    ids: r.layers.map((l) => l.id),
    with: (on) => methodWith(r, (id) => on.includes(id)),
  }));
}

/**
 * Replaces one object's own method (of a document, a parsed font, a font
 * subset), with what `make` builds from the original bound to the object.
 * The object keeps a method that asks the switch on every call: while `id`
 * (or every one of several ids) is off, it runs the original.
 */
export function replaceOwnMethod(
  id: ReplacementId | readonly ReplacementId[],
  object: any,
  name: string,
  make: (original: any) => (...args: any[]) => unknown,
): void {
  const ids = typeof id === 'string' ? [id] : id;
  checkOnce();
  const original = object[name];
  if (typeof original !== 'function') throw missingMethod(ids, name);
  const bound = original.bind(object);
  const replacement = make(bound);
  object[name] = (...args: unknown[]) => (ids.some(isOn) ? replacement(...args) : bound(...args));
}

/** An engine that no longer has a method briefing replaces: the engine was changed under briefing, not the user's input. */
function missingMethod(ids: readonly ReplacementId[], name: string): BriefingError {
  return new BriefingError(
    `briefing's engine layer: ${REPLACEMENTS[ids[0]!].package} has no method ${name} to replace (${ids.join(', ')})`,
    { hint: 'reinstall briefing (npm ci): the pdfmake, PDFKit or fontkit it runs is not the one it was built with' },
  );
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
  throw new BriefingError(`briefing's engine layer does not match the engine it runs with:\n  ${lines.join('\n  ')}`, {
    hint:
      'reinstall briefing (npm ci); when upgrading pdfmake, PDFKit or fontkit, check each replacement against the new ' +
      'version (node scripts/pdfmake-specs.mjs, src/pdf/tuning/), then update its version in registry.ts',
  });
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
      throw new BriefingError(`BRIEFING_TUNING: "${item}" is not a replacement to turn off`, {
        hint: `use 0 (all off), 1 (all on) or a list such as -text-runs,-line-encoding from ${REPLACEMENT_IDS.map((r) => `-${r}`).join(', ')}`,
      });
    off.push(id as ReplacementId);
  }
  return { off };
}
