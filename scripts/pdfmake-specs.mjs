// Runs pdfmake's own unit tests for the classes the speed layer replaces
// (StyleContextStack, TextInlines) against briefing's replacements, on the
// pdfmake in node_modules. pdfmake's npm package has no tests: give a
// checkout of pdfmake's repository (its tests/unit/*.spec.js are mocha
// specs, run here with node:test's describe and it).
//
//   node scripts/pdfmake-specs.mjs <pdfmake checkout> [--stock]
//
// --stock runs them on pdfmake's own code, for comparison.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const [checkout] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (!checkout) throw new Error('usage: node scripts/pdfmake-specs.mjs <pdfmake checkout> [--stock]');
const stock = process.argv.includes('--stock');
const SPECS = ['StyleContextStack.spec.js', 'TextInlines.spec.js'];

const dir = mkdtempSync(join(tmpdir(), 'briefing-pdfmake-specs-'));
try {
  // The specs require '../../js/<Class>': that is node_modules' pdfmake, the copy the replacements are installed on.
  mkdirSync(join(dir, 'tests', 'unit'), { recursive: true });
  for (const spec of SPECS) copyFileSync(join(checkout, 'tests', 'unit', spec), join(dir, 'tests', 'unit', spec));
  symlinkSync(join(ROOT, 'node_modules', 'pdfmake', 'js'), join(dir, 'js'));
  // The replacements, bundled without pdfmake (it stays node_modules'), beside node_modules so that it resolves.
  const tuning = join(ROOT, 'node_modules', '.cache', 'briefing-tuning.cjs');
  // The versions installed: the registry's check passes only if they are the ones it names.
  const installed = (name) => JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
  const versions = { pdfmake: installed('pdfmake'), pdfkit: installed('pdfkit'), fontkit: installed('fontkit') };
  await build({
    entryPoints: [join(ROOT, 'src/pdf/tuning/install.ts')],
    outfile: tuning,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['pdfmake', 'fontkit'],
    // The line-breaking rules (installed with the rest) find their hyphenation patterns from their own location.
    define: { BRIEFING_ENGINE_VERSIONS: JSON.stringify(versions), 'import.meta.url': '__briefingUrl' },
    banner: { js: "var __briefingUrl = require('node:url').pathToFileURL(__filename).href;" },
    logLevel: 'error',
  });
  const preload = join(dir, 'preload.cjs');
  writeFileSync(
    preload,
    "const t = require('node:test');\n" +
      'Object.assign(globalThis, { describe: t.describe, it: t.it, beforeEach: t.beforeEach, afterEach: t.afterEach });\n' +
      (stock ? '' : `require(${JSON.stringify(tuning)}).installTuning();\n`),
  );
  const r = spawnSync(process.execPath, ['--require', preload, '--test', ...SPECS.map((s) => join(dir, 'tests', 'unit', s))], {
    stdio: 'inherit',
  });
  process.exitCode = r.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
