/**
 * Reads a PDF back the way a reader's viewer would: pages, text, links,
 * metadata and the fonts each run is set in. Tests assert on this, never on
 * the document definition alone.
 */
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface TextRun {
  text: string;
  /** The PDF font's name, e.g. `AAAAAA+NotoSans-SemiBold`. */
  font: string;
  /** Where the run starts on its page (points from the bottom left) and how wide it is. */
  x: number;
  y: number;
  width: number;
  /** The type size in points (the text matrix's scale). */
  size: number;
  page: number;
}

export interface ParsedPdf {
  pages: number;
  /** All text, runs joined, with a newline at each line end. */
  text: string;
  runs: TextRun[];
  links: { url: string; text?: string }[];
  info: Record<string, unknown>;
  /** Page size in points, per page. */
  sizes: { width: number; height: number }[];
}

/** `exact`: the characters as the PDF maps them, without pdf.js folding ligatures such as "ﬁ" into "fi". */
export async function parsePdf(bytes: Uint8Array, options: { exact?: boolean } = {}): Promise<ParsedPdf> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const runs: TextRun[] = [];
  const links: ParsedPdf['links'] = [];
  const sizes: ParsedPdf['sizes'] = [];
  let text = '';
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const [x0, y0, x1, y1] = page.view as [number, number, number, number];
    sizes.push({ width: x1 - x0, height: y1 - y0 });
    const content = await page.getTextContent({ disableNormalization: options.exact === true });
    const fontNames = new Map<string, string>();
    await page.getOperatorList(); // makes commonObjs hold the fonts
    for (const item of content.items) {
      if (!('str' in item)) continue;
      // In a tagged PDF, pdf.js gives a line end after marked content as an empty item of its own: not a run.
      if (item.str === '' && item.hasEOL) {
        text += '\n';
        continue;
      }
      if (!fontNames.has(item.fontName)) {
        let name = item.fontName;
        try {
          name = (page.commonObjs.get(item.fontName) as { name?: string })?.name ?? name;
        } catch {
          /* not loaded */
        }
        fontNames.set(item.fontName, name);
      }
      runs.push({
        text: item.str,
        font: fontNames.get(item.fontName)!,
        x: item.transform[4],
        y: item.transform[5],
        width: item.width,
        size: Math.hypot(item.transform[0], item.transform[1]),
        page: i,
      });
      text += item.str + (item.hasEOL ? '\n' : '');
    }
    for (const a of await page.getAnnotations()) {
      if (a.subtype === 'Link' && a.url) links.push({ url: a.url });
    }
  }
  const meta = await doc.getMetadata();
  const result = { pages: doc.numPages, text, runs, links, info: meta.info as Record<string, unknown>, sizes };
  await doc.destroy();
  return result;
}

/** Text with all whitespace removed: wrapped lines and run boundaries do not matter. */
export function squash(s: string): string {
  return s.replace(/\s+/g, '');
}

/** How many text objects (BT … ET) the pages draw. */
export async function countTextObjects(bytes: Uint8Array): Promise<number> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  let n = 0;
  for (let i = 1; i <= doc.numPages; i++) {
    const ops = await (await doc.getPage(i)).getOperatorList();
    for (const fn of ops.fnArray) if (fn === OPS.beginText) n++;
  }
  await doc.destroy();
  return n;
}
