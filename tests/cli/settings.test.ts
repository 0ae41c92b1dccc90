/**
 * One reading of the config for every command (cli/settings.ts): build,
 * validate, watch, preview and send each run against one config file that
 * sets `template`, `out`, `paper`, `language` and the send rules, and each
 * must honour every one of them. On the main branch before this, watch,
 * preview and send passed the built-in template and out/ as if they were
 * flags, so the config's were ignored.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { runWatch } from '../../src/cli/watch.js';
import { previewCommand } from '../../src/cli/preview/command.js';
import { previewFlags, watchFlags } from '../../src/cli/live-options.js';
import { fixture, minimalYaml } from '../helpers/content.js';
import { parsePdf, squash } from '../helpers/pdf.js';

let dir: string;
let server: SMTPServer;
let port: number;
let received: { to: string[]; mail: ParsedMail }[];

const LETTER = { width: 612, height: 792 };

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'briefing-settings-'));
  received = [];
  server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), mail: await simpleParser(Buffer.concat(chunks)) });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
  cpSync(fixture('config-house-template/house'), join(dir, 'house'), { recursive: true });
  writeFileSync(
    join(dir, 'briefing.config.yaml'),
    [
      'organisation: Settings Desk',
      'marking: TLP:RED',
      'language: fr',
      'template: ./house',
      'paper: Letter',
      'out: pdfs',
      `smtp: { host: 127.0.0.1, port: ${port}, from: desk@example.org }`,
      "send: { allow: { 'TLP:RED': [chief@example.org] } }",
      '',
    ].join('\n'),
  );
  mkdirSync(join(dir, 'content'));
  // The content says nothing of organisation, marking or language: the config's apply.
  writeFileSync(join(dir, 'content', 'a.yaml'), minimalYaml({ organisation: undefined, marking: undefined }));
});

afterEach(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

const run = (argv: string[]) => runCli(dir, argv);

/** The config's template (its mark), language (the French label), paper (Letter) in a PDF. */
async function expectConfigured(pdf: Uint8Array) {
  const parsed = await parsePdf(pdf);
  expect(squash(parsed.text)).toContain('HOUSE-TEMPLATEL’essentiel');
  expect(parsed.sizes[0]).toEqual(LETTER);
}

const pdfsIn = (folder: string) => (existsSync(join(dir, folder)) ? readdirSync(join(dir, folder)).filter((f) => f.endsWith('.pdf')) : []);

describe('every command reads the config the same way', () => {
  it('build writes into the config’s out folder, with its template, paper and language', async () => {
    const r = await run(['build', 'content/a.yaml']);
    expect(r.code, r.stderr).toBe(0);
    expect(pdfsIn('out')).toEqual([]);
    const [pdf] = pdfsIn('pdfs');
    await expectConfigured(readFileSync(join(dir, 'pdfs', pdf!)));
  });

  it('validate applies the config: its defaults make the content valid, its template is the one checked', async () => {
    expect((await run(['validate', 'content/a.yaml'])).code).toBe(0);
    // Without the config, the content lacks its organisation and marking.
    const bare = await run(['validate', 'content/a.yaml', '--no-config']);
    expect(bare.code).toBe(1);
    expect(bare.stderr).toMatch(/organisation/);
    // The config's template is the one validate loads.
    writeFileSync(join(dir, 'briefing.config.yaml'), 'organisation: D\nmarking: TLP:RED\ntemplate: ./no-such-template\n');
    const broken = await run(['validate', 'content/a.yaml']);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('no-such-template');
  });

  it('watch writes into the config’s out folder, with its template, paper and language', async () => {
    const controller = new AbortController();
    let log = '';
    const io = { stdout: { write: () => true }, stderr: { write: (s: string) => (log += s) }, cwd: dir, env: {}, color: false };
    let built!: () => void;
    const first = new Promise<void>((resolve) => (built = resolve));
    // The flags as the command line makes them when none is given (live-options.ts).
    const done = runWatch(watchFlags({ paths: ['content'] }), io, controller.signal, { onBuilt: () => built() });
    await first;
    controller.abort();
    expect(await done).toBe(0);
    expect(pdfsIn('out')).toEqual([]);
    const [pdf] = pdfsIn('pdfs');
    expect(pdf, log).toBeDefined();
    await expectConfigured(readFileSync(join(dir, 'pdfs', pdf!)));
  });

  it('preview shows the briefing with the config’s template, paper and language', async () => {
    const controller = new AbortController();
    let url = '';
    const io = {
      stdout: { write: (s: string) => (url += s) },
      stderr: { write: () => true },
      cwd: dir,
      env: {},
      color: false,
    };
    const done = previewCommand(previewFlags({ file: 'content/a.yaml', port: 0, open: false }), io, controller.signal);
    try {
      while (!url.includes('\n')) await new Promise((r) => setTimeout(r, 20));
      const base = url.trim();
      let pdf: Response | undefined;
      for (let i = 0; i < 600; i++) {
        pdf = await fetch(new URL('briefing.pdf', base));
        if (pdf.ok) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(pdf!.ok).toBe(true);
      await expectConfigured(new Uint8Array(await pdf!.arrayBuffer()));
    } finally {
      controller.abort();
      expect(await done).toBe(0);
    }
  });

  it('send uses the config’s server, sender, rules, template, paper and language', async () => {
    const refused = await run(['send', 'content/a.yaml', '--to', 'someone@example.org']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('content/a.yaml: not sent to someone@example.org: TLP:RED may be sent only');
    expect(received).toHaveLength(0);

    const r = await run(['send', 'content/a.yaml', '--to', 'chief@example.org']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('config: briefing.config.yaml');
    expect(received).toHaveLength(1);
    expect(received[0]!.mail.from?.value[0]?.address).toBe('desk@example.org');
    expect(received[0]!.mail.subject).toMatch(/^\[TLP:RED\] /);
    await expectConfigured(received[0]!.mail.attachments[0]!.content);
  });
});

describe('the config file’s own mistakes and gaps', () => {
  it.each([
    ['organization: Desk', 'unknown setting "organization"; did you mean "organisation"?'],
    ['papr: A4', 'unknown setting "papr"; did you mean "paper"?'],
    ['output: pdfs', 'unknown setting "output"; did you mean "out"?'],
  ])('a misspelt setting (%s) gets "did you mean", at its line', async (line, message) => {
    writeFileSync(join(dir, 'briefing.config.yaml'), `marking: TLP:CLEAR\n${line}\n`);
    const r = await run(['validate', 'content/a.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`briefing.config.yaml:2:1: ${line.split(':')[0]}: ${message}`);
  });

  it('an empty content file still gets the config’s defaults: only what the config cannot give is missing', async () => {
    writeFileSync(join(dir, 'content', 'empty.yaml'), '# nothing written yet\n');
    const r = await run(['validate', 'content/empty.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('headline is required');
    expect(r.stderr).not.toMatch(/organisation: organisation is required|marking: handling marking is required/);
  });
});

it('-c is --config on send as on build (--cc has no short form)', async () => {
  writeFileSync(join(dir, 'other.yaml'), 'organisation: Other Desk\nmarking: TLP:CLEAR\n');
  const r = await run(['send', 'content/a.yaml', '-c', 'other.yaml', '--to', 'a@example.org', '--from', 'desk@example.org', '--dry-run']);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toContain('(config other.yaml)');
  expect(r.stdout).toMatch(/^would send content\/a\.yaml as "\[TLP:CLEAR\] /m);
});
