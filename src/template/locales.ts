/**
 * The fixed words a template prints ("Bottom line", "Sources", "Page 1 of
 * 2"…), in the briefing's language. They live beside the template, one file
 * per language (`locales/<tag>.yaml`); a language takes what its own file
 * lacks from the next one in its chain: zh-Hant-TW, then zh-Hant, then zh,
 * then English.
 */
import { lstatSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { BUILTIN_TEMPLATES_DIR, DEFAULT_TEMPLATE } from './find.js';
import { TemplateError } from '../errors.js';
import { readBoundedText } from './files.js';

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
  // Citations and judgements (pipeline/judgement-view.ts fills these).
  'citation',
  'confidence',
  'confidence_high',
  'confidence_moderate',
  'confidence_low',
  'likelihood',
  'likelihood_range',
  'likelihood_almost_no_chance',
  'likelihood_very_unlikely',
  'likelihood_unlikely',
  'likelihood_roughly_even_chance',
  'likelihood_likely',
  'likelihood_very_likely',
  'likelihood_almost_certain',
  // Charts (src/charts): the kinds and patterns of a chart's alternative text, its source line.
  'chart_column',
  'chart_bar',
  'chart_line',
  'chart_sparklines',
  'chart_alt',
  'chart_series',
  'chart_percent',
  'chart_source',
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
// Aran: Arabic in its Nastaliq style (ISO 15924), as in ur-Aran.
const RTL_SCRIPTS = new Set(['Arab', 'Aran', 'Hebr', 'Thaa', 'Syrc', 'Nkoo', 'Adlm', 'Rohg']);

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

/**
 * One locale file, read like every other template file (files/read.ts): the
 * content chooses which one through `language:`, so a link out of the
 * template, a named pipe or a huge file there is refused, never read.
 */
function readLocale(file: string, root: string, shown: string): Labels | undefined {
  try {
    lstatSync(file);
  } catch {
    return undefined; // No file for this language: the next one in the chain has the words.
  }
  const text = readBoundedText(file, shown, undefined, root);
  const known = parsed.get(file);
  if (known && known.text === text) return known.labels;
  let data: unknown;
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { prettyErrors: false });
  if (doc.errors.length > 0) throw new TemplateError(`YAML syntax: ${doc.errors[0]!.message.split('\n')[0]}`, { file });
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch {
    // yaml refuses an alias that expands too far (a "billion laughs" file) with a ReferenceError.
    throw new TemplateError('YAML aliases (*name) expand to too much data', { file }, 'write each label out in full');
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
  const root = realpathSync(templateDir);
  for (let i = chain.length - 1; i >= 0; i--) {
    Object.assign(out, readLocale(join(templateDir, 'locales', `${chain[i]}.yaml`), root, `locales/${chain[i]}.yaml`));
  }
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
