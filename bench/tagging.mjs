#!/usr/bin/env node
/**
 * What tagging (PDF/UA-1, src/pdf/tagging/) costs a build, against issue
 * #24's limit: a tagged build takes at most 1.1× the time of one without
 * tagging. One process builds N distinct briefings (bench/variants.mjs),
 * each once untimed (so neither configuration pays for shaping its new
 * words), then twice tagged and twice untagged, in the order tagged,
 * untagged, untagged, tagged (reversed for every other document), so that
 * drift in the machine's speed hits both alike. Times are the process's CPU
 * time (user and system), each configuration's the less of its two: other
 * work on the machine only ever adds to a build's time, and the tagging
 * cost (a tenth of a build) is smaller than what one busy moment adds.
 * Prints, as JSON on stdout, each configuration's median CPU time per
 * document and the median over documents of tagged / untagged, after
 * `skip` warm-up documents.
 *
 * "Untagged" turns off, through the tuning registry (setTuning, as
 * bench/tuning.mjs does), the three replacements that tag: tagging-layout
 * (the structure tree), tagging-render (marked content) and object-streams
 * (the tree's object stream). What is left is a valid, untagged PDF: the
 * pages as drawn, with no marked content and an empty structure tree root.
 * Users have no such switch: setTuning is for tests and benchmarks.
 *
 *   node bench/tagging.mjs [N=25] [skip=3]
 */
import { buildBriefing, setTuning } from '../dist/index.mjs';
import { variantYaml } from './variants.mjs';

const n = Number(process.argv[2] ?? 25);
const skip = Number(process.argv[3] ?? 3);
const UNTAGGED = { off: ['tagging-layout', 'tagging-render', 'object-streams'] };
/** Issue #24: a build costs at most 10% more time with tagging. */
const LIMIT = 1.1;

const times = { tagged: [], untagged: [] };
const bytes = { tagged: 0, untagged: 0 };
for (let i = 1; i <= n; i++) {
  const content = variantYaml(i);
  await buildBriefing({ content, file: `variant-${i}.yaml` });
  const order = i % 2 ? ['tagged', 'untagged', 'untagged', 'tagged'] : ['untagged', 'tagged', 'tagged', 'untagged'];
  const least = { tagged: Infinity, untagged: Infinity };
  for (const name of order) {
    setTuning(name === 'tagged' ? true : UNTAGGED);
    const t0 = process.cpuUsage();
    const result = await buildBriefing({ content, file: `variant-${i}.yaml` });
    const t = process.cpuUsage(t0);
    least[name] = Math.min(least[name], (t.user + t.system) / 1000);
    if (i === 1) bytes[name] = result.pdf.length;
  }
  for (const name of ['tagged', 'untagged']) times[name].push(least[name]);
}
setTuning(true);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const tagged = times.tagged.slice(skip);
const untagged = times.untagged.slice(skip);
const ratio = median(tagged.map((t, k) => t / untagged[k]));
process.stdout.write(
  `${JSON.stringify({
    documents: n,
    skipped: skip,
    taggedCpuMs: median(tagged),
    untaggedCpuMs: median(untagged),
    ratio,
    limit: LIMIT,
    met: ratio <= LIMIT,
    firstVariantBytes: bytes,
  })}\n`,
);
