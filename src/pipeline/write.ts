/**
 * Step 6: write output files atomically. A reader (or a mail client attaching
 * the file) never sees a half-written PDF: bytes go to a temporary file in the
 * same folder, which is then renamed over the target in one step.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
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
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  pending.add(tmp);
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, path);
    pending.delete(tmp);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => undefined);
    pending.delete(tmp);
    throw new OutputError(`cannot write ${path}: ${reason(err)}`, {
      hint: 'choose another folder, or check its permissions and free space',
      reason: 'output',
    });
  }
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
  };
  return (e.code && known[e.code]) ?? e.message;
}
