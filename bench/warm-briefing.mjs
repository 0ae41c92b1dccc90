#!/usr/bin/env node
/**
 * Warm measurement for briefing: one process builds N distinct briefings
 * (bench/variants.mjs) in memory with buildBriefing({ content }) and prints, as
 * JSON on stdout, the median ms per document (after `skip` warm-up builds),
 * plus full-page layouts for each variant, the example and a deliberately long
 * variant (`fit.layouts`, counted by the fitter; `fit.passes` from a build
 * before it counted them).
 *
 *   node bench/warm-briefing.mjs [N=40] [skip=5] [library=dist/index.mjs]
 *
 * `library` is the module to build with: this repository's dist/, or the
 * installed package's (bench/run.mjs measures both).
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { EXAMPLE, longVariantYaml, variantYaml } from './variants.mjs';

const n = Number(process.argv[2] ?? 40);
const skip = Number(process.argv[3] ?? 5);
const { buildBriefing } = await import(process.argv[4] ? pathToFileURL(process.argv[4]).href : '../dist/index.mjs');

/** Full-page layouts of one build. */
const layoutsOf = (fit) => fit.layouts ?? fit.passes;

const inputs = Array.from({ length: n }, (_, i) => variantYaml(i + 1));
const times = [];
const layouts = [];
const failures = [];
for (const [i, content] of inputs.entries()) {
  const t0 = performance.now();
  try {
    const r = await buildBriefing({ content, file: `variant-${i + 1}.yaml` });
    layouts.push(layoutsOf(r.fit));
  } catch (err) {
    failures.push(`variant ${i + 1}: ${err.message}`);
  }
  times.push(performance.now() - t0);
}
const measured = times.slice(skip).sort((a, b) => a - b);
const median = (xs) => xs[Math.floor(xs.length / 2)];

const example = await buildBriefing({ path: EXAMPLE });
const long = await buildBriefing({ content: longVariantYaml(), file: 'long.yaml' }, { allowOverflow: true });

process.stdout.write(
  `${JSON.stringify({
    medianMs: median(measured),
    documents: n,
    skipped: skip,
    firstMs: times[0],
    minMs: measured[0],
    maxMs: measured[measured.length - 1],
    layoutsMedian: median([...layouts].sort((a, b) => a - b)),
    layoutsMax: Math.max(...layouts),
    layoutsOver2: layouts.filter((l) => l > 2).length,
    failures,
    example: { layouts: layoutsOf(example.fit), kb: example.pdf.length / 1024, summary: example.fit.summary },
    long: { layouts: layoutsOf(long.fit), pages: long.pages, summary: long.fit.summary },
  })}\n`,
);
