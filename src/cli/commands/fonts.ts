/**
 * `briefing fonts`: the font families a template uses and the writing
 * systems each can show, read from each font's character map (fontkit),
 * opened only when this command runs.
 */
import type { Argv } from 'yargs';
import { EXIT } from '../../errors.js';
import { DEFAULT_TEMPLATE } from '../../template/find.js';
import { colorsFor } from '../io.js';
import type { Command } from './command.js';

/**
 * Letters each script needs, common ones: a font covers a script when it has
 * them all. Escaped: the CLI's bundle, and the startup snapshot made from it,
 * stay Latin-1 (V8 keeps other source at twice the size).
 */
const SCRIPTS: readonly (readonly [string, string])[] = [
  ['Latin', 'AZaz'],
  ['Latin accents', '\u00e9\u00e8\u00e7\u00f1\u00f8\u00e5\u00df\u0142\u0151'], // éèçñøåßłő
  ['Vietnamese', '\u1ea1\u1eb7\u1ec1\u1eef'], // ạặềữ
  ['Greek', '\u0391\u03a9\u03b1\u03c9'], // ΑΩαω
  ['Cyrillic', '\u0410\u042f\u0430\u044f\u0451\u0457'], // АЯаяёї
  ['Armenian', '\u0531\u0561\u0586'], // Աաֆ
  ['Georgian', '\u10d0\u10d1\u10f0'], // აბჰ
  ['Hebrew', '\u05d0\u05d1\u05d2\u05ea'], // אבגת
  ['Arabic', '\u0627\u0628\u062a\u064a\u0621'], // ابتيء
  ['Devanagari', '\u0905\u0915\u0915\u094d\u0937\u0939'], // अकक्षह
  ['Bengali', '\u0985\u0995\u09b9'], // অকহ
  ['Tamil', '\u0b85\u0b95\u0bb9'], // அகஹ
  ['Thai', '\u0e01\u0e02\u0e2e'], // กขฮ
  // Simplified and Traditional apart: a Simplified Chinese font lacks 國, a Traditional one 国.
  ['Chinese (Simplified)', '\u4e2d\u6587\u6c49\u56fd'], // 中文汉国
  ['Chinese (Traditional)', '\u4e2d\u6587\u6f22\u570b'], // 中文漢國
  ['Japanese kana', '\u3042\u3044\u30a2\u30a4'], // あいアイ
  ['Korean (Hangul)', '\uac00\ud55c\uae00'], // 가한글
];

export const fonts: Command = {
  command: 'fonts',
  describe: 'List the font families of a template and the scripts each covers',
  builder: (y: Argv) =>
    y
      .option('template', {
        alias: 't',
        type: 'string',
        describe: `built-in template name or folder (default: the config's, else ${DEFAULT_TEMPLATE})`,
      })
      .option('json', { type: 'boolean', default: false, describe: 'print JSON on stdout' }),
  async run(args, io) {
    const c = colorsFor(io);
    const [{ loadTemplate }, { loadFont }, { resolveSettings }, { runSettings }] = await Promise.all([
      import('../../template/compile.js'),
      import('../../pdf/fonts.js'),
      import('../../config/resolve.js'),
      import('../settings.js'),
    ]);
    // The template a build here would use: -t, else the config's (the same trusted config build would read).
    const template0 = args.template as string | undefined;
    const { config } = template0 === undefined ? await runSettings({}, io).forDir(io.cwd) : { config: undefined };
    const name = resolveSettings({ template: template0, cwd: io.cwd }, config).template ?? DEFAULT_TEMPLATE;
    const template = loadTemplate(name, io.cwd);
    const fallbacks = template.theme.fallbacks;
    const rows = Object.entries(template.fonts).map(([family, faces]) => {
      const font = loadFont(faces.normal);
      const covers = SCRIPTS.filter(([, letters]) => [...letters].every((ch) => font.hasGlyphForCodePoint(ch.codePointAt(0)!))).map(
        ([name]) => name,
      );
      const role = fallbacks.includes(family) ? `fallback ${fallbacks.indexOf(family) + 1}` : 'main';
      return {
        family,
        role,
        glyphs: (font as unknown as { characterSet: number[] }).characterSet.length,
        scripts: covers,
        file: faces.normal,
      };
    });
    if (args.json) {
      io.stdout.write(`${JSON.stringify({ template: template.name, fonts: rows }, null, 2)}\n`);
      return EXIT.ok;
    }
    const width = Math.max(...rows.map((r) => r.family.length));
    io.stdout.write(`Fonts of the "${template.name}" template (${template.dir}):\n`);
    for (const r of rows)
      io.stdout.write(
        `  ${r.family.padEnd(width)}  ${c.dim(`${r.role.padEnd(10)}`)}  ${r.scripts.join(', ') || '(none of the scripts checked)'}\n`,
      );
    io.stdout.write(c.dim('Characters no font covers print as empty boxes; `briefing validate` names the fields that have them.\n'));
    return EXIT.ok;
  },
};
