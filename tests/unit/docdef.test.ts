import { describe, expect, it } from 'vitest';
import { checkDocDefinition } from '../../src/pdf/docdef.js';

// The check of what a template produced names the first problem and where it is: merge.ts turns the path into a template line.

const FONTS = ['NotoSans'];
const check = (doc: unknown) => checkDocDefinition(doc, FONTS);

describe('checkDocDefinition', () => {
  it('accepts a document that uses only what it declares', () => {
    const doc = {
      styles: { h: { font: 'NotoSans', fontSize: 12 } },
      defaultStyle: { lineHeight: 1.2 },
      content: [
        { text: ['plain ', { text: 'styled', style: 'h' }] },
        { table: { body: [[{ text: 'a' }, {}]] } },
        { ul: ['x', { stack: ['y'] }] },
      ],
      footer: { text: 'page' },
    };
    expect(check(doc)).toBeUndefined();
  });

  it.each([
    [
      'an unknown style, deep in a list',
      { styles: {}, content: [{ stack: ['x', { ul: [{ text: 'y', style: 'nope' }] }] }] },
      ['content', 0, 'stack', 1, 'ul', 0, 'style'],
      /style "nope" is not defined/,
    ],
    ['an inline without text', { content: [{ text: ['a', { bold: true }] }] }, ['content', 0, 'text', 1], /an inline must be/],
    [
      'a table row that is not a list',
      { content: { table: { body: [['a'], 'b'] } } },
      ['content', 'table', 'body', 1],
      /row must be a list/,
    ],
    [
      'a cell with a bad size',
      { content: { table: { body: [[{ text: 'a', fontSize: -1 }]] } } },
      ['content', 'table', 'body', 0, 0, 'fontSize'],
      /fontSize must be a positive number/,
    ],
    [
      'a named style with an undeclared font',
      { styles: { h: { font: 'Comic' } }, content: 'x' },
      ['styles', 'h', 'font'],
      /font "Comic" is not declared/,
    ],
    ['the default style', { defaultStyle: { lineHeight: 0 }, content: 'x' }, ['defaultStyle', 'lineHeight'], /lineHeight must be/],
    ['a footer node of no known kind', { content: 'x', footer: { margin: [0, 0, 0, 0] } }, ['footer'], /a node needs one of/],
    ['an image read from a file', { content: [{ image: 'file.png' }] }, ['content', 0, 'image'], /an image must be a PNG or JPEG data URL/],
    ['a top-level key briefing sets itself', { content: 'x', pageSize: 'A4' }, ['pageSize'], /unknown top-level key "pageSize"/],
  ])('names %s and its path', (_, doc, path, message) => {
    const problem = check(doc);
    expect(problem?.path).toEqual(path);
    expect(problem?.message).toMatch(message);
  });
});
