/**
 * The options of `briefing build` and `validate`, as yargs takes them
 * (commands/). Also read by startup/launch.ts, which must tell the paths among
 * the arguments apart before it decides how to run the CLI (VALUE_OPTIONS):
 * this module imports only the paper sizes (which import nothing), so that
 * costs the start-up nothing.
 *
 * Options a config file can also set have no yargs default: "not given"
 * must stay visible, so that the config's value applies (config/resolve.ts).
 */
import { PAPER_NAMES, paperName } from '../pdf/paper.js';
import { PDFA_LEVELS } from '../types.js';

/** What build and validate share: how a content file becomes a page. `templates`: the built-in templates' names, for the help text. */
export function layoutOptions(templates: readonly string[], defaultTemplate: string) {
  return {
    template: {
      alias: 't',
      type: 'string',
      describe: `built-in template (${templates.join(', ')}) or a template folder path (default: the config's, else ${defaultTemplate})`,
    },
    paper: {
      type: 'string',
      describe: "paper size, any case (default: the config's, else the template's, A4)",
      choices: PAPER_NAMES,
      coerce: (v: string) => paperName(v) ?? v.toUpperCase(),
    },
    'allow-overflow': {
      type: 'boolean',
      default: false,
      describe: 'write a multi-page PDF with a warning instead of failing when content cannot fit',
    },
    strict: { type: 'boolean', default: false, describe: 'fail on characters no font can show, instead of warning' },
    config: {
      alias: 'c',
      type: 'string',
      describe: 'config file to use instead of the nearest briefing.config.yaml; --no-config for none',
    },
    json: { type: 'boolean', default: false, describe: 'print a JSON report on stdout' },
    debug: { type: 'boolean', default: false, describe: 'show stack traces' },
  } as const;
}

export function buildOptions(templates: readonly string[], defaultTemplate: string) {
  return {
    out: {
      alias: 'o',
      type: 'string',
      describe: "where to write: a folder (default: the config's out, else out/), a file ending in .pdf, or - for standard output",
    },
    ...layoutOptions(templates, defaultTemplate),
    eml: { type: 'boolean', default: false, describe: 'also write an e-mail draft (.eml) with the PDF attached, next to it' },
    from: { type: 'string', describe: 'with --eml: the draft’s sender (default: smtp.from in briefing.config.yaml)' },
    to: { type: 'string', array: true, describe: 'with --eml: the draft’s recipients' },
    pdfa: {
      type: 'string',
      choices: [...PDFA_LEVELS],
      describe: 'write an archival PDF/A file: 2a or 3a (accessible, tagged), 2b or 3b',
    },
    emit: {
      type: 'string',
      choices: ['pdf', 'docdef'],
      default: 'pdf',
      describe: 'docdef writes the fitted pdfmake document definition as JSON, for template authors',
    },
    verbose: { alias: 'v', type: 'boolean', default: false, describe: 'say more: fitting passes, scales, timings' },
    quiet: { alias: 'q', type: 'boolean', default: false, describe: 'print only warnings and errors' },
  } as const;
}

/** The flags of `build` that take a value (`-o out`, `--template x`); any other argument starting with "-" stands alone. */
export const VALUE_OPTIONS: ReadonlySet<string> = new Set(
  Object.entries(buildOptions([], '')).flatMap(([name, o]) =>
    o.type === 'string' ? [`--${name}`, ...('alias' in o ? [`-${o.alias}`] : [])] : [],
  ),
);
