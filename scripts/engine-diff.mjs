// What changed upstream in the methods briefing replaces or drives (src/pdf/tuning/registry.ts, src/pdf/engine.ts),
// between two versions of pdfmake, PDFKit or fontkit: the first step of an upgrade (README.md, "Upgrading the engine").
//
//   node scripts/engine-diff.mjs pdfmake 0.3.11 0.3.14
//
// Fetches both versions with `npm pack` (the npm registry, through npm), cuts each listed method out of the
// package's code and prints, per method, "unchanged" or a unified diff. Exits 1 if a method is missing in either
// version. Every changed method must be read against its replacement before the version in registry.ts moves.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** For each package: file in the package → the methods replaced (registry.ts) or driven (engine.ts) there. */
const METHODS = {
  pdfmake: {
    'js/StyleContextStack.js': ['push', 'pop', 'getProperty', 'getStyleProperty'],
    'js/TextInlines.js': ['measure', 'buildInlines', 'widthOfText'],
    'js/TextBreaker.js': ['getBreaks'],
    'js/DocMeasure.js': ['measureLeaf'],
    'js/LayoutBuilder.js': ['buildNextLine', 'layoutDocument', 'addHeadersAndFooters'],
    'js/ElementWriter.js': ['alignLine'],
    'js/Renderer.js': ['renderLine', 'renderPages'],
    'js/PDFDocument.js': ['constructor', 'provideFont'],
    'js/Line.js': ['addInline', 'getWidth'],
  },
  pdfkit: {
    'js/pdfkit.js': ['layoutRun', 'encode', 'widthOfString', '_addInfo', 'layoutCached'],
  },
  fontkit: {
    'dist/main.cjs': ['_addGlyph', 'getGlyph', 'layout', 'createSubset', 'includeGlyph'],
  },
};

const [name, from, to] = process.argv.slice(2);
if (!METHODS[name] || !from || !to) {
  console.error(`usage: node scripts/engine-diff.mjs <${Object.keys(METHODS).join('|')}> <old version> <new version>`);
  process.exit(2);
}

/**
 * Every definition of `method` in `source`: from the line that opens it (a class method, `name(…) {` at the start
 * of a line, perhaps `static` or `async`) to the line that closes it at the same indent.
 */
function cut(source, method) {
  const lines = source.split('\n');
  const found = [];
  const open = new RegExp(`^(\\s*)(?:static\\s+|async\\s+)*${method.replace(/\$/g, '\\$')}\\s*\\([^)]*\\)\\s*\\{\\s*$`);
  for (let i = 0; i < lines.length; i++) {
    const m = open.exec(lines[i]);
    if (!m) continue;
    let j = i + 1;
    while (j < lines.length && lines[j] !== `${m[1]}}`) j++;
    found.push(lines.slice(i, j + 1).join('\n'));
    i = j;
  }
  return found.join('\n\n');
}

const dir = mkdtempSync(join(tmpdir(), 'briefing-engine-diff-'));
let missing = 0;
try {
  const unpacked = {};
  for (const version of [from, to]) {
    const r = spawnSync('npm', ['pack', `${name}@${version}`, '--silent', '--pack-destination', dir], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`npm pack ${name}@${version} failed: ${r.stderr}`);
    const into = join(dir, version);
    spawnSync('mkdir', ['-p', into]);
    const t = spawnSync('tar', ['xzf', join(dir, r.stdout.trim().split('\n').pop()), '-C', into]);
    if (t.status !== 0) throw new Error(`could not unpack ${name}@${version}`);
    unpacked[version] = join(into, 'package');
  }
  for (const [file, methods] of Object.entries(METHODS[name])) {
    const [a, b] = [from, to].map((v) => readFileSync(join(unpacked[v], file), 'utf8'));
    for (const method of methods) {
      const [old, now] = [cut(a, method), cut(b, method)];
      const label = `${file} ${method}`;
      if (!old || !now) {
        console.log(`${label}: MISSING in ${!old ? from : to}`);
        missing++;
        continue;
      }
      if (old === now) {
        console.log(`${label}: unchanged`);
        continue;
      }
      writeFileSync(join(dir, 'a.js'), `${old}\n`);
      writeFileSync(join(dir, 'b.js'), `${now}\n`);
      const d = spawnSync(
        'diff',
        ['-u', '--label', `${from}/${label}`, '--label', `${to}/${label}`, join(dir, 'a.js'), join(dir, 'b.js')],
        {
          encoding: 'utf8',
        },
      );
      console.log(`${label}: CHANGED\n${d.stdout}`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exitCode = missing > 0 ? 1 : 0;
