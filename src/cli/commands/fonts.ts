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

/** Letters each script needs, common ones: a font covers a script when it has them all. */
const SCRIPTS: readonly (readonly [string, string])[] = [
  ['Latin', 'AZaz'],
  ['Latin accents', 'éèçñøåßłő'],
  ['Vietnamese', 'ạặềữ'],
  ['Greek', 'ΑΩαω'],
  ['Cyrillic', 'АЯаяёї'],
  ['Armenian', 'Աաֆ'],
  ['Georgian', 'აბჰ'],
  ['Hebrew', 'אבגת'],
  ['Arabic', 'ابتيء'],
  ['Devanagari', 'अकक्षह'],
  ['Bengali', 'অকহ'],
  ['Tamil', 'அகஹ'],
  ['Thai', 'กขฮ'],
  ['Chinese (Han)', '中文字國'],
  ['Japanese kana', 'あいアイ'],
  ['Korean (Hangul)', '가한글'],
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
    const [{ loadTemplate }, { loadFont }, { findConfigFile, loadConfig, resolveSettings }] = await Promise.all([
      import('../../template/compile.js'),
      import('../../pdf/fonts.js'),
      import('../../config/resolve.js'),
    ]);
    // The template a build here would use: -t, else the nearest config file's.
    const configFile = args.template === undefined ? await findConfigFile(io.cwd) : undefined;
    const config = configFile ? await loadConfig(configFile, io.cwd) : undefined;
    const name = resolveSettings({ template: args.template as string | undefined, cwd: io.cwd }, config).template ?? DEFAULT_TEMPLATE;
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
