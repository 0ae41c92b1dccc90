/**
 * Fitting's own cost per build: the example, the long variant, 40 variants
 * of the example, and the test fixtures of other shapes. Two counts: trials
 * (each scale, arrangement and set of omissions tried, most of them added up
 * from block heights, src/pipeline/blocks.ts) and full-page layouts (the
 * page laid out whole; a build from before blocks were measured has only
 * passes, each a full-page layout, shown in both columns).
 *
 *   node bench/passes.mjs                  # this checkout's dist/
 *   node bench/passes.mjs --dist <dir>     # another build's dist/ (e.g. main's), to compare
 *   node bench/passes.mjs --each           # a line for each variant too
 *
 * Prints one line per document (with the scales chosen, to three places:
 * fewer trials must not cost a looser fit, and a percentage in the summary
 * hides a step of 1%), and the mean and median of the variants. To see
 * that a change keeps every fit, run it with --each on both builds and diff.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join, resolve } from 'node:path';
import { EXAMPLE, longVariantYaml, variantYaml } from './variants.mjs';

const at = process.argv.indexOf('--dist');
const dist = at > 0 ? resolve(process.argv[at + 1]) : fileURLToPath(new URL('../dist', import.meta.url));
// The bundled library (dist/index.mjs); a build from before the engine was bundled has dist/index.js.
const entry = ['index.mjs', 'index.js'].map((f) => join(dist, f)).find((f) => existsSync(f));
const { buildBriefing } = await import(pathToFileURL(entry).href);
const fixtures = fileURLToPath(new URL('../tests/fixtures', import.meta.url));

async function passes(input, allowOverflow = false) {
  try {
    const r = await buildBriefing(input, { allowOverflow });
    const { type, space } = r.fit.scale;
    return {
      passes: r.fit.passes,
      layouts: r.fit.layouts ?? r.fit.passes,
      summary: r.fit.summary,
      pages: r.pages,
      scale: `${type.toFixed(3)}/${space.toFixed(3)}`,
    };
  } catch (err) {
    return { passes: NaN, layouts: NaN, summary: `${err.name}: ${err.message.split('\n')[0].slice(0, 90)}`, pages: 0, scale: '-' };
  }
}

const row = (name, r) =>
  console.log(
    `${name.padEnd(28)} ${String(r.passes).padStart(3)} trials ${String(r.layouts).padStart(2)} layouts  ${r.pages} p  ${r.scale.padEnd(11)}  ${r.summary}`,
  );
row('example', await passes({ path: EXAMPLE }));
row('long variant', await passes({ content: longVariantYaml() }));
const variants = [];
const each = process.argv.includes('--each');
for (let i = 0; i < 40; i++) {
  variants.push(await passes({ content: variantYaml(i) }));
  if (each) row(`variant ${i}`, variants[i]);
}
const stats = (key) => {
  const v = variants.map((r) => r[key]).sort((a, b) => a - b);
  return `mean ${(v.reduce((a, b) => a + b, 0) / v.length).toFixed(2)}, median ${v[20]}, max ${v[v.length - 1]}`;
};
console.log(`${'40 variants'.padEnd(28)} trials ${stats('passes')}; layouts ${stats('layouts')}`);
for (const name of readdirSync(fixtures)
  .filter((n) => /^(shape|fit)-/.test(n))
  .sort()) {
  const file = join(fixtures, name, 'briefing.yaml');
  // Read here, so an older build sees the same text.
  row(name, await passes({ content: readFileSync(file, 'utf8'), file }, name === 'shape-two-pages'));
}
