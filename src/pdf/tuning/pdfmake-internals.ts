/**
 * pdfmake's internal stages, which engine.ts drives and text-measure.ts
 * tunes. They are not public API: pdfmake is pinned to an exact version in
 * package.json, and every use here must be re-checked when it is upgraded.
 */
import PDFDocumentModule from 'pdfmake/js/PDFDocument.js';
import LayoutBuilderModule from 'pdfmake/js/LayoutBuilder.js';
import SVGMeasureModule from 'pdfmake/js/SVGMeasure.js';
import RendererModule from 'pdfmake/js/Renderer.js';
import tableLayoutsModule from 'pdfmake/js/tableLayouts.js';
import toolsModule from 'pdfmake/js/helpers/tools.js';
import StyleContextStackModule from 'pdfmake/js/StyleContextStack.js';
import TextInlinesModule from 'pdfmake/js/TextInlines.js';

// Node hands a CommonJS module's exports over as the default import; some loaders (vitest) unwrap its
// `exports.default` first. Accept both.
const unwrap = (m: any, key = 'default'): any => m?.[key] ?? m?.default?.[key] ?? m;
export const PDFDocument: any = unwrap(PDFDocumentModule);
export const LayoutBuilder: any = unwrap(LayoutBuilderModule);
export const SVGMeasure: any = unwrap(SVGMeasureModule);
export const Renderer: any = unwrap(RendererModule);
export const tableLayouts: object = unwrap(tableLayoutsModule, 'tableLayouts');
export const convertToDynamicContent: (c: unknown) => unknown = unwrap(toolsModule, 'convertToDynamicContent');
export const StyleContextStack: any = unwrap(StyleContextStackModule);
export const TextInlines: any = unwrap(TextInlinesModule);
import ElementWriterModule from 'pdfmake/js/ElementWriter.js';
export const ElementWriter: any = unwrap(ElementWriterModule);
