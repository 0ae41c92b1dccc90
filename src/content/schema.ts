/**
 * The content format: the structured facts of one article. Defined once, here;
 * the TypeScript types, the validator and `schema/briefing.schema.json` (for
 * editors) are all derived from it.
 *
 * Fields documented as "Markdown" accept light inline Markdown (bold, italic,
 * links, inline code); section bodies also accept bullet and numbered lists.
 * Every other text field is shown exactly as written.
 */
import { z } from 'zod';

const text = (what: string) =>
  z
    .string({ error: (iss) => (iss.input === undefined ? `${what} is required` : `expected text (${what})`) })
    .trim()
    .min(1, { error: `${what} must not be empty` });

const markdown = (what: string) => text(what).describe(`${what} (light Markdown)`);

/** Items the fitter may leave out when nothing else makes the page fit. */
const optionality = {
  optional: z.boolean().optional().describe('May be left out, with a notice, if the briefing does not fit on one page otherwise.'),
  priority: z.number().int().min(0).max(100).optional().describe('Among optional items, lower priority is left out first (default 50).'),
};

const isoDate = z
  .string({ error: 'expected a date as YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a date as YYYY-MM-DD, e.g. 2025-12-01', abort: true })
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
    error: 'is not a real calendar date',
  });

const httpUrl = z
  .string({ error: 'expected a web address' })
  .trim()
  .refine((s) => /^(https?:\/\/[^\s]+|mailto:[^\s]+)$/i.test(s), {
    error: 'expected an http(s) or mailto address, e.g. https://example.org/report',
  });

export const SectionSchema = z
  .strictObject({
    heading: text('section heading'),
    body: markdown('section body'),
    ...optionality,
  })
  .describe('A body section: a heading and Markdown text (paragraphs and lists).');

export const FactRowSchema = z.strictObject({
  label: text('fact label'),
  value: markdown('fact value'),
});

export const KeyFactsSchema = z
  .strictObject({
    title: text('box title'),
    rows: z.array(FactRowSchema).min(1, { error: 'a key-facts box needs at least one row' }),
    ...optionality,
  })
  .describe('A key-facts box: a title and label/value rows, set as a shaded panel that never splits.');

export const TimelineEntrySchema = z.strictObject({
  date: text('timeline date').describe('As it should read, e.g. "18 Feb 2025" or "Dec 2025".'),
  event: markdown('timeline event'),
  ...optionality,
});

export const QuoteSchema = z.strictObject({
  text: text('quote text').describe('The quoted words, without surrounding quotation marks.'),
  attribution: text('quote attribution'),
  ...optionality,
});

export const SourceSchema = z.strictObject({
  publisher: text('source publisher'),
  title: text('source title'),
  url: httpUrl.optional().describe('Clickable in the PDF: http(s) or mailto only.'),
  date: z.string().trim().min(1).optional().describe('Publication date, as it should read.'),
});

export const BriefingSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Path to this JSON Schema, for editors.'),
    headline: text('headline'),
    standfirst: markdown('standfirst'),
    bluf: markdown('bottom line up front').describe('Bottom line up front: one or two sentences a reader can act on.'),
    date: isoDate.describe('The date the briefing is current as of (YYYY-MM-DD); also pins the PDF creation date.'),
    reference: text('reference').describe('The briefing reference, e.g. BRF-2025-031.'),
    marking: text('handling marking').describe('Handling marking shown top and bottom, e.g. TLP:CLEAR.'),
    organisation: text('organisation').describe('Who issues the briefing; shown in the masthead and as PDF author.'),
    product: text('product name').optional().describe('Product line in the masthead, e.g. "Defence Briefing".'),
    author: text('author').optional(),
    language: z
      .string()
      .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, { error: 'expected a language tag such as en or en-GB' })
      .optional()
      .describe('BCP 47 language tag of the text; default en.'),
    tags: z.array(text('tag')).optional().describe('Keywords, written into the PDF metadata.'),
    labels: z
      .record(z.string().regex(/^[a-z_]+$/, { error: 'label names are lower case with underscores, e.g. bottom_line' }), z.string())
      .optional()
      .describe(
        "The template's fixed words for this briefing, over its language's: e.g. bottom_line, timeline, sources, reference ({reference}), as_of ({date}), page_of ({n}, {N}).",
      ),
    sections: z.array(SectionSchema).min(1, { error: 'a briefing needs at least one section' }),
    keyFacts: z.array(KeyFactsSchema).default([]),
    timeline: z.array(TimelineEntrySchema).default([]),
    quotes: z.array(QuoteSchema).default([]),
    sources: z.array(SourceSchema).default([]),
  })
  .describe('briefing: the structured facts of one article, for a one-page PDF briefing.');

export type Briefing = z.output<typeof BriefingSchema>;
export type BriefingInput = z.input<typeof BriefingSchema>;
export type Section = z.output<typeof SectionSchema>;
export type KeyFacts = z.output<typeof KeyFactsSchema>;
export type TimelineEntry = z.output<typeof TimelineEntrySchema>;
export type Quote = z.output<typeof QuoteSchema>;
export type Source = z.output<typeof SourceSchema>;

/** The JSON Schema for editors (`schema/briefing.schema.json` is this, written out at build time). */
export function briefingJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(BriefingSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...schema, $id: 'https://briefing.invalid/schema/briefing.schema.json', title: 'briefing content file' };
}
