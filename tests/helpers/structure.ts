/**
 * A tagged-PDF checker (veraPDF is on neither npm nor Debian): reads a PDF's
 * structure tree and every page's content with pdf.js, and the few things
 * pdf.js does not show (table header scopes, fonts' ToUnicode, the XMP) from
 * the file's objects, and reports what breaks PDF/UA-1:
 * - content drawn outside marked content that is either a structure
 *   element's (an MCID) or an Artifact (Matterhorn 01-003, 01-004, 01-005);
 * - marked content no element reaches, or an element pointing at marked
 *   content that is not there;
 * - a Link annotation outside the tree, or without /Contents;
 * - headings out of order (the first an H1, none more than one level deeper
 *   than the one before);
 * - a TH without a Scope, a Figure without Alt, a page with annotations
 *   whose tab order is not the structure's (/Tabs /S);
 * - a font without ToUnicode; no /Lang, no MarkInfo, no DisplayDocTitle, no
 *   pdfuaid in the XMP.
 * It also gives the tree's text in reading order: what a screen reader reads.
 */
import { inflateSync } from 'node:zlib';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface StructNode {
  role: string;
  alt?: string;
  lang?: string;
  children: (StructNode | { type: string; id: string })[];
}

export interface StructureReport {
  problems: string[];
  /** Per page, pdf.js's structure tree (only the elements with content on that page). */
  trees: StructNode[];
  /** Each element's role, depth and text (all of its content's), in reading order (depth first), page by page. */
  outline: { role: string; depth: number; text: string }[];
  /** The text a screen reader reads: the content of the tree, in its order, a line per leaf element. */
  reading: string;
  tagged: boolean;
}

const PAINT = new Set<number>([
  OPS.fill,
  OPS.eoFill,
  OPS.stroke,
  OPS.fillStroke,
  OPS.eoFillStroke,
  OPS.closeStroke,
  OPS.closeFillStroke,
  OPS.closeEOFillStroke,
  OPS.shadingFill,
]);
const SHOW = new Set<number>([
  OPS.showText,
  OPS.showSpacedText,
  OPS.nextLineShowText,
  OPS.nextLineSetSpacingShowText,
  OPS.paintImageXObject,
  OPS.paintInlineImageXObject,
  OPS.paintImageMaskXObject,
  OPS.paintFormXObjectBegin,
  OPS.paintSolidColorImageMask,
]);

/** The file's objects as text, those in object streams included (inflated). */
function objectsOf(bytes: Uint8Array): string[] {
  const raw = Buffer.from(bytes).toString('latin1');
  const out: string[] = [];
  for (const m of raw.matchAll(/\d+ 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = m[1]!;
    const stream = /stream\r?\n([\s\S]*?)\r?\nendstream/.exec(body);
    if (stream && /\/Type\s*\/ObjStm/.test(body)) {
      const data = inflateSync(Buffer.from(stream[1]!, 'latin1')).toString('latin1');
      const first = Number(/\/First\s+(\d+)/.exec(body)![1]);
      const nums = data.slice(0, first).trim().split(/\s+/).map(Number);
      for (let i = 0; i < nums.length; i += 2)
        out.push(data.slice(first + nums[i + 1]!, i + 3 < nums.length ? first + nums[i + 3]! : undefined));
    } else out.push(stream ? body.slice(0, stream.index) : body);
  }
  return out;
}

export async function checkStructure(bytes: Uint8Array): Promise<StructureReport> {
  const problems: string[] = [];
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const { info, metadata } = (await doc.getMetadata()) as unknown as {
    info: Record<string, unknown>;
    metadata: { getRaw(): string } | null;
  };
  const markInfo = (await doc.getMarkInfo()) as { Marked?: boolean } | null;
  const tagged = markInfo?.Marked === true;
  if (!tagged) problems.push('MarkInfo /Marked is not true');
  if (!info.Language) problems.push('the catalog has no /Lang');
  const xmp = metadata?.getRaw() ?? '';
  if (!/<pdfuaid:part>1<\/pdfuaid:part>/.test(xmp)) problems.push('the XMP has no pdfuaid:part 1');
  if (!/dc:title/.test(xmp)) problems.push('the XMP has no dc:title');

  const objects = objectsOf(bytes);
  if (!objects.some((o) => /\/DisplayDocTitle\s+true/.test(o))) problems.push('no ViewerPreferences /DisplayDocTitle true');
  for (const o of objects) {
    if (/\/S\s*\/TH\b/.test(o) && !/\/Scope\s*\/(Row|Column|Both)/.test(o)) problems.push('a TH without /Scope');
    if (/\/S\s*\/Figure\b/.test(o) && !/\/Alt\s*\(/.test(o)) problems.push('a Figure without /Alt');
    if (/\/Type\s*\/Page\b/.test(o) && /\/Annots/.test(o) && !/\/Tabs\s*\/S\b/.test(o))
      problems.push('a page with annotations without /Tabs /S');
    if (/\/Subtype\s*\/Type0\b/.test(o) && !/\/ToUnicode\s+\d+ 0 R/.test(o))
      problems.push(`a font without ToUnicode: ${/\/BaseFont\s*\/(\S+)/.exec(o)?.[1]}`);
  }

  const trees: StructNode[] = [];
  const textOf = new Map<string, string>();
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    let tree = (await page.getStructTree()) as StructNode | null;
    if (!tree) {
      problems.push(`page ${p}: no structure tree`);
      tree = { role: 'Root', children: [] };
    }
    trees.push(tree);
    const inTree = new Set<string>();
    const annotsInTree = new Set<string>();
    const walk = (n: StructNode | { type: string; id: string }) => {
      if ('type' in n) (n.type === 'content' ? inTree : annotsInTree).add(n.id);
      else n.children.forEach(walk);
    };
    walk(tree);

    // What each marked-content sequence holds, and what is drawn outside one.
    const ops = await page.getOperatorList();
    const stack: { id?: string; artifact: boolean }[] = [];
    const drawn = new Set<string>();
    let outside = 0;
    for (let i = 0; i < ops.fnArray.length; i++) {
      const fn = ops.fnArray[i]!;
      const args = ops.argsArray[i] as unknown[];
      if (fn === OPS.beginMarkedContentProps) {
        // pdf.js gives the MCID as the second argument (or a dictionary holding it).
        const props = args[1] as number | { mcid?: number } | null;
        const mcid = typeof props === 'number' ? props : props?.mcid;
        stack.push({ artifact: args[0] === 'Artifact', ...(mcid !== undefined && { id: `mc${mcid}` }) });
      } else if (fn === OPS.beginMarkedContent) stack.push({ artifact: args[0] === 'Artifact' });
      else if (fn === OPS.endMarkedContent) stack.pop();
      else if (SHOW.has(fn) || PAINT.has(fn) || (fn === OPS.constructPath && PAINT.has((args as number[])[0]!))) {
        const owner = [...stack].reverse().find((m) => m.artifact || m.id);
        if (!owner) outside++;
        else if (owner.id) drawn.add(owner.id);
      }
    }
    if (outside > 0) problems.push(`page ${p}: ${outside} drawing operation(s) outside marked content and artifacts`);
    const treeIds = new Set([...inTree].map((id) => id.replace(/^p\d+R_/, '')));
    for (const id of drawn) if (!treeIds.has(id)) problems.push(`page ${p}: marked content ${id} is not in the structure tree`);

    // The text of each marked-content sequence, for reading the tree.
    const content = await page.getTextContent({ includeMarkedContent: true });
    const open: string[] = [];
    for (const item of content.items as { type?: string; id?: string; str?: string; hasEOL?: boolean }[]) {
      if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') open.push(item.id ?? '');
      else if (item.type === 'endMarkedContent') open.pop();
      else if (item.str !== undefined) {
        const id = [...open].reverse().find((x) => x);
        if (id) textOf.set(id, (textOf.get(id) ?? '') + item.str + (item.hasEOL ? ' ' : ''));
      }
    }
    for (const id of inTree)
      if (!textOf.has(id) && !drawn.has(id.replace(/^p\d+R_/, '')))
        problems.push(`page ${p}: the tree points at ${id}, which draws nothing`);

    const annots = (await page.getAnnotations()) as { id: string; subtype: string; contentsObj?: { str: string } }[];
    for (const a of annots) {
      if (a.subtype !== 'Link') continue;
      if (![...annotsInTree].some((id) => id.endsWith(a.id)))
        problems.push(`page ${p}: link annotation ${a.id} is not in the structure tree`);
      if (!a.contentsObj?.str) problems.push(`page ${p}: link annotation ${a.id} has no /Contents`);
    }
  }

  // Reading order, and the headings in it.
  const outline: StructureReport['outline'] = [];
  const lines: string[] = [];
  const textUnder = (n: StructNode): string =>
    n.children.map((c) => ('type' in c ? (c.type === 'content' ? (textOf.get(c.id) ?? '') : '') : textUnder(c))).join('');
  const read = (n: StructNode, depth: number, inLeaf: boolean) => {
    // A leaf for reading: only content, links and spans below (a Link is read within its paragraph).
    const leaf =
      !inLeaf && n.children.length > 0 && n.children.every((c) => 'type' in c || ['Link', 'Span'].includes((c as StructNode).role));
    const text = textUnder(n).replace(/\s+/g, ' ').trim();
    if (n.role !== 'Root') outline.push({ role: n.role, depth, text });
    if (leaf && text) lines.push(`${n.role}: ${text}`);
    for (const c of n.children) if (!('type' in c)) read(c, depth + 1, inLeaf || leaf);
  };
  trees.forEach((t) => read(t, 0, false));
  let level = 0;
  for (const h of outline) {
    const m = /^H([1-6])$/.exec(h.role);
    if (!m) continue;
    const l = Number(m[1]);
    if (level === 0 && l !== 1) problems.push(`the first heading is ${h.role} ("${h.text}"), not H1`);
    else if (l > level + 1) problems.push(`${h.role} "${h.text}" follows an H${level}`);
    level = l;
  }
  return { problems: [...new Set(problems)], trees, outline, reading: lines.join('\n'), tagged };
}
