/**
 * Fonts stored Brotli-compressed (`….br`): the built-in Chinese, Japanese and
 * Korean fonts ship so, and briefing decompresses them as it reads them
 * (pdf/fonts.ts, readFontBytes). Each still draws every character it drew,
 * and PDFs set with them read back in them; a damaged or oversized file is
 * refused with a message that names it.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildBriefing, TemplateError } from '../../src/index.js';
import { loadFont } from '../../src/pdf/fonts.js';
import { FONT_FILE_BYTES } from '../../src/template/files.js';
import { BUILTIN_TEMPLATES_DIR } from '../../src/template/find.js';
import { fixture } from '../helpers/content.js';
import { parsePdf } from '../helpers/pdf.js';

const FONTS = join(BUILTIN_TEMPLATES_DIR, 'briefing', 'fonts');
const theme = parse(readFileSync(join(BUILTIN_TEMPLATES_DIR, 'briefing', 'theme.yaml'), 'utf8')) as {
  fonts: Record<string, Record<string, string>>;
};

/** Every character a double-byte codec encodes with these lead and trail bytes (as scripts/subset-cjk.py computes them). */
function doubleByte(codec: string, lead: [number, number], trail: [number, number]): string[] {
  const decoder = new TextDecoder(codec, { fatal: true });
  const out: string[] = [];
  for (let a = lead[0]; a <= lead[1]; a++)
    for (let b = trail[0]; b <= trail[1]; b++) {
      try {
        const c = decoder.decode(new Uint8Array([a, b]));
        if (c.length === 1 && c.codePointAt(0)! > 0x7f && !/\p{Co}/u.test(c)) out.push(c); // private use: not in the standard
      } catch {
        /* not a character of the codec */
      }
    }
  return out;
}

/** KS X 1001 hanja that Noto Sans KR itself lacks (the uncompressed subsets lacked them too). */
const NOT_IN_SOURCE = ['\u9699'];

describe('the built-in CJK fonts, Brotli-compressed', () => {
  const files = readdirSync(FONTS).filter((f) => /\.(ttf|otf)/.test(f));

  it('are all stored compressed, and the theme names the compressed files', () => {
    expect(files.length).toBe(8);
    for (const f of files) expect(f).toMatch(/\.subset\.ttf\.br$/);
    const named = Object.values(theme.fonts).flatMap((faces) =>
      Object.values(faces).filter((v) => typeof v === 'string' && v.startsWith('fonts/')),
    );
    expect(new Set(named)).toEqual(new Set(files.map((f) => `fonts/${f}`)));
  });

  it('each decompresses to a TrueType font that loads', () => {
    for (const f of files) {
      const bytes = brotliDecompressSync(readFileSync(join(FONTS, f)));
      expect(bytes.readUInt32BE(0), f).toBe(0x00010000);
      const font = loadFont(join(FONTS, f));
      expect(font.hasGlyphForCodePoint(0x3002), f).toBe(true); // 。
    }
  });

  it('keep their character sets: every Hangul syllable and KS X 1001 hanja, JIS X 0208, GB 2312, Big5 level 1', () => {
    const ko = loadFont(join(FONTS, 'NotoSansKR-Regular.subset.ttf.br'));
    const syllables = Array.from({ length: 0xd7a4 - 0xac00 }, (_, i) => 0xac00 + i);
    expect(syllables.filter((cp) => !ko.hasGlyphForCodePoint(cp))).toEqual([]);
    const sets: [string, string[]][] = [
      ['NotoSansKR-SemiBold.subset.ttf.br', doubleByte('euc-kr', [0xca, 0xfd], [0xa1, 0xfe])], // hanja rows
      ['NotoSansJP-Regular.subset.ttf.br', doubleByte('euc-jp', [0xb0, 0xf4], [0xa1, 0xfe])], // JIS X 0208 kanji
      ['NotoSansSC-Regular.subset.ttf.br', doubleByte('gb18030', [0xb0, 0xf7], [0xa1, 0xfe])], // GB 2312 hanzi
      ['NotoSansTC-SemiBold.subset.ttf.br', doubleByte('big5', [0xa4, 0xc5], [0xa1, 0xfe])], // Big5 level 1 (most of it)
    ];
    for (const [file, chars] of sets) {
      const font = loadFont(join(FONTS, file));
      expect(chars.length, file).toBeGreaterThan(2000);
      // A CJK compatibility ideograph (a duplicate reading in KS X 1001) is drawn as its unified form.
      const has = (c: string) => [c, c.normalize('NFC')].some((x) => font.hasGlyphForCodePoint(x.codePointAt(0)!));
      expect(
        chars.filter((c) => !has(c) && !NOT_IN_SOURCE.includes(c)),
        file,
      ).toEqual([]);
    }
  });

  it.each(['ko', 'ja', 'zh-Hans', 'zh-Hant'])('set the %s fixture without a missing glyph, in the CJK face', async (tag) => {
    const { pdf, warnings } = await buildBriefing({ path: fixture(`languages/${tag}.yaml`) });
    expect(warnings).toEqual([]);
    const face = { ko: 'NotoSansKR', ja: 'NotoSansJP', 'zh-Hans': 'NotoSansSC', 'zh-Hant': 'NotoSansTC' }[tag]!;
    const { runs } = await parsePdf(pdf);
    expect(runs.some((r) => r.font.includes(`${face}-Regular`))).toBe(true);
    expect(runs.some((r) => r.font.includes(`${face}-SemiBold`))).toBe(true);
  });
});

describe('a compressed font that cannot be used', () => {
  const dir = mkdtempSync(join(tmpdir(), 'briefing-br-'));

  it('is refused when it does not decompress, naming the file', () => {
    const file = join(dir, 'damaged.ttf.br');
    writeFileSync(file, Buffer.from('not brotli at all, not a font either'));
    expect(() => loadFont(file)).toThrow(TemplateError);
    expect(() => loadFont(file)).toThrow(/damaged\.ttf\.br is a damaged Brotli-compressed font/);
  });

  it('is refused when it would decompress past the font size cap, without decompressing it all', () => {
    const file = join(dir, 'bomb.ttf.br');
    writeFileSync(file, brotliCompressSync(Buffer.alloc(FONT_FILE_BYTES + 1024)));
    expect(readFileSync(file).length).toBeLessThan(10_000);
    expect(() => loadFont(file)).toThrow(/bomb\.ttf\.br is a damaged Brotli-compressed font/);
  });

  it('is refused when it decompresses to something that is not a font', () => {
    const file = join(dir, 'text.ttf.br');
    writeFileSync(file, brotliCompressSync(Buffer.from('hello, this is text and not a font')));
    expect(() => loadFont(file)).toThrow(/is not a font file/);
  });
});
