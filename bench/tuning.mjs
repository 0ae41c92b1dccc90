#!/usr/bin/env node
/**
 * What each replacement of the speed layer (src/pdf/tuning/registry.ts) gains:
 * one process builds N distinct briefings (bench/variants.mjs), each of them
 * once with everything on, once with everything off, and once with each
 * speed replacement off on its own, in turn, so that drift in the machine's
 * speed hits every configuration alike; each document is built once more
 * first, untimed, so that no configuration pays for shaping its new words.
 * Times are the process's CPU time (user and system), which other work on a
 * shared machine disturbs far less than wall time. Prints, as JSON on
 * stdout, for each configuration the median over documents of its time
 * divided by the time with everything on (1.10: without that replacement, a
 * build takes 10% longer), after `skip` warm-up documents.
 *
 *   node bench/tuning.mjs [N=25] [skip=3]
 */
import { REPLACEMENTS, buildBriefing, setTuning } from '../dist/index.mjs';
import { variantYaml } from './variants.mjs';

const n = Number(process.argv[2] ?? 25);
const skip = Number(process.argv[3] ?? 3);
const ids = Object.keys(REPLACEMENTS).filter((id) => REPLACEMENTS[id].kind === 'speed');
// Style lookups and measuring by runs each save much of what the other does: off together as well.
const configs = [
  ['all on', true],
  ['all off', false],
  ...ids.map((id) => [id, { off: [id] }]),
  ['style-lookups + measure-runs', { off: ['style-lookups', 'measure-runs'] }],
];

const times = Object.fromEntries(configs.map(([name]) => [name, []]));
for (let i = 1; i <= n; i++) {
  const content = variantYaml(i);
  await buildBriefing({ content, file: `variant-${i}.yaml` });
  // A different order for each document: what runs first after a change of configuration pays for it.
  const order = configs
    .map((c, k) => [c, (k * 7 + i * 3) % configs.length])
    .sort((a, b) => a[1] - b[1])
    .map(([c]) => c);
  for (const [name, tuning] of order) {
    setTuning(tuning);
    const t0 = process.cpuUsage();
    await buildBriefing({ content, file: `variant-${i}.yaml` });
    const t = process.cpuUsage(t0);
    times[name].push((t.user + t.system) / 1000);
  }
}
setTuning(true);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const on = times['all on'].slice(skip);
const result = {};
for (const [name] of configs) {
  const t = times[name].slice(skip);
  result[name] = { medianCpuMs: median(t), ratio: median(t.map((x, k) => x / on[k])) };
}
process.stdout.write(`${JSON.stringify({ documents: n, skipped: skip, configs: result })}\n`);
