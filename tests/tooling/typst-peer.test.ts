/**
 * The bench's peer (bench/typst): Typst renders the example with the
 * briefing design from the same content, on one A4 page, with every part of
 * the briefing a reader looks for; bold and bullets come through as text,
 * never as markup. If this fails, the bench's Typst ratios compare against
 * a page that is not the briefing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { popplerText } from '../helpers/poppler.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'briefing-typst-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const out = join(dir, 'example.pdf');
let rendered: ReturnType<typeof spawnSync>;
beforeAll(() => {
  const example = join(ROOT, 'content/relos-duma-ratification.yaml');
  rendered = spawnSync(process.execPath, [join(ROOT, 'bench/typst/render.mjs'), example, out], { encoding: 'utf8', cwd: ROOT });
});

describe('Typst, the bench peer', () => {
  it('renders the example on one A4 page with the same parts and words', () => {
    expect(rendered.status, String(rendered.stderr)).toBe(0);
    const pdf = new Uint8Array(readFileSync(out));
    const info = spawnSync('pdfinfo', [out], { encoding: 'utf8' }).stdout;
    expect(info).toMatch(/Pages:\s+1\n/);
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    const text = popplerText(pdf).replace(/\s+/g, ' ');
    for (const part of [
      'TLP:CLEAR',
      'OPEN SOURCE DEFENCE DESK',
      '1 December 2025',
      'Ref. DSB-2025-047',
      'Russia moves to ratify its military logistics pact with India before Putin’s visit',
      'BOTTOM LINE',
      'WHAT HAPPENED',
      'mutual technical and logistical support for them',
      'THE AGREEMENT',
      'S-400 Triumf system',
      'TIMELINE',
      '23rd India–Russia bilateral summit',
      'TASS, quoting the document submitted to the State Duma',
      'SOURCES',
      'sozd.duma.gov.ru',
    ])
      expect(text).toContain(part);
    // Markdown is turned into runs of text, never shown as markup.
    expect(text).not.toMatch(/\*\*|^- /m);
  });

  it('uses Noto Sans from the theme, and no other font', () => {
    expect(rendered.status, String(rendered.stderr)).toBe(0);
    const fonts = spawnSync('pdffonts', [out], { encoding: 'utf8' }).stdout;
    const names = fonts
      .split('\n')
      .slice(2)
      .filter(Boolean)
      .map((l) => l.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ''));
    expect(names.length).toBeGreaterThan(0);
    for (const n of names) expect(n).toMatch(/^NotoSans-/);
  });
});
