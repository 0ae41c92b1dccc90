/**
 * Who a briefing may be sent to, by its marking (TLP 2.0):
 * - TLP:CLEAR and TLP:GREEN: anyone;
 * - TLP:AMBER: the organisation's own domains, others only with --confirm;
 * - TLP:AMBER+STRICT and TLP:RED: only the addresses and domains the config
 *   allows for that marking (`send.allow`), whatever the command line says;
 * - any other marking (a national scheme, say): the config's list for it if
 *   there is one, otherwise only with --confirm, since briefing cannot know
 *   what it permits.
 * An entry with an @ is one address; without, a whole domain (exactly that
 * domain, not its subdomains).
 */
import addressparser from 'nodemailer/lib/addressparser';
import { UsageError } from '../errors.js';
import { normaliseMarking, type RecipientRules } from './settings.js';

export interface Refusal {
  recipient: string;
  marking: string;
  /** Refused outright, or allowed with --confirm. */
  confirmable: boolean;
  reason: string;
}

/**
 * Splits a flag's value into its addresses: at commas only (outside quotes
 * and angle brackets), so that a space, a tab or a newline between two
 * addresses is an error rather than a silent reading of one as the other's
 * name.
 */
function splitAtCommas(value: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  let angle = false;
  for (const ch of value) {
    if (ch === '"' && !angle) quoted = !quoted;
    else if (ch === '<' && !quoted) angle = true;
    else if (ch === '>' && !quoted) angle = false;
    if (ch === ',' && !quoted && !angle) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

const ADDRESS = /^[^@\s<>(),;:"]+@[^@\s<>(),;:"]+\.[^@\s<>(),;:"]+$/;

/**
 * One address as typed: `name@example.org` or `Name <name@example.org>`;
 * anything else (two addresses, a group `Team: a@x;`, a comment) is refused
 * rather than read some other way. Parsed by nodemailer's address parser,
 * the one the SMTP client uses.
 */
function oneAddress(part: string, flag: string): string {
  const parsed = addressparser(part);
  const hint = 'write one address as name@example.org or "Name <name@example.org>"; separate several with commas';
  const first = parsed[0];
  if (parsed.length === 1 && first?.group)
    throw new UsageError(`${flag}: "${part}" reads as a group named "${first.name}", not an address`, {
      hint: `briefing takes single addresses only: ${hint}`,
    });
  const address = (first?.address ?? '').trim();
  const angled = part.includes('<');
  const name = angled ? part.slice(0, part.indexOf('<')).trim() : '';
  const whole = angled ? part.endsWith('>') && !/@/.test(name.replace(/^"[^"]*"$/, '')) : part === address;
  if (parsed.length !== 1 || !ADDRESS.test(address) || !whole)
    throw new UsageError(`${flag}: "${part}" is not one e-mail address`, { hint });
  return address;
}

/** Plain addresses from flags that may each hold several (`a@x.org, B <b@y.org>`); `one`: exactly one in all. */
export function parseAddresses(values: string[], flag: string, options: { one?: boolean } = {}): string[] {
  const out = values.flatMap((value) => splitAtCommas(value).map((part) => oneAddress(part, flag)));
  if (options.one && out.length !== 1)
    throw new UsageError(`${flag} takes one address, and ${out.length === 0 ? 'none was given' : `${out.length} were given`}`, {
      hint: `${flag} name@example.org`,
    });
  return out;
}

const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1).toLowerCase();

function listed(address: string, entries: string[]): boolean {
  const a = address.toLowerCase();
  return entries.some((e) => (e.includes('@') ? e === a : e.replace(/^@/, '') === domainOf(a)));
}

/** Every recipient the marking does not allow; empty when all may receive it. */
export function checkRecipients(marking: string, recipients: string[], rules: RecipientRules, confirmed: boolean): Refusal[] {
  const m = normaliseMarking(marking);
  const allow = rules.allow[m];
  const refusals: Refusal[] = [];
  for (const recipient of recipients) {
    if (m === 'TLP:CLEAR' || m === 'TLP:GREEN') continue;
    if (m === 'TLP:RED' || m === 'TLP:AMBER+STRICT' || allow) {
      if (allow && listed(recipient, allow)) continue;
      refusals.push({
        recipient,
        marking: m,
        confirmable: false,
        reason: allow
          ? `${m} may be sent only to the addresses and domains the config allows for it, and ${recipient} is not one of them`
          : `${m} may be sent only to recipients the config allows for it, and it allows none`,
      });
    } else if (m === 'TLP:AMBER') {
      if (listed(recipient, rules.organisationDomains) || confirmed) continue;
      refusals.push({
        recipient,
        marking: m,
        confirmable: true,
        reason: `${m} goes outside the organisation's domains (${rules.organisationDomains.join(', ') || 'none configured'}) only with --confirm`,
      });
    } else if (!confirmed) {
      refusals.push({
        recipient,
        marking: m,
        confirmable: true,
        reason: `briefing has no rule for the marking ${m}: send it with --confirm, or list who may receive it under send.allow in the config`,
      });
    }
  }
  return refusals;
}
