/**
 * The CLI as a V8 startup snapshot. At install time (scripts/snapshot.mjs)
 * Node runs this module once with `--build-snapshot` and saves its heap: all
 * modules loaded, the built-in template compiled, its fonts parsed and their
 * shaping tables decoded by building a sample briefing. launch.ts then
 * starts Node from that heap instead of loading and parsing all of it again,
 * which is most of what a cold build costs.
 *
 * Nothing in the heap is trusted blindly: loadTemplate re-reads the
 * template's files and recompiles if they changed, and loadFont re-parses a
 * font whose file changed. The sample leaves only caches behind (parsed fonts,
 * shaped words, the compiled template), which give the same bytes as a fresh
 * process: tests/cli/snapshot.test.ts compares the two.
 */
// First, before any module that makes a TextDecoder as it loads.
import { restoreGlobals } from './snapshot-globals.js';
import { startupSnapshot } from 'node:v8';
import { runCli } from '../cli/main.js';
import { buildBriefing } from '../index.js';

/**
 * Latin (with Vietnamese marks), Greek and Cyrillic in every face, with
 * links, lists, a quote, a timeline and a key-facts table, so that the
 * shaping tables most briefings need are already decoded. Devanagari and Thai
 * are left to be decoded when a briefing uses them: each would add a few MB
 * to every process started from the snapshot.
 */
const SAMPLE = `
organisation: Snapshot Desk
reference: WARM-01
date: 2025-01-01
marking: TLP:CLEAR
tags: [warm-up]
headline: "Warm-up: Łódź and Αθήνα and Москва and Hà Nội"
standfirst: "*Italic* and **bold** and ***both***: “quotes” — 1,234.5 € £ %"
bluf: "Σύνοψη, **итог**, and a [link](https://example.org/)."
sections:
  - heading: Sections and lists
    body: |
      Paragraph with **bold** and *italic* and ***both***.

      - A point, Nguyễn Phú Trọng
      - Another, ῥήτωρ

      1. A numbered point
keyFacts:
  - title: Figures
    rows:
      - { label: Amount, value: "**€ 1.2bn** (2025)" }
      - { label: Порог, value: "*12 %*" }
quotes:
  - text: "A short quotation, ‘nested’."
    attribution: Speaker
timeline:
  - { date: 2025-01-01, event: "Event, événement, событие" }
sources:
  - { publisher: Publisher, title: Source, url: "https://example.org/a", date: 1 Jan 2025 }
`;

// A CommonJS bundle has no top-level await; Node takes the snapshot once the event loop is empty.
void buildBriefing({ content: SAMPLE, file: 'snapshot-sample.yaml' }, { creationDate: new Date(0) }).then((sample) => {
  // A sample that fails to build is a bug in this file: better no snapshot than a half-warm one.
  if (sample.pages !== 1) throw new Error(`the snapshot sample should fit one page, not ${sample.pages}`);
  restoreGlobals();
  startupSnapshot.setDeserializeMainFunction(async () => {
    // Started as `node --snapshot-blob <blob> [args…]`: the arguments follow the node binary.
    process.exitCode = await runCli(process.argv.slice(1));
  });
});
