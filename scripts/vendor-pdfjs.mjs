// Puts the preview's pdf.js into dist/pdfjs/ (run by `npm run build`): its
// browser build only (the page's script, its worker and the viewer's styles),
// Brotli-compressed, as the preview server sends it (src/cli/preview/server.ts).
// pdfjs-dist itself is a devDependency: installed, it brought 41 MB of builds
// for every platform, and its optional native canvas (@napi-rs/canvas, 33 MB)
// that only its Node build uses. Left out: its character maps, standard fonts
// and WebAssembly image decoders (JPEG 2000, JBIG2, ICC colour), which
// briefing's PDFs never need: they embed every font they use, and their
// images are PNG or JPEG.
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'dist/pdfjs');
const PDFJS = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

/** dist/pdfjs/ name (with .br) ← pdfjs-dist file. */
const FILES = {
  'pdf.mjs': 'build/pdf.min.mjs',
  'pdf.worker.mjs': 'build/pdf.worker.min.mjs',
  'pdf_viewer.css': 'web/pdf_viewer.css',
};

await rm(OUT, { recursive: true, force: true });
await mkdir(OUT, { recursive: true });
for (const [name, from] of Object.entries(FILES)) {
  const bytes = await readFile(join(PDFJS, from));
  const params = { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length };
  await writeFile(join(OUT, `${name}.br`), brotliCompressSync(bytes, { params }));
}
await copyFile(join(PDFJS, 'LICENSE'), join(OUT, 'LICENSE'));
const { version } = JSON.parse(await readFile(join(PDFJS, 'package.json'), 'utf8'));
await writeFile(join(OUT, 'VERSION'), `pdfjs-dist ${version}\n`);
