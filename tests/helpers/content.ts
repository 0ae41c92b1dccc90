import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

export const EXAMPLE = fileURLToPath(new URL('../../content/relos-duma-ratification.yaml', import.meta.url));
export const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

/** A small valid briefing to vary in tests, as YAML text. */
export function minimalYaml(overrides: Record<string, unknown> = {}): string {
  const base = parse(readFileSync(fixture('minimal/briefing.yaml'), 'utf8')) as Record<string, unknown>;
  return stringify({ ...base, ...overrides });
}
