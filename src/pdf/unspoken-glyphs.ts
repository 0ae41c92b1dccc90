/**
 * Glyphs that stand for no character of the content are drawn as shapes,
 * not as text, so that no reader copies anything for them. Shaping draws
 * some characters with more than one glyph (Noto Sans Arabic sets "ب" as a
 * dotless base and a dot, and the dot stands for nothing, pdf/shaping.ts),
 * and Thai word breaks are zero-width spaces the content never had
 * (text/segment.ts). A PDF maps every glyph it shows as text to characters
 * (the font's ToUnicode map), and no mapping reads as nothing in every
 * reader: an empty one makes pdf.js show the glyph's code, an invisible
 * character (U+2060) stays in poppler's text and splits its words there,
 * and a marked-content span with an empty /ActualText makes pdf.js cut its
 * text at the span, which tears a right-to-left line apart.
 *
 * So PDFKit's text drawing is watched: a glyph whose characters are the
 * marker shaping gives it (U+2060) or a zero-width space is taken out of
 * its `[…] TJ` (the glyphs after it keep their places: its advance stays
 * in the operator as a kerning) and drawn after the text object, inside
 * the same graphics state (so in the same colour), from its outline. (Inline:
 * a form XObject, drawn once and placed, would be smaller, but pdf.js ends
 * its piece of text at every form, which tore the Arabic lines apart again.)
 *
 * The same watcher does two more things for the text layer, both drawing
 * exactly what PDFKit would: a glyph PDFKit places off its pen (a mark, a
 * vowel sign) is reached by relative moves, not a new text matrix
 * (TextObjectWatcher.relativeMove: pdf.js found spaces inside Devanagari
 * words there), and the words of a face that climbs off the baseline
 * (Nastaliq) are drawn wholly as shapes over their text written invisibly on
 * the baseline (see TextObjectWatcher). And it draws the pieces of a word
 * hyphenated at a line's end as pdf/broken-words.ts says: the hyphen as a
 * shape with the rest of the word written invisibly in its place, the rest
 * as shapes only.
 */
import { brokenWordPiece, type BrokenWordPiece } from './broken-words.js';
import { PDFDocument } from './tuning/pdfmake-internals.js';
import { replaceMethod } from './tuning/registry.js';

/** What such a glyph maps to (pdf/shaping.ts, text/segment.ts). */
const UNSPOKEN = new Set([0x2060, 0x200b]);

interface PathCommand {
  command: string;
  args: number[];
}
interface Font {
  name?: string;
  unicode?: (number[] | undefined)[];
  widths?: (number | undefined)[];
  subset?: { glyphs: number[] };
  font?: { unitsPerEm: number; getGlyph(id: number): { path: { commands: PathCommand[] } } };
  /** PDFKit's: the text's glyphs in this subset, as 4-digit hex codes (and their places). */
  encode?(text: string, features?: unknown): [string[], unknown[]];
}

const TM = /^1 0 0 1 (-?[\d.]+) (-?[\d.]+) Tm$/;
const TJ = /^\[(.*)\] TJ$/s;
const ELEMENT = /<([0-9a-f]*)>\s*(-?[\d.]+)?/gi;

const num = (n: number) => String(Math.round(n * 100) / 100);
const num3 = (n: number) => String(Math.round(n * 1000) / 1000);
const whole = (n: number) => String(Math.round(n));
/** A scale from font units to points (a 7 pt glyph is 0.007): to the millionth. */
const scale6 = (n: number) => String(Math.round(n * 1e6) / 1e6);

/** True if subset glyph `gid` of `font` stands for no character. */
function unspoken(font: Font, gid: number): boolean {
  const cps = font.unicode?.[gid];
  return cps !== undefined && cps.length === 1 && UNSPOKEN.has(cps[0]!);
}

/** How far each font's subset was looked through for unspoken glyphs, and whether one was found. */
const scanned = new WeakMap<Font, { upTo: number; found: boolean }>();

/**
 * True once `font`'s subset holds a glyph that stands for no character. A
 * subset only grows (PDFKit encodes a run's glyphs before it writes them),
 * so each glyph is looked at once; most faces (Latin, Cyrillic, CJK) never
 * get one, and their runs are not taken apart glyph by glyph.
 */
function holdsUnspoken(font: Font): boolean {
  let seen = scanned.get(font);
  if (!seen) scanned.set(font, (seen = { upTo: 0, found: false }));
  const glyphs = font.unicode?.length ?? 0;
  for (; !seen.found && seen.upTo < glyphs; seen.upTo++) seen.found = unspoken(font, seen.upTo);
  return seen.found;
}

/** A glyph's outline as PDF path operators, in font units. */
export function outline(commands: readonly PathCommand[], round: (n: number) => string = num): string {
  const num = round;
  const ops: string[] = [];
  let cx = 0;
  let cy = 0;
  for (const { command, args: a } of commands) {
    if (command === 'moveTo' || command === 'lineTo') {
      ops.push(`${num(a[0]!)} ${num(a[1]!)} ${command === 'moveTo' ? 'm' : 'l'}`);
      [cx, cy] = [a[0]!, a[1]!];
    } else if (command === 'quadraticCurveTo') {
      // The cubic curve that draws the same quadratic one.
      const [qx, qy, x, y] = a as [number, number, number, number];
      const c1 = [cx + (2 / 3) * (qx - cx), cy + (2 / 3) * (qy - cy)];
      const c2 = [x + (2 / 3) * (qx - x), y + (2 / 3) * (qy - y)];
      ops.push(`${num(c1[0]!)} ${num(c1[1]!)} ${num(c2[0]!)} ${num(c2[1]!)} ${num(x)} ${num(y)} c`);
      [cx, cy] = [x, y];
    } else if (command === 'bezierCurveTo') {
      ops.push(`${a.map(num).join(' ')} c`);
      [cx, cy] = [a[4]!, a[5]!];
    } else if (command === 'closePath') ops.push('h');
  }
  return ops.join(' ');
}

/**
 * Follows one text object as PDFKit writes it: takes the unspoken glyphs out
 * of its TJ operators and returns what to draw for them after its ET.
 *
 * `drawnAsShapes` (a face whose words climb off the baseline, Nastaliq):
 * every glyph is drawn as a shape, and the text of the run is written once,
 * invisible (render mode 3), on the baseline, as wide as the drawn word. Its
 * cursive attachment draws each letter of a word higher than the next, and
 * readers take raised glyphs as other lines or other pieces of text: pdf.js
 * ends its piece of text at every step up or down of more than a quarter em
 * (even with the text rise, which it discounts only for line ends) and gives
 * the pieces of a right-to-left word in the order drawn, left to right, so
 * reversed; poppler starts a word at every change of baseline and moved the
 * raised letters to lines of their own. On one baseline, the run reads as
 * one piece of text in both, in logical order with its spaces.
 */
class TextObjectWatcher {
  private x = 0;
  private y = 0;
  private shapes: string[] = [];
  /** Where the run starts (its first text matrix), and for drawnAsShapes its glyphs for the invisible text. */
  private start: { x: number; y: string } | undefined;
  /** The text rise in force (a glyph raised or lowered off the baseline). */
  private rise = 0;
  private codes = '';
  private natural = 0;
  /** A broken word's head: its last TJ, held back until it is known to be the last (its last glyph is the hyphen). */
  private held: string | undefined;
  /** The last glyph drawn, and the pen before it. */
  private last: { gid: number; x: number; code: string; width: number } | undefined;
  /** TJ operators written as they were, whose advance the pen has not taken yet (see pen()). */
  private unread: string[] = [];
  constructor(
    private font: Font,
    private size: number,
    private characterSpacing: number,
    private drawnAsShapes = false,
    /** drawnAsShapes: where the glyphs go instead (a form per glyph, painted at the line's end: deferredShapes). */
    private deferTo?: { form(original: number): string | undefined; draws: string[] },
    /** The piece of a hyphenated word this text is (pdf/broken-words.ts): its head, or its tail (drawnAsShapes, read as nothing). */
    private piece?: BrokenWordPiece,
    private features?: unknown,
  ) {}

  private get head(): { rest: string } | undefined {
    return typeof this.piece === 'object' ? this.piece : undefined;
  }

  /** The operator to write instead of `op`. */
  rewrite(op: string): string {
    const tm = TM.exec(op);
    if (tm) {
      const [x, y] = [Number(tm[1]), Number(tm[2])];
      if (!this.start) {
        [this.x, this.y] = [x, y];
        this.start = { x, y: tm[2]! };
        return this.drawnAsShapes ? `${op}\n3 Tr` : op;
      }
      const move = this.drawnAsShapes ? '' : this.relativeMove(x, y);
      [this.x, this.y] = [x, y];
      return this.release(move);
    }
    const tj = TJ.exec(op);
    if (!tj) {
      if (op !== 'ET') return this.release(op);
      this.unread = [];
      const head = this.head && !this.drawnAsShapes ? this.headEnd() : '';
      const text = this.drawnAsShapes ? this.invisibleText() : '';
      const reset = this.rise !== 0 ? '0 Ts' : '';
      this.rise = 0;
      const before = [head, text, reset].filter(Boolean).join('\n');
      return this.shapes.length > 0 || before ? this.flush(before) : op;
    }
    // Nothing to take out: written as it is, its advance counted only if a later Tm needs the pen (relativeMove).
    // A broken word's head is followed glyph by glyph: its last glyph (the hyphen) is taken out at the ET (headEnd).
    if (!this.drawnAsShapes && !this.head && !holdsUnspoken(this.font)) {
      this.unread.push(tj[1]!);
      return op;
    }
    this.pen();
    const scale = this.size / 1000;
    const parts: string[] = [];
    let hex = '';
    let removed = false;
    for (const [, codes, adjust] of tj[1]!.matchAll(ELEMENT)) {
      for (let i = 0; i < codes!.length; i += 4) {
        const code = codes!.slice(i, i + 4);
        const gid = parseInt(code, 16);
        const width = this.font.widths?.[gid] ?? 0;
        if (!unspoken(this.font, gid)) this.last = { gid, x: this.x, code, width: width * scale + this.characterSpacing };
        if (this.drawnAsShapes) {
          this.draw(gid);
          if (!unspoken(this.font, gid) && this.piece !== 'tail') {
            this.codes += code;
            this.natural += width * scale + this.characterSpacing;
          }
        } else if (unspoken(this.font, gid)) {
          this.draw(gid);
          if (hex) parts.push(`<${hex}>`);
          hex = '';
          // Its advance (with the character spacing it would have had) as a kerning: what follows stays put.
          parts.push(num(-(width + (this.characterSpacing * 1000) / this.size)));
          removed = true;
        } else hex += code;
        this.x += width * scale + this.characterSpacing;
      }
      const adj = adjust === undefined ? 0 : Number(adjust);
      if (hex) parts.push(adj ? `<${hex}> ${adjust}` : `<${hex}>`);
      else if (adj) parts.push(adjust!);
      hex = '';
      this.x -= adj * scale;
    }
    if (this.drawnAsShapes) return '';
    const out = !removed ? op : parts.some((p) => p.startsWith('<')) ? `[${parts.join(' ')}] TJ` : '';
    if (!this.head) return out;
    const before = this.release('');
    this.held = out;
    return before;
  }

  /** `op`, after the TJ held back (a broken word's head: it was not the last). */
  private release(op: string): string {
    const held = this.held;
    this.held = undefined;
    return held ? [held, op].filter(Boolean).join('\n') : op;
  }

  /**
   * A broken word's head, at its end: its last glyph (the hyphen) taken out of
   * the last TJ and drawn as a shape, and the rest of the word written
   * invisibly where the hyphen is, as wide as it.
   */
  private headEnd(): string {
    const held = this.held;
    this.held = undefined;
    const last = this.last;
    if (!held || !last) return held ?? '';
    const ops = [withoutLastGlyph(held)];
    const pen = this.x;
    this.x = last.x;
    this.draw(last.gid);
    this.x = pen;
    const rest = this.restCodes();
    if (rest) ops.push(`1 0 0 1 ${num3(last.x)} ${num3(this.y)} Tm`, '3 Tr', ...scaled(rest.codes, last.width / rest.natural), '0 Tr');
    return ops.filter(Boolean).join('\n');
  }

  /** The rest of a broken word in this font's subset, and its natural width (with the character spacing). */
  private restCodes(): { codes: string; natural: number } | undefined {
    const rest = this.head?.rest;
    if (!rest || !this.font.encode) return undefined;
    const [codes] = this.font.encode(rest, this.features);
    let natural = 0;
    for (const code of codes) natural += ((this.font.widths?.[parseInt(code, 16)] ?? 0) * this.size) / 1000 + this.characterSpacing;
    return natural > 0 ? { codes: codes.join(''), natural } : undefined;
  }

  /** Moves the pen past the TJ operators written as they were, glyph by glyph as rewrite() does (the same sums, in the same order). */
  private pen(): void {
    const scale = this.size / 1000;
    for (const body of this.unread)
      for (const [, codes, adjust] of body.matchAll(ELEMENT)) {
        for (let i = 0; i < codes!.length; i += 4)
          this.x += (this.font.widths?.[parseInt(codes!.slice(i, i + 4), 16)] ?? 0) * scale + this.characterSpacing;
        this.x -= (adjust === undefined ? 0 : Number(adjust)) * scale;
      }
    this.unread = [];
  }

  /**
   * PDFKit places a glyph with an offset (a mark, an Indic vowel sign) with a
   * new text matrix, and the glyphs after it with another: absolute places.
   * pdf.js's text extraction counts a glyph whose characters hold a
   * nonspacing mark (\p{Mn} anywhere in its mapping: a Devanagari conjunct
   * such as "स्प") as zero-width, so its own pen falls behind the glyphs, and
   * at the next absolute place it sees a gap and puts a space inside the word
   * ("रू स", "पारस्प रिक"). The same moves made relative (a kerning in a TJ,
   * the text rise for the height) draw the same and leave no gap to find.
   */
  private relativeMove(x: number, y: number): string {
    this.pen();
    const ops: string[] = [];
    const dx = x - this.x;
    if (Math.abs(dx) > 1e-6) ops.push(`[${num(-(dx * 1000) / this.size)}] TJ`);
    const rise = Math.round((y - Number(this.start!.y)) * 1000) / 1000;
    if (rise !== this.rise) {
      ops.push(`${num3(rise)} Ts`);
      this.rise = rise;
    }
    return ops.join('\n');
  }

  /** drawnAsShapes: the run's text, invisible, on its baseline, scaled to the drawn run's width (the pen's end). */
  private invisibleText(): string {
    const start = this.start;
    if (this.head && this.last && this.codes.endsWith(this.last.code)) {
      // A broken word's head: its hyphen reads as nothing, the rest of the word is read here.
      this.codes = this.codes.slice(0, -this.last.code.length);
      this.natural -= this.last.width;
      const rest = this.restCodes();
      if (rest) [this.codes, this.natural] = [this.codes + rest.codes, this.natural + rest.natural];
    }
    if (!start || !this.codes) return start ? '0 Tr' : '';
    const drawn = this.x - start.x;
    const text = [`1 0 0 1 ${num3(start.x)} ${start.y} Tm`];
    text.push(...scaled(this.codes, this.natural > 0 && drawn > 0 ? drawn / this.natural : 1));
    text.push('0 Tr');
    return text.join('\n');
  }

  private draw(gid: number): void {
    const original = this.font.subset?.glyphs[gid];
    const face = this.font.font;
    if (original === undefined || !face) return;
    if (this.deferTo) {
      const name = this.deferTo.form(original);
      const s = this.size / face.unitsPerEm;
      if (name) this.deferTo.draws.push(`q ${scale6(s)} 0 0 ${scale6(s)} ${num(this.x)} ${num(this.y)} cm /${name} Do Q`);
      return;
    }
    // A whole word drawn as shapes is written in whole font units (a 2048th of an em at most off: nothing one sees), a third smaller.
    const path = outline(face.getGlyph(original).path.commands, this.drawnAsShapes ? whole : num);
    if (!path) return;
    const s = this.size / face.unitsPerEm;
    this.shapes.push(`q ${scale6(s)} 0 0 ${scale6(s)} ${num(this.x)} ${num(this.y)} cm ${path} f Q`);
  }

  private flush(text: string): string {
    const out = [...(text ? [text] : []), 'ET', ...this.shapes].join('\n');
    this.shapes = [];
    return out;
  }
}

/**
 * Glyphs `codes` shown at `scale` of their width (horizontal scaling, reset
 * after): in hundredths of a percent, or three digits below 1% (the rest of
 * a word of thousands of letters, in a hyphen's width).
 */
function scaled(codes: string, scale: number): string[] {
  const percent = scale >= 0.01 ? Math.round(scale * 10000) / 100 : Number((scale * 100).toPrecision(3));
  return percent === 100 ? [`[<${codes}>] TJ`] : [`${percent} Tz`, `[<${codes}>] TJ`, '100 Tz'];
}

/** A TJ operator without its last glyph, and what moves the pen after it ("" if no glyph is left). */
function withoutLastGlyph(op: string): string {
  const elements = [...TJ.exec(op)![1]!.matchAll(ELEMENT)];
  let i = elements.length - 1;
  while (i >= 0 && elements[i]![1]!.length < 4) i--;
  if (i < 0) return op;
  const kept = elements.slice(0, i).map((e) => e[0].trim());
  const codes = elements[i]![1]!.slice(0, -4);
  if (codes) kept.push(`<${codes}>`);
  return kept.some((e) => e.startsWith('<')) ? `[${kept.join(' ')}] TJ` : '';
}

/** Faces whose words are drawn as shapes over an invisible text (TextObjectWatcher): Nastaliq's. */
const CLIMBING_FACES = /Nastaliq/;
function drawnAsShapes(font: Font): boolean {
  return CLIMBING_FACES.test(font.name ?? '');
}

/** What of PDFKit's document the watching reads and replaces. */
interface Drawing {
  _font?: Font;
  _fontSize: number;
  _fillColor?: [unknown, unknown];
  addContent(data: unknown): Drawing;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- PDFKit's document, references and pages are untyped */
/**
 * Words drawn as shapes (Nastaliq) are painted from a form XObject per glyph,
 * each written once, instead of the glyph's outline in the page at each use
 * (a quarter of the size). pdf.js ends its piece of text at every form it
 * paints, so they are painted after the whole line's text (deferredShapes,
 * called by pdf/tagging/render.ts when a line or a part of it is drawn), in
 * the colour its text had, in PDFKit's text space (y down from the top).
 */
interface Deferred {
  color: unknown;
  opacity: unknown;
  draws: string[];
}
const deferredByDocument = new WeakMap<object, Deferred[]>();
const formsByDocument = new WeakMap<object, Map<string, { name: string; ref: any }>>();

function deferral(doc: any, font: Font): { form(original: number): string | undefined; draws: string[] } {
  let list = deferredByDocument.get(doc);
  if (!list) deferredByDocument.set(doc, (list = []));
  const [color, opacity] = doc._fillColor ?? ['black', 1];
  const last = list[list.length - 1];
  const entry = last && last.color === color && last.opacity === opacity ? last : { color, opacity, draws: [] };
  if (entry !== last) list.push(entry);
  let forms = formsByDocument.get(doc);
  if (!forms) formsByDocument.set(doc, (forms = new Map()));
  return {
    draws: entry.draws,
    form(original: number) {
      const key = `${(font as { id?: string }).id ?? font.name}:${original}`;
      let form = forms.get(key);
      if (!form) {
        const glyph = font.font!.getGlyph(original) as unknown as {
          path: { commands: PathCommand[] };
          bbox: { minX: number; minY: number; maxX: number; maxY: number };
        };
        const path = outline(glyph.path.commands, whole);
        if (!path) return undefined;
        const b = glyph.bbox;
        const ref = doc.ref({
          Type: 'XObject',
          Subtype: 'Form',
          BBox: [Math.floor(b.minX) - 1, Math.floor(b.minY) - 1, Math.ceil(b.maxX) + 1, Math.ceil(b.maxY) + 1],
        });
        ref.end(`${path} f`);
        form = { name: `Gl${forms.size + 1}`, ref };
        forms.set(key, form);
      }
      doc.page.xobjects[form.name] ??= form.ref;
      return form.name;
    },
  };
}

/** Paints the shapes of the words drawn since the last call (see deferral), inside whatever marked content is open. */
export function deferredShapes(doc: any): void {
  const list = deferredByDocument.get(doc);
  if (!list || list.length === 0) return;
  deferredByDocument.delete(doc);
  for (const { color, opacity, draws } of list) {
    if (draws.length === 0) continue;
    doc.save();
    doc.fillColor(color, opacity);
    doc.transform(1, 0, 0, -1, 0, doc.page.height);
    doc.addContent(draws.join('\n'));
    doc.restore();
  }
}
/* eslint-enable @typescript-eslint/no-explicit-any */

let installed = false;
/** Installs the watching on PDFKit's text drawing (once). */
export function installUnspokenGlyphs(): void {
  if (installed) return;
  installed = true;
  replaceMethod(
    'unspoken-glyphs',
    PDFDocument.prototype,
    '_fragment',
    (fragment) =>
      function (this: Drawing, text: unknown, x: unknown, y: unknown, options: { characterSpacing?: number } | undefined) {
        const font = this._font;
        if (!font?.unicode || !font.subset) return fragment.call(this, text, x, y, options);
        const piece = brokenWordPiece(this);
        const climbing = drawnAsShapes(font);
        const deferTo = climbing && !(options as { oblique?: unknown } | undefined)?.oblique ? deferral(this, font) : undefined;
        const features = (options as { features?: unknown } | undefined)?.features;
        const shapes = climbing || piece === 'tail';
        const watcher = new TextObjectWatcher(font, this._fontSize, options?.characterSpacing ?? 0, shapes, deferTo, piece, features);
        const own = Object.getOwnPropertyDescriptor(this, 'addContent');
        const addContent = this.addContent;
        this.addContent = (data: unknown) => {
          const out = typeof data === 'string' ? watcher.rewrite(data) : data;
          return out === '' ? this : addContent.call(this, out);
        };
        try {
          return fragment.call(this, text, x, y, options);
        } finally {
          if (own) Object.defineProperty(this, 'addContent', own);
          else delete (this as Partial<Drawing>).addContent;
        }
      },
  );
}
