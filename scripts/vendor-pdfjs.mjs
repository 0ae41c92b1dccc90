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

/** dist/pdfjs/ name (with .br) ← pdfjs-dist file, and what of it to keep. */
const FILES = {
  'pdf.mjs': { from: 'build/pdf.min.mjs' },
  'pdf.worker.mjs': { from: 'build/pdf.worker.min.mjs' },
  'pdf_viewer.css': { from: 'web/pdf_viewer.css', keep: layerRules },
};

/**
 * Of the viewer's 260 KB of styles (toolbars, dialogs, editors), the rules of
 * the two layers the preview draws: the text layer (select and search) and
 * the annotation layer (links), and the custom properties they read.
 */
function layerRules(css, version) {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const kept = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) {
      const rule = text.slice(start, i + 1).trim();
      const selector = rule.slice(0, rule.indexOf('{'));
      if (/\.(textLayer|annotationLayer)\b|:root/.test(selector)) kept.push(rule);
      start = i + 1;
    }
  }
  if (!kept.some((r) => r.startsWith('.textLayer')) || !kept.some((r) => r.startsWith('.annotationLayer')))
    throw new Error('vendor-pdfjs: pdf_viewer.css has no .textLayer or .annotationLayer rules any more; look at what pdf.js renamed');
  return `/* pdf.js ${version} viewer styles: the text and annotation layers only (scripts/vendor-pdfjs.mjs) */\n${kept.join('\n')}\n`;
}

await rm(OUT, { recursive: true, force: true });
await mkdir(OUT, { recursive: true });
const { version } = JSON.parse(await readFile(join(PDFJS, 'package.json'), 'utf8'));
for (const [name, { from, keep }] of Object.entries(FILES)) {
  const source = await readFile(join(PDFJS, from));
  const bytes = keep ? Buffer.from(keep(source.toString('utf8'), version)) : source;
  const params = { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length };
  await writeFile(join(OUT, `${name}.br`), brotliCompressSync(bytes, { params }));
}
await copyFile(join(PDFJS, 'LICENSE'), join(OUT, 'LICENSE'));
