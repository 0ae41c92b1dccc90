/**
 * Marks what pdfmake's Renderer draws, on one Renderer and its PDF document
 * (their own methods, through the registry). Every line, shape and picture
 * is drawn inside marked content: the structure content of the slot it was
 * stamped with (tree.ts), or an Artifact. Consecutive artifacts share one
 * marked-content sequence, closed before anything else is drawn, before a
 * clip and at the end of a page.
 *
 * A line is drawn in parts where its words belong to different elements: a
 * link (a Link element holding the words and the annotation PDFKit makes
 * for them, /Contents saying where it goes), an inline role path
 * ("LI#1/LBody", roles.ts), or a different leaf (a list's number).
 *
 * The text drawn reads as typed without /ActualText: right-to-left lines
 * are drawn in visual order (pdf/bidi-lines.ts), glyphs that stand for no
 * character as shapes (pdf/unspoken-glyphs.ts), and a word hyphenated at a
 * line's end is drawn so that it reads whole (pdf/broken-words.ts).
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- pdfmake's and PDFKit's internals (items, documents, references) are untyped */
import { replaceOwnMethod } from '../tuning/registry.js';
import { deferredShapes } from '../unspoken-glyphs.js';
import { linePart } from '../line-part.js';
import { inlinePath } from './roles.js';
import { inlineTarget, keyedChild, PAGINATION, SLOT, type Kid, type Slot, type StructElement } from './tree.js';

type ArtifactType = 'Layout' | 'Pagination';

interface Part {
  slot: Slot | undefined;
  role: string | undefined;
  link: string | undefined;
  /** What a link's annotation says (/Contents): a citation's "Source 2: TASS"; the address otherwise. */
  contents: string | undefined;
  /** A span in another language (richtext's `[…]{lang=…}`): its /Lang. */
  lang: string | undefined;
  inlines: any[];
}

export function tagRendering(renderer: any, doc: any): void {
  let artifact: ArtifactType | undefined;

  // Marked content is written here directly (PDFKit's markContent keeps a list per page to reopen what a page
  // break interrupts, which this never leaves open): BDC with the MCID the page's parent-tree entry gives, EMC.
  const end = () => doc.addContent('EMC');
  const closeArtifact = () => {
    if (artifact === undefined) return;
    end();
    artifact = undefined;
  };
  const openArtifact = (type: ArtifactType) => {
    if (artifact === type) return;
    closeArtifact();
    doc.addContent(`/Artifact <</Type /${type}>> BDC`);
    artifact = type;
  };
  /** Opens structure content of `el`, its reference added to `into`; close with end(). */
  const open = (el: StructElement, into: Kid[]) => {
    closeArtifact();
    const page = doc.page;
    const marks: unknown[] = doc.getStructParentTree().get(page.structParentTreeKey);
    const mcid = marks.length;
    marks.push(null); // write.ts puts the element there
    doc.addContent(`/${el.tag === 'Document' ? 'Span' : el.tag} <</MCID ${mcid}>> BDC`);
    into.push({ kind: 'mcr', pg: page.dictionary, mcid });
  };
  const inSlot = (s: Slot | undefined, draw: () => void) => {
    if (!s) {
      openArtifact('Layout');
      draw();
      return;
    }
    open(s.owner, s.kids);
    draw();
    end();
  };

  const drawPart = (part: Part, draw: () => void) => {
    const path = inlinePath(part.role);
    if (!part.slot || path?.[0]?.tag === 'Artifact') {
      openArtifact('Layout');
      draw();
      deferredShapes(doc);
      return;
    }
    const target = inlineTarget(part.slot, path);
    let el = target.el;
    let into = target.holder.kids;
    const before = doc._currentStructureElement;
    if (part.link) {
      el = keyedChild(target.holder, target.el, `Link ${part.link}`, 'Link');
      into = el.kids;
      doc._currentStructureElement = linkCollector(doc, el, part.contents ?? part.link);
    }
    open(el, into);
    // A span of marked content inside the element's: its language (PDF 32000 14.9.2).
    const span = part.lang !== undefined;
    if (span) doc.addContent(`/Span <</Lang ${textString(part.lang!)}>> BDC`);
    try {
      draw();
      deferredShapes(doc);
    } finally {
      if (span) end();
      end();
      doc._currentStructureElement = before;
    }
  };

  replaceOwnMethod('tagging-render', renderer, 'renderLine', (renderLine) => (line: any, x: number, y: number) => {
    const parts = partsOf(line);
    if (parts.length === 1) {
      const only = parts[0]!;
      if (!only.slot) {
        openArtifact(line[PAGINATION] ? 'Pagination' : 'Layout');
        renderLine(line, x, y);
        deferredShapes(doc);
        return;
      }
      return drawPart(only, () => renderLine(line, x, y));
    }
    // Each part drawn as a line of its own words, at the whole line's height and baseline.
    parts.forEach((part, i) => {
      const view = linePart(line, part.inlines, i === 0);
      if (!part.slot && line[PAGINATION]) {
        openArtifact('Pagination');
        renderLine(view, x, y);
        deferredShapes(doc);
      } else drawPart(part, () => renderLine(view, x, y));
    });
  });

  replaceOwnMethod(
    'tagging-render',
    renderer,
    'renderVector',
    (renderVector) => (vector: any) => inSlot(vector[SLOT], () => renderVector(vector)),
  );
  replaceOwnMethod(
    'tagging-render',
    renderer,
    'renderImage',
    (renderImage) => (image: any) => inSlot(image[SLOT], () => renderImage(image)),
  );
  replaceOwnMethod('tagging-render', renderer, 'renderSVG', (renderSVG) => (svg: any) => inSlot(svg[SLOT], () => renderSVG(svg)));
  // Marked content and the graphics state nest: an open artifact ends before a clip or an alignment saves or restores it.
  for (const name of ['beginClip', 'endClip', 'beginVerticalAlignment', 'endVerticalAlignment'])
    replaceOwnMethod('tagging-render', renderer, name, (original) => (item: unknown) => {
      closeArtifact();
      return original(item);
    });
  replaceOwnMethod('tagging-render', renderer, 'renderPages', (renderPages) => (pages: unknown) => {
    renderPages(pages);
    deferredShapes(doc); // (none left: each line paints its own; never carried past its page)
    closeArtifact();
  });
  // PDFKit hands the structure element of a Link only to a link to an address; a link within the document
  // (goTo: a citation, to its source's entry) gets it here, before the annotation is written.
  replaceOwnMethod('tagging-render', doc, 'goTo', (goTo) => (x: number, y: number, w: number, h: number, name: string, options: any) => {
    const current = doc._currentStructureElement;
    const structParent = current?.dictionary?.data?.S === 'Link' ? current : undefined;
    return goTo(x, y, w, h, name, structParent ? { ...options, structParent } : options);
  });
  replaceOwnMethod('tagging-render', doc, 'addPage', (addPage) => (options: unknown) => {
    deferredShapes(doc);
    closeArtifact();
    return addPage(options);
  });
}

/** A PDF text string: UTF-16BE with its byte-order mark, in hex (any character, nothing to escape). */
function textString(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return `<${hex}>`;
}

/** A line's words in runs that go to the same place of the tree. */
function partsOf(line: any): Part[] {
  const parts: Part[] = [];
  for (const inline of line.inlines as any[]) {
    const slot: Slot | undefined = inline[SLOT] ?? line[SLOT];
    const role = typeof inline.role === 'string' ? inline.role : undefined;
    // A link within the document (linkToDestination, a citation) is "#name": no address starts so (isSafeLink).
    const link =
      typeof inline.link === 'string'
        ? inline.link
        : typeof inline.linkToDestination === 'string'
          ? `#${inline.linkToDestination}`
          : undefined;
    const contents = typeof inline.linkContents === 'string' ? inline.linkContents : undefined;
    const lang = typeof inline.lang === 'string' ? inline.lang : undefined;
    const last = parts[parts.length - 1];
    if (last && last.slot === slot && last.role === role && last.link === link && last.lang === lang) last.inlines.push(inline);
    else parts.push({ slot, role, link, contents, lang, inlines: [inline] });
  }
  if (parts.length === 0)
    parts.push({
      slot: line[SLOT],
      role: undefined,
      link: undefined,
      contents: undefined,
      lang: undefined,
      inlines: [],
    });
  return parts;
}

/**
 * What PDFKit takes as the structure element of a link it draws: it adds
 * the annotation it makes (before writing it), which here gets its place in
 * the parent tree, a /Contents that says where it goes, and an OBJR in the
 * Link element.
 */
function linkCollector(doc: any, link: StructElement, url: string) {
  return {
    dictionary: { data: { S: 'Link' } },
    add(reference: { annotationRef: any }) {
      const annot = reference.annotationRef;
      const key: number = doc.createStructParentTreeNextKey();
      annot.data.StructParent = key;
      annot.data.Contents = new String(url);
      link.kids.push({ kind: 'objr', pg: doc.page.dictionary, annot, key });
    },
  };
}
