// Just the parts of these untyped modules that briefing uses.

declare module 'fontkit' {
  export interface Font {
    postscriptName: string;
    familyName: string;
    fullName: string;
    unitsPerEm: number;
    hasGlyphForCodePoint(codePoint: number): boolean;
    layout(text: string, features?: unknown): unknown;
  }
  export type Glyph = object;
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}

// pdfmake's internal stages (CommonJS modules; engine.ts reads what it needs from them).
declare module 'pdfmake/js/*' {
  const m: unknown;
  export default m;
}

declare module 'bidi-js' {
  interface Bidi {
    getEmbeddingLevels(
      text: string,
      direction?: 'ltr' | 'rtl' | 'auto',
    ): { levels: Uint8Array; paragraphs: { start: number; end: number; level: number }[] };
    getMirroredCharacter(char: string): string | null;
  }
  export default function bidiFactory(): Bidi;
}
