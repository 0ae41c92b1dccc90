/**
 * The two security items of issue 12 under a file-access guard: the built
 * command runs as a real process under strace, which logs every file the
 * process and its children open, and no file outside the content and
 * template folders (and briefing's own install) may be opened, whatever the
 * content or the template asks for. Asserting on the output alone would miss
 * a file that is read and then not shown.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture, minimalYaml } from '../helpers/content.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin/briefing.js');
const strace = spawnSync('strace', ['-V']).status === 0;
const built = existsSync(join(ROOT, 'dist/cli.bundle.mjs'));

let dir: string;
beforeEach(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'briefing-guard-')));
  mkdirSync(join(dir, 'secret'));
  writeFileSync(join(dir, 'secret', 'secret.txt'), 'TOP-SECRET-LINE\n');
  writeFileSync(join(dir, 'secret', 'secret.png'), readFileSync(join(ROOT, 'docs/example.png')));
  mkdirSync(join(dir, 'content'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the CLI under strace; returns its result and every path it opened successfully. */
function traced(args: string[]): { status: number | null; stderr: string; opened: string[] } {
  const log = join(dir, 'strace.log');
  const r = spawnSync('strace', ['-f', '-qq', '-e', 'trace=open,openat,openat2', '-o', log, process.execPath, BIN, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  const opened = readFileSync(log, 'utf8')
    .split('\n')
    .filter((l) => /open/.test(l) && !/= -1 /.test(l))
    .map((l) => /"((?:[^"\\]|\\.)*)"/.exec(l)?.[1])
    .filter((p): p is string => p !== undefined)
    .map((p) => (p.startsWith('/') ? p : join(dir, p)));
  return { status: r.status, stderr: r.stderr, opened };
}

/** Files the build opened in the test's folder, outside the folders it was given. */
function strays(opened: string[], allowed: string[]): string[] {
  return opened.filter(
    (p) => p.startsWith(`${dir}/`) && !allowed.some((a) => p === a || p.startsWith(`${a}/`)) && !p.endsWith('strace.log'),
  );
}

describe.skipIf(!strace || !built)('under a file-access guard (strace)', () => {
  it('an SVG <image> naming a file outside the template opens nothing outside it', () => {
    const template = join(dir, 'template');
    cpSync(fixture('templates/svg-external-image'), template, { recursive: true });
    const doc = join(template, 'document.hbs');
    writeFileSync(doc, readFileSync(doc, 'utf8').replace('@SECRET@', join(dir, 'secret', 'secret.png')));
    writeFileSync(join(dir, 'content', 'a.yaml'), minimalYaml());
    const r = traced(['build', 'content/a.yaml', '-t', './template', '-o', 'out']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/may not contain <image>/);
    expect(strays(r.opened, [template, join(dir, 'content'), join(dir, 'out')])).toEqual([]);
    expect(r.opened).not.toContain('/etc/passwd');
  });

  it('content written into an SVG ({{xml field}}) cannot make it open a file', () => {
    const template = join(dir, 'template');
    cpSync(fixture('templates/svg-field-xml'), template, { recursive: true });
    const png = join(dir, 'secret', 'secret.png');
    const headline = `</text><image href="${png}" x="0" y="0" width="16" height="16"/><text>`;
    writeFileSync(join(dir, 'content', 'a.yaml'), minimalYaml({ headline }));
    const r = traced(['build', 'content/a.yaml', '-t', './template', '-o', 'out']);
    expect(r.status).toBe(0);
    expect(strays(r.opened, [template, join(dir, 'content'), join(dir, 'out')])).toEqual([]);
  });

  it('a partial and a font linked outside the template, and content linked outside its folder, are never opened', () => {
    const template = join(dir, 'template');
    cpSync(fixture('templates/partial-link-outside'), template, { recursive: true });
    symlinkSync(join(dir, 'secret', 'secret.txt'), join(template, 'partials', 'leak.hbs'));
    writeFileSync(join(dir, 'content', 'a.yaml'), minimalYaml());
    symlinkSync(join(dir, 'secret', 'secret.txt'), join(dir, 'content', 'leak.yaml'));
    const r = traced(['build', 'content', '-t', './template', '-o', 'out']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/leak\.hbs leads outside the template folder/);
    expect(r.stderr).toMatch(/leak\.yaml: is a symbolic link to a file outside content/);
    expect(r.stderr).not.toContain('TOP-SECRET');
    expect(strays(r.opened, [template, join(dir, 'content'), join(dir, 'out')])).toEqual([]);

    const fonts = join(dir, 'fonts');
    cpSync(fixture('templates/custom-minimal'), fonts, { recursive: true });
    symlinkSync(join(dir, 'secret', 'secret.txt'), join(fonts, 'face.ttf'));
    const theme = join(fonts, 'theme.yaml');
    writeFileSync(theme, readFileSync(theme, 'utf8').replace(/normal: .*/, 'normal: face.ttf'));
    const f = traced(['build', 'content/a.yaml', '-t', './fonts', '-o', 'out']);
    expect(f.status).toBe(1);
    expect(f.stderr).toMatch(/font NotoSans\.normal \("face\.ttf"\) leads outside the template folder/);
    expect(strays(f.opened, [fonts, join(dir, 'content'), join(dir, 'out')])).toEqual([]);
  });
});
