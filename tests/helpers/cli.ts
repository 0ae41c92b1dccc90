/** Runs the CLI in process, through main(argv, io), in a given folder; returns what it printed and its exit code. */
import { main } from '../../src/cli/main.js';

export async function runCli(cwd: string, argv: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd,
    env,
    color: false,
  });
  return { code, stdout, stderr };
}
