/**
 * The fixed words a template prints ("Bottom line", "Sources", "Page 1 of
 * 2"…), in the briefing's language. They live beside the template, one file
 * per language (`locales/<tag>.yaml`); a language takes what its own file
 * lacks from the next one in its chain: zh-Hant-TW, then zh-Hant, then zh,
 * then English.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { BUILTIN_TEMPLATES_DIR, DEFAULT_TEMPLATE } from './find.js';
import { TemplateError } from '../errors.js';

/** The words of the built-in template. Other templates may add their own keys. */
export const LABEL_KEYS = [
  'bottom_line',
  'timeline',
  'sources',
  'reference',
  'as_of',
  'page_of',
  'quote_open',
  'quote_close',
  'list_separator',
  'title_open',
  'title_close',
  'link_separator',
  'attribution_dash',
  'handling',
  'email_attached',
] as const;

export type Labels = Record<string, string>;

/**
 * The tags to look for, most specific first, ending with English. A Chinese
 * tag without a script gets the one its region implies (zh-TW → zh-Hant,
 * zh-CN → zh-Hans), as readers there write it.
 */
export function languageChain(tag: string): string[] {
  const chain: string[] = [];
  const add = (t: string | undefined) => {
    if (t && !chain.includes(t)) chain.push(t);
  };
  add(tag);
  if (tag !== 'en') {
    let locale: Intl.Locale | undefined;
    try {
      locale = new Intl.Locale(tag);
    } catch {
      /* not a tag Intl knows: its own file, then English */
    }
    if (locale) {
      const { language, region } = locale;
      const script = locale.script ?? (language === 'zh' ? locale.maximize().script : undefined);
      if (script && region) add(`${language}-${script}-${region}`);
      if (script) add(`${language}-${script}`);
      if (region) add(`${language}-${region}`);
      add(language);
    }
  }
  add('en');
  return chain;
}

const RTL_LANGUAGES = new Set(['ar', 'fa', 'ur', 'he', 'iw', 'yi', 'ps', 'sd', 'ug', 'ckb', 'dv', 'syr', 'ku-Arab']);
const RTL_SCRIPTS = new Set(['Arab', 'Hebr', 'Thaa', 'Syrc', 'Nkoo', 'Adlm', 'Rohg']);

/** Whether text in this language is written right to left. */
export function isRightToLeft(tag: string): boolean {
  if (tag === 'en') return false;
  try {
    const locale = new Intl.Locale(tag);
    if (locale.script) return RTL_SCRIPTS.has(locale.script);
    return RTL_LANGUAGES.has(locale.language);
  } catch {
    return RTL_LANGUAGES.has(tag.split('-')[0]!);
  }
}

const parsed = new Map<string, { text: string; labels: Labels }>();

function readLocale(file: string): Labels | undefined {
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8');
  const known = parsed.get(file);
  if (known && known.text === text) return known.labels;
  let data: unknown;
  try {
    data = parse(text);
  } catch (err) {
    throw new TemplateError(`YAML syntax: ${(err as Error).message.split('\n')[0]}`, { file });
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    throw new TemplateError(
      'a locale file is a mapping of label names to text',
      { file },
      'write it as `bottom_line: Bottom line`, one label a line',
    );
  const labels: Labels = {};
  for (const [k, v] of Object.entries(data as Record<string, unknown>)) {
    if (typeof v !== 'string' && typeof v !== 'number')
      throw new TemplateError(`label "${k}" is not text`, { file }, `write it as \`${k}: …\` with the words in this language`);
    labels[k] = String(v);
  }
  parsed.set(file, { text, labels });
  return labels;
}

/**
 * The labels of a template (default: the built-in one) in a language: each
 * key from the most specific file in the language's chain that has it, then
 * `overrides` (a content file's own `labels`) on top.
 */
export function messages(language = 'en', templateDir = join(BUILTIN_TEMPLATES_DIR, DEFAULT_TEMPLATE), overrides?: Labels): Labels {
  const out: Labels = {};
  const chain = languageChain(language);
  for (let i = chain.length - 1; i >= 0; i--) Object.assign(out, readLocale(join(templateDir, 'locales', `${chain[i]}.yaml`)));
  if (overrides) Object.assign(out, overrides);
  return out;
}

/** A label with its `{name}` placeholders filled; a placeholder with no value stays as written. */
export function fillLabel(label: string, values: Record<string, unknown>): string {
  return label.replace(/\{(\w+)\}/g, (m, name: string) => (values[name] === undefined || values[name] === null ? m : String(values[name])));
}

/** Uppercase as the language does it (Turkish dotted İ); scripts without case are left as they are. */
export function upper(text: string, language: string): string {
  try {
    return text.toLocaleUpperCase(language);
  } catch {
    return text.toUpperCase();
  }
}
