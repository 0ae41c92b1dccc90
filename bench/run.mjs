#!/usr/bin/env node
/**
 * `npm run bench`: measures briefing against stock pdfmake (bench/baseline.mjs)
 * in one run and prints a table with absolute figures, ratios and targets.
 *
 *   node bench/run.mjs [--quick] [--batch-timeout SECONDS]
 *
 *   --quick             batch of 100 files instead of 1,000 (said so in the table header)
 *   --batch-timeout S   stop the batch after S seconds and report how far it got (default: what
 *                       is left of a 280 s budget for the whole run, at least 60 s), so a run
 *                       stays under 5 minutes even when the batch is slow; the table says so
 *
 * Uses only Node's own timers and child_process, plus /usr/bin/time -v for peak
 * RSS when it is installed. See bench/README.md.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { variantYaml } from './variants.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NODE = process.execPath;
const EXAMPLE = join(ROOT, 'content/relos-duma-ratification.yaml');
const DOCDEF = join(ROOT, 'bench/example-docdef.json');
const BASELINE = join(ROOT, 'bench/baseline.mjs');
const WARM = join(ROOT, 'bench/warm-briefing.mjs');
const TUNING = join(ROOT, 'bench/tuning.mjs');
const TAGGING = join(ROOT, 'bench/tagging.mjs');
const PREVIEW = join(ROOT, 'bench/preview.mjs');
const TYPST = join(ROOT, 'bench/typst/render.mjs');
/** Content that cannot fit one page even at the floor: a cold build refuses it (exit status 1). */
const IMPOSSIBLE = join(ROOT, 'tests/fixtures/fit-impossible/briefing.yaml');
// BENCH_NO_TIME=1 forces the fallback (process.resourceUsage) even where /usr/bin/time exists.
const TIME = existsSync('/usr/bin/time') && !process.env.BENCH_NO_TIME ? '/usr/bin/time' : undefined;
/** `node -e` wrapper that runs a script (argv after a placeholder) and prints its own peak RSS (kB) at exit. */
const RSS_WRAPPER = [
  '--input-type=module',
  '-e',
  "const { pathToFileURL } = await import('node:url'); process.argv.splice(1, 1); process.on('exit', () => process.stderr.write('\\nmaxRSS ' + process.resourceUsage().maxRSS + '\\n')); await import(pathToFileURL(process.argv[1]).href);",
  'wrapper',
];

const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const BATCH = QUICK ? 100 : 1000;
const ti = args.indexOf('--batch-timeout');
const BATCH_TIMEOUT_ARG = ti >= 0 ? Number(args[ti + 1]) : undefined;
/** Without --batch-timeout, the batch gets what is left of a 280 s budget for the whole run (at least 60 s). */
const RUN_BUDGET_S = 280;
const COLD_RUNS = 7;
const WARM_DOCS = 40;
const WARM_SKIP = 5;
const RSS_RUNS = 3;
const TUNING_DOCS = 20;
const TAGGING_DOCS = 25;

const started = performance.now();
const load0 = loadavg();
const tmp = mkdtempSync(join(tmpdir(), 'briefing-bench-'));
const log = (s) => process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${s}\n`);

if (!existsSync(join(ROOT, 'dist/index.mjs'))) {
  log('dist/ is missing: running npm run build');
  run('npm', ['run', 'build'], { stdio: 'inherit' });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function run(cmd, argv, opts = {}, okStatus = 0) {
  const r = spawnSync(cmd, argv, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
  if (r.error) throw r.error;
  if (r.status !== okStatus) throw new Error(`${cmd} ${argv.join(' ')} exited with ${r.status}:\n${r.stderr}`);
  return r;
}

/** CPU time (user + system, in ms) of the processes that cold runs started, by series: what load from other processes disturbs least. */
const coldCpu = {};

/** Wall time of one whole process, in ms; with /usr/bin/time, its CPU time (and its children's) goes to coldCpu[series]. */
function timeProcess(argv, env, series, okStatus = 0) {
  const options = env && { env: { ...process.env, ...env } };
  const t0 = performance.now();
  if (TIME && series) {
    const r = run(TIME, ['-f', 'cpu %U %S', NODE, ...argv], options, okStatus);
    const [, user, system] = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
    (coldCpu[series] ??= []).push((Number(user) + Number(system)) * 1000);
  } else run(NODE, argv, options, okStatus);
  return performance.now() - t0;
}

// ---------------------------------------------------------------- the installed package
// Packed and installed into an empty project as a user would (from npm's cache), with a cache folder of
// its own, so it makes its own startup snapshot on first use (src/startup/cache.ts).
log('installed package: npm pack, npm install into an empty project');
const project = join(tmp, 'project');
mkdirSync(project);
writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'bench-host', private: true, type: 'module' }));
const userEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
const packed = JSON.parse(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], { env: userEnv }).stdout)[0];
run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', join(tmp, packed.filename)], {
  cwd: project,
  env: userEnv,
});
const INSTALLED = join(project, 'node_modules/briefing');
const installedEnv = { XDG_CACHE_HOME: join(tmp, 'cache') };

/** Peak RSS of one process, in MB: /usr/bin/time -v if present, else a node wrapper reading process.resourceUsage(). */
function peakRss(argv) {
  if (TIME) {
    const r = run(TIME, ['-v', NODE, ...argv]);
    return Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)[1]) / 1024;
  }
  const r = run(NODE, [...RSS_WRAPPER, ...argv]);
  return Number(/maxRSS (\d+)/.exec(r.stderr)[1]) / 1024;
}

// ---------------------------------------------------------------- cold
const coldOut = join(tmp, 'cold');
mkdirSync(coldOut);
const coldBriefing = ['bin/briefing.js', 'build', EXAMPLE, '-o', coldOut];
const coldBaseline = [BASELINE, DOCDEF, join(coldOut, 'baseline.pdf')];
const nodeNothing = ['-e', '0'];
// Typst, the peer: a new process compiling the same example with bench/typst/briefing.typ.
const coldTypst = [TYPST, EXAMPLE, join(coldOut, 'typst.pdf')];
// The refusal: a file that cannot fit, built cold; the CLI reports it and exits with status 1.
const coldRefusal = ['bin/briefing.js', 'build', IMPOSSIBLE, '-o', join(tmp, 'refused')];
const REFUSAL_STATUS = 1;
// Typst is a devDependency with a native package per platform: where it does not load, its rows say n/a.
const TYPST_LOADS =
  spawnSync(NODE, ['--input-type=module', '-e', "await import('@myriaddreamin/typst-ts-node-compiler')"], { cwd: ROOT }).status === 0;
if (!TYPST_LOADS) log('Typst: @myriaddreamin/typst-ts-node-compiler does not load here (npm install?); its rows say n/a');

// The same build without the startup snapshot (src/startup/snapshot.ts), from the bundled modules.
const noSnapshot = { BRIEFING_SNAPSHOT: '0' };
const coldInstalled = [join(INSTALLED, 'bin/briefing.js'), 'build', EXAMPLE, '-o', join(tmp, 'cold-installed')];
// Other scripts: a Chinese and an Arabic briefing (tests/fixtures/languages/), each its own fonts, shaping and line breaking.
const SCRIPT_BRIEFS = { 'zh-Hans': 'tests/fixtures/languages/zh-Hans.yaml', ar: 'tests/fixtures/languages/ar.yaml' };
const coldScript = Object.fromEntries(
  Object.entries(SCRIPT_BRIEFS).map(([tag, file]) => [
    tag,
    ['bin/briefing.js', 'build', join(ROOT, file), '-o', join(tmp, `cold-${tag}.pdf`)],
  ]),
);
log(
  `cold: ${COLD_RUNS} runs each of briefing build (with and without its snapshot, installed), baseline render, node -e 0 (after one warm-up each)`,
);
for (const a of [coldBriefing, coldBaseline, nodeNothing, ...(TYPST_LOADS ? [coldTypst] : []), ...Object.values(coldScript)])
  timeProcess(a);
timeProcess(coldRefusal, undefined, undefined, REFUSAL_STATUS);
timeProcess(coldBriefing, noSnapshot);
// The installed package's first build has its snapshot made in the background: wait for it.
timeProcess(coldInstalled, installedEnv);
const { snapshotPlace, snapshotReady } = await import(pathToFileURL(join(INSTALLED, 'dist/snapshot-cache.mjs')).href);
const installedPlace = snapshotPlace(join(INSTALLED, 'dist'), { ...process.env, ...installedEnv });
for (let waited = 0; !snapshotReady(installedPlace) && waited < 120_000; waited += 250) await new Promise((r) => setTimeout(r, 250));
if (!snapshotReady(installedPlace)) log('installed package: no startup snapshot after 2 minutes; its cold figure is without one');
const cold = { briefing: [], modules: [], installed: [], baseline: [], node: [], typst: [], refusal: [], 'zh-Hans': [], ar: [] };
for (let i = 0; i < COLD_RUNS; i++) {
  // Interleaved, so drift in machine load hits all of them alike.
  cold.briefing.push(timeProcess(coldBriefing, undefined, 'briefing'));
  cold.installed.push(timeProcess(coldInstalled, installedEnv, 'installed'));
  cold.modules.push(timeProcess(coldBriefing, noSnapshot));
  cold.baseline.push(timeProcess(coldBaseline, undefined, 'baseline'));
  cold.node.push(timeProcess(nodeNothing));
  if (TYPST_LOADS) cold.typst.push(timeProcess(coldTypst, undefined, 'typst'));
  cold.refusal.push(timeProcess(coldRefusal, undefined, 'refusal', REFUSAL_STATUS));
  for (const [tag, argv] of Object.entries(coldScript)) cold[tag].push(timeProcess(argv));
}
// The CLI names its output after the briefing's reference and date; whatever it wrote beside the baseline's is the example's PDF.
const examplePdf = readdirSync(coldOut).find((f) => f.endsWith('.pdf') && f !== 'baseline.pdf');
const examplePdfKB = statSync(join(coldOut, examplePdf)).size / 1024;
const baselinePdfKB = statSync(join(coldOut, 'baseline.pdf')).size / 1024;
const scriptPdfKB = Object.fromEntries(Object.keys(SCRIPT_BRIEFS).map((tag) => [tag, statSync(join(tmp, `cold-${tag}.pdf`)).size / 1024]));

log(`peak RSS: ${RSS_RUNS} cold runs each${TIME ? ' under /usr/bin/time -v' : ' (process.resourceUsage wrapper)'}`);
const rss = { briefing: [], baseline: [] };
for (let i = 0; i < RSS_RUNS; i++) {
  rss.briefing.push(peakRss(coldBriefing));
  rss.baseline.push(peakRss(coldBaseline));
}

// ---------------------------------------------------------------- warm
log(`warm: ${WARM_DOCS} distinct briefings in one process (buildBriefing), first ${WARM_SKIP} skipped`);
const warmB = JSON.parse(run(NODE, [WARM, String(WARM_DOCS), String(WARM_SKIP)]).stdout);
log(`warm: the same with the installed package's library`);
const warmI = JSON.parse(run(NODE, [WARM, String(WARM_DOCS), String(WARM_SKIP), join(INSTALLED, 'dist/index.mjs')]).stdout);
log(`speed layer: ${TUNING_DOCS} distinct briefings, each with everything on, off, and each replacement off in turn (CPU time)`);
const tuning = JSON.parse(run(NODE, [TUNING, String(TUNING_DOCS), '3']).stdout).configs;
log(`tagging: ${TAGGING_DOCS} distinct briefings, each built twice tagged and twice untagged, interleaved (CPU time)`);
const tagging = JSON.parse(run(NODE, [TAGGING, String(TAGGING_DOCS), '3']).stdout);
log(`warm: ${WARM_DOCS} distinct document definitions in one process (stock pdfmake)`);
const warmP = JSON.parse(run(NODE, [BASELINE, DOCDEF, '--warm', String(WARM_DOCS)]).stdout);
log(`warm: the same ${WARM_DOCS} variants compiled by Typst in one process, its cache evicted before each`);
const warmT = TYPST_LOADS
  ? JSON.parse(run(NODE, [TYPST, '--warm', String(WARM_DOCS), String(WARM_SKIP)]).stdout)
  : { medianMs: NaN, firstMs: NaN, minMs: NaN, maxMs: NaN };

log('preview: 30 saves of the example, save to new PDF ready on the server (bench/preview.mjs)');
const preview = JSON.parse(run(NODE, [PREVIEW, '30', '3']).stdout);

// ---------------------------------------------------------------- batch
const batchIn = join(tmp, 'batch-in');
const batchOut = join(tmp, 'batch-out');
mkdirSync(batchIn);
for (let i = 1; i <= BATCH; i++) writeFileSync(join(batchIn, `variant-${String(i).padStart(4, '0')}.yaml`), variantYaml(i));
const BATCH_TIMEOUT_S = Math.round(BATCH_TIMEOUT_ARG ?? Math.max(60, RUN_BUDGET_S - (performance.now() - started) / 1000));
log(`batch: briefing build of ${BATCH} files in one folder (stopped if it takes over ${BATCH_TIMEOUT_S} s)`);
const batch = await runBatch();
// Typst over the same folder in one process (one thread; its own work is single-threaded), for at most 60 s.
const TYPST_BATCH_S = 60;
log(`batch: Typst over the same ${BATCH} files in one process (stopped after ${TYPST_BATCH_S} s)`);
const typstBatch = TYPST_LOADS
  ? JSON.parse(run(NODE, [TYPST, '--batch', batchIn, join(tmp, 'typst-out'), String(TYPST_BATCH_S)]).stdout)
  : { files: BATCH, done: 0, ms: NaN };
const typstBatchS = ((typstBatch.ms / 1000) * typstBatch.files) / Math.max(typstBatch.done, 1);

// ---------------------------------------------------------------- report
const load1 = loadavg();
const totalS = (performance.now() - started) / 1000;
rmSync(tmp, { recursive: true, force: true });

const ms = (x) => (Number.isNaN(x) ? 'n/a' : `${Math.round(x)} ms`);
const mb = (x) => `${x.toFixed(0)} MB`;
const ratio = (a, b) => (Number.isNaN(a / b) ? 'n/a' : `${(a / b).toFixed(2)}×`);
const mark = (ok) => (ok ? 'met' : 'NOT MET');
/** An upper limit: met, or NOT MET and by how much the figure is over it. */
const atMost = (value, limit) =>
  Number.isNaN(value) ? 'NOT MEASURED' : value <= limit ? 'met' : `NOT MET by ${Math.round((value / limit - 1) * 100)}%`;

const c = {
  b: median(cold.briefing),
  m: median(cold.modules),
  i: median(cold.installed),
  p: median(cold.baseline),
  n: median(cold.node),
  t: median(cold.typst),
  r: median(cold.refusal),
};
const BATCH_LIMIT_S = BATCH === 1000 ? 15 : 1.5;
// Full-page layouts per build: fit.layouts once the fitter counts them (issue #23), its passes before.
const MAX_LAYOUTS = 2;
const layoutsMax = Math.max(warmB.layoutsMax, warmB.long.layouts);
const r1 = { b: median(rss.briefing), p: median(rss.baseline) };
const batchFiles = batch.built + batch.failed;
const batchS = batch.ms / 1000;
const perSecond = batchFiles / batchS;
const batchEstimateS = batch.timedOut ? (BATCH / Math.max(batchFiles, 1)) * batchS : batchS;

const cpu = (series) => median(coldCpu[series]);
// On a busy machine wall times scatter; CPU time shows whether the installed package does more work than the repository.
const cpuRows = coldCpu.briefing
  ? [
      ['  CPU time (user + system)', ms(cpu('briefing')), ms(cpu('baseline')), ratio(cpu('briefing'), cpu('baseline')), '', ''],
      [
        '  installed package, CPU time: against the repository',
        ms(cpu('installed')),
        ms(cpu('briefing')),
        ratio(cpu('installed'), cpu('briefing')),
        '≤ 1.05× repository',
        mark(cpu('installed') / cpu('briefing') <= 1.05),
      ],
    ]
  : [['  installed package: against the repository', ms(c.i), ms(c.b), ratio(c.i, c.b), '≤ 1.05× repository', mark(c.i / c.b <= 1.05)]];

const rows = [
  ['measure', 'briefing', 'baseline', 'ratio', 'target', 'status'],
  null,
  [`cold: whole process, median of ${COLD_RUNS}`, ms(c.b), ms(c.p), ratio(c.b, c.p), '≤ 0.6× baseline', atMost(c.b / c.p, 0.6)],
  ['  Typst: new process, same example (bench/typst)', ms(c.t), ms(c.p), ratio(c.t, c.p), '', ''],
  ['  briefing against Typst', ms(c.b), ms(c.t), ratio(c.b, c.t), '', ''],
  [
    '  unfittable file refused (fit-impossible) vs cold build',
    ms(c.r),
    ms(c.b),
    ratio(c.r, c.b),
    '≤ 1.5× cold build',
    atMost(c.r / c.b, 1.5),
  ],
  ['  without the startup snapshot', ms(c.m), ms(c.p), ratio(c.m, c.p), '', ''],
  ['  installed package (npm pack, npm install)', ms(c.i), ms(c.p), ratio(c.i, c.p), '', ''],
  ...cpuRows,
  ['  node -e 0 (process floor, same for both)', ms(c.n), ms(c.n), '', '', ''],
  ['  cold minus node -e 0', ms(c.b - c.n), ms(c.p - c.n), ratio(c.b - c.n, c.p - c.n), '', ''],
  [
    `warm: ms/doc, median of ${WARM_DOCS - WARM_SKIP} distinct`,
    ms(warmB.medianMs),
    ms(warmP.medianMs),
    ratio(warmB.medianMs, warmP.medianMs),
    '≤ 0.15× baseline',
    atMost(warmB.medianMs / warmP.medianMs, 0.15),
  ],
  [
    '  against Typst, its cache evicted each document',
    ms(warmB.medianMs),
    ms(warmT.medianMs),
    ratio(warmB.medianMs, warmT.medianMs),
    '≤ 1.5× Typst',
    atMost(warmB.medianMs / warmT.medianMs, 1.5),
  ],
  [
    '  Typst: first document / fastest / slowest',
    [warmT.firstMs, warmT.minMs, warmT.maxMs].map((x) => (Number.isNaN(x) ? 'n/a' : Math.round(x))).join(' / '),
    '',
    '',
    '',
    '',
  ],
  ['  installed package', ms(warmI.medianMs), ms(warmP.medianMs), ratio(warmI.medianMs, warmP.medianMs), '', ''],
  ['  warm: first document in process', ms(warmB.firstMs), ms(warmP.firstMs), '', '', ''],
  [`preview: save to PDF ready, median of ${preview.runs}`, ms(preview.medianMs), '', '', '≤ 40 ms', atMost(preview.medianMs, 40)],
  ['  preview: p90 / full-page layouts (median)', `${ms(preview.p90Ms)} / ${preview.passesMedian}`, '', '', '', ''],
  ['  warm: fastest / slowest (briefing)', `${Math.round(warmB.minMs)} / ${Math.round(warmB.maxMs)}`, '', '', '', ''],
  [
    `batch: ${BATCH.toLocaleString('en')} files, wall time`,
    batch.timedOut ? `STOPPED ${batchS.toFixed(1)} s` : `${batchS.toFixed(1)} s`,
    '',
    '',
    `≤ ${BATCH_LIMIT_S} s`,
    batch.failed > 0 ? 'NOT MET (failures)' : atMost(batchEstimateS, BATCH_LIMIT_S),
  ],
  [
    `  Typst, one process (ratio: briefing / Typst)${typstBatch.done < typstBatch.files ? `: ${typstBatch.done} files in ${(typstBatch.ms / 1000).toFixed(0)} s, scaled` : ''}`,
    Number.isNaN(typstBatchS) ? 'n/a' : `${typstBatchS.toFixed(1)} s`,
    '',
    ratio(batchEstimateS, typstBatchS),
    '',
    '',
  ],
  ...(batch.timedOut
    ? [
        [`  stopped at ${BATCH_TIMEOUT_S} s: files done`, `${batchFiles} / ${BATCH}`, '', '', '', ''],
        [`  estimated for all ${BATCH}`, `≈ ${batchEstimateS.toFixed(0)} s`, '', '', '', ''],
      ]
    : []),
  ['  throughput', `${perSecond.toFixed(1)} files/s`, '', '', '', ''],
  ['  built / failed', `${batch.built} / ${batch.failed}`, '', '', '0 failed', mark(batch.failed === 0)],
  ['batch: peak RSS', mb(batch.rssMB), '', '', '< 400 MB', mark(batch.rssMB < 400)],
  [`single cold build: peak RSS, median of ${RSS_RUNS}`, mb(r1.b), mb(r1.p), ratio(r1.b, r1.p), '< 150 MB', mark(r1.b < 150)],
  [
    'example PDF size',
    `${examplePdfKB.toFixed(1)} KB`,
    `${baselinePdfKB.toFixed(1)} KB`,
    ratio(examplePdfKB, baselinePdfKB),
    '< 60 KB',
    mark(examplePdfKB < 60),
  ],
  ...Object.keys(SCRIPT_BRIEFS).flatMap((tag) => {
    const kb = scriptPdfKB[tag];
    return [
      [
        `cold: ${tag} briefing, median of ${COLD_RUNS}`,
        ms(median(cold[tag])),
        ms(c.b),
        ratio(median(cold[tag]), c.b),
        'vs the example',
        '',
      ],
      [`  ${tag} PDF size`, `${kb.toFixed(1)} KB`, '', '', '< 200 KB', mark(kb < 200)],
    ];
  }),
  ['packed package (with CJK fonts)', `${(packed.size / 1e6).toFixed(1)} MB`, '', '', '< 40 MB', mark(packed.size < 40e6)],
  [
    `tagging: CPU per build, tagged / untagged, median of ${tagging.documents - tagging.skipped}`,
    ms(tagging.taggedCpuMs),
    ms(tagging.untaggedCpuMs),
    `${tagging.ratio.toFixed(2)}×`,
    `≤ ${tagging.limit}× untagged`,
    atMost(tagging.ratio, tagging.limit),
  ],
  [
    `full-page layouts: most of ${WARM_DOCS} variants and the long one`,
    String(layoutsMax),
    '1',
    '',
    `≤ ${MAX_LAYOUTS}`,
    atMost(layoutsMax, MAX_LAYOUTS),
  ],
  [`  variants with more than ${MAX_LAYOUTS}`, `${warmB.layoutsOver2} / ${WARM_DOCS}`, '', '', '', ''],
  [
    '  example / long variant / median of the variants',
    `${warmB.example.layouts} / ${warmB.long.layouts} / ${warmB.layoutsMedian}`,
    '',
    '',
    '',
    '',
  ],
];

// Each replacement's gain: a build's time with it off, over the time with everything on (src/pdf/tuning/registry.ts).
const speedRows = [
  ['speed layer: replacement off', 'CPU/doc', 'all on', 'ratio', '', ''],
  null,
  ...Object.entries(tuning).map(([name, t]) => [
    `  ${name}`,
    ms(t.medianCpuMs),
    ms(tuning['all on'].medianCpuMs),
    name === 'all on' ? '' : ratio(t.ratio, 1),
    '',
    '',
  ]),
];
rows.push(...speedRows);

const widths = rows[0].map((_, k) => Math.max(...rows.filter(Boolean).map((r) => [...r[k]].length)));
const line = (r) =>
  r
    .map((cell, k) => (k === 0 ? cell.padEnd(widths[k]) : cell.padStart(widths[k])))
    .join('  ')
    .trimEnd();
const rule = widths.map((w) => '-'.repeat(w)).join('  ');

const out = [];
out.push(`briefing benchmark — ${new Date().toISOString()}`);
out.push(
  `node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model.trim()}), load average ${load0[0].toFixed(2)} at start, ${load1[0].toFixed(2)} at end`,
);
out.push(
  `batch size: ${BATCH.toLocaleString('en')} files${QUICK ? '  *** QUICK MODE (--quick): 100 files, not 1,000; batch target scaled to 1.5 s ***' : ''}`,
);
out.push(`baseline: stock pdfmake ${pdfmakeVersion()} public API on bench/example-docdef.json (fonts from file paths, no fitting)`);
out.push(`peak RSS via ${TIME ? '/usr/bin/time -v' : 'process.resourceUsage().maxRSS'}`);
out.push('');
out.push(line(rows[0]));
out.push(rule);
for (const r of rows.slice(2)) out.push(r ? line(r) : rule);
out.push(rule);
out.push(
  `example fit: ${warmB.example.summary}; long variant: ${warmB.long.summary} (${warmB.long.pages} page${warmB.long.pages === 1 ? '' : 's'})`,
);
if (warmB.failures.length > 0) out.push(`warm failures: ${warmB.failures.length}, first: ${warmB.failures[0]}`);
if (batch.firstError) out.push(`batch first error: ${batch.firstError}`);
out.push(`bench total: ${totalS.toFixed(0)} s`);
process.stdout.write(`${out.join('\n')}\n`);

function pdfmakeVersion() {
  return JSON.parse(readFileSync(join(ROOT, 'node_modules/pdfmake/package.json'), 'utf8')).version;
}

/**
 * `briefing build <folder> -o <out>` as a whole process, wall time; peak RSS
 * from /usr/bin/time -v (or a resourceUsage wrapper). Counts "built" lines as
 * they stream, so a batch stopped at the timeout still says how far it got.
 */
function runBatch() {
  return new Promise((resolve, reject) => {
    const cli = ['bin/briefing.js', 'build', batchIn, '-o', batchOut];
    const [cmd, argv] = TIME ? [TIME, ['-v', NODE, ...cli]] : [NODE, [...RSS_WRAPPER, ...cli]];
    const t0 = performance.now();
    const child = spawn(cmd, argv, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let built = 0;
    let failed = 0;
    let firstError;
    let tail = '';
    let pending = '';
    let timedOut = false;
    let endedMs;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop();
      for (const l of lines) {
        if (l.startsWith('built ')) built++;
        else if (l.startsWith('error: ')) {
          failed++;
          firstError ??= l;
        } else tail += `${l}\n`;
      }
    });
    const timer = setTimeout(() => {
      timedOut = true;
      endedMs = performance.now() - t0;
      // Stop only the node process this benchmark started (under /usr/bin/time, its one child), so time still reports.
      const pid = TIME ? Number(readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/)[0]) : child.pid;
      if (pid) process.kill(pid, 'SIGTERM');
    }, BATCH_TIMEOUT_S * 1000);
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      // Whole-process wall time; when stopped, the time at which it was stopped.
      const wall = endedMs ?? performance.now() - t0;
      tail += pending;
      const m = TIME ? /Maximum resident set size \(kbytes\): (\d+)/.exec(tail) : /maxRSS (\d+)/.exec(tail);
      resolve({ ms: wall, built, failed, firstError, timedOut, rssMB: m ? Number(m[1]) / 1024 : NaN });
    });
  });
}
