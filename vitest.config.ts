import { defineConfig } from 'vitest/config';

// Two tiers: `unit` (pure modules, no PDF; `npm run test:unit`, seconds) and
// `pdf` (builds and reads PDFs back, runs the CLI). `npm test` runs the
// typecheck and the import-cycle check, then both.
export default defineConfig({
  test: {
    // Building PDFs is CPU work; two cores here, so two workers.
    maxWorkers: 2,
    // The files of a worker share its modules: pdfmake, the fonts and the
    // built-in template load once per worker instead of once per file, and the
    // example is built once per worker (tests/helpers/example.ts). No test
    // mocks a module or leaves a global changed; a test that switches
    // replacements off does it through withTuning, which puts them back.
    isolate: false,
    // Timeouts catch hangs, not slowness: with both cores busy a build runs
    // five to ten times slower than on an idle machine. Hooks build PDFs too.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    teardownTimeout: 60_000,
    reporters: ['default', './tests/helpers/summary-reporter.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      { extends: true, test: { name: 'pdf', include: ['tests/**/*.test.ts'], exclude: ['tests/unit/**', 'tests/fixtures/**'] } },
    ],
  },
});
