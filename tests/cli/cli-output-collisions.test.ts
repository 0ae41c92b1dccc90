import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { minimalYaml } from '../helpers/content.js';
import { parsePdf, squash } from '../helpers/pdf.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'briefing-collide-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('two content files that would write the same PDF', () => {
  it('write the first one, fail the second with both names and a hint, exit 1', async () => {
    mkdirSync(join(dir, 'content'));
    // Same reference and date, so the same output name; different headlines tell the PDFs apart.
    writeFileSync(join(dir, 'content', 'a.yaml'), minimalYaml({ headline: 'Alpha terminal reopens' }));
    writeFileSync(join(dir, 'content', 'b.yaml'), minimalYaml({ headline: 'Bravo terminal reopens' }));
    const { code, stderr } = await runCli(dir, ['build', 'content', '-o', 'out']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/would overwrite out\/t-001-2025-03-14\.pdf/);
    expect(stderr).toContain('a.yaml');
    expect(stderr).toContain('b.yaml');
    expect(stderr).toMatch(/hint: .*own reference/);
    expect(readdirSync(join(dir, 'out'))).toEqual(['t-001-2025-03-14.pdf']);
    const text = squash((await parsePdf(readFileSync(join(dir, 'out', 't-001-2025-03-14.pdf')))).text);
    expect(text).toContain(squash('Alpha terminal reopens'));
    expect(text).not.toContain(squash('Bravo terminal reopens'));
  });
});
