import type { FitScale } from '../../types.js';
/**
 * Merging once for every fit. Fitting tries several scales, and only the
 * helpers `size`, `space` and `leading` (helpers.ts) depend on the scale:
 * merged with `data.fit` set to EVERY_FIT, they write a placeholder where
 * the number goes, and scaledJson() turns that text into what the template
 * writes at a given scale, the same text character for character. A
 * template that does anything else with a scaled value (passes it to a
 * helper, tests it, reads `@fit` itself) throws NotScalable, or writes a
 * different number of placeholders than it made; it is then merged once
 * per scale (merge.ts, Template.renderForEveryFit).
 */

export const EVERY_FIT: FitScale = Object.freeze({
  get type(): number {
    throw new NotScalable();
  },
  get space(): number {
    throw new NotScalable();
  },
});

/** A template that uses a scaled value for more than writing it out: merge it once per scale. */
export class NotScalable extends Error {
  constructor() {
    super('the template uses a scaled value in a way that needs the number');
  }
}

export type ScaledKind = 's' | 'p' | 'l';
const PLACEHOLDER = '\uE000';
const PLACEHOLDERS = /"\uE000([spl])([^"]*)"/g;

/** What `size`, `space` and `leading` write for `v` at `fit`. */
export function scaled(kind: ScaledKind, v: number, fit: FitScale): number {
  // Line height tightens with spacing, but only a little (12% at most): lines must stay readable.
  const factor = kind === 's' ? fit.type : kind === 'p' ? fit.space : 0.88 + 0.12 * fit.space;
  return Math.round(v * factor * 100) / 100;
}

/** JSON text of content, with the placeholder character escaped (the same character once parsed): content never looks like a placeholder. */
export function jsonText(json: string): string {
  return json.includes(PLACEHOLDER) ? json.replaceAll(PLACEHOLDER, '\\ue000') : json;
}

/** A scaled value in a merge for every fit: Handlebars writes it out as its placeholder (and a template cannot look inside). */
export class Scaled {
  readonly #placeholder: string;
  constructor(placeholder: string) {
    this.#placeholder = placeholder;
  }
  toHTML(): string {
    return this.#placeholder;
  }
  toString(): string {
    return this.#placeholder;
  }
}

/** What `size`, `space` and `leading` give in a merge for every fit: the JSON string `"\uE000s9.5"` for `size 9.5`. */
export function placeholder(kind: ScaledKind, v: number): Scaled {
  return new Scaled(`"${PLACEHOLDER}${kind}${v}"`);
}

/**
 * The JSON text of a merge for every fit, at `fit`; `placeholders` is how
 * many the merge wrote. Each placeholder, quotes and all, becomes the
 * characters the helper writes at that scale, wherever the template put it
 * (a value, or inside a string): the text the template writes at that
 * scale. Content cannot forge one (helpers escape the character), and
 * template text that looks like one makes the count differ.
 */
export function scaledJson(json: string, placeholders: number, fit: FitScale): string {
  let n = 0;
  const out = json.replace(PLACEHOLDERS, (_, kind: ScaledKind, v: string) => {
    n++;
    const value = Number(v);
    if (!Number.isFinite(value)) throw new NotScalable();
    return String(scaled(kind, value, fit));
  });
  if (n !== placeholders) throw new NotScalable();
  return out;
}

/** Checks a merge for every fit once: what looks like a placeholder must be one the merge wrote. */
export function checkPlaceholders(json: string, placeholders: number): void {
  scaledJson(json, placeholders, { type: 1, space: 1 });
}

/**
 * A scaled value given to a helper (or its hash) needs the number: the
 * template cannot be merged for every fit. (Most such uses also change how
 * many placeholders are written, which scaledJson checks; not all do.)
 */
export function refuseScaled(args: unknown[]): void {
  for (let i = 0; i < args.length - 1; i++) if (args[i] instanceof Scaled) throw new NotScalable();
  const hash = (args[args.length - 1] as { hash?: Record<string, unknown> } | undefined)?.hash;
  if (hash) for (const k in hash) if (hash[k] instanceof Scaled) throw new NotScalable();
}
