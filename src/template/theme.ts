/** theme.yaml: what a template's theme must hold (page, fonts, fallbacks, fitting floors); anything else it holds is the template's own. */
import { z } from 'zod';
import { PAPER_NAMES, paperName } from '../pdf/paper.js';

const FontFileSchema = z.string().min(1);
const FontFamilySchema = z.strictObject({
  normal: FontFileSchema,
  bold: FontFileSchema,
  italics: FontFileSchema,
  bolditalics: FontFileSchema,
  optional: z.boolean().optional().describe('a font the user may add: left out, not an error, while its package is not installed'),
});
export const ThemeSchema = z
  .object({
    page: z
      .strictObject({
        // A4 or Letter, in any case (LETTER, letter).
        size: z.preprocess((v) => (typeof v === 'string' ? (paperName(v) ?? v) : v), z.enum(PAPER_NAMES)).default('A4'),
        margins: z.tuple([z.number(), z.number(), z.number(), z.number()]).describe('left, top, right, bottom in points'),
      })
      .describe('Page geometry'),
    fonts: z.record(z.string(), FontFamilySchema),
    fallbacks: z.array(z.string()).default([]).describe('font families tried, in order, for characters the main font lacks'),
    languageFonts: z
      .record(z.string(), z.array(z.string()))
      .default({})
      .describe('by language tag (zh-Hans, ja…): font families tried before `fallbacks`, e.g. the face of Han characters in that language'),
    languageLeading: z
      .record(z.string(), z.number().gt(0).max(4))
      .default({})
      .describe("by language tag: every line height of the template multiplied by this (Urdu's Nastaliq has a line box of 2.5 em)"),
    fit: z
      .strictObject({
        minSpacing: z.number().gt(0).max(1).default(0.5),
        minTypeScale: z.number().gt(0).max(1).default(0.85),
      })
      .default({ minSpacing: 0.5, minTypeScale: 0.85 }),
    placement: z
      .strictObject({
        movable: z.array(z.enum(['keyFacts', 'timeline', 'quotes', 'sections', 'charts'])).default([]),
        sideWidth: z
          .tuple([z.number().positive(), z.number().positive()])
          .optional()
          .describe('narrowest and widest side column, in points, placement may choose to balance the columns'),
      })
      .optional()
      .describe('blocks the fitter may move between the main and side columns (see placement.ts)'),
  })
  .loose();

export type Theme = z.output<typeof ThemeSchema> & Record<string, unknown>;
