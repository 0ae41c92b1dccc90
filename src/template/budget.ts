/**
 * A template's render budget. Handlebars runs a template synchronously and
 * to the end: partials that each call the next twice, thirty deep, would run
 * for hours and fill memory with their output. Every render is held to a
 * count of partial calls (deterministic: the same template fails the same
 * way on any machine), a size of output and, as a backstop for anything
 * else, a time; the built-in template uses a few dozen partial calls, a few
 * kilobytes and a few milliseconds.
 */
import type { TemplateDelegate } from 'handlebars';
import { TemplateError } from '../errors.js';

export const RENDER_BUDGET = {
  /** Partials inside partials; the built-in template nests 3 deep. A partial that includes itself hits this. */
  depth: 64,
  /** Partial calls in one render; the built-in template makes about 40. */
  partialCalls: 50_000,
  /** Characters of document definition from one render (or one partial); the built-in one writes about 30,000. */
  outputChars: 8 * 1024 * 1024,
  /** Milliseconds one render may take; the built-in one takes about 5. */
  ms: 10_000,
} as const;

/** One render's spending; `wrap` gives a partial that counts against it. */
export class RenderBudget {
  private calls = 0;
  private depth = 0;
  private readonly started = performance.now();

  constructor(private readonly partialsDir: string) {}

  wrap(name: string, fn: TemplateDelegate): TemplateDelegate {
    return (context, options) => {
      if (++this.calls > RENDER_BUDGET.partialCalls)
        this.fail(
          `partials are called more than ${RENDER_BUDGET.partialCalls.toLocaleString('en')} times in one render (the last was "${name}")`,
        );
      this.checkTime(name);
      if (++this.depth > RENDER_BUDGET.depth)
        this.fail(`partials are nested more than ${RENDER_BUDGET.depth} deep (does "${name}" include itself?)`);
      try {
        return this.checkOutput(fn(context, options), `partial "${name}"`);
      } finally {
        this.depth--;
      }
    };
  }

  checkOutput(out: string, what: string): string {
    if (out.length > RENDER_BUDGET.outputChars)
      this.fail(`${what} writes more than ${RENDER_BUDGET.outputChars / 1024 / 1024} MB of document definition in one render`);
    return out;
  }

  private checkTime(name: string): void {
    if (performance.now() - this.started > RENDER_BUDGET.ms)
      this.fail(`one render takes more than ${RENDER_BUDGET.ms / 1000} s (stopped in partial "${name}")`);
  }

  private fail(message: string): never {
    throw new TemplateError(
      message,
      { file: this.partialsDir },
      'a partial that includes another several times multiplies at every level: include each partial once, or pass it the list to loop over',
    );
  }
}
