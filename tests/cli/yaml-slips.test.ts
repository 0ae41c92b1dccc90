/**
 * The YAML slips authors make most, explained in words a user knows, with
 * the line to type; and typing that line fixes the file (nothing deleted:
 * the list item that lost its "- " is kept as a second section, where "keep
 * one" would have deleted it). Through `briefing validate`, as a user runs it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fixture } from '../helpers/content.js';
import { runCli } from '../helpers/cli.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'briefing-slips-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('YAML slips', () => {
  it.each([
    ['missing-colon.yaml', /"headline" needs a colon after it/, /name, colon, space, value/],
    ['missing-colon-first-field.yaml', /"organisation" needs a colon after it/, /name, colon, space, value/],
    ['three-space-indent.yaml', /"body" is indented 1 space more than "heading" above it/, /line up exactly/],
    ['item-three-space-indent.yaml', /this list item's "- " is indented 1 space more than the one of the item above it/, /line up exactly/],
    ['missing-item-dash.yaml', /"heading" starts a new list item here, which needs its "- "/, /each item of a list starts with "- "/],
    ['tab-indent.yaml', /a tab is used to indent this line/, /tabs for indentation/],
  ])('%s: says what is wrong and the line to type, which fixes it', async (name, says, hint) => {
    const text = readFileSync(fixture(`yaml-slips/${name}`), 'utf8');
    writeFileSync(join(dir, name), text);
    const r = await runCli(dir, ['validate', name]);
    expect(r.code).toBe(1);
    const errors = r.stderr.split('\n').filter((l) => l.includes('YAML syntax'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(says);
    expect(r.stderr).not.toMatch(/Implicit keys|Sequence item without|Map keys must be unique|keep one|quotes/);
    const hints = r.stderr.split('\n').filter((l) => l.startsWith('hint:'));
    expect(hints).toHaveLength(1);
    expect(hints[0]).toMatch(hint);

    // Type the line it gives, where it says.
    const m = /:(\d+):\d+: .*; write: (.*)$/.exec(errors[0]!)!;
    const lines = text.split('\n');
    lines[Number(m[1]) - 1] = m[2]!;
    writeFileSync(join(dir, name), lines.join('\n'));
    const fixed = await runCli(dir, ['validate', name]);
    expect(fixed.stderr).toBe(fixed.code === 0 ? fixed.stderr : '');
    expect(fixed.code).toBe(0);
    if (name === 'missing-item-dash.yaml') expect(parse(lines.join('\n')).sections).toHaveLength(2);
  });
});
