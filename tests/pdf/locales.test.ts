import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { buildBriefing, checkBriefing } from '../../src/index.js';
import { mailContent } from '../../src/mail/message.js';
import { BUILTIN_TEMPLATES_DIR } from '../../src/template/find.js';
import { fillLabel, isRightToLeft, LABEL_KEYS, languageChain, messages, upper } from '../../src/template/locales.js';
import { minimalYaml } from '../helpers/content.js';
import { parsePdf, squash } from '../helpers/pdf.js';

const LOCALES = join(BUILTIN_TEMPLATES_DIR, 'briefing', 'locales');

describe('the built-in template’s words', () => {
  it('are in every language the template names, each file with every label', () => {
    const tags = readdirSync(LOCALES).map((f) => f.replace(/\.yaml$/, ''));
    for (const tag of [
      'en',
      'fr',
      'de',
      'es',
      'pt',
      'it',
      'ru',
      'uk',
      'pl',
      'tr',
      'ar',
      'fa',
      'ur',
      'he',
      'hi',
      'zh-Hans',
      'zh-Hant',
      'ja',
      'ko',
      'vi',
      'th',
    ])
      expect(tags).toContain(tag);
    for (const tag of tags) {
      const labels = parse(readFileSync(join(LOCALES, `${tag}.yaml`), 'utf8')) as Record<string, string>;
      expect(Object.keys(labels).sort(), tag).toEqual([...LABEL_KEYS].sort());
      expect(labels.page_of, tag).toMatch(/\{n\}.*\{N\}|\{N\}.*\{n\}/);
    }
  });

  it('come from the most specific language file, then its parents, then English', () => {
    expect(languageChain('zh-Hant-TW')).toEqual(['zh-Hant-TW', 'zh-Hant', 'zh-TW', 'zh', 'en']);
    expect(languageChain('zh-TW')).toContain('zh-Hant');
    expect(languageChain('zh-CN')).toContain('zh-Hans');
    expect(messages('zh-Hant-TW').bottom_line).toBe('重點');
    expect(messages('zh-HK').sources).toBe('資料來源');
    expect(messages('pt-BR').timeline).toBe('Cronologia');
    expect(messages('sw').bottom_line).toBe('Bottom line');
    expect(fillLabel(messages('de').page_of!, { n: 2, N: 3 })).toBe('Seite 2 von 3');
  });

  it('upper-case as the language does', () => {
    expect(upper('Zaman çizelgesi', 'tr')).toBe('ZAMAN ÇİZELGESİ');
    expect(upper('Zaman çizelgesi', 'en')).toBe('ZAMAN ÇIZELGESI');
    expect(upper('要点', 'zh-Hans')).toBe('要点');
  });

  it('know which languages are written right to left', () => {
    for (const tag of ['ar', 'fa', 'ur', 'he', 'ar-EG', 'fa-IR', 'ur-Aran']) expect(isRightToLeft(tag), tag).toBe(true);
    for (const tag of ['en', 'ru', 'zh-Hans', 'hi', 'tr']) expect(isRightToLeft(tag), tag).toBe(false);
  });

  it('are printed in the briefing’s language, and a content file may override one', async () => {
    const content = {
      content: minimalYaml({ language: 'tr', labels: { sources: 'Dayanaklar' }, sources: [{ publisher: 'AA', title: 'Haber' }] }),
      file: 'tr.yaml',
    };
    const text = squash((await parsePdf((await buildBriefing(content)).pdf)).text);
    expect(text).toContain('ÖZETLE');
    expect(text).toContain('DAYANAKLAR');
    expect(text).not.toContain('KAYNAKLAR');
    expect(text).not.toContain('BOTTOMLINE');
  });

  it('are the e-mail’s words too', async () => {
    const { briefing } = await checkBriefing({ content: minimalYaml({ language: 'fr' }), file: 'fr.yaml' });
    const { text } = mailContent(briefing, 'note.pdf');
    expect(text).toContain('L’ESSENTIEL');
    expect(text).toContain('Diffusion: TLP:GREEN');
    expect(text).toContain('La note complète est jointe au format PDF : note.pdf');
  });
});
