#!/usr/bin/env node
/**
 * The baseline: render a pdfmake document definition with STOCK pdfmake's
 * public Node API and nothing else — no briefing code, no fitting, no font
 * sharing. bench/run.mjs compares briefing against this.
 *
 *   node bench/baseline.mjs <docdef.json> <out.pdf>   render once, write the PDF (cold measurement)
 *   node bench/baseline.mjs <docdef.json> --warm N    render N distinct variants in one process and
 *                                                     print {"medianMs": …, …} as JSON on stdout
 *
 * The document definition is what `briefing build --emit docdef` writes; see
 * bench/README.md for how bench/example-docdef.json is regenerated.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const pdfmake = require('pdfmake');

// The same Noto Sans files as templates/briefing/theme.yaml names.
const font = (p) => require.resolve(`@expo-google-fonts/noto-sans/${p}`);
const fonts = {
  NotoSans: {
    normal: font('400Regular/NotoSans_400Regular.ttf'),
    bold: font('600SemiBold/NotoSans_600SemiBold.ttf'),
    italics: font('400Regular_Italic/NotoSans_400Regular_Italic.ttf'),
    bolditalics: font('600SemiBold_Italic/NotoSans_600SemiBold_Italic.ttf'),
  },
  NotoSansBold: {
    normal: font('700Bold/NotoSans_700Bold.ttf'),
    bold: font('700Bold/NotoSans_700Bold.ttf'),
    italics: font('700Bold_Italic/NotoSans_700Bold_Italic.ttf'),
    bolditalics: font('700Bold_Italic/NotoSans_700Bold_Italic.ttf'),
  },
};
const fontFiles = new Set(Object.values(fonts).flatMap((faces) => Object.values(faces)));

pdfmake.setFonts(fonts);
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((path) => fontFiles.has(path));

// Copied from src/engine.ts (tableLayoutFunctions): the document definition is
// JSON, so its table layouts hold a value (`"vLineWidth": 0`) or a list by line
// index, the last one repeating (`"vLineWidth": [3, 0]`); stock pdfmake wants
// functions. Keep this in step with src/engine.ts.
const LAYOUT_KEYS = [
  'hLineWidth',
  'vLineWidth',
  'hLineColor',
  'vLineColor',
  'hLineStyle',
  'vLineStyle',
  'fillColor',
  'fillOpacity',
  'paddingLeft',
  'paddingRight',
  'paddingTop',
  'paddingBottom',
];
function tableLayoutFunctions(node) {
  if (Array.isArray(node)) {
    for (const n of node) tableLayoutFunctions(n);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  if (node.table && typeof node.layout === 'object' && node.layout !== null) {
    for (const key of LAYOUT_KEYS) {
      const v = node.layout[key];
      if (v === undefined || typeof v === 'function') continue;
      node.layout[key] = Array.isArray(v) ? (i) => v[Math.min(i, v.length - 1)] : () => v;
    }
  }
  for (const key of ['stack', 'columns', 'ul', 'ol', 'text']) if (Array.isArray(node[key])) tableLayoutFunctions(node[key]);
  if (node.table && Array.isArray(node.table.body)) tableLayoutFunctions(node.table.body);
}

// The emitted document definition leaves page size and margins to the engine
// (they come from the theme), so give stock pdfmake the theme's: A4 and
// [40, 54, 40, 46]. Without them pdfmake's default margins would lay it out differently.
function prepare(docDef) {
  for (const part of [docDef.content, docDef.header, docDef.footer, docDef.background]) tableLayoutFunctions(part);
  return { pageSize: 'A4', pageMargins: [40, 54, 40, 46], ...docDef };
}

/** Variant i: every text string gets a different, same-length ending, so no two documents share all their words. */
function variant(docDef, i) {
  const tag = i.toString(36);
  const walk = (node) => {
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node !== 'object' || node === null) return node;
    const out = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === 'text' && typeof v === 'string' && v.length > 12) out[k] = mangle(v, tag);
      else out[k] = walk(v);
    }
    return out;
  };
  return walk(docDef);
}
/** Replace the last letters of the first long word with the tag (keeps the length, so the layout barely moves). */
function mangle(s, tag) {
  return s.replace(/[A-Za-z]{6,}/, (w) => w.slice(0, w.length - tag.length) + tag);
}

async function renderOnce(docDef) {
  return pdfmake.createPdf(prepare(docDef)).getBuffer();
}

const [file, ...rest] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node bench/baseline.mjs <docdef.json> (<out.pdf> | --warm N)\n');
  process.exit(2);
}
const source = readFileSync(file, 'utf8');

if (rest[0] === '--warm') {
  const n = Number(rest[1] ?? 40);
  const skip = Math.min(5, Math.floor(n / 4));
  const base = JSON.parse(source);
  const docs = Array.from({ length: n }, (_, i) => variant(base, i + 1));
  const times = [];
  let bytes = 0;
  for (const doc of docs) {
    const t0 = performance.now();
    const pdf = await renderOnce(doc);
    times.push(performance.now() - t0);
    bytes += pdf.length;
  }
  const measured = times.slice(skip).sort((a, b) => a - b);
  const median = measured[Math.floor(measured.length / 2)];
  process.stdout.write(
    `${JSON.stringify({ medianMs: median, documents: n, skipped: skip, firstMs: times[0], meanKB: bytes / n / 1024 })}\n`,
  );
} else {
  const out = rest[0];
  if (!out) {
    process.stderr.write('usage: node bench/baseline.mjs <docdef.json> <out.pdf>\n');
    process.exit(2);
  }
  const pdf = await renderOnce(JSON.parse(source));
  writeFileSync(out, pdf);
}
