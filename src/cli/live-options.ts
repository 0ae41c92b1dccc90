/**
 * The options of `watch`, `preview` and `send`, as yargs takes them, and
 * the flags their modules read. Like options.ts, this imports nothing, so
 * registering the commands costs the CLI's start nothing: their modules
 * load only when one of them runs.
 */
import type { buildOptions } from './options.js';
import type { Paper } from '../pdf/paper.js';
import { isPdfA } from '../types.js';

type BuildOptionSpecs = ReturnType<typeof buildOptions>;

/** `watch` takes build's options, less those that make no sense for a running process. */
export function watchOptions(build: BuildOptionSpecs) {
  const { out, template, paper, config, eml, pdfa, strict, verbose, quiet, debug } = build;
  return { out, template, paper, config, 'allow-overflow': build['allow-overflow'], eml, pdfa, strict, verbose, quiet, debug };
}

export function previewOptions(build: BuildOptionSpecs) {
  const { template, paper, config, strict, debug } = build;
  return {
    port: { type: 'number', describe: 'port on 127.0.0.1 (default: a free one)' },
    open: { type: 'boolean', default: true, describe: 'open the page in the default browser (--no-open: only print its address)' },
    template,
    paper,
    config,
    'allow-overflow': build['allow-overflow'],
    strict,
    debug,
  } as const;
}

export function sendOptions(build: BuildOptionSpecs) {
  const { template, paper, config, json, debug } = build;
  return {
    to: { type: 'string', array: true, describe: 'recipients: several with commas, or the flag again' },
    // No short form: -c is --config, as in every command that reads content.
    cc: { type: 'string', array: true, default: [] as string[], describe: 'copy to (no short form: -c is --config)' },
    bcc: { type: 'string', array: true, default: [] as string[], describe: 'blind copy to' },
    from: { type: 'string', describe: 'sender (default: smtp.from in briefing.config.yaml, or ?from= in BRIEFING_SMTP_URL)' },
    'dry-run': { type: 'boolean', default: false, describe: 'say what would be sent to whom, and send nothing' },
    confirm: {
      type: 'boolean',
      default: false,
      describe: 'send TLP:AMBER outside the organisation’s domains, or a marking briefing has no rule for',
    },
    template,
    paper,
    config,
    json: { ...json, describe: 'print a JSON report of what was (or would be) sent to whom on stdout' },
    debug,
  } as const;
}

type Args = Record<string, unknown>;
/** yargs has made it a paper name already (options.ts). */
const paperOf = (args: Args) => args.paper as Paper | undefined;
/** No default for --template, --out and --config: "not given" must stay visible, so that a config file's can apply (cli/settings.ts). */
const stringOf = (v: unknown) => (v === undefined ? undefined : String(v));
const configOf = (args: Args): string | false | undefined => (args.config === false ? false : stringOf(args.config));
const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);

export function watchFlags(args: Args) {
  return {
    paths: list(args.paths),
    out: stringOf(args.out),
    config: configOf(args),
    template: stringOf(args.template),
    paper: paperOf(args),
    allowOverflow: Boolean(args.allowOverflow),
    strict: Boolean(args.strict),
    pdfa: isPdfA(args.pdfa) ? args.pdfa : undefined,
    eml: Boolean(args.eml),
    quiet: Boolean(args.quiet),
    verbose: Boolean(args.verbose),
  };
}

export function previewFlags(args: Args) {
  return {
    paths: list(args.file),
    port: args.port === undefined ? undefined : Number(args.port),
    open: Boolean(args.open),
    config: configOf(args),
    template: stringOf(args.template),
    paper: paperOf(args),
    allowOverflow: Boolean(args.allowOverflow),
    strict: Boolean(args.strict),
  };
}

export function sendFlags(args: Args) {
  return {
    paths: list(args.paths),
    to: list(args.to),
    cc: list(args.cc),
    bcc: list(args.bcc),
    from: args.from === undefined ? undefined : String(args.from),
    dryRun: Boolean(args.dryRun),
    confirm: Boolean(args.confirm),
    json: Boolean(args.json),
    config: configOf(args),
    template: stringOf(args.template),
    paper: paperOf(args),
  };
}

/** Aborts on Ctrl-C or SIGTERM, so a long-running command can close its server and watchers and exit. */
export function untilInterrupted(): AbortSignal {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  controller.signal.addEventListener('abort', () => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  });
  return controller.signal;
}
