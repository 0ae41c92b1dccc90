/**
 * The package as a user gets it: `npm pack`, installed into an empty project
 * (no overrides there, no devDependencies) and globally, then built with
 * through the CLI and the library, to the bytes the repository builds. And a
 * host application that uses pdfmake itself renders the same bytes before
 * and after it loads briefing: the speed layer replaces code only in
 * briefing's own bundled copy. Slow-ish (two installs from npm's cache).
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBriefing } from '../../src/index.js';
import { snapshotPlace, snapshotReady } from '../../src/startup/cache.js';
import { EXAMPLE } from '../helpers/content.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** The environment of a user's shell: none of the npm_* variables `npm test` sets (they would point npm at this repository). */
function userEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  return { ...env, NO_COLOR: '1', ...extra };
}

let work: string;
let project: string;
let globalPrefix: string;
let tarball: string;
let packed: { size: number; files: { path: string; size: number }[] };
let env: NodeJS.ProcessEnv;
/** What npm said while installing the tarball globally, warnings included. */
let globalInstallLog: string;

function run(cmd: string, args: string[], options: SpawnSyncOptions = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env, timeout: 180_000, ...options });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status ?? r.signal}:\n${r.stderr}\n${r.stdout}`);
  return { stdout: String(r.stdout), stderr: String(r.stderr) };
}

const npmInstall = ['--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist/index.mjs'))) throw new Error('dist/ is missing: run `npm run build` before these tests');
  work = mkdtempSync(join(tmpdir(), 'briefing-package-'));
  env = userEnv({ XDG_CACHE_HOME: join(work, 'cache') });
  // dist/ is what `npm ci` built; packing again would only build it again.
  const pack = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: ROOT });
  packed = JSON.parse(pack.stdout)[0];
  tarball = join(work, (packed as unknown as { filename: string }).filename);

  project = join(work, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'a-host', version: '1.0.0', private: true, type: 'module' }));
  run('npm', ['install', ...npmInstall, tarball], { cwd: project });
  cpSync(EXAMPLE, join(project, 'x.yaml'));

  globalPrefix = join(work, 'global');
  const global = run('npm', ['install', '--global', '--prefix', globalPrefix, ...npmInstall, '--loglevel=warn', tarball], { cwd: work });
  globalInstallLog = global.stderr + global.stdout;
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
}, 120_000);

const onlyPdf = (dir: string) => {
  const pdfs = readdirSync(dir).filter((f) => f.endsWith('.pdf'));
  expect(pdfs).toHaveLength(1);
  return readFileSync(join(dir, pdfs[0]!));
};

describe('the packed package', () => {
  it('holds the bundles, their data and the licences of what they hold, within its size budget, and no sources', () => {
    const files = packed.files.map((f) => f.path);
    // The budget: 40 MB packed with the CJK fonts it ships (templates/briefing/fonts/), 12 MB for everything else.
    expect(packed.size).toBeLessThan(40_000_000);
    const fonts = packed.files.filter((f) => f.path.startsWith('templates/briefing/fonts/'));
    expect(fonts.length).toBeGreaterThan(0);
    const rest = packed.files.filter((f) => !f.path.startsWith('templates/briefing/fonts/')).reduce((n, f) => n + f.size, 0);
    expect(rest).toBeLessThan(12_000_000);
    for (const f of [
      'bin/briefing.js',
      'dist/index.mjs',
      'dist/cli.bundle.mjs',
      'dist/snapshot.bundle.cjs',
      'dist/data/sRGB_IEC61966_2_1.icc',
    ])
      expect(files).toContain(f);
    expect(files).toContain('dist/types/index.d.ts');
    expect(files).toContain('dist/THIRD-PARTY-LICENSES.txt');
    expect(files).toContain('templates/briefing/document.hbs');
    // The preview's page (HTML, CSS, JS served as they are) is the one folder of src/ a user needs.
    expect(files.filter((f) => /^(src|tests|bench|scripts)\//.test(f) && !f.startsWith('src/cli/preview/page/'))).toEqual([]);
    expect(readFileSync(join(ROOT, 'dist/THIRD-PARTY-LICENSES.txt'), 'utf8')).toMatch(/^pdfkit 0\.20\.2$/m);
  });

  it('is small: packed under 15 MB, installed with its dependencies under 70 MB, without pdf.js’s native canvas', () => {
    const bytes = (dir: string): number =>
      readdirSync(dir, { withFileTypes: true }).reduce((n, e) => {
        const path = join(dir, e.name);
        return n + (e.isDirectory() ? bytes(path) : e.isFile() ? statSync(path).size : 0);
      }, 0);
    const installed = bytes(join(globalPrefix, 'lib/node_modules/briefing'));
    console.log(`package: ${(packed.size / 1e6).toFixed(2)} MB packed, ${(installed / 1e6).toFixed(2)} MB installed`);
    expect(packed.size).toBeLessThan(15_000_000);
    expect(installed).toBeLessThan(70_000_000);
    for (const name of ['pdfjs-dist', '@napi-rs']) expect(existsSync(join(project, 'node_modules', name)), name).toBe(false);
    // The preview's pdf.js is inside the package.
    expect(packed.files.map((f) => f.path)).toContain('dist/pdfjs/pdf.worker.mjs.br');
  });

  it('installs from the tarball without npm asking to allow its scripts: it has no install scripts', () => {
    expect(globalInstallLog).not.toMatch(/allowScripts|install-scripts/);
    const manifest = JSON.parse(readFileSync(join(globalPrefix, 'lib/node_modules/briefing/package.json'), 'utf8'));
    for (const script of ['preinstall', 'install', 'postinstall', 'prepare']) expect(manifest.scripts?.[script], script).toBeUndefined();
  });

  it('installs without pdfmake, PDFKit or fontkit of its own: they are inside it', () => {
    for (const name of ['pdfmake', 'pdfkit', 'fontkit', 'yargs']) expect(existsSync(join(project, 'node_modules', name)), name).toBe(false);
  });
});

describe('installed in a project', () => {
  it('builds with `npx briefing` to the bytes the repository builds, then from its startup snapshot', async () => {
    const repo = await buildBriefing({ path: EXAMPLE });
    run('npx', ['--no', 'briefing', 'build', 'x.yaml', '-o', 'out-first'], { cwd: project });
    expect(sha(onlyPdf(join(project, 'out-first')))).toBe(sha(repo.pdf));

    // The first build had the snapshot made, in the background, in the user's cache.
    const place = snapshotPlace(join(project, 'node_modules/briefing/dist'), env)!;
    for (let waited = 0; !snapshotReady(place) && waited < 120_000; waited += 250) await new Promise((r) => setTimeout(r, 250));
    expect(snapshotReady(place)).toBe(true);
    run('npx', ['--no', 'briefing', 'build', 'x.yaml', '-o', 'out-snapshot'], { cwd: project });
    expect(sha(onlyPdf(join(project, 'out-snapshot')))).toBe(sha(repo.pdf));
  });

  it('builds through the library, `import { buildBriefing } from "briefing"`, to the same bytes', async () => {
    const repo = await buildBriefing({ path: EXAMPLE });
    writeFileSync(
      join(project, 'library.mjs'),
      "import { writeFileSync } from 'node:fs';\nimport { buildBriefing } from 'briefing';\n" +
        "writeFileSync('library.pdf', (await buildBriefing({ path: 'x.yaml' })).pdf);\n",
    );
    run(process.execPath, ['library.mjs'], { cwd: project });
    expect(sha(readFileSync(join(project, 'library.pdf')))).toBe(sha(repo.pdf));
  });
});

describe('types', () => {
  it('type-check in a project without fontkit and without skipLibCheck', () => {
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2022',
          noEmit: true,
          skipLibCheck: false,
          types: ['node'],
          typeRoots: [join(ROOT, 'node_modules/@types')],
        },
        files: ['typed.ts'],
      }),
    );
    writeFileSync(
      join(project, 'typed.ts'),
      "import { buildBriefing, setTuning, type BuildResult } from 'briefing';\n" +
        'setTuning(true);\n' +
        "const r: BuildResult = await buildBriefing({ path: 'x.yaml' }, { paper: 'Letter' });\n" +
        'export const bytes: number = r.pdf.length;\n',
    );
    run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', '.'], { cwd: project });
  });
});

/** A host application's own pdfmake (this repository's node_modules, stock), rendering text in several styles. */
const HOST = `
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
const require = createRequire(process.argv[2]);
const pdfmake = require('pdfmake');
const font = (p) => require.resolve('@expo-google-fonts/noto-sans/' + p);
pdfmake.setFonts({ NotoSans: { normal: font('400Regular/NotoSans_400Regular.ttf'), bold: font('600SemiBold/NotoSans_600SemiBold.ttf'),
  italics: font('400Regular_Italic/NotoSans_400Regular_Italic.ttf'), bolditalics: font('600SemiBold_Italic/NotoSans_600SemiBold_Italic.ttf') } });
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy(() => true);
const doc = () => ({
  info: { title: 'Host & <document>', creationDate: new Date(0) },
  defaultStyle: { font: 'NotoSans' },
  styles: { h: { fontSize: 14, bold: true } },
  content: [{ text: 'A host renders this with its own pdfmake.', style: 'h' },
    { text: ['Plain words, ', { text: 'bold words', bold: true }, ' and more plain words on one line, then a second paragraph.'] }],
});
const render = async () => createHash('sha256').update(Buffer.from(await pdfmake.createPdf(doc()).getBuffer())).digest('hex');
const before = await render();
const { buildBriefing } = await import('briefing');
await buildBriefing({ path: 'x.yaml' });
console.log(JSON.stringify({ before, after: await render() }));
`;

describe("a host application's own pdfmake", () => {
  it('renders the same bytes before and after the host loads briefing and builds with it', () => {
    writeFileSync(join(project, 'host.mjs'), HOST);
    const { before, after } = JSON.parse(run(process.execPath, ['host.mjs', join(ROOT, 'package.json')], { cwd: project }).stdout);
    expect(after).toBe(before);
  });

  it('would not, if briefing replaced code in the pdfmake it shares (as its sources, run from this repository, do)', async () => {
    // Control: the same check where briefing and the host share node_modules' pdfmake. Text runs change the bytes.
    const pdfmake = createRequire(join(ROOT, 'package.json'))('pdfmake');
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy(() => true);
    const font = (p: string) => fileURLToPath(import.meta.resolve(`@expo-google-fonts/noto-sans/${p}`));
    pdfmake.setFonts({
      NotoSans: { normal: font('400Regular/NotoSans_400Regular.ttf'), bold: font('600SemiBold/NotoSans_600SemiBold.ttf') },
    });
    const doc = () => ({
      info: { creationDate: new Date(0) },
      defaultStyle: { font: 'NotoSans' },
      content: ['Plain words on one line, then more plain words.'],
    });
    const render = async () => sha(Buffer.from(await pdfmake.createPdf(doc()).getBuffer()));
    const { setTuning } = await import('../../src/pdf/tuning/registry.js');
    setTuning(false);
    const stock = await render();
    setTuning(true);
    await buildBriefing({ path: EXAMPLE });
    expect(await render()).not.toBe(stock);
  });
});

describe('installed globally', () => {
  it('runs as `briefing` from the global bin folder and builds the same bytes', async () => {
    const repo = await buildBriefing({ path: EXAMPLE });
    const bin = join(globalPrefix, 'bin', 'briefing');
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
    expect(run(bin, ['--version'], { cwd: work }).stdout.trim()).toBe(version);
    // Without the snapshot: the project's test has it made; here it would be made again, in the background, for this copy.
    run(bin, ['build', join(project, 'x.yaml'), '-o', join(work, 'global-out')], { cwd: work, env: { ...env, BRIEFING_SNAPSHOT: '0' } });
    expect(sha(onlyPdf(join(work, 'global-out')))).toBe(sha(repo.pdf));
  });
});
