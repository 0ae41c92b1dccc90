/**
 * A template as one organisation uses it: the logo (the config's, else the
 * template's own `logo:` in theme.yaml) and the markings the config adds,
 * with their colours, laid over the compiled template. The compiled template
 * itself is cached and shared; this makes a light copy per build.
 */
import { join, resolve } from 'node:path';
import type { Template } from '../types.js';
import { knownMarkings, type MarkingDefinition } from '../content/markings.js';
import { loadLogo, type LogoSpec } from './logo.js';

export function houseTemplate(
  template: Template,
  settings: { logo: LogoSpec | undefined; markings: readonly MarkingDefinition[] },
): Template {
  const themeLogo = template.theme.logo;
  const spec: LogoSpec | undefined =
    settings.logo ??
    (typeof themeLogo === 'string' && themeLogo
      ? { path: resolve(template.dir, themeLogo), root: template.dir, origin: { file: join(template.dir, 'theme.yaml') } }
      : undefined);
  const logo = spec ? loadLogo(spec) : undefined;
  if (!logo && settings.markings.length === 0) return template;
  const themeMarkings = (template.theme.markings ?? {}) as Record<string, unknown>;
  const markings =
    settings.markings.length === 0 ? themeMarkings : { ...themeMarkings, ...Object.fromEntries(knownMarkings(settings.markings)) };
  // `alt`: the config's logoAlt, else null (the template then says the organisation's name).
  return { ...template, theme: { ...template.theme, markings }, ...(logo && { logo: { ...logo, alt: spec?.alt ?? null } }) };
}
