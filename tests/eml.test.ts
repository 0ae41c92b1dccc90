import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { EXAMPLE } from './helpers/content.js';

describe('briefing build --eml', () => {
  it('writes a draft that parses back with the subject, the bottom line, the key facts and the PDF itself', async () => {
    const out = mkdtempSync(join(tmpdir(), 'briefing-eml-'));
    const io = { stdout: { write: () => true }, stderr: { write: () => true }, env: {}, color: false };
    expect(await main(['build', EXAMPLE, '-o', out, '--eml'], io)).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['dsb-2025-047-2025-12-01.eml', 'dsb-2025-047-2025-12-01.pdf']);

    const pdf = readFileSync(join(out, 'dsb-2025-047-2025-12-01.pdf'));
    const mail = await simpleParser(readFileSync(join(out, 'dsb-2025-047-2025-12-01.eml')));
    expect(mail.subject).toBe('[TLP:CLEAR] Russia moves to ratify its military logistics pact with India before Putin’s visit');
    expect(mail.text).toContain('BOTTOM LINE: The Duma, the lower house of Russia’s parliament, is set to ratify RELOS');
    expect(mail.text).toContain('- Signed: 18 February 2025, Moscow');
    expect(mail.text).toContain('- Helicopters: 200 Kamov Ka-226 to be built in India (Make in India)');
    expect(mail.headers.get('x-unsent')).toBe('1');
    expect(mail.attachments).toHaveLength(1);
    const [att] = mail.attachments;
    expect(att!.contentType).toBe('application/pdf');
    expect(att!.filename).toBe('dsb-2025-047-2025-12-01.pdf');
    expect(Buffer.compare(att!.content, pdf)).toBe(0);
  });
});
