/**
 * SVG in a template, made safe. pdfmake draws SVG with svg-to-pdfkit, which
 * opens whatever an `<image href>` names: any file on the machine (or a
 * device that never ends). An SVG may therefore refer to nothing outside
 * itself: no `image`, no `href` but `#id`, no CSS `url()` but `url(#id)`, no
 * DOCTYPE (entities). It is parsed here with the grammar svg-to-pdfkit uses,
 * so that what is checked is what would be drawn; anything that grammar
 * would not read cleanly is refused rather than guessed at.
 *
 * This module is the check for any image-like input (SVG strings from
 * templates today; a logo tomorrow): call `svgProblem` before anything is
 * handed to pdfmake, and `refuseExternalImages` on what pdfmake draws.
 */
import { TemplateError } from '../errors.js';

/** Elements svg-to-pdfkit draws or uses, less `image`. Anything else is refused. */
const ELEMENTS = new Set([
  'svg',
  'g',
  'defs',
  'symbol',
  'use',
  'rect',
  'circle',
  'ellipse',
  'line',
  'polyline',
  'polygon',
  'path',
  'text',
  'tspan',
  'textPath',
  'linearGradient',
  'radialGradient',
  'stop',
  'pattern',
  'clipPath',
  'mask',
  'style',
  'title',
  'desc',
  'metadata',
]);

/** Elements inside one another; drawings exported from editors nest a dozen at most. */
const MAX_SVG_DEPTH = 100;

const INTERNAL_REF = /^#[^\s#()'"]*$/;

/** Why this SVG text may not be drawn, or undefined if it is self-contained. */
export function svgProblem(svg: string): string | undefined {
  const src = svg.trim();
  let pos = 0;
  const open: string[] = [];
  // Sticky matches from the current position: no copy of the rest of the text for each token.
  const eat = (re: RegExp): RegExpExecArray | null => {
    const sticky = new RegExp(re.source.replace(/^\^/, ''), 'y');
    sticky.lastIndex = pos;
    const m = sticky.exec(src);
    if (m) pos += m[0].length;
    return m;
  };
  let root = false;
  for (;;) {
    if (pos >= src.length) break;
    let m: RegExpExecArray | null;
    if ((m = eat(/^<([\w:.-]+)\s*/))) {
      const name = m[1]!;
      if (!ELEMENTS.has(name))
        return name === 'image' || name.endsWith(':image')
          ? 'an SVG may not contain <image>: it would read a file into the PDF'
          : `an SVG may not contain <${name}> (allowed: ${[...ELEMENTS].join(', ')})`;
      if (open.length === 0) {
        if (root) return 'an SVG must have one root element';
        root = true;
      }
      let a: RegExpExecArray | null;
      while ((a = eat(/^([\w:.-]+)(?:\s*=\s*"([^"]*)"|\s*=\s*'([^']*)')?\s*/))) {
        const attr = a[1]!;
        const value = decodeEntities(a[2] ?? a[3] ?? '');
        if ((attr === 'href' || attr.endsWith(':href')) && !INTERNAL_REF.test(value.trim()))
          return `an SVG may refer only to its own elements (href="#id"), not to "${shortly(value)}"`;
        const url = externalUrl(value);
        if (url !== undefined) return `an SVG may use url() only for its own elements (url(#id)), not url(${shortly(url)})`;
      }
      if (eat(/^\/>/)) {
        continue;
      } else if (eat(/^>/)) {
        // svg-to-pdfkit draws nested elements recursively: thousands deep exhaust its stack mid-render.
        if (open.length >= MAX_SVG_DEPTH)
          return `the SVG nests elements more than ${MAX_SVG_DEPTH} deep; a drawing needs a few levels of <g>`;
        open.push(name);
      } else {
        return `the SVG could not be read at <${name}>: an attribute is not written as name="value"`;
      }
    } else if ((m = eat(/^<\/([\w:.-]+)\s*>/))) {
      if (open.pop() !== m[1]) return `the SVG closes </${m[1]}> where another element is open`;
    } else if (eat(/^<!--[\s\S]*?-->/)) {
      continue;
    } else if ((m = eat(/^<!\[CDATA\[([\s\S]*?)\]\]>/))) {
      const p = cssProblem(m[1]!);
      if (p) return p;
    } else if ((m = eat(/^<\?([\s\S]*?)\?>/))) {
      if (!/^xml\s/.test(m[1]!)) return 'an SVG may not contain processing instructions';
    } else if (src.startsWith('<!', pos)) {
      return 'an SVG may not contain a DOCTYPE or entity declarations';
    } else if ((m = eat(/^([^<]+)/))) {
      const p = open[open.length - 1] === 'style' ? cssProblem(decodeEntities(m[1]!)) : undefined;
      if (p) return p;
    } else {
      return 'the SVG is not well-formed XML';
    }
  }
  if (!root) return 'an SVG needs a root <svg> element';
  if (open.length !== 0) return 'the SVG is not well-formed XML: an element is never closed';
  return undefined;
}

/** Style sheets may not import or load anything either. */
function cssProblem(text: string): string | undefined {
  if (/@import/i.test(text)) return 'an SVG style sheet may not @import anything';
  const url = externalUrl(text);
  return url === undefined ? undefined : `an SVG may use url() only for its own elements (url(#id)), not url(${shortly(url)})`;
}

/** The first url(…) in CSS or an attribute that points outside the SVG. */
function externalUrl(text: string): string | undefined {
  for (const m of text.matchAll(/url\s*\(\s*(['"]?)([^)]*?)\1\s*\)/gi)) {
    if (!INTERNAL_REF.test(m[2]!.trim())) return m[2]!;
  }
  // An unclosed url( is refused too: it is never an internal reference.
  if (/url\s*\((?![^)]*\))/i.test(text)) return text.slice(text.search(/url\s*\(/i) + 4);
  return undefined;
}

/** The same entity decoding as svg-to-pdfkit, so that `&#47;` cannot hide a path. */
function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return text.replace(/&(?:#([0-9]+)|#[xX]([0-9A-Fa-f]+)|([0-9A-Za-z]+));/g, (all, dec, hex, name) =>
    dec ? String.fromCharCode(parseInt(dec, 10)) : hex ? String.fromCharCode(parseInt(hex, 16)) : (named[name] ?? all),
  );
}

function shortly(s: string): string {
  const t = s.replace(/[^\x20-\x7e]/g, '?');
  return t.length > 40 ? `${t.slice(0, 40)}…` : t;
}

/** Text escaped for XML character data and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/**
 * The last line of defence: svg-to-pdfkit asks this for every image it would
 * open. The check above has refused them all already; should one slip
 * through, the build stops instead of reading a file.
 */
export function refuseExternalImages(options: Record<string, unknown> | undefined): Record<string, unknown> {
  return {
    ...options,
    imageCallback: (href: string) => {
      throw new TemplateError(
        `an SVG in the template refers to an image (${shortly(String(href))}); SVGs must be self-contained`,
        undefined,
        'draw the picture in the SVG itself; an SVG may not read files',
      );
    },
  };
}
