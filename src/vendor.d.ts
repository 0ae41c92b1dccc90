// Just the parts of these untyped modules that briefing uses.

declare module 'fontkit' {
  export interface Font {
    postscriptName: string;
    familyName: string;
    unitsPerEm: number;
    hasGlyphForCodePoint(codePoint: number): boolean;
    layout(text: string, features?: unknown): unknown;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}

// pdfmake's internal stages (CommonJS modules; engine.ts reads what it needs from them).
declare module 'pdfmake/js/*' {
  const m: unknown;
  export default m;
}
