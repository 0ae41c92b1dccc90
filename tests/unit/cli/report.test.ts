/** What --debug shows: the error's stack and the stacks of the errors it reports (`cause`). */
import { describe, expect, it } from 'vitest';
import { OutputError } from '../../../src/errors.js';
import { describeError } from '../../../src/cli/report.js';

describe('describeError with --debug', () => {
  it('shows the stack of the error a BriefingError reports, below its own', () => {
    const root = new Error('EACCES: permission denied, open out/a.pdf');
    const err = new OutputError('cannot write out/a.pdf', { hint: 'choose another folder', cause: root });
    const shown = describeError(err, 'a.yaml', true).message;
    expect(shown).toContain('cannot write out/a.pdf');
    expect(shown).toMatch(/caused by: Error: EACCES: permission denied, open out\/a\.pdf\n\s+at /);
    expect(describeError(err, 'a.yaml', false).message).not.toContain('caused by');
  });
});
