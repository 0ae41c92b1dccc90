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
import { variantYaml } from './variants.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NODE = process.execPath;
const EXAMPLE = join(ROOT, 'content/relos-duma-ratification.yaml');
const DOCDEF = join(ROOT, 'bench/example-docdef.json');
const BASELINE = join(ROOT, 'bench/baseline.mjs');
const WARM = join(ROOT, 'bench/warm-briefing.mjs');
const PREVIEW = join(ROOT, 'bench/preview.mjs');
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

const started = performance.now();
const load0 = loadavg();
const tmp = mkdtempSync(join(tmpdir(), 'briefing-bench-'));
const log = (s) => process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${s}\n`);

if (!existsSync(join(ROOT, 'dist/index.js'))) {
  log('dist/ is missing: running npm run build');
  run('npm', ['run', 'build'], { stdio: 'inherit' });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function run(cmd, argv, opts = {}) {
  const r = spawnSync(cmd, argv, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} exited with ${r.status}:\n${r.stderr}`);
  return r;
}

/** Wall time of one whole process, in ms. */
function timeProcess(argv, env) {
  const t0 = performance.now();
  run(NODE, argv, env && { env: { ...process.env, ...env } });
  return performance.now() - t0;
}

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

// The same build without the startup snapshot (src/startup/snapshot.ts), from the bundled modules.
const noSnapshot = { BRIEFING_SNAPSHOT: '0' };
log(`cold: ${COLD_RUNS} runs each of briefing build (with and without its snapshot), baseline render, node -e 0 (after one warm-up each)`);
for (const a of [coldBriefing, coldBaseline, nodeNothing]) timeProcess(a);
timeProcess(coldBriefing, noSnapshot);
const cold = { briefing: [], modules: [], baseline: [], node: [] };
for (let i = 0; i < COLD_RUNS; i++) {
  // Interleaved, so drift in machine load hits all three alike.
  cold.briefing.push(timeProcess(coldBriefing));
  cold.modules.push(timeProcess(coldBriefing, noSnapshot));
  cold.baseline.push(timeProcess(coldBaseline));
  cold.node.push(timeProcess(nodeNothing));
}
// The CLI names its output after the briefing's reference and date; whatever it wrote beside the baseline's is the example's PDF.
const examplePdf = readdirSync(coldOut).find((f) => f.endsWith('.pdf') && f !== 'baseline.pdf');
const examplePdfKB = statSync(join(coldOut, examplePdf)).size / 1024;
const baselinePdfKB = statSync(join(coldOut, 'baseline.pdf')).size / 1024;

log(`peak RSS: ${RSS_RUNS} cold runs each${TIME ? ' under /usr/bin/time -v' : ' (process.resourceUsage wrapper)'}`);
const rss = { briefing: [], baseline: [] };
for (let i = 0; i < RSS_RUNS; i++) {
  rss.briefing.push(peakRss(coldBriefing));
  rss.baseline.push(peakRss(coldBaseline));
}

// ---------------------------------------------------------------- warm
log(`warm: ${WARM_DOCS} distinct briefings in one process (buildBriefing), first ${WARM_SKIP} skipped`);
const warmB = JSON.parse(run(NODE, [WARM, String(WARM_DOCS), String(WARM_SKIP)]).stdout);
log(`warm: ${WARM_DOCS} distinct document definitions in one process (stock pdfmake)`);
const warmP = JSON.parse(run(NODE, [BASELINE, DOCDEF, '--warm', String(WARM_DOCS)]).stdout);

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

// ---------------------------------------------------------------- report
const load1 = loadavg();
const totalS = (performance.now() - started) / 1000;
rmSync(tmp, { recursive: true, force: true });

const ms = (x) => `${Math.round(x)} ms`;
const mb = (x) => `${x.toFixed(0)} MB`;
const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
const mark = (ok) => (ok ? 'met' : 'NOT MET');

const c = { b: median(cold.briefing), m: median(cold.modules), p: median(cold.baseline), n: median(cold.node) };
const r1 = { b: median(rss.briefing), p: median(rss.baseline) };
const batchFiles = batch.built + batch.failed;
const batchS = batch.ms / 1000;
const perSecond = batchFiles / batchS;
const batchEstimateS = batch.timedOut ? (BATCH / Math.max(batchFiles, 1)) * batchS : batchS;

const rows = [
  ['measure', 'briefing', 'baseline', 'ratio', 'target', 'status'],
  null,
  [`cold: whole process, median of ${COLD_RUNS}`, ms(c.b), ms(c.p), ratio(c.b, c.p), '≤ 0.6× baseline', mark(c.b / c.p <= 0.6)],
  ['  without the startup snapshot', ms(c.m), ms(c.p), ratio(c.m, c.p), '', ''],
  ['  node -e 0 (process floor, same for both)', ms(c.n), ms(c.n), '', '', ''],
  ['  cold minus node -e 0', ms(c.b - c.n), ms(c.p - c.n), ratio(c.b - c.n, c.p - c.n), '', ''],
  [
    `warm: ms/doc, median of ${WARM_DOCS - WARM_SKIP} distinct`,
    ms(warmB.medianMs),
    ms(warmP.medianMs),
    ratio(warmB.medianMs, warmP.medianMs),
    '≤ 0.2× baseline',
    mark(warmB.medianMs / warmP.medianMs <= 0.2),
  ],
  ['  warm: first document in process', ms(warmB.firstMs), ms(warmP.firstMs), '', '', ''],
  [`preview: save to PDF ready, median of ${preview.runs}`, ms(preview.medianMs), '', '', '≤ 100 ms', mark(preview.medianMs <= 100)],
  ['  preview: p90 / layout passes (median)', `${ms(preview.p90Ms)} / ${preview.passesMedian}`, '', '', '', ''],
  ['  warm: fastest / slowest (briefing)', `${Math.round(warmB.minMs)} / ${Math.round(warmB.maxMs)}`, '', '', '', ''],
  [
    `batch: ${BATCH.toLocaleString('en')} files, wall time`,
    batch.timedOut ? `STOPPED ${batchS.toFixed(1)} s` : `${batchS.toFixed(1)} s`,
    '',
    '',
    `< ${BATCH === 1000 ? 20 : 2} s`,
    mark(!batch.timedOut && batch.failed === 0 && batchS < (BATCH === 1000 ? 20 : 2)),
  ],
  ...(batch.timedOut
    ? [
        [`  stopped at ${BATCH_TIMEOUT_S} s: files done`, `${batchFiles} / ${BATCH}`, '', '', '', ''],
        [`  estimated for all ${BATCH}`, `≈ ${batchEstimateS.toFixed(0)} s`, '', '', '', ''],
      ]
    : []),
  ['  throughput', `${perSecond.toFixed(1)} files/s`, '', '', '> 50 files/s', mark(perSecond > 50)],
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
  ['layout passes: example', String(warmB.example.passes), '1', '', '', ''],
  ['layout passes: long variant', String(warmB.long.passes), '', '', '', ''],
  [`layout passes: median of ${WARM_DOCS} variants`, String(warmB.passesMedian), '1', '', '', ''],
];

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
  `batch size: ${BATCH.toLocaleString('en')} files${QUICK ? '  *** QUICK MODE (--quick): 100 files, not 1,000; batch target scaled to 2 s ***' : ''}`,
);
out.push(`baseline: stock pdfmake ${pdfmakeVersion()} public API on bench/example-docdef.json (fonts from file paths, no fitting)`);
out.push(`peak RSS via ${TIME ? '/usr/bin/time -v' : 'process.resourceUsage().maxRSS'}`);
out.push('');
out.push(line(rows[0]));
out.push(rule);
for (const r of rows.slice(2)) out.push(line(r));
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
