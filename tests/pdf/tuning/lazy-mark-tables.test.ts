import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { markTablesDecodedWhenRead } from '../../../src/pdf/tuning/lazy-mark-tables.js';
import { withTuning } from '../../../src/pdf/tuning/registry.js';

// The lazy-mark-tables replacement (src/pdf/tuning/lazy-mark-tables.ts): a GPOS mark-attachment subtable's anchors
// are decoded when a mark is placed, not when the shaper first meets the lookup. Each case parses the font afresh:
// decoded tables are kept by the parsed font, so a font shaped once says nothing about the next way of decoding.

const NOTO = fileURLToPath(
  new URL('../../../node_modules/@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf', import.meta.url),
);
const bytes = readFileSync(NOTO);

interface Shaped {
  glyphs: { id: number }[];
  positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[];
}
/** What is read here of a parsed font. */
interface Font {
  layout(text: string): Shaped;
  GPOS: { lookupList: GposLookups };
}
/** restructure's LazyArray: `items` holds the lookups decoded so far. */
interface GposLookups {
  items: ({ lookupType: number; subTables: Record<string, unknown>[] } | undefined)[];
}

const freshFont = (): Font => markTablesDecodedWhenRead(fontkit.create(bytes) as fontkit.Font) as unknown as Font;

/** The mark-to-base subtables the shaper has decoded so far (type 9 lookups hold others, left out). */
const markToBase = (font: Font): Record<string, unknown>[] =>
  font.GPOS.lookupList.items.flatMap((lookup) => (lookup?.lookupType === 4 ? lookup.subTables : []));
const undecoded = (subtable: object, field: string) => Object.getOwnPropertyDescriptor(subtable, field)?.get !== undefined;

function shape(text: string): { font: Font; run: Shaped } {
  const font = freshFont();
  return { font, run: font.layout(text) };
}

describe('GPOS mark tables decoded when a mark is placed', () => {
  it('leaves the anchors of every mark-to-base subtable undecoded while the text has no mark', () => {
    const { font } = shape('Plain Latin words, no marks');
    const subtables = markToBase(font);
    expect(subtables.length).toBeGreaterThan(0);
    for (const s of subtables) for (const field of ['baseCoverage', 'markArray', 'baseArray']) expect(undecoded(s, field)).toBe(true);
  });

  it('decodes them whole while switched off, as fontkit does', async () => {
    const { font } = await withTuning({ off: ['lazy-mark-tables'] }, () => shape('Plain Latin words, no marks'));
    const subtables = markToBase(font);
    expect(subtables.length).toBeGreaterThan(0);
    for (const s of subtables) expect(undecoded(s, 'markArray')).toBe(false);
  });

  it('places combining marks exactly where fontkit places them', async () => {
    // Base letters with no precomposed form for the mark, so the marks are positioned by GPOS, not by ccmp.
    const text = 'q\u0303 x\u0327 \u04d1\u0308 b\u0323\u0301 \u1f00\u0345';
    const stock = await withTuning({ off: ['lazy-mark-tables'] }, () => shape(text).run);
    const ours = shape(text).run;
    expect(ours.glyphs.map((g) => g.id)).toEqual(stock.glyphs.map((g) => g.id));
    expect(ours.positions).toEqual(stock.positions);
    // The marks moved: the anchors were read, not skipped.
    expect(ours.positions.some((p) => p.xOffset !== 0 || p.yOffset !== 0)).toBe(true);
  });
});
