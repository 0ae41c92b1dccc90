/**
 * YAML folds a line break inside a plain, quoted or folded (`>`) scalar
 * into a space. Chinese and Japanese are written without spaces, so a
 * paragraph typed over several lines would gain a space at every line end.
 * Here, in such a scalar, a line break between two Chinese or Japanese
 * characters joins the lines without one (CSS Text 3's segment break
 * rule); elsewhere YAML's folding stands. Literal scalars (`|`) keep their
 * line breaks for Markdown, where richtext.ts applies the same rule.
 */
import { isScalar, parseDocument, Scalar, visit, type Document } from 'yaml';
import { joinsWithoutSpace } from '../text/cjk.js';

const FOLDING = new Set<string>([Scalar.PLAIN, Scalar.QUOTE_DOUBLE, Scalar.QUOTE_SINGLE, Scalar.BLOCK_FOLDED]);
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

export function joinCjkLines(doc: Document, text: string): void {
  if (!CJK.test(text)) return;
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== 'string' || !FOLDING.has(node.type ?? '') || !node.range || !CJK.test(node.value)) return;
      const source = text.slice(node.range[0], node.range[1]);
      if (!source.includes('\n')) return;
      // The scalar's source with those line breaks (and the spaces around them) taken out, read again by YAML itself.
      const joined = source.replace(/[ \t]*\r?\n[ \t]*(?=\S)/g, (m, at: number) => (joinsWithoutSpace(source, at, at + m.length) ? '' : m));
      if (joined === source) return;
      const again = parseDocument(joined);
      if (again.errors.length === 0 && isScalar(again.contents) && typeof again.contents.value === 'string')
        node.value = again.contents.value;
    },
  });
}
