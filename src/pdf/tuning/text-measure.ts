/**
 * Measuring text is most of a pdfmake layout pass. Two changes to how
 * pdfmake (0.3.11 to 0.3.14) measures, each giving the same numbers as pdfmake's own
 * code: style lookups are remembered while the style stack stands still
 * (and walk it without allocating), and a run of words is styled once, not
 * word by word. Installed by install.ts; each replacement's gain is in
 * bench/README.md.
 */
import { StyleContextStack, TextInlines } from './pdfmake-internals.js';
import { replaceMethod } from './registry.js';

/**
 * pdfmake resolves about twenty style properties for every word it measures,
 * each time pushing the word onto the style stack and walking the whole stack
 * down to the default style. For a word that does not set the property
 * itself, the answer is its own named styles, if any, then the stack as it
 * stands, and the stack is the same for every word of a paragraph. So the
 * stack's answers are remembered until it next changes. Same results, a
 * fraction of the work: a third of a layout pass went here.
 */
export function memoiseStyleLookups(): void {
  const proto = StyleContextStack.prototype;
  const replace = (owner: any, name: string, make: (original: any) => unknown) => replaceMethod('style-lookups', owner, name, make);
  replace(
    proto,
    'push',
    (push) =>
      function (this: any, style: unknown) {
        this.memo = undefined;
        return push.call(this, style);
      },
  );
  replace(
    proto,
    'pop',
    (pop) =>
      function (this: any, howMany?: number) {
        this.memo = undefined;
        return pop.call(this, howMany);
      },
  );
  const isValue = (v: unknown) => v !== undefined && v !== null;
  // A named style's value, following `extends` (the set of names seen guards against cycles, and is made only when needed).
  const fromStyle = (stack: any, name: string, property: string, seen?: Set<string>): unknown => {
    if (seen?.has(name)) return undefined;
    const style = stack.styleDictionary[name];
    if (!style) return undefined;
    if (isValue(style[property])) return style[property];
    if (style.extends) {
      (seen ??= new Set()).add(name);
      const parents = Array.isArray(style.extends) ? style.extends : [style.extends];
      for (let i = parents.length - 1; i >= 0; i--) {
        const v = fromStyle(stack, parents[i], property, seen);
        if (isValue(v)) return v;
      }
    }
    return undefined;
  };
  // pdfmake's walk down the stack, without a new Set for every named style it passes.
  replace(
    proto,
    'getProperty',
    () =>
      function (this: any, property: string) {
        const overrides = this.styleOverrides;
        for (let i = overrides.length - 1; i >= 0; i--) {
          const item = overrides[i];
          const v = typeof item === 'string' ? fromStyle(this, item, property) : item[property];
          if (isValue(v)) return v;
        }
        return this.defaultStyle && this.defaultStyle[property];
      },
  );
  replace(
    StyleContextStack,
    'getStyleProperty',
    () =>
      function (item: any, stack: any, property: string, defaultValue: unknown) {
        if (isValue(item[property])) return item[property];
        if (!stack) return defaultValue;
        // What autopush(item) would put on top of the stack: the item's named styles (the item itself lacks the property).
        const names = typeof item !== 'string' && item.section === undefined ? item.style : undefined;
        if (typeof names === 'string') {
          const v = fromStyle(stack, names, property);
          if (isValue(v)) return v;
        } else if (Array.isArray(names)) {
          for (let i = names.length - 1; i >= 0; i--) {
            const name = names[i];
            const v = typeof name === 'string' ? fromStyle(stack, name, property) : name?.[property];
            if (isValue(v)) return v;
          }
        } else if (names) {
          const v = names[property];
          if (isValue(v)) return v;
        }
        const memo: Map<string, unknown> = (stack.memo ??= new Map());
        let v = memo.get(property);
        if (v === undefined && !memo.has(property)) {
          v = stack.getProperty(property);
          memo.set(property, v);
        }
        return isValue(v) ? v : defaultValue;
      },
  );
}

/**
 * A measured word, made whole at once. pdfmake adds some twenty resolved
 * properties to each word object one by one; V8 grows an object's property
 * store a few slots at a time, so every word's properties were copied over
 * and over (a sixth of all a build allocated) and most of them ended up
 * outside the object. Made as one literal, every word has the same shape,
 * all of it inside the object. Absent own properties become `undefined` ones, which
 * pdfmake reads the same way. `r` is the run's resolved style.
 */
const measuredWord = (item: any, r: any) =>
  ({
    text: item.text,
    lineEnd: item.lineEnd,
    noNewLine: item.noNewLine,
    leadingIndent: item.leadingIndent,
    style: item.style,
    bold: item.bold,
    italics: item.italics,
    lineHeight: item.lineHeight,
    preserveLeadingSpaces: item.preserveLeadingSpaces,
    preserveTrailingSpaces: item.preserveTrailingSpaces,
    x: item.x,
    font: r.font,
    alignment: r.alignment,
    fontSize: r.fontSize,
    fontFeatures: r.fontFeatures,
    characterSpacing: r.characterSpacing,
    color: r.color,
    decoration: r.decoration,
    decorationColor: r.decorationColor,
    decorationStyle: r.decorationStyle,
    decorationThickness: r.decorationThickness,
    background: r.background,
    link: r.link,
    linkToPage: r.linkToPage,
    linkToDestination: r.linkToDestination,
    noWrap: r.noWrap,
    opacity: r.opacity,
    sup: r.sup,
    sub: r.sub,
    width: 0,
    height: 0,
    leadingCut: item.leadingCut || 0,
    trailingCut: 0,
  }) as Record<string, any>;
const WORD_KEYS = new Set(Object.keys(measuredWord({}, {})));

/**
 * pdfmake splits a text run into words, copies the run's own style onto
 * each, and then resolves some twenty style properties for every word. The
 * stack is the same for the whole paragraph, so a word whose own style is
 * that of the word before it resolves to the same values: resolve once per
 * run, not once per word. Otherwise this is TextInlines.measure as pdfmake
 * 0.3.14 writes it (as did 0.3.11), step for step, so the numbers are the same, except that
 * each measured word is a new object (measuredWord): pdfmake's only caller,
 * buildInlines, uses the returned words and drops the ones it passed in.
 * (Written out property by property: keyed access over a list of names
 * made it slower.)
 */
export function measureEachRunOnce(): void {
  const proto = TextInlines.prototype;
  // Looked up on every call, not kept: style-lookups may be switched off and on again (registry.ts).
  const get = (item: any, stack: any, property: string, defaultValue: unknown) =>
    StyleContextStack.getStyleProperty(item, stack, property, defaultValue);
  // What pdfmake's /^(\s)+/g and /(\s)+$/g match, found without a regular expression or a match array per word.
  const isSpace = (c: number) =>
    (c >= 9 && c <= 13) ||
    c === 32 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff;
  const leadingSpaces = (t: string) => {
    let i = 0;
    while (i < t.length && isSpace(t.charCodeAt(i))) i++;
    return i === 0 ? undefined : t.slice(0, i);
  };
  const trailingSpaces = (t: string) => {
    let i = t.length;
    while (i > 0 && isSpace(t.charCodeAt(i - 1))) i--;
    return i === t.length ? undefined : t.slice(i);
  };
  /** Same own value for every key that style resolution reads (the item's own value wins, then its named styles). */
  const sameOwnStyle = (a: any, b: any) =>
    a.style === b.style &&
    a.font === b.font &&
    a.bold === b.bold &&
    a.italics === b.italics &&
    a.alignment === b.alignment &&
    a.fontSize === b.fontSize &&
    a.fontFeatures === b.fontFeatures &&
    a.characterSpacing === b.characterSpacing &&
    a.color === b.color &&
    a.decoration === b.decoration &&
    a.decorationColor === b.decorationColor &&
    a.decorationStyle === b.decorationStyle &&
    a.decorationThickness === b.decorationThickness &&
    a.background === b.background &&
    a.link === b.link &&
    a.linkToPage === b.linkToPage &&
    a.linkToDestination === b.linkToDestination &&
    a.noWrap === b.noWrap &&
    a.opacity === b.opacity &&
    a.sup === b.sup &&
    a.sub === b.sub &&
    a.lineHeight === b.lineHeight &&
    a.preserveLeadingSpaces === b.preserveLeadingSpaces &&
    a.preserveTrailingSpaces === b.preserveTrailingSpaces;
  replaceMethod(
    'measure-runs',
    proto,
    'measure',
    () =>
      function (this: any, array: any[], stack: any) {
        if (array.length) {
          const leadingIndent = get(array[0], stack, 'leadingIndent', 0);
          if (leadingIndent) {
            array[0].leadingCut = -leadingIndent;
            array[0].leadingIndent = leadingIndent;
          }
        }
        // The first word of the current run (words passed in are not changed, so it keeps its own style).
        let own: any;
        let r: any;
        const measured = new Array(array.length);
        let n = 0;
        for (const item of array) {
          if (!own || !sameOwnStyle(item, own)) {
            own = item;
            r = {
              font: this.pdfDocument.provideFont(
                get(item, stack, 'font', 'Roboto'),
                get(item, stack, 'bold', false),
                get(item, stack, 'italics', false),
              ),
              alignment: get(item, stack, 'alignment', 'left'),
              fontSize: get(item, stack, 'fontSize', 12),
              fontFeatures: get(item, stack, 'fontFeatures', null),
              characterSpacing: get(item, stack, 'characterSpacing', 0),
              color: get(item, stack, 'color', 'black'),
              decoration: get(item, stack, 'decoration', null),
              decorationColor: get(item, stack, 'decorationColor', null),
              decorationStyle: get(item, stack, 'decorationStyle', null),
              decorationThickness: get(item, stack, 'decorationThickness', null),
              background: get(item, stack, 'background', null),
              link: get(item, stack, 'link', null),
              linkToPage: get(item, stack, 'linkToPage', null),
              linkToDestination: get(item, stack, 'linkToDestination', null),
              noWrap: get(item, stack, 'noWrap', null),
              opacity: get(item, stack, 'opacity', 1),
              sup: get(item, stack, 'sup', false),
              sub: get(item, stack, 'sub', false),
              lineHeight: get(item, stack, 'lineHeight', 1),
              preserveLeadingSpaces: get(item, stack, 'preserveLeadingSpaces', false),
              preserveTrailingSpaces: get(item, stack, 'preserveTrailingSpaces', false),
            };
          }
          const w = measuredWord(item, r);
          // Whatever else the word carries (own keys a template gave its text), as pdfmake would keep it.
          for (const key in item) if (!WORD_KEYS.has(key)) w[key] = item[key];
          if (w.sup || w.sub) w.fontSize *= 0.58;
          w.width = this.widthOfText(w.text, w);
          w.height = w.font.lineHeight(w.fontSize) * r.lineHeight;
          if (!r.preserveLeadingSpaces) {
            const spaces = leadingSpaces(w.text);
            if (spaces) w.leadingCut += this.widthOfText(spaces, w);
          }
          if (!r.preserveTrailingSpaces) {
            const spaces = trailingSpaces(w.text);
            if (spaces) w.trailingCut = this.widthOfText(spaces, w);
          }
          measured[n++] = w;
        }
        return measured;
      },
  );
}
