/** Helpers that several commands use. */
import { resolve } from 'node:path';
import { UsageError } from '../../errors.js';
import type { LoadedConfig } from '../../config/resolve.js';
import type { CliIO } from '../io.js';

/**
 * The config file for content in a folder, looked up once per folder:
 * `--config FILE` for every file, `--no-config` for none, else the nearest
 * briefing.config.yaml from the content's folder upwards.
 */
export function configsFor(flag: string | false | undefined, cwd: string) {
  const byDir = new Map<string, Promise<LoadedConfig | undefined>>();
  const load = async (dir: string): Promise<LoadedConfig | undefined> => {
    const { findConfigFile, loadConfig } = await import('../../config/resolve.js');
    if (flag === false) return undefined;
    const file = flag !== undefined ? resolve(cwd, flag) : await findConfigFile(dir);
    return file ? loadConfig(file, cwd) : undefined;
  };
  return {
    forDir(dir: string): Promise<LoadedConfig | undefined> {
      const key = flag === undefined ? dir : '';
      let p = byDir.get(key);
      if (!p) byDir.set(key, (p = load(dir)));
      return p;
    },
  };
}

/** Reproducible builds: SOURCE_DATE_EPOCH, when set, pins the PDF dates. */
export function sourceDateEpoch(env: CliIO['env']): Date | undefined {
  const v = env.SOURCE_DATE_EPOCH;
  if (v === undefined || v === '') return undefined;
  if (!/^\d+$/.test(v)) throw new UsageError(`SOURCE_DATE_EPOCH must be whole seconds since 1970, got "${v}"`);
  return new Date(Number(v) * 1000);
}
