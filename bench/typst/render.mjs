#!/usr/bin/env node
/**
 * Typst, the benchmark's peer: compiles briefings with bench/typst/briefing.typ
 * through @myriaddreamin/typst-ts-node-compiler (Typst as a library, in this
 * process), with the Noto Sans files of templates/briefing/theme.yaml.
 *
 *   node bench/typst/render.mjs <briefing.yaml> <out.pdf>      one document (the cold measurement)
 *   node bench/typst/render.mjs --warm N [skip]               N distinct variants (bench/variants.mjs) in one
 *                                                             process, the cache evicted before each; JSON out
 *   node bench/typst/render.mjs --batch <folder> <out> [S]    every .yaml in a folder, one process, for at most
 *                                                             S seconds; JSON out (files done, ms)
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import { typstData } from './data.mjs';

const TEMPLATE = fileURLToPath(new URL('briefing.typ', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(join(ROOT, 'package.json'));
// The four Noto Sans faces the built-in theme names (templates/briefing/theme.yaml, fonts.NotoSans).
const FACES = [
  '400Regular/NotoSans_400Regular.ttf',
  '600SemiBold/NotoSans_600SemiBold.ttf',
  '400Regular_Italic/NotoSans_400Regular_Italic.ttf',
  '600SemiBold_Italic/NotoSans_600SemiBold_Italic.ttf',
];

/** A compiler that knows only the theme's fonts and the template's folder. */
export function typstCompiler() {
  const fontBlobs = FACES.map((f) => readFileSync(require.resolve(`@expo-google-fonts/noto-sans/${f}`)));
  return NodeCompiler.create({ workspace: fileURLToPath(new URL('.', import.meta.url)), fontArgs: [{ fontBlobs }] });
}

/** One briefing (YAML text) → PDF bytes; throws with Typst's diagnostics when it does not compile. */
export function typstPdf(compiler, yamlText) {
  const r = compiler.compile({ mainFilePath: TEMPLATE, inputs: { data: typstData(yamlText) } });
  if (!r.result) throw new Error(`typst: ${JSON.stringify(r.takeDiagnostics()?.shortDiagnostics ?? r.takeDiagnostics())}`);
  // No creation date in the file (Typst leaves it out unless given one), so the same input gives the same bytes.
  return compiler.pdf(r.result);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const [mode, ...rest] = process.argv.slice(2);
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (mode === '--warm') {
    const { variantYaml } = await import('../variants.mjs');
    const n = Number(rest[0] ?? 40);
    const skip = Number(rest[1] ?? 5);
    const inputs = Array.from({ length: n }, (_, i) => variantYaml(i + 1));
    const compiler = typstCompiler();
    const times = [];
    let pages = 0;
    for (const yaml of inputs) {
      // Evicted before each document: nothing memoized from the one before is reused.
      compiler.evictCache(0);
      const t0 = performance.now();
      const pdf = typstPdf(compiler, yaml);
      times.push(performance.now() - t0);
      pages = Math.max(pages, (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length);
    }
    const measured = times.slice(skip);
    process.stdout.write(
      `${JSON.stringify({ medianMs: median(measured), firstMs: times[0], minMs: Math.min(...measured), maxMs: Math.max(...measured), maxPages: pages })}\n`,
    );
  } else if (mode === '--batch') {
    const [folder, out, limitS] = rest;
    mkdirSync(out, { recursive: true });
    const limitMs = Number(limitS ?? Infinity) * 1000;
    const t0 = performance.now();
    const compiler = typstCompiler();
    let done = 0;
    const files = readdirSync(folder)
      .filter((f) => f.endsWith('.yaml'))
      .sort();
    for (const f of files) {
      if (performance.now() - t0 > limitMs) break;
      // As a batch tool would: memoized results older than a few documents are dropped (Typst's suggested 10).
      writeFileSync(join(out, `${basename(f, '.yaml')}.pdf`), typstPdf(compiler, readFileSync(join(folder, f), 'utf8')));
      compiler.evictCache(10);
      done++;
    }
    process.stdout.write(`${JSON.stringify({ files: files.length, done, ms: performance.now() - t0 })}\n`);
  } else if (mode && rest[0]) {
    writeFileSync(rest[0], typstPdf(typstCompiler(), readFileSync(mode, 'utf8')));
  } else {
    process.stderr.write(
      'usage: node bench/typst/render.mjs <briefing.yaml> <out.pdf> | --warm N [skip] | --batch <folder> <out> [seconds]\n',
    );
    process.exit(2);
  }
}
