// Bundles briefing into dist/ (run by `npm run build`), with pdfmake, PDFKit,
// fontkit and the other packages it runs inside, so that what the speed layer
// (src/pdf/tuning/) replaces is briefing's own copy in the versions it names,
// never the pdfmake of an application that also uses briefing:
//  - dist/index.mjs (the library), dist/launch.mjs (what bin/briefing.js
//    calls, src/startup/launch.ts), dist/cli.bundle.mjs, dist/worker.bundle.mjs
//    (a batch's worker threads), dist/snapshot-cache.mjs (for
//    scripts/snapshot.mjs and the bench) and dist/make-snapshot.mjs (run by
//    launch to make the snapshot on first use): ES modules sharing their
//    chunks, so one process holds one copy of each package;
//  - dist/snapshot.bundle.cjs, everything in one script, from which the V8
//    startup snapshot is made (src/startup/).
// Left outside, as dependencies: zod (its types are in briefing's), tinypool
// (it starts workers from its own files), nodemailer (only --eml needs it),
// hyphen (patterns loaded by language), open and pdfjs-dist (the preview) and
// the font packages (data). Also writes dist/data/ (PDFKit's colour profile,
// which it reads beside its code), dist/snapshot.json and
// dist/THIRD-PARTY-LICENSES.txt.
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
const inRoot = (p) => join(ROOT, p);

/** The packages whose internals the speed layer replaces, and the versions it was written for (src/pdf/tuning/registry.ts). */
const registrySource = await readFile(inRoot('src/pdf/tuning/registry.ts'), 'utf8');
const WRITTEN_FOR = {};
for (const [, pkg, version] of registrySource.matchAll(/package: '(\w+)',\s*version: '([^']+)'/g)) {
  if (WRITTEN_FOR[pkg] && WRITTEN_FOR[pkg] !== version) throw new Error(`registry.ts names two versions of ${pkg}`);
  WRITTEN_FOR[pkg] = version;
}

const EXTERNAL = ['zod', 'tinypool', 'nodemailer', 'hyphen', 'open', 'pdfjs-dist', '@expo-google-fonts/*'];

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  legalComments: 'none',
  // Names and statements stay as written (stack traces still name each function); only the white space goes,
  // which keeps the packed package within its 15 MB budget beside the CJK fonts.
  minifyWhitespace: true,
  logLevel: 'warning',
  metafile: true,
  // pdfkit require()s fontkit and briefing imports it: one copy (its CommonJS build), not two.
  alias: { fontkit: inRoot('node_modules/fontkit/dist/main.cjs') },
};

/**
 * PDFKit's Node build loads its standard fonts through createRequire and its
 * own package.json "imports", which do not exist once it is bundled: they
 * become plain requires that esbuild bundles. (Its colour profile is read
 * from `data/` beside the bundle, see copyData.)
 */
const pdfkitInBundle = {
  name: 'pdfkit-in-bundle',
  setup(b) {
    b.onLoad({ filter: /[\\/]pdfkit[\\/]js[\\/]pdfkit\.js$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      const contents = source.replace(/require\$1\('#standard-fonts\/(\w+)'\)/g, "require('./standard-fonts/$1.cjs')");
      if (contents === source) throw new Error('bundle: PDFKit no longer loads its standard fonts as expected; see pdfkitInBundle');
      return { contents, loader: 'js' };
    });
  },
};

/** fdir tries to load picomatch, an optional peer, through require() as it loads; tinyglobby gives fdir its own matchers. */
const fdirWithoutPicomatch = {
  name: 'fdir-without-picomatch',
  setup(b) {
    b.onLoad({ filter: /[\\/]fdir[\\/].*\.[cm]?js$/ }, async ({ path }) => ({
      contents: (await readFile(path, 'utf8')).replace(/(?:__)?require\.resolve\("picomatch"\);\s*pm = (?:__)?require\("picomatch"\);/, ''),
      loader: 'js',
    }));
  },
};

/** The versions of the packages a bundle holds, from the package.json beside each file it took. */
async function bundledVersions(metafile, label) {
  const found = {};
  for (const input of Object.keys(metafile.inputs)) {
    const m = /(?:^|\/)(node_modules\/((?:@[^/]+\/)?[^/]+))\//.exec(input);
    if (!m || !(m[2] in WRITTEN_FOR)) continue;
    const { version } = JSON.parse(await readFile(inRoot(input.slice(0, m.index + m[0].length) + 'package.json'), 'utf8'));
    if (found[m[2]] && found[m[2]] !== version) throw new Error(`bundle: ${label} holds ${m[2]} ${found[m[2]]} and ${version}`);
    found[m[2]] = version;
  }
  const wrong = Object.entries(WRITTEN_FOR).filter(([pkg, v]) => found[pkg] !== v);
  if (wrong.length > 0)
    throw new Error(
      `bundle: the speed layer was written for ${wrong.map(([p, v]) => `${p} ${v}`).join(', ')}, but ${label} holds ` +
        `${wrong.map(([p]) => `${p} ${found[p] ?? '(none)'}`).join(', ')}; see src/pdf/tuning/registry.ts`,
    );
  return found;
}

// A fresh dist/ (chunk names carry a content hash; nothing of an older build may be packed).
await rm(DIST, { recursive: true, force: true });
await mkdir(DIST, { recursive: true });

const versions = { ...WRITTEN_FOR };
const esm = await build({
  ...common,
  entryPoints: {
    index: inRoot('src/index.ts'),
    'cli.bundle': inRoot('src/cli/main.ts'),
    'worker.bundle': inRoot('src/cli/worker.ts'),
    launch: inRoot('src/startup/launch.ts'),
    'snapshot-cache': inRoot('src/startup/cache.ts'),
    'make-snapshot': inRoot('src/startup/make.ts'),
    // The live preview on its own, for bench/preview.mjs (the CLI loads the same chunks).
    preview: inRoot('src/cli/preview/command.ts'),
  },
  outdir: DIST,
  outExtension: { '.js': '.mjs' },
  // Dynamic imports become chunks loaded on demand: --help and validate never read pdfmake's code.
  splitting: true,
  // Chunks sit beside the entry points: modules find package.json and templates/ relative to themselves (src/paths.ts).
  chunkNames: 'chunk-[name]-[hash]',
  format: 'esm',
  external: EXTERNAL,
  plugins: [pdfkitInBundle, fdirWithoutPicomatch],
  define: { BRIEFING_ENGINE_VERSIONS: JSON.stringify(versions), __filename: '__briefingFile', __dirname: '__briefingDir' },
  // The CommonJS code inside (pdfkit, fontkit, pdfmake) still calls require() and reads __filename:
  // its location is the bundle's, where dist/data/ holds what it reads.
  banner: {
    js:
      "import { createRequire as __briefingRequire } from 'node:module'; import { fileURLToPath as __briefingPath } from 'node:url';" +
      ' const require = __briefingRequire(import.meta.url); const __briefingFile = __briefingPath(import.meta.url);' +
      " const __briefingDir = __briefingPath(new URL('.', import.meta.url));",
  },
});
await bundledVersions(esm.metafile, 'dist/');

/**
 * A snapshot is made from one script that may require() nothing but Node's
 * own modules while it is made. Everything goes in; code that wants its own
 * location (`import.meta.url`, `__filename`) gets the script's, in dist/,
 * where the snapshot is made (src/startup/cache.ts keys it by that folder).
 * tinypool and nodemailer are required from disk if a command needs them
 * after the snapshot has started.
 */
const fromDiskWhenNeeded = {
  name: 'from-disk-when-needed',
  setup(b) {
    b.onResolve({ filter: /^(tinypool|nodemailer|open|pdfjs-dist)$/ }, ({ path }) => ({ path, namespace: 'from-disk' }));
    b.onLoad({ filter: /.*/, namespace: 'from-disk' }, ({ path }) => ({
      contents: `module.exports = require('node:module').createRequire(__filename)(${JSON.stringify(path)});`,
      loader: 'js',
    }));
  },
};
const snapshot = await build({
  ...common,
  entryPoints: { 'snapshot.bundle': inRoot('src/startup/snapshot.ts') },
  outdir: DIST,
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  // Without comments, the source V8 keeps for lazy compiling is smaller; and
  // a single character beyond Latin-1 anywhere in it (a typographic
  // apostrophe in a dependency's comment) makes V8 hold all of it as
  // two-byte text, more memory in every process started from the snapshot.
  minifyWhitespace: true,
  plugins: [pdfkitInBundle, fdirWithoutPicomatch, fromDiskWhenNeeded],
  define: { BRIEFING_ENGINE_VERSIONS: JSON.stringify(versions), 'import.meta.url': '__briefingUrl' },
  banner: { js: "var __briefingUrl = require('node:url').pathToFileURL(__filename).href;" },
});
await bundledVersions(snapshot.metafile, 'dist/snapshot.bundle.cjs');

// esbuild escapes what is beyond ASCII in strings, but not in regular expressions: say where, so it can be written as \u escapes.
const snapshotSource = await readFile(join(DIST, 'snapshot.bundle.cjs'), 'utf8');
// eslint-disable-next-line no-control-regex -- looking for what is beyond Latin-1, from NUL up
const wide = snapshotSource.search(/[^\x00-\xff]/);
if (wide >= 0)
  console.warn(
    `bundle: dist/snapshot.bundle.cjs has a character beyond Latin-1 (${JSON.stringify(snapshotSource.slice(Math.max(0, wide - 40), wide + 10))}); the snapshot works, but holds its source at twice the size.`,
  );

/**
 * What src/startup/cache.ts needs to make and find the snapshot: the script,
 * an id of its content (a changed bundle never starts from an old snapshot),
 * and the V8 flags it is made and run with. Started from the snapshot, the
 * heap already holds what the snapshot put there, and V8's default limits
 * then collect all of it once in the middle of a build; with these, one
 * build does no full collection (bench/README.md).
 */
await writeFile(
  join(DIST, 'snapshot.json'),
  `${JSON.stringify(
    {
      script: 'snapshot.bundle.cjs',
      id: createHash('sha256').update(snapshotSource).digest('hex').slice(0, 16),
      flags: ['--initial-old-space-size=64', '--min-semi-space-size=4'],
    },
    null,
    2,
  )}\n`,
);

/** PDFKit reads its sRGB profile (for PDF/A) from `data/` beside its code, which is now the bundle's. */
const pdfkitCode = Object.keys(esm.metafile.inputs).find((p) => /node_modules\/pdfkit\/js\/pdfkit\.js$/.test(p));
await mkdir(join(DIST, 'data'), { recursive: true });
await copyFile(inRoot(join(dirname(pdfkitCode), 'data', 'sRGB_IEC61966_2_1.icc')), join(DIST, 'data', 'sRGB_IEC61966_2_1.icc'));

/** The licences of what the bundles hold, as their terms ask of copies. */
async function writeLicenses(...metafiles) {
  const packages = new Map();
  for (const metafile of metafiles)
    for (const input of Object.keys(metafile.inputs)) {
      const m = /^(.*node_modules\/((?:@[^/]+\/)?[^/]+))\//.exec(input);
      if (m) packages.set(m[2], m[1]);
    }
  const parts = [];
  for (const [name, dir] of [...packages].sort(([a], [b]) => a.localeCompare(b))) {
    const { version, license } = JSON.parse(await readFile(inRoot(`${dir}/package.json`), 'utf8'));
    const file = (await readdir(inRoot(dir))).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
    const text = file ? (await readFile(inRoot(`${dir}/${file}`), 'utf8')).trim() : `License: ${license ?? 'see the package'}`;
    parts.push(`${name} ${version}\n${'-'.repeat(name.length + version.length + 1)}\n${text}\n`);
  }
  await writeFile(
    join(DIST, 'THIRD-PARTY-LICENSES.txt'),
    `briefing's files in dist/ hold these packages, bundled by esbuild:\n\n${parts.join('\n')}`,
  );
}
await writeLicenses(esm.metafile, snapshot.metafile);
