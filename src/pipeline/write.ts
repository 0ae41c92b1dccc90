/**
 * Step 6: write output files atomically. A reader (or a mail client attaching
 * the file) never sees a half-written PDF: bytes go to a temporary file in the
 * same folder, which is then renamed over the target in one step.
 *
 * This is the one careful writer (for outputs, `init` and `template copy`):
 * it never writes through a symbolic link. The temporary file is created
 * anew (O_EXCL, which refuses a link planted at its name), and a rename
 * replaces a link at the target with the file instead of writing into what
 * the link points at.
 */
import { lstatSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { OutputError } from '../errors.js';

const pending = new Set<string>();

/**
 * Temporary files being written at this moment. A process that is told to
 * stop (Ctrl-C, a job runner's SIGTERM) removes them before it ends; see
 * cli/process-guard.ts.
 */
export function pendingTempFiles(): ReadonlySet<string> {
  return pending;
}

export async function writeAtomic(path: string, bytes: Uint8Array | string): Promise<void> {
  const dir = dirname(path);
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    throw new OutputError(`cannot create output folder ${dir}: ${reason(err)}`, {
      hint: 'choose another folder, or check its permissions',
      reason: 'output',
    });
  }
  // The temporary name keeps at most 200 bytes of the target's: a legal 244-byte name must not become an illegal 270-byte one.
  const tmp = join(dir, `.${shortened(basename(path), 200)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  pending.add(tmp);
  try {
    await writeFile(tmp, bytes, { flag: 'wx' });
    await rename(tmp, path);
    pending.delete(tmp);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => undefined);
    pending.delete(tmp);
    throw new OutputError(`cannot write ${path}: ${reason(err)}`, {
      hint:
        (err as NodeJS.ErrnoException).code === 'ENAMETOOLONG'
          ? 'choose a shorter file name with -o'
          : 'choose another folder, or check its permissions and free space',
      reason: 'output',
    });
  }
}

/**
 * What is at `path`, not following a link there: `init` and `template copy`
 * refuse to write where a link is (a dangling one would create a file
 * elsewhere; `--force` would overwrite the file it points at).
 */
export function entryAt(path: string): 'none' | 'file' | 'folder' | 'link' | 'other' {
  try {
    const stat = lstatSync(path);
    return stat.isSymbolicLink() ? 'link' : stat.isFile() ? 'file' : stat.isDirectory() ? 'folder' : 'other';
  } catch {
    return 'none';
  }
}

/** The first of `path` and its folders below `base` that is a symbolic link, if any. */
export function linkOnTheWay(base: string, path: string): string | undefined {
  const parts = relative(base, path).split(sep).filter(Boolean);
  for (let i = 1; i <= parts.length; i++) {
    const at = join(base, ...parts.slice(0, i));
    if (entryAt(at) === 'link') return at;
  }
  return undefined;
}

/** The longest start of `name` of at most `bytes` UTF-8 bytes, never splitting a character. */
function shortened(name: string, bytes: number): string {
  let out = '';
  for (const ch of name) {
    if (Buffer.byteLength(out + ch) > bytes) break;
    out += ch;
  }
  return out;
}

function reason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const known: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on device',
    ENOTDIR: 'a part of the path is a file, not a folder',
    EEXIST: 'a file is in the way',
    EISDIR: 'a folder is in the way',
    ENAMETOOLONG: 'the file name is longer than the file system allows (255 bytes)',
  };
  return (e.code && known[e.code]) ?? e.message;
}
