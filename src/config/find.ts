/**
 * Which config file applies to content in a folder, and whether it may be
 * obeyed. A config file can name the template, the output folder, the SMTP
 * server and who may receive what, so one planted in a shared folder above
 * someone's work must never apply to it. As git does with `safe.directory`,
 * a config file is trusted only when
 *   - it is owned by the user running briefing (or by root), and
 *   - its folder is not writable by others: not world-writable (a sticky
 *     /tmp-like folder), and not group-writable unless the group is the
 *     user's own primary group (a "user private group", as Debian's umask
 *     002 makes every folder).
 * An untrusted file is skipped with a warning and the search goes on above
 * it. The search starts in the content's folder and stops after the user's
 * home folder, after a repository root (a folder with `.git`) and before it
 * would cross onto another file system: settings never come from further
 * away than the project, as git's own discovery stops.
 */
import { existsSync, statSync, type Stats } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** Searched for in the content file's folder, then each folder above it, in this order within a folder. */
export const CONFIG_FILES = ['briefing.config.yaml', 'briefing.config.yml', 'briefing.config.json'] as const;

/** A config file the search found and did not obey, and why. */
export interface SkippedConfig {
  path: string;
  reason: string;
}

export interface ConfigSearch {
  /** The config file that applies; undefined if none does. */
  path: string | undefined;
  /** Config files found on the way and skipped as untrusted. */
  skipped: SkippedConfig[];
}

export interface SearchOptions {
  /** The user's home folder: the search stops there (default: the operating system's). */
  home?: string | undefined;
}

/** Who runs briefing; undefined where the platform has no user ids (Windows), where nothing is checked. */
const me = () => (typeof process.getuid === 'function' ? { uid: process.getuid(), gid: process.getgid!() } : undefined);

/** Why a config file must not be obeyed; undefined when it may be. */
export function distrust(path: string, file: Stats = statSync(path), folder: Stats = statSync(dirname(path))): string | undefined {
  const user = me();
  if (!user) return undefined;
  if (file.uid !== user.uid && file.uid !== 0) return `it belongs to another user (uid ${file.uid})`;
  if (folder.mode & 0o002) return `its folder ${dirname(path)} is writable by every user, so anyone could have put it there`;
  if (folder.mode & 0o020 && folder.gid !== user.gid)
    return `its folder ${dirname(path)} is writable by the group ${folder.gid}, so others could have put it there`;
  if (file.mode & 0o002) return 'it is writable by every user';
  return undefined;
}

/** The config file that applies to content in `dir`: the nearest trusted one in it or above it. */
export function searchConfig(dir: string, options: SearchOptions = {}): ConfigSearch {
  const home = resolve(options.home ?? homedir());
  const skipped: SkippedConfig[] = [];
  let current = resolve(dir);
  const device = statSync(current, { throwIfNoEntry: false })?.dev;
  for (;;) {
    for (const name of CONFIG_FILES) {
      const path = join(current, name);
      const file = statSync(path, { throwIfNoEntry: false });
      if (!file) continue;
      const why = distrust(path, file, statSync(current));
      if (why) skipped.push({ path, reason: why });
      else return { path, skipped };
      // One config file per folder: the others in an untrusted folder are not looked at either.
      break;
    }
    if (current === home || existsSync(join(current, '.git'))) return { path: undefined, skipped };
    const up = dirname(current);
    if (up === current) return { path: undefined, skipped };
    if (device !== undefined && statSync(up, { throwIfNoEntry: false })?.dev !== device) return { path: undefined, skipped };
    current = up;
  }
}

/** The path of the config file that applies to content in `dir` (see searchConfig), for the library. */
export async function findConfigFile(dir: string, options: SearchOptions = {}): Promise<string | undefined> {
  return searchConfig(dir, options).path;
}
