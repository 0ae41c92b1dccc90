/**
 * Paper sizes: one list (src/pdf/paper.ts) read by the library's `paper`
 * option, the CLI's `--paper` and theme.yaml's `page.size`, in any case.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBriefing, type Paper } from '../../src/index.js';
import { main } from '../../src/cli/main.js';
import { ThemeSchema } from '../../src/template/theme.js';
import { fixture } from '../helpers/content.js';

const LETTER = '/MediaBox [0 0 612 792]';
const A4 = '/MediaBox [0 0 595.28 841.89]';
const mediaBoxes = (pdf: Uint8Array) =>
  Buffer.from(pdf)
    .toString('latin1')
    .match(/\/MediaBox \[[^\]]*\]/g) ?? [];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'briefing-paper-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('paper sizes', () => {
  it("the library takes { paper: 'Letter' }, as the README's example has it", async () => {
    const { pdf } = await buildBriefing({ path: fixture('minimal/briefing.yaml') }, { paper: 'Letter' });
    expect(mediaBoxes(pdf)).toEqual([LETTER]);
  });

  it('the library takes any case from JavaScript callers, and defaults to the template’s A4', async () => {
    const { pdf } = await buildBriefing({ path: fixture('minimal/briefing.yaml') }, { paper: 'LETTER' as Paper });
    expect(mediaBoxes(pdf)).toEqual([LETTER]);
    const a4 = await buildBriefing({ path: fixture('minimal/briefing.yaml') });
    expect(mediaBoxes(a4.pdf)).toEqual([A4]);
  });

  it('the CLI takes --paper Letter, in any case', async () => {
    for (const [i, paper] of ['Letter', 'letter', 'LETTER'].entries()) {
      const out = join(dir, `cli-${i}`);
      const io = { stdout: { write: () => true }, stderr: { write: () => true }, color: false, tty: false, env: {} };
      expect(await main(['build', fixture('minimal/briefing.yaml'), '-o', out, '--paper', paper], io)).toBe(0);
      const [name] = readdirSync(out);
      expect(mediaBoxes(readFileSync(join(out, name!)))).toEqual([LETTER]);
    }
  });

  it('theme.yaml may say LETTER, Letter or letter', () => {
    const theme = (size: string) => ThemeSchema.parse({ page: { size, margins: [1, 2, 3, 4] }, fonts: {} }).page.size;
    expect(['LETTER', 'Letter', 'letter', 'a4'].map(theme)).toEqual(['Letter', 'Letter', 'Letter', 'A4']);
    expect(() => theme('B5')).toThrow();
  });
});
