/**
 * The JSON Schemas editors read: every field of the content format and of
 * the config file says what it is for, so an editor's hover and completion
 * help; and the schemas written to schema/ are the ones the code makes.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { briefingJsonSchema } from '../../src/content/schema.js';
import { configJsonSchema } from '../../src/config/schema.js';
import { TLP_MARKINGS } from '../../src/content/markings.js';
import { runCli } from '../helpers/cli.js';

type Node = Record<string, unknown>;

/** Every schema node a user writes a value for: the root, each property, each list's items; with its path. */
function nodes(schema: Node, path = '(root)'): [string, Node][] {
  const out: [string, Node][] = [[path, schema]];
  for (const [key, value] of Object.entries((schema.properties as Record<string, Node>) ?? {}))
    out.push(...nodes(value, path === '(root)' ? key : `${path}.${key}`));
  if (schema.items) out.push(...nodes(schema.items as Node, `${path}[]`));
  return out;
}

describe.each([
  ['content', briefingJsonSchema, 'briefing.schema.json'],
  ['config', configJsonSchema, 'briefing.config.schema.json'],
])('the %s JSON Schema', (_, make, file) => {
  const schema = make() as Node;

  it('describes every field', () => {
    const all = nodes(schema);
    expect(all.length).toBeGreaterThan(10);
    const undescribed = all.filter(([, n]) => typeof n.description !== 'string' || n.description.length < 8).map(([p]) => p);
    expect(undescribed).toEqual([]);
  });

  it('is the one written to schema/ (npm run build writes it)', () => {
    const written = JSON.parse(readFileSync(new URL(`../../schema/${file}`, import.meta.url), 'utf8'));
    expect(written).toEqual(JSON.parse(JSON.stringify(schema)));
  });
});

describe('the content JSON Schema', () => {
  const schema = briefingJsonSchema() as { properties: Record<string, Node>; required: string[] };

  it('gives examples where a value has a form to follow', () => {
    for (const key of ['date', 'reference', 'marking', 'language', 'headline']) expect(schema.properties[key]!.examples, key).toBeDefined();
  });

  it('offers every TLP 2.0 marking, allows other schemes, and flags a TLP slip such as TLP:GREN, as the content and config schemas', () => {
    for (const json of [briefingJsonSchema(), configJsonSchema()] as { properties: Record<string, Node> }[]) {
      const marking = json.properties.marking as { anyOf: [{ enum: string[] }, { not: { pattern: string } }] };
      expect(marking.anyOf[0].enum).toEqual(Object.keys(TLP_MARKINGS));
      const accepted = (v: string) => marking.anyOf[0].enum.includes(v) || !new RegExp(marking.anyOf[1].not.pattern).test(v);
      for (const ok of ['TLP:CLEAR', 'TLP:AMBER+STRICT', 'OFFICIAL-SENSITIVE']) expect(accepted(ok), ok).toBe(true);
      for (const slip of ['TLP:GREN', 'tlp:green', 'TLP:WHITE']) expect(accepted(slip), slip).toBe(false);
    }
  });

  it('does not insist on organisation and marking, which a config file may give', () => {
    expect(schema.required).toContain('headline');
    expect(schema.required).not.toContain('organisation');
    expect(schema.required).not.toContain('marking');
  });
});

describe('briefing schema in a desk’s folder', () => {
  it('lists the config’s own markings as the marking’s choices, in the content and the config schema', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefing-schema-'));
    try {
      writeFileSync(join(dir, 'briefing.config.yaml'), 'markings:\n  - { name: OFFICIAL-SENSITIVE, colour: "#7a1f1f" }\n');
      for (const argv of [['schema'], ['schema', '--config']]) {
        const r = await runCli(dir, argv);
        expect(r.code, argv.join(' ')).toBe(0);
        const marking = (JSON.parse(r.stdout) as { properties: Record<string, { enum?: string[] }> }).properties.marking!;
        expect(marking.enum).toEqual([...Object.keys(TLP_MARKINGS), 'OFFICIAL-SENSITIVE']);
      }
      // Without a config, other schemes stay open (the desk's list is not known).
      rmSync(join(dir, 'briefing.config.yaml'));
      const plain = JSON.parse((await runCli(dir, ['schema'])).stdout) as {
        properties: Record<string, { enum?: string[]; anyOf?: unknown[] }>;
      };
      expect(plain.properties.marking!.enum).toBeUndefined();
      expect(plain.properties.marking!.anyOf).toHaveLength(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
