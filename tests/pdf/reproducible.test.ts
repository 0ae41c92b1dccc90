import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { minimalYaml } from '../helpers/content.js';
import { parsePdf } from '../helpers/pdf.js';

const BIN = fileURLToPath(new URL('../../bin/briefing.js', import.meta.url));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'briefing-epoch-'));
  writeFileSync(join(dir, 'brief.yaml'), minimalYaml());
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const cli = (env: Record<string, string>) =>
  spawnSync(process.execPath, [BIN, 'build', 'brief.yaml', '-o', 'out'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
  });

describe('SOURCE_DATE_EPOCH through the command line', () => {
  it('pins the PDF dates, so two runs give the same bytes', async () => {
    const first = cli({ SOURCE_DATE_EPOCH: '1700000000' });
    expect(first.status).toBe(0);
    const bytes = readFileSync(join(dir, 'out', 't-001-2025-03-14.pdf'));
    expect((await parsePdf(bytes)).info.CreationDate).toBe('D:20231114221320Z');
    expect(cli({ SOURCE_DATE_EPOCH: '1700000000' }).status).toBe(0);
    expect(readFileSync(join(dir, 'out', 't-001-2025-03-14.pdf')).equals(bytes)).toBe(true);
  });

  it('refuses a value that is not whole seconds: exit 2, the value named, no PDF', () => {
    const run = cli({ SOURCE_DATE_EPOCH: 'yesterday' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/SOURCE_DATE_EPOCH.*"yesterday"/);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });
});
