/**
 * Drawing charts at the edges of their data: one point, equal values, only
 * negative values, more columns than can carry their values. Each must give
 * finite coordinates (a NaN would reach the PDF as a broken path) and say its
 * numbers somewhere: on the bars, or on an axis when the bars are too narrow.
 */
import { describe, expect, it } from 'vitest';
import { drawChart, type DrawContext } from '../../../src/charts/draw.js';
import type { Chart } from '../../../src/charts/model.js';

const ctx: DrawContext = {
  width: 200,
  lang: 'en',
  rtl: false,
  type: 1,
  colors: { ink: '#000000', muted: '#555555', accent: '#123456', accentSoft: '#456789', rule: '#cccccc' },
  sizes: { label: 7, title: 8.2 },
  alt: 'alt',
  foot: null,
};

const chart = (kind: Chart['kind'], values: number[]): Chart => ({
  title: 'T',
  kind,
  data: values.map((value, i) => ({ label: `P${i + 1}`, value })),
});

/** Every text and every number in a node tree. */
function walk(node: unknown, texts: string[], numbers: number[]): void {
  if (Array.isArray(node)) return node.forEach((n) => walk(n, texts, numbers));
  if (typeof node === 'number') numbers.push(node);
  if (typeof node !== 'object' || node === null) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'text' && typeof value === 'string') texts.push(value);
    else walk(value, texts, numbers);
  }
}

describe('drawChart', () => {
  for (const [name, kind, values] of [
    ['one point', 'line', [3]],
    ['equal values', 'column', [2, 2, 2]],
    ['only negative values', 'column', [-1, -3]],
    ['zeros', 'bar', [0, 0]],
    ['only negative values', 'line', [-5, -2, -4]],
  ] as const) {
    it(`draws ${name} as a ${kind} chart with finite coordinates`, () => {
      const texts: string[] = [];
      const numbers: number[] = [];
      walk(drawChart(chart(kind, [...values]), ctx), texts, numbers);
      expect(numbers.every(Number.isFinite)).toBe(true);
      expect(texts).toContain('P1');
    });
  }

  it('writes each value on its column when there is room, and reads them off an axis when there is not', () => {
    const few: string[] = [];
    walk(drawChart(chart('column', [1.5, 2.5, 3.5]), ctx), few, []);
    expect(few).toEqual(expect.arrayContaining(['1.5', '2.5', '3.5']));
    const many: string[] = [];
    walk(
      drawChart(
        chart(
          'column',
          Array.from({ length: 30 }, (_, i) => 100 + i * 1.5),
        ),
        ctx,
      ),
      many,
      [],
    );
    expect(many).not.toContain('143.5'); // the last value is not written on its bar...
    expect(many).toEqual(expect.arrayContaining(['0', '50', '100', '150'])); // ...the axis reads it
  });
});
