/**
 * Handling markings. The Traffic Light Protocol 2.0 values are known with
 * their colours (FIRST's TLP 2.0 standard: coloured text on black); any
 * other scheme, such as a national classification, is allowed once a
 * config file lists it under `markings:`. A marking that is neither is
 * refused, with the nearest known one suggested: a slip such as TLP:GREN
 * must not print as a grey bar on a page that is about to be shared.
 */
import { closest } from '../suggest.js';

export interface MarkingStyle {
  /** Text colour, #rrggbb. */
  text: string;
  /** Bar colour, #rrggbb. */
  fill: string;
}

export interface MarkingDefinition {
  name: string;
  /** The bar's colour. */
  colour: string;
  /** The text's colour; default: black or white, whichever reads better on the bar. */
  text?: string;
}

/** TLP 2.0, https://www.first.org/tlp/: the colours are the standard's, on black. */
export const TLP_MARKINGS: Readonly<Record<string, MarkingStyle>> = {
  'TLP:CLEAR': { text: '#ffffff', fill: '#000000' },
  'TLP:GREEN': { text: '#33ff00', fill: '#000000' },
  'TLP:AMBER': { text: '#ffc000', fill: '#000000' },
  'TLP:AMBER+STRICT': { text: '#ffc000', fill: '#000000' },
  'TLP:RED': { text: '#ff2b2b', fill: '#000000' },
};

/**
 * A marking field's JSON Schema, for editors: any of the TLP 2.0 values
 * (offered as completions), or a marking of another scheme (one a config file
 * lists), but never a TLP-like name that is not one of them, so an editor
 * flags TLP:GREN as briefing does.
 */
export function markingJsonSchema(about: Record<string, unknown>, desk: readonly string[] = []): Record<string, unknown> {
  // A desk's config lists its own markings: the build accepts exactly those and TLP 2.0, and so does the schema.
  if (desk.length > 0) return { ...about, type: 'string', enum: [...new Set([...Object.keys(TLP_MARKINGS), ...desk])] };
  return {
    ...about,
    type: 'string',
    anyOf: [
      { enum: Object.keys(TLP_MARKINGS) },
      {
        not: { pattern: '^\\s*[Tt][Ll][Pp]\\s*:' },
        description: 'a marking of another scheme, listed under `markings` in briefing.config.yaml',
      },
    ],
  };
}

/** TLP 1.0 names that TLP 2.0 replaced. */
const RENAMED: Readonly<Record<string, string>> = { 'TLP:WHITE': 'TLP:CLEAR' };

/** Every marking allowed, with its style: TLP 2.0 and the ones a config file adds (which may restyle a TLP value). */
export function knownMarkings(extra: readonly MarkingDefinition[] = []): Map<string, MarkingStyle> {
  const known = new Map(Object.entries(TLP_MARKINGS));
  for (const m of extra) known.set(m.name, { fill: m.colour.toLowerCase(), text: (m.text ?? readableOn(m.colour)).toLowerCase() });
  return known;
}

/** Why a marking is refused, with what to write instead; undefined when it is known. */
export function markingProblem(marking: string, extra: readonly MarkingDefinition[] = []): { message: string; hint: string } | undefined {
  const known = knownMarkings(extra);
  if (known.has(marking)) return undefined;
  const names = [...known.keys()];
  const renamed = RENAMED[marking.toUpperCase()];
  const sameButCase = names.find((n) => n.toUpperCase() === marking.toUpperCase());
  const near = renamed ?? sameButCase ?? closest(marking, names);
  const message = near
    ? `unknown marking "${marking}": did you mean ${near}?${renamed ? ` (TLP 2.0 renamed ${marking.toUpperCase()} to ${renamed})` : ''}`
    : `unknown marking "${marking}"; known: ${names.join(', ')}`;
  const own = `list your own scheme in briefing.config.yaml, e.g. markings: [{ name: ${JSON.stringify(marking)}, colour: "#7a1f1f" }]`;
  return {
    message,
    hint: near ? `write ${near}; or, for a marking of another scheme, ${own}` : `write one of ${names.join(', ')}, or ${own}`,
  };
}

/** Black or white, whichever contrasts more with the colour (WCAG relative luminance). */
export function readableOn(colour: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(colour.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const l = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return (l + 0.05) / 0.05 > 1.05 / (l + 0.05) ? '#000000' : '#ffffff';
}
