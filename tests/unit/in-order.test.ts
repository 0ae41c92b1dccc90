import { describe, expect, it } from 'vitest';
import { inInputOrder } from '../../src/cli/in-order.js';

describe('a batch prints its reports in input order (issue 20 item 17: no `built` line for a duplicate)', () => {
  it('holds a file that finished first until every earlier file has, so a displacement is printed, not a `built` line', () => {
    const lines: string[] = [];
    const report = (file: string) => ({ file, line: `built out/x.pdf from ${file}` });
    const say = inInputOrder((r: { file: string; line: string }) => lines.push(r.line));
    // b.yaml (second in input order) finishes first and claims out/x.pdf ...
    const b = report('b.yaml');
    say(1, b);
    expect(lines).toEqual([]);
    // ... then a.yaml, first in input order, finishes and takes the output from it before b's line is printed.
    b.line = 'error: b.yaml: would overwrite out/x.pdf, also built from a.yaml';
    say(0, report('a.yaml'));
    expect(lines).toEqual(['built out/x.pdf from a.yaml', 'error: b.yaml: would overwrite out/x.pdf, also built from a.yaml']);
  });

  it('prints each report once, whatever the order of completion', () => {
    const seen: number[] = [];
    const say = inInputOrder((_: null, i: number) => seen.push(i));
    for (const i of [3, 0, 2, 1, 5, 4]) say(i, null);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
