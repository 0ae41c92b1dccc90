// Completes dist/types/ after tsc (run by `npm run build`): the declarations
// of the untyped modules briefing's types mention (src/vendor.d.ts, fontkit's
// Font in FontSet), which tsc does not copy, referenced from index.d.ts, so
// that a project type-checking against briefing needs neither fontkit nor
// skipLibCheck.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';

const types = new URL('../dist/types/', import.meta.url);
copyFileSync(new URL('../src/vendor.d.ts', import.meta.url), new URL('vendor.d.ts', types));
const index = new URL('index.d.ts', types);
const text = readFileSync(index, 'utf8');
const reference = '/// <reference path="./vendor.d.ts" />\n';
if (!text.startsWith(reference)) writeFileSync(index, reference + text);
