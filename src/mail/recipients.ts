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

/** Plain addresses from flags that may each hold several (`a@x.org, B <b@y.org>`). */
export function parseAddresses(values: string[], flag: string): string[] {
  const out: string[] = [];
  for (const value of values) {
    const parsed = addressparser(value, { flatten: true });
    for (const a of parsed) {
      const address = (a.address ?? '').trim();
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address))
        throw new UsageError(`${flag}: "${a.address || a.name || value}" is not an e-mail address`, {
          hint: `write it as name@example.org; separate several with commas`,
        });
      out.push(address);
    }
  }
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
