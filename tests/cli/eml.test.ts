import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { EXAMPLE, minimalYaml } from '../helpers/content.js';

const quiet = (cwd?: string) => ({
  stdout: { write: () => true },
  stderr: { write: () => true },
  env: {},
  color: false,
  ...(cwd && { cwd }),
});

describe('briefing build --eml', () => {
  it('writes a draft that parses back with the subject, both bodies, the sources with their addresses and the PDF itself', async () => {
    const out = mkdtempSync(join(tmpdir(), 'briefing-eml-'));
    expect(await main(['build', EXAMPLE, '-o', out, '--eml'], quiet())).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['dsb-2025-047-2025-12-01.eml', 'dsb-2025-047-2025-12-01.pdf']);

    const pdf = readFileSync(join(out, 'dsb-2025-047-2025-12-01.pdf'));
    const mail = await simpleParser(readFileSync(join(out, 'dsb-2025-047-2025-12-01.eml')));
    expect(mail.subject).toBe('[TLP:CLEAR] Russia moves to ratify its military logistics pact with India before Putin’s visit');
    // Citations as [n], numbered as the sources list below numbers them.
    expect(mail.text).toContain(
      'BOTTOM LINE\nThe Duma, the lower house of Russia’s parliament, is likely to ratify RELOS before President Vladimir Putin arrives in India for the summit [1]. The pact',
    );
    expect(mail.text).toContain('disaster relief [2].');
    expect(mail.text).toContain('- Signed: 18 February 2025, Moscow [1]');
    expect(mail.text).toContain('- Status: Submitted by the Russian government to the State Duma for ratification [2]');
    expect(mail.text).toContain('- Helicopters: 200 Kamov Ka-226 to be built in India (Make in India)');
    expect(mail.text).toContain('SOURCES\n[1] Source article: Russian Duma Poised to Ratify');
    expect(mail.text).toContain(
      '[2] TASS, Russia’s official news agency: Report on the government’s submission of the agreement to the Duma, as cited in the source article <https://tass.com>',
    );
    expect(mail.text).toContain(
      'DSB-2025-047, 2025-12-01. Open Source Defence Desk. Handling: TLP:CLEAR.\nThe full briefing is attached as a PDF: dsb-2025-047-2025-12-01.pdf',
    );
    expect(mail.html).toContain('<a href="https://sozd.duma.gov.ru">https://sozd.duma.gov.ru</a>');
    expect(mail.html).toContain('<th style="text-align:left;vertical-align:top;padding:2px 12px 2px 0;white-space:nowrap">Signed</th>');
    expect(mail.headers.get('x-unsent')).toBe('1');
    expect(mail.from).toBeUndefined();
    expect(mail.attachments).toHaveLength(1);
    const [att] = mail.attachments;
    expect(att!.contentType).toBe('application/pdf');
    expect(att!.filename).toBe('dsb-2025-047-2025-12-01.pdf');
    expect(Buffer.compare(att!.content, pdf)).toBe(0);
  });

  it('keeps the address of a link in the text, escapes the HTML, and takes From and To from the flags', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefing-eml-'));
    writeFileSync(
      join(dir, 'a.yaml'),
      minimalYaml({ bluf: 'Read the [ministry’s statement](https://example.org/statement) <b>now</b> and **act**.' }),
    );
    expect(
      await main(
        ['build', 'a.yaml', '-o', 'out', '--eml', '--from', 'Desk <desk@example.org>', '--to', 'a@example.org, b@example.org'],
        quiet(dir),
      ),
    ).toBe(0);
    const [eml] = readdirSync(join(dir, 'out')).filter((f) => f.endsWith('.eml'));
    const mail = await simpleParser(readFileSync(join(dir, 'out', eml!)));
    expect(mail.text).toContain('Read the ministry’s statement <https://example.org/statement> <b>now</b> and act.');
    expect(mail.html).toContain(
      'Read the <a href="https://example.org/statement">ministry’s statement</a> &lt;b&gt;now&lt;/b&gt; and <strong>act</strong>.',
    );
    expect(mail.from?.value).toEqual([{ name: 'Desk', address: 'desk@example.org' }]);
    expect((mail.to as { value: { address: string }[] }).value.map((a) => a.address)).toEqual(['a@example.org', 'b@example.org']);
  });

  it('takes From from the config file’s smtp.from when no flag gives it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefing-eml-'));
    writeFileSync(join(dir, 'a.yaml'), minimalYaml());
    writeFileSync(join(dir, 'briefing.config.yaml'), 'smtp:\n  host: mail.example.org\n  from: Briefing desk <desk@example.org>\n');
    expect(await main(['build', 'a.yaml', '-o', 'out', '--eml'], quiet(dir))).toBe(0);
    const [eml] = readdirSync(join(dir, 'out')).filter((f) => f.endsWith('.eml'));
    const mail = await simpleParser(readFileSync(join(dir, 'out', eml!)));
    expect(mail.from?.value).toEqual([{ name: 'Briefing desk', address: 'desk@example.org' }]);
  });
});
