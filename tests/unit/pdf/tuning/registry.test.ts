import { describe, expect, it } from 'vitest';
import { BriefingError } from '../../../../src/errors.js';
import {
  parseTuning,
  replacedMethods,
  replaceMethod,
  replaceOwnMethod,
  setTuning,
  withTuning,
} from '../../../../src/pdf/tuning/registry.js';

// The registry's switch on objects of its own making: the same mechanism that swaps pdfmake's, PDFKit's and
// fontkit's methods (tests/pdf/tuning/replacements.test.ts checks it on theirs).
describe('the registry', () => {
  it('swaps a shared method with the switch, and keeps both', async () => {
    class Stock {
      greet(): string {
        return 'stock';
      }
    }
    replaceMethod(
      'text-runs',
      Stock.prototype,
      'greet',
      (original: () => string) =>
        function (this: Stock) {
          return `replaced (not ${original.call(this)})`;
        },
    );
    const s = new Stock();
    expect(s.greet()).toBe('replaced (not stock)');
    expect(await withTuning({ off: ['text-runs'] }, () => s.greet())).toBe('stock');
    expect(await withTuning(false, () => s.greet())).toBe('stock');
    expect(s.greet()).toBe('replaced (not stock)');
    const entry = replacedMethods().find((m) => m.owner === Stock.prototype)!;
    expect(entry.ids).toEqual(['text-runs']);
    // Installed once per owner and name, however often asked.
    replaceMethod('text-runs', Stock.prototype, 'greet', () => () => 'again');
    expect(s.greet()).toBe('replaced (not stock)');
  });

  it('stacks two replacements of one method, each switched on its own', async () => {
    class Renderer {
      line(): string {
        return 'line';
      }
    }
    replaceMethod(
      'text-runs',
      Renderer.prototype,
      'line',
      (inner: () => string) =>
        function (this: Renderer) {
          return `runs(${inner.call(this)})`;
        },
    );
    replaceMethod(
      'bidi-lines',
      Renderer.prototype,
      'line',
      (inner: () => string) =>
        function (this: Renderer) {
          return `bidi(${inner.call(this)})`;
        },
    );
    const r = new Renderer();
    expect(r.line()).toBe('bidi(runs(line))');
    expect(await withTuning({ off: ['text-runs'] }, () => r.line())).toBe('bidi(line)');
    expect(await withTuning({ off: ['bidi-lines'] }, () => r.line())).toBe('runs(line)');
    expect(await withTuning(false, () => r.line())).toBe('bidi(line)'); // the speed layer off, the fix kept
    expect(await withTuning({ off: ['text-runs', 'bidi-lines'] }, () => r.line())).toBe('line');
    expect(r.line()).toBe('bidi(runs(line))');
  });

  it('switches an own method at its next call, fixes only when named', async () => {
    const font = { name: () => 'stock' };
    replaceOwnMethod('glyph-characters', font, 'name', (original: () => string) => () => `fixed ${original()}`);
    expect(font.name()).toBe('fixed stock');
    expect(await withTuning(false, () => font.name())).toBe('fixed stock'); // a fix stays when the speed layer is off
    expect(await withTuning({ off: ['glyph-characters'] }, () => font.name())).toBe('stock');
    setTuning(true);
  });

  it('refuses to replace what is not there, as an error a user can act on', () => {
    expect(() => replaceMethod('text-runs', {}, 'missing', () => () => 0)).toThrow(BriefingError);
    expect(() => replaceOwnMethod('xmp-escape', {}, 'missing', () => () => 0)).toThrow(/no method missing to replace/);
  });

  it('reads BRIEFING_TUNING: on, off, or a list of what to turn off', () => {
    expect(parseTuning(undefined)).toBe(true);
    expect(parseTuning('1')).toBe(true);
    expect(parseTuning('0')).toBe(false);
    expect(parseTuning('off')).toBe(false);
    expect(parseTuning('-text-runs, -line-encoding')).toEqual({ off: ['text-runs', 'line-encoding'] });
    expect(() => parseTuning('-textruns')).toThrow(
      expect.objectContaining({ message: expect.stringMatching(/textruns/), hint: expect.stringMatching(/-text-runs/) }),
    );
    expect(() => parseTuning('text-runs')).toThrow(expect.objectContaining({ hint: expect.stringMatching(/-text-runs/) }));
  });
});
