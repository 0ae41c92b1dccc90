/**
 * `briefing preview`: the server (loopback only, its own files only, no
 * foreign Host) and, in a real browser (Debian's chromium driven by
 * playwright-core), the page: the headline as text (pdf.js text layer), an
 * edit on screen, a broken file's error with its line over the last good
 * page, and the page back when the file is fixed, all without a reload.
 *
 * Without Chromium the browser test says so and is skipped; in CI (CI=true)
 * it runs, and fails if Chromium is missing.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview, type Preview } from '../../src/cli/preview/command.js';
import { EXAMPLE } from '../helpers/content.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const IN_CI = process.env.CI === 'true' || process.env.CI === '1';
if (!HAVE_CHROMIUM && !IN_CI)
  console.warn(`preview.test.ts: no Chromium at ${CHROMIUM}: the browser test is skipped (apt-get install chromium)`);

const HEADLINE = 'Russia moves to ratify its military logistics pact with India before Putin’s visit';
const squash = (s: string) => s.replace(/\s+/g, '');

let dir: string;
let file: string;
let preview: Preview;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'briefing-preview-'));
  file = join(dir, 'brief.yaml');
  copyFileSync(EXAMPLE, file);
  preview = await startPreview({ file: 'brief.yaml', cwd: dir });
});

afterAll(async () => {
  await preview?.close();
});

/** A raw GET with any Host header, to 127.0.0.1 (or another loopback address). */
function get(path: string, options: { host?: string; address?: string; method?: string; encoding?: string } = {}) {
  const port = preview.server.port;
  return new Promise<{ status: number; type: string | undefined; encoding?: string; body: Buffer }>((resolve, reject) => {
    const req = request(
      {
        host: options.address ?? '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        // A connection of its own: Node's default agent keeps connections alive and may reuse one just as the server
        // closes it for idling 5 s (a wait for a build under load), which fails the request with ECONNRESET.
        agent: false,
        headers: { Host: options.host ?? `127.0.0.1:${port}`, ...(options.encoding && { 'Accept-Encoding': options.encoding }) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            type: res.headers['content-type'],
            ...(res.headers['content-encoding'] && { encoding: res.headers['content-encoding'] }),
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function connectable(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** How editors save: a new file renamed over the old one. */
function save(text: string) {
  writeFileSync(`${file}.tmp~`, text);
  renameSync(`${file}.tmp~`, file);
}

describe('briefing preview: the server', () => {
  it('prints a loopback address and listens on 127.0.0.1 only', async () => {
    expect(preview.url).toBe(`http://127.0.0.1:${preview.server.port}/`);
    expect(await connectable('127.0.0.1', preview.server.port)).toBe(true);
    // Other loopback addresses reach this machine too, but not this server.
    expect(await connectable('127.0.0.2', preview.server.port)).toBe(false);
    expect(await connectable('::1', preview.server.port)).toBe(false);
  });

  it('refuses a foreign Host header (DNS rebinding) and answers to its own', async () => {
    const foreign = await get('/briefing.pdf', { host: `attacker.example:${preview.server.port}` });
    expect(foreign.status).toBe(403);
    expect(foreign.body.toString()).toContain(`answers only at ${preview.url}`);
    expect((await get('/', { host: `localhost:${preview.server.port}` })).status).toBe(200);
    expect((await get('/', { host: `127.0.0.1:1` })).status).toBe(403);
  });

  it('serves pdf.js from inside the package, compressed to a browser that takes Brotli', async () => {
    const plain = await get('/pdfjs/pdf.mjs', { encoding: 'gzip, deflate' });
    expect(plain.encoding).toBeUndefined();
    expect(plain.body.toString()).toContain('AnnotationLayer');
    const packed = await get('/pdfjs/pdf.mjs', { encoding: 'gzip, deflate, br, zstd' });
    expect(packed.encoding).toBe('br');
    expect(brotliDecompressSync(packed.body).equals(plain.body)).toBe(true);
    expect(packed.body.length).toBeLessThan(plain.body.length / 2);
  });

  it('serves the page, pdf.js and the current PDF, and nothing else: no listings, no paths', async () => {
    const page = await get('/');
    expect(page.type).toBe('text/html; charset=utf-8');
    expect(page.body.toString()).toContain('<script type="module" src="/app.js"></script>');
    expect((await get('/pdfjs/pdf.mjs')).status).toBe(200);
    expect((await get('/pdfjs/pdf.worker.mjs')).status).toBe(200);
    const pdf = await get('/briefing.pdf');
    expect(pdf.type).toBe('application/pdf');
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
    for (const path of [
      '/pdfjs/',
      '/pdfjs/standard_fonts/',
      '/src/',
      '/package.json',
      '/pdfjs/wasm/%2e%2e%2f%2e%2e%2fpackage.json',
      '/brief.yaml',
      '/..%2fpackage.json',
    ])
      expect([path, (await get(path)).status]).toEqual([path, 404]);
    expect((await get('/', { method: 'POST' })).status).toBe(405);
  });
});

/** Waits until the server's state passes `test` (the builds run on file events, in this process). */
async function until(test: (s: Preview['server']['current']) => boolean, what: string) {
  const deadline = Date.now() + 60_000;
  while (!test(preview.server.current)) {
    if (Date.now() > deadline) throw new Error(`preview: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('briefing preview: content too long for the page', () => {
  it('is served laid out over the pages it takes, with the overflow as the error, and recovers', async () => {
    const original = readFileSync(file, 'utf8');
    const before = preview.server.current.version;
    const long = Array.from({ length: 40 }, () => 'The delegation also discussed fuel, berthing rights and the joint staff talks.').join(
      ' ',
    );
    try {
      save(original.replace('sections:\n', `sections:\n  - heading: Long analysis\n    body: ${long}\n`));
      await until((s) => s.version > before && !s.building, 'the overflowing build');
      const state = preview.server.current;
      expect(state.error?.shown).toBe(true);
      expect(state.error?.problems[0]?.message).toMatch(/^does not fit on one page: .* too long$/);
      expect(state.pages).toBeGreaterThan(1);
      const pdf = await get('/briefing.pdf');
      expect(pdf.status).toBe(200);
    } finally {
      save(original);
    }
    await until((s) => s.version > before + 1 && !s.building && !s.error, 'the fixed build');
    expect(preview.server.current.pages).toBe(1);
  });
});

describe.skipIf(!HAVE_CHROMIUM && !IN_CI)('briefing preview: in a browser', () => {
  it(
    'shows the headline as text, follows an edit, shows a broken file’s error with its line, and recovers',
    { timeout: 180_000 },
    async () => {
      expect(existsSync(CHROMIUM), `CI must have Chromium at ${CHROMIUM} (.ci/run installs Debian's chromium)`).toBe(true);
      const { chromium } = await import('playwright-core');
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
      try {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        const pageText = () => page.evaluate(() => [...document.querySelectorAll('.textLayer')].map((t) => t.textContent).join(''));
        const showsText = (text: string) =>
          page.waitForFunction(
            (t) =>
              [...document.querySelectorAll('.textLayer')]
                .map((l) => l.textContent)
                .join('')
                .replace(/\s+/g, '')
                .includes(t),
            squash(text),
            {
              timeout: 60_000,
            },
          );

        await page.goto(preview.url);
        await showsText(HEADLINE);
        expect(await page.textContent('#fit')).toMatch(/fits as designed|fitted: /);
        // A marker that a reload would lose: every update below must arrive without one.
        await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
        await page.evaluate(() => (document.getElementById('viewer')!.scrollTop = 120));

        const original = readFileSync(file, 'utf8');
        const edited = 'Russia ratifies the logistics pact with India on the eve of the summit';
        const t0 = performance.now();
        save(original.replace(HEADLINE, edited));
        await showsText(edited);
        const ms = performance.now() - t0;
        console.log(`preview: save to new headline on screen: ${Math.round(ms)} ms`);
        expect(squash(await pageText())).not.toContain(squash(HEADLINE));
        expect(await page.evaluate(() => document.getElementById('viewer')!.scrollTop)).toBe(120);

        // Break the YAML on the headline's line: the error, with its line, over the last good page.
        const line = original.split('\n').findIndex((l) => l.startsWith('headline: ')) + 1;
        save(original.replace(`headline: ${HEADLINE}`, 'headline: [unclosed'));
        await page.waitForSelector('#error:not([hidden])', { timeout: 60_000 });
        const error = await page.textContent('#error');
        expect(error).toContain(`brief.yaml:${line}:11`);
        expect(error).toContain('YAML syntax: this bracket [ is never closed');
        expect(error).toContain('hint: close it on the same line, or put the whole value in quotes');
        expect(await page.getAttribute('#status', 'data-state')).toBe('error');
        expect(squash(await pageText())).toContain(squash(edited));

        save(original);
        await page.waitForSelector('#error', { state: 'hidden', timeout: 60_000 });
        await showsText(HEADLINE);
        expect(await page.getAttribute('#status', 'data-state')).toBe('live');
        expect(await page.evaluate(() => (window as unknown as { marker: number }).marker)).toBe(42);

        // The sources' links are links over the drawn page, and open in a new tab (answered here: no network).
        const link = page.locator('.annotationLayer a[href="https://tass.com/"], .annotationLayer a[href="https://tass.com"]').first();
        await link.waitFor({ timeout: 60_000 });
        expect(await link.getAttribute('target')).toBe('_blank');
        expect(await link.getAttribute('rel')).toContain('noopener');
        await page
          .context()
          .route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.fulfill({ contentType: 'text/html', body: 'elsewhere' }));
        const [tab] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
        await tab.waitForLoadState();
        expect(tab.url()).toMatch(/^https:\/\/tass\.com\/?$/);
        expect(page.url()).toBe(preview.url);
        expect(errors).toEqual([]);
      } finally {
        await browser.close();
      }
    },
  );
});
