/**
 * The settings of one run of a command, for each content file: made here
 * and nowhere else, from the flags, then the config file that applies to
 * the file, then the defaults. Every command that reads content (build,
 * validate, watch, preview, send) asks this module, so that each reads the
 * config the same way:
 *   - `--config FILE` for every file (naming a file is trusting it),
 *     `--no-config` for none, else the nearest trusted config file above
 *     the content file (config/find.ts), once per folder;
 *   - template and paper: the flag, else the config's (relative to the
 *     config file), else the template's; the pipeline applies the config's
 *     through `BuildOptions.config` (config/resolve.ts `resolveSettings`);
 *   - output: `-o`, else the config's `out` (relative to the config file),
 *     else out/ in the working directory;
 *   - mail: the config's `smtp` and `send` sections (mail/settings.ts).
 * A config skipped as untrusted is reported once per run, as a warning.
 */
import { resolve } from 'node:path';
import { createColors } from 'picocolors';
import type { BuildOptions, PdfA } from '../types.js';
import type { Paper } from '../pdf/paper.js';
import type { LoadedConfig, OutputTarget } from '../config/resolve.js';
import type { MailConfig } from '../mail/settings.js';
import { printable } from '../printable.js';
import { sourceDateEpoch } from './commands/shared.js';

/** The flags that settings come from; undefined: not given, so the config's value (or the default) applies. */
export interface SettingsFlags {
  config?: string | false | undefined;
  template?: string | undefined;
  paper?: Paper | undefined;
  out?: string | undefined;
  allowOverflow?: boolean | undefined;
  strict?: boolean | undefined;
  pdfa?: PdfA | undefined;
}

export interface SettingsIO {
  stderr: { write(s: string): unknown };
  cwd: string;
  env: Record<string, string | undefined>;
  color: boolean;
}

/** What applies to content in one folder. */
export interface FileSettings {
  /** The config file that applies; undefined if none does. */
  config: LoadedConfig | undefined;
  /** The options to build or check a content file of this folder with. */
  build: BuildOptions;
  /** Where the output goes (build and watch). */
  output(ext: '.pdf' | '.json'): OutputTarget;
  /** Server, sender and recipient rules (send, and the sender of `--eml` drafts). */
  mail: MailConfig;
}

export interface RunSettings {
  /** The settings for content in `dir` (absolute). A broken config file rejects with its own ContentError. */
  forDir(dir: string): Promise<FileSettings>;
  /**
   * Only the build options for content in `dir`, without reading the config
   * (the pipeline reads it, and reports a mistake in it as the build's): for
   * preview, which shows such a mistake on its page.
   */
  buildOptionsFor(dir: string): Promise<BuildOptions>;
}

/**
 * `cache: false` reads the config again on every call (watch and preview,
 * which must see edits); `announce` says on stderr which config file is
 * used, once per file (send always; build and watch with -v).
 */
export function runSettings(flags: SettingsFlags, io: SettingsIO, options: { cache?: boolean; announce?: boolean } = {}): RunSettings {
  const c = createColors(io.color);
  const byDir = new Map<string, Promise<FileSettings>>();
  const warned = new Set<string>();
  const announced = new Set<string>();
  const creationDate = sourceDateEpoch(io.env);

  /** The config file for content in `dir`, found (and the untrusted ones on the way warned of), not read. */
  const find = async (dir: string): Promise<string | undefined> => {
    if (flags.config === false) return undefined;
    if (flags.config !== undefined) return resolve(io.cwd, flags.config);
    const { searchConfig } = await import('../config/find.js');
    const found = searchConfig(dir, { home: io.env.HOME });
    for (const s of found.skipped) {
      if (warned.has(s.path)) continue;
      warned.add(s.path);
      io.stderr.write(
        `${c.yellow('warning:')} ${printable(`ignored the config file ${s.path}: ${s.reason}`)}\n${c.dim('hint:')} move your settings into a folder of your own, or name a file you trust with --config\n`,
      );
    }
    return found.path;
  };

  /** The options a build of content under `configFile` takes; the pipeline reads the config itself. */
  const buildOptions = (configFile: string | undefined): BuildOptions => ({
    ...(flags.template !== undefined && { template: flags.template }),
    ...(flags.paper && { paper: flags.paper }),
    allowOverflow: flags.allowOverflow ?? false,
    strict: flags.strict ?? false,
    ...(flags.pdfa && { pdfa: flags.pdfa }),
    ...(creationDate && { creationDate }),
    ...(configFile && { config: configFile }),
    cwd: io.cwd,
  });

  const load = async (dir: string): Promise<FileSettings> => {
    const [{ loadConfig, resolveOutput }, { mailConfig }] = await Promise.all([
      import('../config/resolve.js'),
      import('../mail/settings.js'),
    ]);
    const file = await find(dir);
    const config = file ? await loadConfig(file, io.cwd) : undefined;
    const key = config?.path ?? '';
    if (options.announce && !announced.has(key)) {
      announced.add(key);
      io.stderr.write(
        `${c.dim('config:')} ${config ? printable(config.file) : flags.config === false ? 'none (--no-config)' : 'none found'}\n`,
      );
    }
    return { config, build: buildOptions(file), output: (ext) => resolveOutput(flags.out, config, io.cwd, ext), mail: mailConfig(config) };
  };

  return {
    forDir(dir) {
      if (options.cache === false) return load(dir);
      // One file for all (--config, --no-config) or one per folder.
      const key = flags.config === undefined ? dir : '';
      let p = byDir.get(key);
      if (!p) byDir.set(key, (p = load(dir)));
      return p;
    },
    async buildOptionsFor(dir) {
      return buildOptions(await find(dir));
    },
  };
}
