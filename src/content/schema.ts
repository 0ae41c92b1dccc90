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
import { about, optionality } from './optionality.js';
import { markingJsonSchema } from './markings.js';
import { CONFIDENCE_LEVELS, LIKELIHOODS, SOURCE_KEY } from './scales.js';
import { BoxChartSchema, ChartSchema } from '../charts/model.js';

const text = (what: string) =>
  z
    .string({ error: (iss) => (iss.input === undefined ? `${what} is required` : `expected text (${what})`) })
    .trim()
    .min(1, { error: `${what} must not be empty` });

const markdown = (what: string) => text(what);

const MD =
  ' Light Markdown: **bold**, *italic*, [links](https://example.org), [a span in another language]{lang=ru}; cite a source with [@id] (pandoc syntax).';

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

/** How sure the desk is of a judgement (ICD 203 confidence), and how likely it judges the outcome (the ICD 203 scale). */
const judgement = {
  confidence: z
    .enum(CONFIDENCE_LEVELS, { error: `expected one of: ${CONFIDENCE_LEVELS.join(', ')}` })
    .optional()
    .meta(about('The desk\'s confidence in this judgement, shown as a labelled marker ("Confidence: moderate").', 'moderate')),
  likelihood: z
    .enum(LIKELIHOODS, { error: `expected one of: ${LIKELIHOODS.join(', ')}` })
    .optional()
    .meta(
      about(
        'How likely the desk judges it, on the ICD 203 scale: almost no chance (1–5%), very unlikely (5–20%), unlikely (20–45%), roughly even chance (45–55%), likely (55–80%), very likely (80–95%), almost certain (95–99%).',
        'likely',
      ),
    ),
};

/** `source: tass` or `source: [tass, duma]`: the sources a row or entry draws on, by id or number. */
const sourceRef = z
  .union([z.string().trim().min(1), z.number().int().min(1)], { error: 'expected a source id (such as tass) or number' })
  .transform(String);
const cites = {
  source: z
    .union([sourceRef, z.array(sourceRef).min(1, { error: 'list at least one source' })], {
      error: 'expected a source id (such as tass), its number, or a list of them',
    })
    .optional()
    .meta(
      about('The source(s) this draws on, by `id` or number in `sources`; shown as a linked superscript number.', 'tass', ['tass', 'duma']),
    ),
};

export const SectionSchema = z
  .strictObject({
    heading: text('section heading').meta(about('The section heading, short; set in small capitals.', 'What happened', 'What to watch')),
    body: markdown('section body').meta(
      about(
        `The section text: paragraphs separated by a blank line, and bullet or numbered lists.${MD}`,
        'The Duma is set to ratify **RELOS** before the visit.',
      ),
    ),
    ...judgement,
    ...optionality,
  })
  .describe('A body section: a heading and Markdown text (paragraphs and lists).');

export const FactRowSchema = z
  .strictObject({
    label: text('fact label').meta(about('The row label, a word or two.', 'Signed', 'Duration')),
    value: markdown('fact value').meta(about(`The fact itself.${MD}`, '18 February 2025, Moscow', '5 years, renewable')),
    ...cites,
  })
  .describe('One row of a key-facts box: a label and its value.');

export const KeyFactsSchema = z
  .strictObject({
    title: text('box title').meta(about('The box title.', 'The agreement')),
    rows: z
      .array(FactRowSchema)
      .min(1, { error: 'a key-facts box needs at least one row' })
      .describe('The label/value rows of the box, in order; at least one.'),
    chart: BoxChartSchema.optional(),
    ...optionality,
  })
  .describe('A key-facts box: a title and label/value rows, set as a shaded panel that never splits.');

export const TimelineEntrySchema = z
  .strictObject({
    date: text('timeline date').meta(about('The date as it should read.', '18 Feb 2025', 'Dec 2025')),
    event: markdown('timeline event').meta(about(`What happened on that date.${MD}`, 'RELOS signed in Moscow')),
    ...cites,
    ...optionality,
  })
  .describe('One dated event of the timeline.');

export const QuoteSchema = z
  .strictObject({
    text: text('quote text').meta(
      about('The quoted words, without surrounding quotation marks.', 'We will ratify the agreement this week.'),
    ),
    attribution: text('quote attribution').meta(about('Who said it, and where.', 'TASS, quoting the document submitted to the State Duma')),
    ...cites,
    ...optionality,
  })
  .describe('A pull quote with its attribution.');

export const SourceSchema = z
  .strictObject({
    id: z
      .string({ error: 'expected a short name for the source, such as tass' })
      .regex(SOURCE_KEY, { error: 'expected a short name of letters, digits and _ - . : (not only digits), such as tass or duma-db' })
      .optional()
      .meta(
        about(
          'A short name to cite this source by: `[@tass]` in any Markdown field, `source: tass` on a row. Without one, cite it by number: `[@2]`.',
          'tass',
        ),
      ),
    publisher: text('source publisher').meta(about('Who published the source.', 'TASS', 'Reuters')),
    title: text('source title').meta(about('The title of the article or document.', 'Report on the submission to the Duma')),
    url: httpUrl.optional().meta(about('Clickable in the PDF: http(s) or mailto only.', 'https://example.org/report')),
    date: z.string().trim().min(1).optional().meta(about('Publication date, as it should read.', '1 Dec 2025')),
  })
  .describe('A source the briefing draws on, listed at the foot of the page.');

const MARKINGS = 'TLP:CLEAR, TLP:GREEN, TLP:AMBER, TLP:AMBER+STRICT, TLP:RED';

export const BriefingSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Path or URL of this JSON Schema, for editors.'),
    headline: text('headline').meta(
      about('The news in one line, as a reader would say it.', 'Russia moves to ratify its military logistics pact with India'),
    ),
    standfirst: markdown('standfirst').meta(about(`One or two sentences of context under the headline.${MD}`)),
    bluf: z
      .union(
        [
          markdown('bottom line up front'),
          z
            .strictObject({
              text: markdown('bottom line up front').meta(
                about(`The bottom line itself.${MD}`, 'The Duma is likely to ratify RELOS before the visit [@tass].'),
              ),
              ...judgement,
            })
            .describe("The bottom line with the desk's confidence and likelihood."),
        ],
        { error: 'expected the bottom line as text, or as a mapping of text, confidence and likelihood' },
      )
      .meta(
        about(
          `Bottom line up front: one or two sentences a reader can act on.${MD} Cite sources with [@id]. To state the desk's confidence, write it as a mapping: text, confidence, likelihood.`,
          'The Duma is set to ratify RELOS before the visit [@tass].',
          { text: 'The Duma is set to ratify RELOS before the visit [@tass].', confidence: 'moderate', likelihood: 'very likely' },
        ),
      ),
    date: isoDate.meta(about('The date the briefing is current as of (YYYY-MM-DD); also pins the PDF creation date.', '2025-12-01')),
    reference: text('reference').meta(about('The briefing reference; it also names the PDF.', 'DSB-2025-047')),
    marking: text('handling marking').meta(
      about(
        `Handling marking shown top and bottom: ${MARKINGS}, or one listed under \`markings\` in briefing.config.yaml. Required here or in the config file.`,
        'TLP:CLEAR',
        'TLP:AMBER',
      ),
    ),
    organisation: text('organisation').meta(
      about(
        'Who issues the briefing; shown in the masthead and as PDF author. Required here or in briefing.config.yaml.',
        'Open Source Defence Desk',
      ),
    ),
    product: text('product name').optional().meta(about('Product line in the masthead.', 'Defence & Security Briefing')),
    author: text('author').optional().meta(about('The author, written into the PDF metadata.', 'A. Analyst')),
    language: z
      .string()
      .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, { error: 'expected a language tag such as en or en-GB' })
      .optional()
      .meta(about('BCP 47 language tag of the text; default en.', 'en-GB', 'fr')),
    tags: z
      .array(text('tag').describe('A keyword.'))
      .optional()
      .meta(about('Keywords, written into the PDF metadata.', ['India', 'Russia'])),
    labels: z
      .record(
        z
          .string()
          .regex(/^[a-z_]+$/, { error: 'label names are lower case with underscores, e.g. bottom_line' })
          .describe('A label name.'),
        z.string().describe('The words to print.'),
      )
      .optional()
      .meta(
        about(
          "The template's fixed words for this briefing, over its language's: e.g. bottom_line, timeline, sources, reference ({reference}), as_of ({date}), page_of ({n}, {N}).",
          { bottom_line: 'Key judgement' },
        ),
      ),
    sections: z
      .array(SectionSchema)
      .min(1, { error: 'a briefing needs at least one section' })
      .describe('The main column, in order: at least one section.'),
    keyFacts: z.array(KeyFactsSchema).default([]).describe('Shaded key-facts boxes in the side column.'),
    timeline: z.array(TimelineEntrySchema).default([]).describe('Dated events, in the order they should read, in the side column.'),
    quotes: z.array(QuoteSchema).default([]).describe('Pull quotes, in the side column.'),
    charts: z.array(ChartSchema).default([]).describe('Charts drawn from the numbers, in the side column after the key-facts boxes.'),
    sources: z.array(SourceSchema).default([]).describe('Sources, listed at the foot of the page.'),
  })
  .describe('briefing: the structured facts of one article, for a one-page PDF briefing.');

export type Briefing = z.output<typeof BriefingSchema>;
export type BriefingInput = z.input<typeof BriefingSchema>;
export type Section = z.output<typeof SectionSchema>;
export type KeyFacts = z.output<typeof KeyFactsSchema>;
export type TimelineEntry = z.output<typeof TimelineEntrySchema>;
export type Quote = z.output<typeof QuoteSchema>;
export type Source = z.output<typeof SourceSchema>;
export type { Chart, BoxChart } from '../charts/model.js';

/** The JSON Schema for editors (`schema/briefing.schema.json` is this, written out at build time). */
/** `markings`: the names of the markings a config file adds, listed as the marking's choices (briefing schema in a desk's folder). */
export function briefingJsonSchema(markings: readonly string[] = []): Record<string, unknown> {
  // Organisation and marking may come from briefing.config.yaml: an editor cannot see that file, so it must not insist on them.
  const editable = BriefingSchema.partial({ organisation: true, marking: true }).describe(BriefingSchema.description!);
  const schema = z.toJSONSchema(editable, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const properties = schema.properties as Record<string, Record<string, unknown>>;
  properties.marking = markingJsonSchema(properties.marking!, markings);
  return { ...schema, $id: 'https://briefing.invalid/schema/briefing.schema.json', title: 'briefing content file' };
}
