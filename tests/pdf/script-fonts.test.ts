/**
 * Fonts beyond the main one: fallback runs that keep their styles, font
 * collections, fonts from the user's own npm packages, and fonts read only
 * when a briefing needs them.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBriefing, checkBriefing, TemplateError } from '../../src/index.js';
import { fixture, minimalYaml } from '../helpers/content.js';
import { parsePdf, squash } from '../helpers/pdf.js';

const fontName = (f: string) => f.replace(/^[A-Z]{6}\+/, '');

describe('a fallback-font run inside styled text', () => {
  it('keeps the bold and the link of the run it is part of (Thai in bold, Thai in a link)', async () => {
    const { pdf, warnings } = await buildBriefing({ path: fixture('fallback-styles/briefing.yaml') });
    expect(warnings).toEqual([]);
    const parsed = await parsePdf(pdf);
    const runsWith = (s: string) => parsed.runs.filter((r) => r.text.includes(s));
    const fontsOf = (s: string) => [...new Set(runsWith(s).map((r) => fontName(r.font)))];
    expect(fontsOf('กรุงเทพมหานคร')).toEqual(['NotoSansThai-SemiBold']);
    expect(fontsOf('Bangkok (')).toEqual(['NotoSans-SemiBold']);
    expect(fontsOf('on Monday')).toEqual(['NotoSans-SemiBold']);
    // The link covers the Thai words as well as the Latin ones around them: one annotation a piece, all to the same address.
    const thai = runsWith('แถลงการณ์ร่วม')[0]!;
    expect(fontName(thai.font)).toBe('NotoSansThai-Regular');
    const links = parsed.links.filter((l) => l.url === 'https://example.org/statement');
    expect(links.length).toBeGreaterThanOrEqual(3);
    expect(squash(parsed.text)).toContain(squash('the joint statement แถลงการณ์ร่วม in full'));
  });
});

describe('font collections (.ttc)', () => {
  const content = { content: minimalYaml(), file: 'minimal.yaml' };

  it('take the face named after "#", by PostScript or full name', async () => {
    const result = await buildBriefing(content, { template: fixture('templates/collection') });
    const parsed = await parsePdf(result.pdf);
    expect(parsed.pages).toBe(1);
    const fonts = new Set(parsed.runs.map((r) => fontName(r.font)));
    expect(fonts).toEqual(new Set(['NotoSans-Regular', 'NotoSans-SemiBold']));
  });

  it('without a face name, say which faces the file has', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefing-ttc-'));
    try {
      cpSync(fixture('templates/collection'), dir, { recursive: true });
      writeFileSync(
        join(dir, 'theme.yaml'),
        'page: { size: A4, margins: [40, 40, 40, 40] }\nfonts:\n  NotoSans: { normal: fonts/NotoSansPair.ttc, bold: fonts/NotoSansPair.ttc, italics: fonts/NotoSansPair.ttc, bolditalics: fonts/NotoSansPair.ttc }\n',
      );
      const err = await buildBriefing(content, { template: dir }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TemplateError);
      expect((err as TemplateError).message).toContain('is a font collection');
      expect((err as TemplateError).hint).toContain('NotoSans-Regular');
      expect((err as TemplateError).hint).toContain('NotoSans-SemiBold');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('npm: font paths in a user’s template', () => {
  const project = mkdtempSync(join(tmpdir(), 'briefing-project-'));
  afterAll(() => rmSync(project, { recursive: true, force: true }));
  const template = join(project, 'templates', 'house');
  mkdirSync(join(project, 'node_modules', '@acme', 'house-fonts'), { recursive: true });
  mkdirSync(template, { recursive: true });
  cpSync(
    join(fixture(''), '..', '..', 'node_modules', '@expo-google-fonts', 'noto-sans', '400Regular', 'NotoSans_400Regular.ttf'),
    join(project, 'node_modules', '@acme', 'house-fonts', 'House-Regular.ttf'),
  );
  writeFileSync(
    join(project, 'node_modules', '@acme', 'house-fonts', 'package.json'),
    '{ "name": "@acme/house-fonts", "version": "1.0.0" }',
  );
  cpSync(fixture('templates/custom-minimal/document.hbs'), join(template, 'document.hbs'));
  const theme = (file: string) =>
    `page: { size: A4, margins: [40, 40, 40, 40] }\nfonts:\n  NotoSans: { normal: "${file}", bold: "${file}", italics: "${file}", bolditalics: "${file}" }\n`;
  const content = { content: minimalYaml(), file: 'minimal.yaml' };

  it('are found in the node_modules folders from the template’s folder upwards', async () => {
    writeFileSync(join(template, 'theme.yaml'), theme('npm:@acme/house-fonts/House-Regular.ttf'));
    const result = await buildBriefing(content, { template });
    expect(result.pages).toBe(1);
  });

  it('that cannot be found say what was looked for, where, and what to install', async () => {
    writeFileSync(join(template, 'theme.yaml'), theme('npm:@acme/other-fonts/Other.ttf'));
    const err = await buildBriefing(content, { template }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TemplateError);
    const e = err as TemplateError;
    expect(e.message).toContain('node_modules/@acme/other-fonts/Other.ttf');
    expect(e.message).toContain(template);
    expect(e.hint).toContain('npm install @acme/other-fonts');
  });
});

describe('characters no font can show', () => {
  it('are reported by validate as by build, once per character and field, with the code point and path', async () => {
    const content = {
      content: minimalYaml({ headline: 'Rally 🚀 and 🚀 again', bluf: 'Up 🚀 today' }),
      file: 'tofu.yaml',
    };
    const { warnings } = await checkBriefing(content);
    expect(warnings.map((w) => [w.path, w.message.slice(0, 12)])).toEqual([
      ['headline', 'U+1F680 "🚀"'],
      ['bluf', 'U+1F680 "🚀"'],
    ]);
    await expect(checkBriefing(content, { strict: true })).rejects.toThrow(/U\+1F680/);
  });

  it('outside the commonly used Chinese characters the template ships, say which package to install', async () => {
    // 𠀀 is in no Noto Sans SC subset (nor in the full font); 龘 is in the full Noto Sans SC but not in the subset.
    const content = { content: minimalYaml({ language: 'zh-Hans', headline: '龘' }), file: 'rare.yaml' };
    const { warnings } = await checkBriefing(content);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toContain('npm install @expo-google-fonts/noto-sans-sc');
  });
});
