/** Citations in Markdown: what counts as one, how it becomes raised runs, and the e-mail's [n]. */
import { describe, expect, it } from 'vitest';
import { citationKeys, citationsAsNumbers, resolveCitations, sourceNumbers } from '../../../src/content/citations.js';
import { markdownInlines } from '../../../src/content/richtext.js';

const numbers = sourceNumbers([{ id: 'article' }, { id: 'tass' }, {}]);
const cite = (key: string) => {
  const n = numbers.get(key);
  return n === undefined ? undefined : { n, label: `Source ${n}: *P_${n}*` };
};

describe('citations in Markdown', () => {
  it('reads pandoc citations, one key or several, and nothing that only looks like one', () => {
    expect(citationKeys('A [@tass]. B [@tass; @article]. C [@3].')).toEqual(['tass', 'tass', 'article', '3']);
    expect(citationKeys('Escaped \\[@tass], a link [@tass](https://t.me), a handle @tass, [see @tass].')).toEqual([]);
  });

  it('numbers sources by id and by place, the place winning over an id that is a number', () => {
    expect([...numbers]).toEqual([
      ['1', 1],
      ['2', 2],
      ['3', 3],
      ['article', 1],
      ['tass', 2],
    ]);
  });

  it('becomes raised numbers against the word before, each linked to its source, with the label that says which', () => {
    const runs = markdownInlines(resolveCitations('Submitted to the **Duma** [@tass; @3].', cite));
    expect(runs.map((r) => r.text)).toEqual(['Submitted to the ', 'Duma', '2', ',', '3', '.']);
    expect(runs[2]).toMatchObject({ sup: true, linkToDestination: 'source-2', linkContents: 'Source 2: *P_2*', role: 'Reference#c0' });
    expect(runs[3]).toMatchObject({ sup: true, text: ',' });
    expect(runs[3]!.linkToDestination).toBeUndefined();
    expect(runs[4]).toMatchObject({ linkToDestination: 'source-3', role: 'Reference#c1' });
  });

  it('leaves a key that names no source as typed (validation reports it)', () => {
    expect(resolveCitations('A [@nope].', cite)).toBe('A [@nope].');
  });

  it('shows in code what was typed, numbered', () => {
    expect(markdownInlines(resolveCitations('Type `see [@tass]`.', cite)).map((r) => r.text)).toEqual(['Type ', 'see [2]', '.']);
  });

  it('is [n] in the e-mail, the brackets shown, not read as a link', () => {
    const md = citationsAsNumbers('Ratified [@tass; @article].', numbers);
    expect(
      markdownInlines(md)
        .map((r) => r.text)
        .join(''),
    ).toBe('Ratified [2, 1].');
  });
});
