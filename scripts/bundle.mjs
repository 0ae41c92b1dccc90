// Bundles the CLI, and the worker of batch builds, into one file each at
// install time (run by `npm run build`). Loading one file instead of a few
// hundred modules takes a third off a cold start. Left outside: pdfkit and
// fontkit (they read data files next to themselves), tinypool (it starts its
// workers from its own files) and nodemailer (only --eml needs it).
import { build } from 'esbuild';

await build({
  entryPoints: { 'cli.bundle': 'dist/cli.js', 'worker.bundle': 'dist/worker.js' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  // Dynamic imports become chunks loaded on demand: --help and validate never read pdfmake's code.
  splitting: true,
  // Chunks sit beside the entry points: modules find package.json and templates/ relative to themselves.
  chunkNames: 'chunk-[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['pdfkit', 'fontkit', 'tinypool', 'nodemailer'],
  // CommonJS code inside the bundle still calls require().
  banner: { js: "import { createRequire as __briefingRequire } from 'node:module'; const require = __briefingRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
});
