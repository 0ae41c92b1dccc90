/**
 * How the CLI's process ends when it is told to stop. Ctrl-C, or a job
 * runner's SIGTERM to the PID it started, must end the build at once and
 * leave no temporary file behind; and when startup/launch.ts runs the build in
 * a child process, the child must end with its parent, even when the parent
 * was killed outright (SIGKILL), which no handler can see: the parent holds
 * an IPC channel open to the child, and the operating system closes it when
 * the parent dies, however it dies.
 */
import { rmSync } from 'node:fs';
import { pendingTempFiles } from '../pipeline/write.js';

let installed = false;

export function endCleanly(): void {
  if (installed) return;
  installed = true;
  const removeTempFiles = () => {
    for (const tmp of pendingTempFiles()) rmSync(tmp, { force: true });
  };
  const stop = (signal: NodeJS.Signals) => {
    removeTempFiles();
    // The progress bar hides the cursor; a terminal left without one looks broken.
    if (process.stderr.isTTY) process.stderr.write('\x1b[?25h');
    // A command that ends gracefully on this signal (watch, preview) listens too: let it finish.
    if (process.listenerCount(signal) > 0) return;
    // Otherwise the default action: the process ends by this signal, as its caller expects.
    process.kill(process.pid, signal);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => stop(signal));
  process.once('exit', removeTempFiles);
  // Started by startup/launch.ts with an IPC channel: it closes when the parent ends.
  if (process.env.BRIEFING_CHILD === '1' && process.channel) {
    process.channel.unref();
    // As if the parent had passed on a SIGTERM: the same way out, through the handlers above.
    process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  }
}
