/**
 * `briefing watch` in process: a save (the way editors save: a new file
 * renamed over the old one, or written in place) rebuilds that file; a
 * change to the template rebuilds every file; a broken file prints its
 * error and the watcher goes on.
 */
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runWatch, type WatchFlags } from '../../src/cli/watch.js';
import { minimalYaml } from '../helpers/content.js';
import { parsePdf, squash } from '../helpers/pdf.js';
import { watchFlags } from '../helpers/watch.js';

const TEMPLATE = new URL('../../templates/briefing/', import.meta.url);

interface Session {
  dir: string;
  log: () => string;
  /** Resolves with the next `count` builds' outcomes (file, ok). */
  next: (count?: number) => Promise<{ file: string; ok: boolean }[]>;
  stop: () => Promise<number>;
}

const sessions: Session[] = [];
afterEach(async () => {
  while (sessions.length) await sessions.pop()!.stop();
});

async function startWatch(dir: string, flags: Partial<WatchFlags> = {}): Promise<Session> {
  let log = '';
  const builds: { file: string; ok: boolean }[] = [];
  let waiters: { count: number; resolve: () => void }[] = [];
  const controller = new AbortController();
  const io = { stdout: { write: () => true }, stderr: { write: (s: string) => (log += s) }, cwd: dir, env: {}, color: false };
  const started = new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      if (log.includes('watching')) {
        clearInterval(timer);
        resolve();
      }
    }, 20);
  });
  const done = runWatch(watchFlags(flags), io, controller.signal, {
    onBuilt: (file, ok) => {
      builds.push({ file, ok });
      waiters = waiters.filter((w) => (builds.length >= w.count ? (w.resolve(), false) : true));
    },
  });
  await started;
  let seen = builds.length;
  const session: Session = {
    dir,
    log: () => log,
    next: (count = 1) =>
      new Promise((resolve) => {
        const target = seen + count;
        const from = seen;
        seen = target;
        if (builds.length >= target) return resolve(builds.slice(from, target));
        waiters.push({ count: target, resolve: () => resolve(builds.slice(from, target)) });
      }),
    stop: async () => {
      controller.abort();
      return done;
    },
  };
  sessions.push(session);
  return session;
}

/** How many editors save: write a new file beside it, then rename it over the old one. */
function saveByRename(path: string, text: string) {
  const tmp = `${path}.tmp~`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

const pdfText = async (path: string) => squash((await parsePdf(readFileSync(path))).text);

describe('briefing watch', () => {
  it('builds, then rebuilds a file saved by renaming or in place, each time with a line saying so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefing-watch-'));
    writeFileSync(join(dir, 'a.yaml'), minimalYaml());
    const w = await startWatch(dir);
    expect(w.log()).toMatch(/^\d\d:\d\d:\d\d built out\/t-001-2025-03-14\.pdf {2}\((fits as designed|fitted: [^;]+); \d+ ms\)$/m);
    expect(w.log()).toMatch(/watching a\.yaml and the template; Ctrl-C to stop/);

    const rebuilt = w.next();
    saveByRename(join(dir, 'a.yaml'), minimalYaml({ headline: 'Harbour cranes back at work after inspection' }));
    expect(await rebuilt).toEqual([{ file: 'a.yaml', ok: true }]);
    expect(await pdfText(join(dir, 'out/t-001-2025-03-14.pdf'))).toContain(squash('Harbour cranes back at work after inspection'));

    const again = w.next();
    writeFileSync(join(dir, 'a.yaml'), minimalYaml({ headline: 'Second edit written in place' }));
    expect(await again).toEqual([{ file: 'a.yaml', ok: true }]);
    expect(await pdfText(join(dir, 'out/t-001-2025-03-14.pdf'))).toContain(squash('Second edit written in place'));
    expect(w.log().match(/ built out\//g)).toHaveLength(3);
  });

  it('builds a save made in several steps once, from the whole file: never from a part of it, and with no error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefing-watch-'));
    writeFileSync(join(dir, 'a.yaml'), minimalYaml());
    const w = await startWatch(dir);
    const rebuilt = w.next();
    // Emptied, then written in two parts a moment apart, as an editor writing in place may: a build that begins on the
    // first event reads an empty or half file (an error, or a briefing without its second half), and must not count.
    const text = minimalYaml({ headline: 'Written in two parts' });
    const fd = openSync(join(dir, 'a.yaml'), 'w');
    writeSync(fd, text.slice(0, text.length / 2));
    await new Promise((r) => setTimeout(r, 15));
    writeSync(fd, text.slice(text.length / 2));
    closeSync(fd);
    expect(await rebuilt).toEqual([{ file: 'a.yaml', ok: true }]);
    expect(w.log()).not.toMatch(/error/);
    expect(await pdfText(join(dir, 'out/t-001-2025-03-14.pdf'))).toContain(squash('Written in two parts'));
  });

  it('survives a broken file: prints the error with its line, keeps watching, and builds it again once fixed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefing-watch-'));
    writeFileSync(join(dir, 'a.yaml'), minimalYaml());
    const w = await startWatch(dir);
    const broken = w.next();
    saveByRename(join(dir, 'a.yaml'), minimalYaml().replace(/^headline: .*$/m, 'headline: [unclosed'));
    expect(await broken).toEqual([{ file: 'a.yaml', ok: false }]);
    expect(w.log()).toMatch(/error: a\.yaml:\d+:\d+: YAML syntax: this bracket \[ is never closed/);
    expect(w.log()).toContain('hint: close it on the same line, or put the whole value in quotes');

    const fixed = w.next();
    saveByRename(join(dir, 'a.yaml'), minimalYaml({ headline: 'Fixed and rebuilt' }));
    expect(await fixed).toEqual([{ file: 'a.yaml', ok: true }]);
    expect(await pdfText(join(dir, 'out/t-001-2025-03-14.pdf'))).toContain(squash('Fixed and rebuilt'));
  });

  it('rebuilds every file when a config file appears or changes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefing-watch-'));
    writeFileSync(join(dir, 'a.yaml'), minimalYaml());
    writeFileSync(join(dir, 'b.yaml'), minimalYaml({ reference: 'T-002' }));
    const w = await startWatch(dir);
    const both = w.next(2);
    writeFileSync(join(dir, 'briefing.config.yaml'), 'smtp:\n  host: mail.example.org\n');
    expect((await both).map((b) => b.file).sort()).toEqual(['a.yaml', 'b.yaml']);
  });

  it('rebuilds every file when the template changes, and a new file in the folder from then on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefing-watch-'));
    cpSync(TEMPLATE, join(dir, 'tpl'), { recursive: true });
    writeFileSync(join(dir, 'a.yaml'), minimalYaml());
    writeFileSync(join(dir, 'b.yaml'), minimalYaml({ reference: 'T-002' }));
    const w = await startWatch(dir, { paths: ['a.yaml', 'b.yaml', '.'], template: './tpl' });
    expect(w.log().match(/ built out\//g)).toHaveLength(2);

    const both = w.next(2);
    const partial = join(dir, 'tpl/partials/sources.hbs');
    saveByRename(partial, readFileSync(partial, 'utf8').replace(`"{{upper (t 'sources')}}   "`, '"REFERENCES   "'));
    expect((await both).map((b) => b.file).sort()).toEqual(['a.yaml', 'b.yaml']);
    expect(await pdfText(join(dir, 'out/t-001-2025-03-14.pdf'))).toContain('REFERENCES');
    expect(await pdfText(join(dir, 'out/t-002-2025-03-14.pdf'))).toContain('REFERENCES');

    const added = w.next();
    writeFileSync(join(dir, 'c.yaml'), minimalYaml({ reference: 'T-003' }));
    expect(await added).toEqual([{ file: 'c.yaml', ok: true }]);
    expect(await pdfText(join(dir, 'out/t-003-2025-03-14.pdf'))).toContain('REFERENCES');
  });
});

describe('briefing watch applies the folder rules to files that appear later (issue 20 item 14)', () => {
  /** Resolves once the log matches, or fails after a few seconds. */
  const logShows = (w: Session, pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const until = Date.now() + 20_000;
      const timer = setInterval(() => {
        if (!pattern.test(w.log()) && Date.now() <= until) return;
        clearInterval(timer);
        if (pattern.test(w.log())) resolve();
        else reject(new Error(`log never matched ${pattern}:\n${w.log()}`));
      }, 20);
    });

  it('builds a new .json file in a watched folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefing-watch-'));
    writeFileSync(join(dir, 'a.yaml'), minimalYaml());
    const w = await startWatch(dir);
    const added = w.next();
    writeFileSync(join(dir, 'b.json'), JSON.stringify(parse(minimalYaml({ reference: 'T-JSON' }))));
    expect(await added).toEqual([{ file: 'b.json', ok: true }]);
    expect(await pdfText(join(dir, 'out/t-json-2025-03-14.pdf'))).toContain(squash('T-JSON'));
  });

  it('reports a file swapped for a link out of its folder, and a new named pipe, and builds neither', async () => {
    const root = mkdtempSync(join(tmpdir(), 'briefing-watch-'));
    const dir = join(root, 'content');
    mkdirSync(dir);
    writeFileSync(join(root, 'outside.yaml'), minimalYaml({ headline: 'Words from outside the folder' }));
    writeFileSync(join(dir, 'a.yaml'), minimalYaml());
    const w = await startWatch(dir);
    rmSync(join(dir, 'a.yaml'));
    symlinkSync(join(root, 'outside.yaml'), join(dir, 'a.yaml'));
    await logShows(w, /error: a\.yaml: is a symbolic link to a file outside \./);
    execFileSync('mkfifo', [join(dir, 'pipe.yaml')]);
    await logShows(w, /error: pipe\.yaml: is a named pipe, not a file/);
    expect(w.log().match(/ built /g)).toHaveLength(1);
    expect(await pdfText(join(dir, 'out/t-001-2025-03-14.pdf'))).not.toContain(squash('Words from outside'));
  });
});
