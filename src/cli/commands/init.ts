/**
 * `briefing init [folder]`: a config file and a first content file, so that
 * `briefing build` works there at once. Both files point editors at the
 * JSON Schema by absolute path into this installation of briefing, so the
 * modeline keeps working wherever a content file is moved.
 */
import { join, relative, resolve } from 'node:path';
import { entryAt, linkOnTheWay, writeAtomic } from '../../pipeline/write.js';
import { fileURLToPath } from 'node:url';
import type { Argv } from 'yargs';
import { EXIT, OutputError } from '../../errors.js';
import { PACKAGE_ROOT } from '../../paths.js';
import { colorsFor, type CliIO } from '../io.js';
import type { Command } from './command.js';
import { TLP_MARKINGS } from '../../content/markings.js';

export const init: Command = {
  command: 'init [folder]',
  describe: 'Start a briefing folder: briefing.config.yaml and content/briefing.yaml, ready to build',
  builder: (y: Argv) =>
    y
      .positional('folder', { describe: 'where to start (default: here); made if missing', type: 'string' })
      .option('organisation', { type: 'string', describe: 'your organisation, as the masthead shows it' })
      .option('marking', {
        type: 'string',
        choices: Object.keys(TLP_MARKINGS),
        default: 'TLP:CLEAR',
        describe: 'the marking of every briefing in the folder, unless a content file gives its own',
      })
      .option('force', { type: 'boolean', default: false, describe: 'overwrite files that exist' })
      .example('$0 init briefs --organisation "Open Source Defence Desk"', 'start in briefs/'),
  run: (args, io) =>
    initCommand(String(args.folder ?? '.'), args.organisation as string | undefined, String(args.marking), Boolean(args.force), io),
};

/** Absolute path of one of the package's JSON Schemas, as a yaml-language-server modeline. */
export function schemaModeline(name: 'briefing.schema.json' | 'briefing.config.schema.json'): string {
  return `# yaml-language-server: $schema=${fileURLToPath(new URL(`schema/${name}`, PACKAGE_ROOT))}`;
}

async function initCommand(folder: string, organisation: string | undefined, marking: string, force: boolean, io: CliIO): Promise<number> {
  const c = colorsFor(io);
  const dir = resolve(io.cwd, folder);
  const files = [
    { path: join(dir, 'briefing.config.yaml'), text: configText(organisation, marking) },
    { path: join(dir, 'content', 'briefing.yaml'), text: contentText(new Date().toISOString().slice(0, 10)) },
  ];
  // Never through a link: a dangling one would create a file elsewhere, and --force would overwrite its target.
  for (const f of files) {
    const link = linkOnTheWay(dir, f.path);
    if (link)
      throw new OutputError(`${relative(io.cwd, link) || link} is a symbolic link; init does not write through links`, {
        hint: 'remove the link (or run init in another folder); init writes only ordinary files in ordinary folders',
      });
  }
  const existing = files.filter((f) => entryAt(f.path) !== 'none');
  if (existing.length > 0 && !force)
    throw new OutputError(
      `${existing.map((f) => relative(io.cwd, f.path) || f.path).join(' and ')} already exist${existing.length === 1 ? 's' : ''}`,
      {
        hint: 'run init in another folder (briefing init new-folder), or add --force to overwrite',
      },
    );
  for (const f of files) {
    if (entryAt(f.path) === 'folder')
      throw new OutputError(`${relative(io.cwd, f.path)} is a folder`, { hint: 'move the folder away, or run init in another folder' });
    await writeAtomic(f.path, f.text);
    io.stderr.write(`${c.green('created')} ${relative(io.cwd, f.path)}\n`);
  }
  const cd = relative(io.cwd, dir);
  io.stderr.write(`next: ${cd ? `cd ${cd} && ` : ''}briefing build   ${c.dim('(writes out/<reference>-<date>.pdf)')}\n`);
  return EXIT.ok;
}

function configText(organisation: string | undefined, marking: string): string {
  return `${schemaModeline('briefing.config.schema.json')}
#
# briefing's settings for every content file in this folder and the folders
# below it. A content file's own fields win over these; command-line flags
# win over both. Paths are relative to this file.

${`organisation: ${JSON.stringify(organisation ?? 'Your Organisation')}`.padEnd(36)} # masthead and PDF author
product: Briefing                    # product line under the organisation
${`marking: ${marking}`.padEnd(36)} # TLP:CLEAR, TLP:GREEN, TLP:AMBER, TLP:AMBER+STRICT or TLP:RED
language: en                         # BCP 47 tag of the text, e.g. en-GB, fr
paper: A4                            # A4 or Letter
out: out                             # folder the PDFs are written into

# logo: logo.svg                     # PNG, JPEG or SVG in this folder, shown in the masthead
# template: ./my-template            # a copy made with \`briefing template copy briefing my-template\`
# markings:                          # handling markings of another scheme, with their bar colour
#   - { name: OFFICIAL-SENSITIVE, colour: "#7a1f1f" }
`;
}

function contentText(today: string): string {
  return `${schemaModeline('briefing.schema.json')}
#
# One briefing: the facts of one article. \`briefing build\` turns it into
# out/<reference>-<date>.pdf. Organisation, product and marking come from
# briefing.config.yaml unless you write them here.

reference: BRF-0001                  # your reference; also names the PDF
date: ${today}                   # the date the briefing is current as of (YYYY-MM-DD)

headline: Write the news in one line, as a reader would say it
standfirst: One or two sentences of context under the headline. **Bold** and *italic* work here.
bluf:
  text: >-
    Bottom line up front: what the reader should know or do, in one or two
    sentences. Cite where a fact comes from [@report].
  confidence: moderate               # the desk's confidence: high, moderate or low

sections:                            # the main column, in order
  - heading: What happened
    body: |-
      The facts, in short paragraphs. Lists work too:

      - **Who:** the actors.
      - **When:** the dates that matter.
  - heading: Why it matters
    body: The consequences for your readers.
  - heading: What to watch
    body: The next decisions, dates and signals.
    optional: true                   # may be left out if the page is full

keyFacts:                            # shaded boxes in the side column
  - title: Key facts
    rows:
      - label: Date
        value: ${new Date(`${today}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })}
      - label: Place
        value: Where it happened

timeline:                            # dates written as they should read
  - date: Today
    event: The event this briefing is about

charts:                              # drawn from the numbers: kind bar, column or line
  - title: The figure that matters
    kind: column
    unit: '%'                        # one unit per chart; values are plain numbers
    data:
      - { label: '2023', value: 1.2 }
      - { label: '2024', value: 2.1 }
      - { label: '2025', value: 1.6 }
    source: report                   # a source's id (or its number)
    optional: true

sources:                             # numbered at the foot; cite one as [@id] or source: id
  - id: report
    publisher: The publisher
    title: The article or report
    url: https://example.org/report
`;
}
