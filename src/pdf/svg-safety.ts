/**
 * What an SVG may contain before briefing draws it: only shapes, text and
 * styles that live inside the file. pdfmake's SVG renderer follows <image>
 * and href references, which would let a logo read other files or reach
 * the network when a PDF is built; such references are refused, each with
 * the element and attribute that holds it.
 *
 * (The "safety" work on SVG in templates may bring its own check; this one
 * is written to be merged with it: one function, text in, problem out.)
 */
import { XmlDocument, type XmlElement } from 'xmldoc';

const FORBIDDEN_ELEMENTS = new Set(['script', 'foreignObject', 'image', 'iframe', 'video', 'audio', 'feImage', 'animate', 'set']);
/** url(...) that is not a reference to an element of this file (url(#id)). */
const EXTERNAL_URL = /url\(\s*(['"]?)\s*(?!#)[^)]*\1\s*\)/i;

/** Why this SVG text may not be drawn, or undefined when it may. */
export function svgProblem(svg: string): string | undefined {
  if (/<!DOCTYPE|<!ENTITY/i.test(svg)) return 'it has a DOCTYPE or entity declarations, which briefing does not read';
  let doc: XmlDocument;
  try {
    doc = new XmlDocument(svg);
  } catch (err) {
    return `it is not well-formed XML (${String((err as Error).message).split('\n')[0]})`;
  }
  if (doc.name !== 'svg' && !doc.name.endsWith(':svg')) return `its root element is <${doc.name}>, not <svg>`;
  return elementProblem(doc);
}

function elementProblem(el: XmlElement): string | undefined {
  const local = el.name.replace(/^.*:/, '');
  if (FORBIDDEN_ELEMENTS.has(local)) return `<${el.name}> elements are not allowed (they load or run something outside the file)`;
  for (const [name, value] of Object.entries(el.attr)) {
    if (/^on/i.test(name)) return `<${el.name} ${name}>: event handlers are not allowed`;
    if (/(^|:)href$/i.test(name) && !value.trim().startsWith('#'))
      return `<${el.name} ${name}="${value.slice(0, 60)}">: only references inside the file (#id) are allowed`;
    if (EXTERNAL_URL.test(value)) return `<${el.name} ${name}>: url(…) may only point inside the file (url(#id))`;
  }
  if (local === 'style') {
    const css = el.val;
    if (/@import/i.test(css) || EXTERNAL_URL.test(css)) return '<style>: @import and url(…) outside the file are not allowed';
  }
  for (const child of el.children) {
    if (child.type !== 'element') continue;
    const p = elementProblem(child as XmlElement);
    if (p) return p;
  }
  return undefined;
}
