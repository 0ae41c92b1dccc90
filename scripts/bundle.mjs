// Bundles the CLI at install time (run by `npm run build`):
//  - dist/cli.bundle.mjs and dist/worker.bundle.mjs, ES modules that load in
//    one read instead of a few hundred; a fallback for when there is no snapshot;
//  - dist/snapshot.bundle.cjs, everything in one script, from which
//    scripts/snapshot.mjs makes the V8 startup snapshot (see src/startup/snapshot.ts).
import { readdir, readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', legalComments: 'none', logLevel: 'warning' };

// Chunk names carry a content hash, so each rebuild would leave the previous ones behind.
for (const name of await readdir('dist')) if (/^chunk-.*\.mjs$/.test(name)) await rm(`dist/${name}`);

await build({
  ...common,
  entryPoints: { 'cli.bundle': 'dist/cli/main.js', 'worker.bundle': 'dist/cli/worker.js' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  // Dynamic imports become chunks loaded on demand: --help and validate never read pdfmake's code.
  splitting: true,
  // Chunks sit beside the entry points: modules find package.json and templates/ relative to themselves.
  chunkNames: 'chunk-[name]-[hash]',
  format: 'esm',
  // Left outside: pdfkit and fontkit (they read data files next to themselves), tinypool (it starts
  // its workers from its own files), nodemailer (only --eml and send need it) and open (it runs the
  // xdg-open script it ships, found beside its own module).
  external: ['pdfkit', 'fontkit', 'tinypool', 'nodemailer', 'open'],
  // CommonJS code inside the bundle still calls require().
  banner: { js: "import { createRequire as __briefingRequire } from 'node:module'; const require = __briefingRequire(import.meta.url);" },
});

/**
 * A snapshot can hold one script and nothing it would load later: no
 * require() of a package, no import(). So everything goes in, and each module
 * keeps its own location: `import.meta.url`, `__filename` and `__dirname`
 * become the path of the file the code came from, so that packages still find
 * the files they ship (tinypool its worker, pdfkit its colour profile) and
 * our modules find templates/ and package.json. The snapshot records where
 * it was built and is not used if the project moves (bin/briefing.js).
 */
const keepModuleLocations = {
  name: 'keep-module-locations',
  setup(b) {
    b.onLoad({ filter: /\.(c|m)?js$/ }, async ({ path }) => {
      let contents = (await readFile(path, 'utf8')).replace(/\bimport\.meta\.url\b/g, JSON.stringify(pathToFileURL(path).href));
      // CommonJS's free variables, unless the module declares its own.
      for (const [name, value] of [
        ['__filename', path],
        ['__dirname', dirname(path)],
      ]) {
        if (contents.includes(name) && !new RegExp(`\\b(const|let|var)\\s+${name}\\b`).test(contents))
          contents = `var ${name} = ${JSON.stringify(value)};\n${contents}`;
      }
      // fdir tries to load picomatch, an optional peer, through require() as it loads; a snapshot cannot
      // load a package, and tinyglobby gives fdir its own matchers, so fdir goes without.
      if (/[\\/]fdir[\\/]/.test(path))
        contents = contents.replace(/__require\.resolve\("picomatch"\);\s*pm = __require\("picomatch"\);/, '');
      return { contents, loader: 'js' };
    });
  },
};

await build({
  ...common,
  entryPoints: { 'snapshot.bundle': 'dist/startup/snapshot.js' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  // Without comments, the source V8 keeps for lazy compiling is smaller; and
  // a single character beyond Latin-1 anywhere in it (a typographic
  // apostrophe in a dependency's comment) makes V8 hold all of it as
  // two-byte text, 5 MB more in every process started from the snapshot.
  minifyWhitespace: true,
  plugins: [keepModuleLocations],
  // pdfkit require()s fontkit and we import it: one copy (its CommonJS build), not two.
  alias: { fontkit: fileURLToPath(new URL('../node_modules/fontkit/dist/main.cjs', import.meta.url)) },
});

// esbuild escapes what is beyond ASCII in strings, but not in regular expressions: say where, so it can be written as \u escapes.
const snapshotSource = await readFile('dist/snapshot.bundle.cjs', 'utf8');
// eslint-disable-next-line no-control-regex -- looking for what is beyond Latin-1, from NUL up
const wide = snapshotSource.search(/[^\x00-\xff]/);
if (wide >= 0)
  console.warn(
    `bundle: dist/snapshot.bundle.cjs has a character beyond Latin-1 (${JSON.stringify(snapshotSource.slice(Math.max(0, wide - 40), wide + 10))}); the snapshot works, but holds its source at twice the size.`,
  );
