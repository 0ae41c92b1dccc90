import { describe, expect, it } from 'vitest';
import { ContentError, OverflowError, TemplateError, UsageError } from '../../src/errors.js';

// One shape for the family: each constructor takes { hint, reason, cause } last, and keeps the cause for --debug.
describe('the error family', () => {
  const inner = new Error('the font file is truncated');

  it('keeps the cause, the hint and the reason given as details', () => {
    const errors = [
      new TemplateError(
        'font file a.ttf is not a font',
        { file: 'a.ttf' },
        { hint: 'name a TrueType file', cause: inner, reason: 'docdef' },
      ),
      new ContentError('a.yaml', [{ path: 'headline', message: 'too long' }], { hint: 'shorten it', cause: inner, reason: 'docdef' }),
      new OverflowError('does not fit', 12, { hint: 'cut a section', cause: inner }),
      new UsageError('unknown flag', { hint: 'see --help', cause: inner }),
    ];
    for (const e of errors) {
      expect(e.cause, e.name).toBe(inner);
      expect(e.hint, e.name).toMatch(/\w/);
    }
    expect(errors.map((e) => e.reason)).toEqual(['docdef', 'docdef', 'overflow', undefined]);
    expect(errors[0]!.message).toBe('a.ttf: font file a.ttf is not a font');
  });

  it('still takes a hint and a reason in their old places', () => {
    const e = new TemplateError('bad', undefined, 'fix it', 'layout');
    expect([e.hint, e.reason, e.cause]).toEqual(['fix it', 'layout', undefined]);
    const c = new ContentError(undefined, [{ path: '', message: 'empty' }], 'write something');
    expect([c.hint, c.message]).toEqual(['write something', '<content>: empty']);
  });
});
