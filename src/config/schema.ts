/**
 * The config file, briefing.config.yaml (or .yml, .json): house defaults
 * for every content file in its folder and below, so that the organisation,
 * marking, template and logo are written once. Defined once, here; the JSON
 * Schema for editors (schema/briefing.config.schema.json) is derived from it.
 */
import { z } from 'zod';
import { paperName } from '../pdf/paper.js';
import { markingJsonSchema } from '../content/markings.js';

const text = (what: string) =>
  z
    .string({ error: `expected text (${what})` })
    .trim()
    .min(1, { error: `${what} must not be empty` });

const colour = z
  .string({ error: 'expected a colour as #rrggbb' })
  .regex(/^#[0-9a-fA-F]{6}$/, { error: 'expected a colour as #rrggbb, e.g. "#7a1f1f"' });

export const MarkingDefinitionSchema = z
  .strictObject({
    name: text('marking name').meta({
      description: 'The marking exactly as content files write it and the page shows it.',
      examples: ['RESTRICTED', 'OFFICIAL-SENSITIVE'],
    }),
    colour: colour.meta({ description: 'Colour of the marking bar, top and bottom of the page.', examples: ['#7a1f1f'] }),
    text: colour.optional().meta({
      description: 'Colour of the marking text; default: black or white, whichever reads better on the bar.',
      examples: ['#ffffff'],
    }),
  })
  .describe('A handling marking of a scheme other than TLP 2.0, allowed in content files once listed here.');

export const SmtpSchema = z
  .strictObject({
    host: text('SMTP host').meta({ description: 'Mail server to send briefings through.', examples: ['smtp.example.org'] }),
    port: z
      .number({ error: 'expected a port number' })
      .int()
      .min(1)
      .max(65535)
      .optional()
      .meta({ description: 'Server port; default 587, or 465 when `secure` is true.', examples: [587] }),
    secure: z
      .boolean({ error: 'expected true or false' })
      .optional()
      .describe('Connect over TLS from the start (port 465); otherwise STARTTLS is used when the server offers it. Default false.'),
    user: text('SMTP user name')
      .optional()
      .meta({
        description: 'Login name on the server. The password is never kept in this file: it comes from the environment.',
        examples: ['briefings@example.org'],
      }),
    from: text('sender address')
      .optional()
      .meta({ description: 'Sender of the e-mails, as a reader sees it.', examples: ['Defence Desk <briefings@example.org>'] }),
    timeout: z
      .number({ error: 'expected a number of seconds' })
      .positive({ error: 'expected a number of seconds above 0' })
      .max(3600, { error: 'at most 3600 seconds' })
      .optional()
      .meta({
        description: 'Seconds the server may stay silent at any step (connecting, logging in, taking the message); default 60.',
        examples: [120],
      }),
  })
  .describe('Mail server settings for sending briefings by e-mail.');

export const SendSchema = z
  .strictObject({
    organisationDomains: z
      .array(text('domain').describe('A mail domain, e.g. example.org.'))
      .optional()
      .meta({
        description: "The organisation's own mail domains: a TLP:AMBER briefing goes outside them only when confirmed.",
        examples: [['example.org']],
      }),
    allow: z
      .record(z.string(), z.array(text('address or domain')))
      .optional()
      .meta({
        description: 'Per marking, the addresses and domains a briefing with that marking may be sent to.',
        examples: [{ 'TLP:RED': ['chief@example.org'] }],
      }),
  })
  .describe('Who briefings may be sent to, by marking (for `briefing send`).');

export const ConfigSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Path or URL of this JSON Schema, for editors.'),
    organisation: text('organisation')
      .optional()
      .meta({ description: 'Default organisation for content files that do not name one.', examples: ['Open Source Defence Desk'] }),
    product: text('product name')
      .optional()
      .meta({ description: 'Default product line in the masthead.', examples: ['Defence & Security Briefing'] }),
    author: text('author')
      .optional()
      .meta({ description: 'Default author, written into the PDF metadata.', examples: ['A. Analyst'] }),
    marking: text('handling marking')
      .optional()
      .meta({ description: 'Default handling marking, e.g. a TLP 2.0 value, or one listed under `markings`.', examples: ['TLP:CLEAR'] }),
    language: z
      .string({ error: 'expected a language tag such as en or en-GB' })
      .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, { error: 'expected a language tag such as en or en-GB' })
      .optional()
      .meta({ description: 'Default BCP 47 language tag of the text.', examples: ['en-GB'] }),
    template: text('template')
      .optional()
      .meta({
        description: 'A built-in template name, or a template folder relative to this file.',
        examples: ['briefing', './templates/house'],
      }),
    paper: z
      .string({ error: 'expected A4 or Letter' })
      .refine((s) => paperName(s) !== undefined, { error: 'expected A4 or Letter' })
      .optional()
      .meta({ description: "Paper size, A4 or Letter (any case); default: the template's.", examples: ['A4', 'Letter'] }),
    out: text('output folder')
      .optional()
      .meta({
        description: 'Folder the PDFs are written into, relative to this file; default out/ beside it.',
        examples: ['out', '../pdf'],
      }),
    logo: text('logo file')
      .optional()
      .meta({
        description: 'PNG, JPEG or SVG file shown in the masthead, inside this file’s folder (relative to it); at most 1 MB.',
        examples: ['logo.svg', 'brand/logo.png'],
      }),
    logoAlt: text('alternative text of the logo')
      .optional()
      .meta({
        description: 'What the logo shows, for screen readers (the PDF is tagged); default: the organisation’s name.',
        examples: ['Open Source Defence Desk: a shield over a globe'],
      }),
    markings: z
      .array(MarkingDefinitionSchema)
      .optional()
      .describe('Handling markings allowed besides TLP 2.0 (TLP:CLEAR, TLP:GREEN, TLP:AMBER, TLP:AMBER+STRICT, TLP:RED).'),
    sources: z
      .enum(['required', 'optional'], { error: 'expected required or optional' })
      .optional()
      .meta({
        description:
          'required: every key fact and timeline entry must cite a source (`source: id`, or [@id] in its text), or the briefing is refused. Default optional.',
        examples: ['required'],
      }),
    smtp: SmtpSchema.optional(),
    send: SendSchema.optional(),
  })
  .describe('briefing.config.yaml: defaults for every content file in this folder and the folders below it.');

export type Config = z.output<typeof ConfigSchema>;
export type SmtpConfig = z.output<typeof SmtpSchema>;

/** The JSON Schema of the config file, for editors (written to schema/briefing.config.schema.json). */
/** `markings`: as briefingJsonSchema's, for the config's own default `marking`. */
export function configJsonSchema(markings: readonly string[] = []): Record<string, unknown> {
  const schema = z.toJSONSchema(ConfigSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const properties = schema.properties as Record<string, Record<string, unknown>>;
  if (properties.marking) properties.marking = markingJsonSchema(properties.marking, markings);
  return { ...schema, $id: 'https://briefing.invalid/schema/briefing.config.schema.json', title: 'briefing config file' };
}
