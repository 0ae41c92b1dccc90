// ESLint 9 flat config: typescript-eslint's recommended rules, without type information (fast).
// Formatting is Prettier's (npm run format); this checks code, not layout.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'out/', 'schema/', 'tests/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // The preview page runs in the browser.
    files: ['src/cli/preview/page/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Code inside pdfmake, PDFKit and fontkit is replaced through src/pdf/tuning/registry.ts only (version-checked,
    // switchable, tested stock against replaced): no prototype changed anywhere else.
    files: ['src/**/*.ts'],
    ignores: ['src/pdf/tuning/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "AssignmentExpression > MemberExpression.left[object.property.name='prototype']",
          message: 'Replace engine methods through replaceMethod in src/pdf/tuning/registry.ts, not by assigning to a prototype.',
        },
        {
          selector:
            "CallExpression[callee.object.name='Object'][callee.property.name=/^(defineProperty|defineProperties|assign|setPrototypeOf)$/] > MemberExpression.arguments[property.name='prototype']",
          message: 'Replace engine methods through replaceMethod in src/pdf/tuning/registry.ts, not by changing a prototype.',
        },
      ],
    },
  },
  {
    // The speed layer and the engine drive pdfmake's, PDFKit's and fontkit's untyped internals.
    files: ['src/pdf/tuning/**/*.ts', 'src/pdf/engine.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
