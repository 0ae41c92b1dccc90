/**
 * What validation says about citations and judgements, word for word: an
 * unknown source id (with "did you mean"), a duplicate id, a source never
 * cited, `sources: required` in the config, a bottom line whose words
 * contradict its `likelihood:`.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBriefing } from '../../src/index.js';
import { ContentError } from '../../src/errors.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

const base = {
  organisation: 'Desk',
  marking: 'TLP:CLEAR',
  reference: 'CIT-9',
  date: '2025-12-01',
  headline: 'Citations checked',
  standfirst: 'Context.',
  sections: [{ heading: 'What happened', body: 'The government submitted it [@tass].' }],
  sources: [
    { id: 'tass', publisher: 'TASS', title: 'Report' },
    { id: 'duma', publisher: 'State Duma', title: 'Database' },
  ],
};

async function problems(content: object) {
  const err = await checkBriefing({ content }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ContentError);
  return (err as ContentError).problems.map((p) => `${p.path}: ${p.message}`);
}

describe('citation errors', () => {
  it('names an unknown id with its field path and the closest id', async () => {
    expect(await problems({ ...base, bluf: 'It will pass [@tas; @duma].' })).toEqual([
      'bluf: no source has the id "tas" (did you mean "tass"?); cite a source by its id (tass, duma) or its number (1–2)',
    ]);
  });

  it('names a source: field that cites no source, and a number past the list', async () => {
    const content = {
      ...base,
      bluf: 'It will pass [@3] [@duma].',
      keyFacts: [{ title: 'Facts', rows: [{ label: 'Signed', value: 'Feb', source: ['tass', 'dumma'] }] }],
    };
    expect(await problems(content)).toEqual([
      'bluf: there is no source 3; cite a source by its id (tass, duma) or its number (1–2)',
      'keyFacts[0].rows[0].source[1]: no source has the id "dumma" (did you mean "duma"?); cite a source by its id (tass, duma) or its number (1–2)',
    ]);
  });

  it('refuses an id given twice', async () => {
    const content = {
      ...base,
      bluf: 'It will pass [@duma].',
      sources: [...base.sources, { id: 'tass', publisher: 'Reuters', title: 'x' }],
    };
    expect(await problems(content)).toEqual(['sources[2].id: the id "tass" is already that of source 1; give each source its own id']);
  });

  it('with sources: required in the config, refuses a key fact and a timeline entry that cite nothing', async () => {
    const err = await checkBriefing(
      { path: join(FIXTURES, 'citations-required', 'briefing.yaml') },
      { config: join(FIXTURES, 'citations-required', 'briefing.config.yaml') },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ContentError);
    const message = 'cites no source, and the config file says `sources: required`: add `source: <id>`';
    expect((err as ContentError).problems).toEqual([
      expect.objectContaining({ path: 'keyFacts[0].rows[1]', line: 17, message: `${message} (or [@id] in its value)` }),
      expect.objectContaining({ path: 'timeline[0]', line: 20, message: `${message} (or [@id] in its event)` }),
    ]);
  });
});

describe('citation and likelihood warnings', () => {
  it('warns of a source never cited, in a briefing that cites', async () => {
    const { warnings } = await checkBriefing({ content: { ...base, bluf: 'It will pass.' } });
    expect(warnings.map((w) => `${w.path}: ${w.message}`)).toEqual([
      'sources[1]: source 2 (State Duma) is never cited; cite it where the briefing draws on it ([@duma], or source: duma), or remove it',
    ]);
  });

  it('says nothing of uncited sources in a briefing that cites none', async () => {
    const content = { ...base, bluf: 'It will pass.', sections: [{ heading: 'What happened', body: 'Submitted.' }] };
    expect((await checkBriefing({ content })).warnings).toEqual([]);
  });

  it('warns when the bottom line says another likelihood than its field, and not when they agree', async () => {
    const said = (text: string) => ({ ...base, bluf: { text: `${text} [@duma].`, confidence: 'moderate', likelihood: 'almost certain' } });
    const { warnings } = await checkBriefing({ content: said('The Duma will probably ratify it, though a delay is unlikely') });
    expect(warnings.map((w) => `${w.path}: ${w.message}`)).toEqual([
      'bluf.text: the text says "unlikely", "likely" but `likelihood` is "almost certain"; make the words and the field agree',
    ]);
    expect((await checkBriefing({ content: said('The Duma will almost certainly ratify it') })).warnings).toEqual([]);
  });

  it('reads the likelihood words of the briefing’s language', async () => {
    const content = {
      ...base,
      language: 'de',
      bluf: { text: 'Die Ratifizierung ist unwahrscheinlich [@duma].', likelihood: 'very likely' },
    };
    const { warnings } = await checkBriefing({ content });
    expect(warnings.map((w) => w.message)).toEqual([
      'the text says "unlikely" but `likelihood` is "very likely"; make the words and the field agree',
    ]);
  });

  it('keeps a plain-text bottom line working, and reports a misspelt judgement field at its path', async () => {
    expect(await problems({ ...base, bluf: { text: 'It will pass [@duma].', confidnce: 'high' } })).toEqual([
      expect.stringMatching(/^bluf\.confidnce: unknown field "confidnce" \(did you mean "confidence"\?\)/),
    ]);
    expect(await problems({ ...base, bluf: { text: 'It will pass [@duma].', confidence: 'sure' } })).toEqual([
      'bluf.confidence: expected one of: high, moderate, low',
    ]);
  });

  it('takes a bottom line YAML read as a number as the text typed, in either shape', async () => {
    for (const bluf of [1998, { text: 1998, confidence: 'low' }]) {
      const { briefing } = await checkBriefing({
        content: `${JSON.stringify({ ...base, bluf: undefined })}`.replace('{', `{"bluf": ${JSON.stringify(bluf)},`),
      });
      expect(briefing.bluf).toEqual(typeof bluf === 'number' ? '1998' : { text: '1998', confidence: 'low' });
    }
  });

  it('holds the bottom line written as a mapping to the bottom line’s length limit (5,000 characters, not 1,000)', async () => {
    const text = `${'word '.repeat(300)}[@duma].`;
    expect((await checkBriefing({ content: { ...base, bluf: { text, confidence: 'low' } } })).briefing).toBeDefined();
    expect(await problems({ ...base, bluf: { text: 'x'.repeat(5001), confidence: 'low' } })).toEqual([
      'bluf.text: is 5,001 characters long; the limit for this field is 5,000',
    ]);
  });
});
