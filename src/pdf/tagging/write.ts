/**
 * Writes the structure tree into the PDF once every page is drawn: one
 * StructElem per element that holds content (empty ones are left out), in
 * reading order, each marked-content reference and annotation entered in the
 * parent tree. PDFKit (tagged: true) makes the StructTreeRoot, MarkInfo,
 * each page's StructParents and /Tabs /S; the elements are written here
 * rather than with PDFKit's structure API because a structure made while
 * laying out (not drawing) must be written after the pages it spans. They
 * go into one object stream (object-stream.ts).
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- pdfmake's and PDFKit's internals (items, documents, references) are untyped */
import { packObjects } from './object-stream.js';
import type { Kid, StructElement, Tree } from './tree.js';

/** Sorts, prunes and writes `tree` into `doc`, a PDFKit document made with `tagged: true`, before doc.end(). */
export function writeStructure(doc: any, tree: Tree): void {
  const root = doc.getStructTreeRoot();
  const parentTree = doc.getStructParentTree();
  const written: any[] = [];

  const write = (el: StructElement, parentRef: any): any => {
    // /Type /StructElem is optional; left out, as is a wrapper around a lone kid, to keep the file small.
    const ref = doc.ref({ S: el.tag, P: parentRef });
    written.push(ref);
    const data = ref.data;
    if (el.alt) data.Alt = new String(el.alt);
    if (el.lang) data.Lang = new String(el.lang);
    if (el.scope) data.A = { O: 'Table', Scope: el.scope };
    const k: unknown[] = [];
    for (const kid of flat(el.kids)) {
      if (kid.kind === 'element') k.push(write(kid, ref));
      else if (kid.kind === 'mcr') {
        // Marked content on the element's page (its /Pg, the first it has content on) is just its number.
        data.Pg ??= kid.pg;
        k.push(data.Pg === kid.pg ? kid.mcid : { Type: 'MCR', Pg: kid.pg, MCID: kid.mcid });
        parentTree.get(kid.pg.data.StructParents)[kid.mcid] = ref;
      } else {
        k.push({ Type: 'OBJR', Obj: kid.annot, Pg: kid.pg });
        parentTree.add(kid.key, ref);
      }
    }
    data.K = k.length === 1 ? k[0] : k;
    return ref;
  };

  if (holdsContent(tree.root)) root.data.K = [write(tree.root, root)];
  packObjects(doc, written);
}

/** The kids of an element with its slots opened, empty elements left out, and readingOrder runs sorted. */
function flat(kids: Kid[]): Exclude<Kid, { kind: 'slot' }>[] {
  const out: Exclude<Kid, { kind: 'slot' }>[] = [];
  for (const kid of kids) {
    if (kid.kind === 'slot') out.push(...flat(kid.kids));
    else if (kid.kind !== 'element' || holdsContent(kid)) out.push(kid);
  }
  return sortRuns(out);
}

const contentCache = new WeakMap<StructElement, boolean>();
function holdsContent(el: StructElement): boolean {
  let yes = contentCache.get(el);
  if (yes === undefined) {
    yes = el.kids.some((k) => (k.kind === 'element' ? holdsContent(k) : k.kind === 'slot' ? flat(k.kids).length > 0 : true));
    contentCache.set(el, yes);
  }
  return yes;
}

/** Sorts each run of neighbouring elements that all have a reading order (stable: equal ones keep theirs). */
function sortRuns<T extends Exclude<Kid, { kind: 'slot' }>>(kids: T[]): T[] {
  const ordered = (k: T) => k.kind === 'element' && k.order !== undefined;
  let i = 0;
  while (i < kids.length) {
    if (!ordered(kids[i]!)) {
      i++;
      continue;
    }
    let j = i;
    while (j < kids.length && ordered(kids[j]!)) j++;
    const run = kids.slice(i, j).sort((a, b) => (a as StructElement).order! - (b as StructElement).order!);
    kids.splice(i, run.length, ...run);
    i = j;
  }
  return kids;
}
