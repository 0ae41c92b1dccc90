/**
 * Types shared across briefing's parts (content, template, pipeline, pdf,
 * cli): each part imports them from here, never from another part's
 * modules, so no part depends on another's internals for a type. This
 * module imports only other modules' types that import nothing of ours.
 */
import type * as fontkit from 'fontkit';
import type { SourcePosition } from './errors.js';
import type { Theme } from './template/theme.js';
import type { Briefing } from './content/schema.js';
import type { Paper } from './pdf/paper.js';

export type { Briefing } from './content/schema.js';

export type { Paper } from './pdf/paper.js';

export interface PageSpec {
  width: number;
  height: number;
  margins: { left: number; top: number; right: number; bottom: number };
}

/** Document metadata, written to the PDF's Info dictionary. */
export interface PdfInfo {
  Title: string;
  Author?: string;
  Subject?: string;
  Keywords?: string;
  Creator: string;
  Producer: string;
  CreationDate: Date;
  ModDate?: Date;
}

export interface RenderOptions {
  info: PdfInfo;
  lang?: string;
  /** Archival conformance level written into the file (PDFKit embeds the sRGB output intent and XMP id). */
  pdfa?: PdfA;
}

/** PDF/A levels: 2a and 3a (accessible: the tagged structure, with PDF/UA's identifier too), 2b and 3b (basic). */
export const PDFA_LEVELS = ['2a', '2b', '3a', '3b'] as const;
export type PdfA = (typeof PDFA_LEVELS)[number];
export const isPdfA = (v: unknown): v is PdfA => (PDFA_LEVELS as readonly unknown[]).includes(v);

/** A font file as the theme names it, resolved to a path on disk. */
export interface FontFaces {
  normal: string;
  bold: string;
  italics: string;
  bolditalics: string;
}

/** Fit settings a render is made with; helpers `size`, `space` and `leading` apply them. */
export interface FitScale {
  /** Multiplier for type sizes (1 = as designed). */
  type: number;
  /** Multiplier for spacing: margins between blocks, padding, extra leading (1 = as designed). */
  space: number;
}

/** A masthead logo as the template sees it (template/logo.ts): the pdfmake node key and its value. */
export interface Logo {
  kind: 'image' | 'svg';
  /** A PNG or JPEG data URL, or the SVG text. */
  src: string;
  /** Natural size in points (pixels and SVG user units taken as points). */
  width: number;
  height: number;
  /** What it shows, for screen readers (the config's logoAlt); null: the template says the organisation's name. */
  alt?: string | null;
}

export interface Template {
  name: string;
  dir: string;
  theme: Theme;
  /** The masthead logo, when the config or theme.yaml names one (see template/house.ts). */
  logo?: Logo;
  fonts: Record<string, FontFaces>;
  /** Optional font families whose packages are not installed. */
  missingFonts: MissingFont[];
  /** Runs the template; returns the JSON text of the document definition. */
  render(view: object, fit: FitScale): string;
  /**
   * The same output with origin markers, to find which template line wrote a
   * given character. Only used on the error path.
   */
  renderTraced(view: object, fit: FitScale): TracedOutput;
}

/** A font family the theme can use once its package is installed. */
export interface MissingFont {
  family: string;
  package: string;
  /** The languages whose fonts (theme languageFonts) name it. */
  languages: string[];
}

export interface TracedOutput {
  text: string;
  /** The template file and line that wrote the character at an offset of `text`. */
  originAt(offset: number): SourcePosition | undefined;
}

/** What the fitter may leave out, by kind and index in the content. */
export interface Omissions {
  sections?: ReadonlySet<number>;
  keyFacts?: ReadonlySet<number>;
  timeline?: ReadonlySet<number>;
  quotes?: ReadonlySet<number>;
  charts?: ReadonlySet<number>;
}

/** A pdfmake document definition, as far as briefing relies on it. */
export interface DocDefinition {
  content: unknown;
  styles?: Record<string, Record<string, unknown>>;
  defaultStyle?: Record<string, unknown>;
  header?: unknown;
  footer?: unknown;
  background?: unknown;
  [key: string]: unknown;
}

/** Something worth telling the author that does not stop the build. */
export interface Warning {
  file: string | undefined;
  path: string;
  line?: number;
  column?: number;
  message: string;
}

export type FieldPath = ReadonlyArray<string | number>;

export interface LoadedContent {
  /** The file it came from, as the user named it; undefined for content passed as a string. */
  file: string | undefined;
  data: unknown;
  /**
   * Line and column (1-based) of a field, or of its nearest existing parent;
   * with `file` when the value came from another file (a config file's default).
   */
  locate(path: FieldPath, at?: 'key' | 'value'): { file?: string; line?: number; column?: number } | undefined;
  /**
   * A number, true/false or date read from YAML, as it was typed: `1998`
   * for 1998, `4.10` (not 4.1), `true`. Undefined for anything else.
   */
  typed(path: FieldPath): string | undefined;
}

/**
 * The ways in: a path on disk, or the content itself: YAML or JSON text (a
 * string or a Buffer), or an object already parsed (for code and tests that
 * skip the disk).
 */
export type ContentInput = { path: string; file?: string } | { content: string | Uint8Array | object; file?: string };

export interface OmittedItem {
  kind: 'section' | 'keyFacts' | 'timeline' | 'quote' | 'chart';
  index: number;
  /** What a reader would call it: the heading, box title, date or first words. */
  label: string;
  /** Field path in the content, e.g. `keyFacts[2]`. */
  path: string;
}

/** A block of content: a section, a key-facts box or a quote by its index in the content; the timeline is one block. */
export interface BlockRef {
  kind: 'section' | 'keyFacts' | 'timeline' | 'quote' | 'chart';
  index: number;
}

/** Where every block goes, in order within each column (pipeline/placement.ts). */
export interface Arrangement {
  main: BlockRef[];
  side: BlockRef[];
  /**
   * Room, in points, left between the columns and the sources of a short
   * briefing, so that the sources sit at the foot of the page, where a
   * reader looks for them, instead of floating under a short text.
   */
  footGap?: number;
  /** The side column's width, when placement chose one within the theme's range (placement.sideWidth). */
  sideWidth?: number;
}

export interface FitReport {
  scale: FitScale;
  omitted: OmittedItem[];
  /** Which column holds each block: the designed arrangement unless placement moved some. */
  arrangement: Arrangement;
  /** Trials fitting weighed (a scale, a set of omissions, an arrangement): each added up from measured blocks, or laid out whole. */
  passes: number;
  /** Full-page layouts spent, the one rendered included: one when every prediction held. */
  layouts: number;
  /** Room left: the blank a reader sees at the foot of the page (above the sources, when they are set at the foot), in points (negative: overflow, only with allowOverflow). */
  spareHeight: number;
  /** One line for people: "fits as designed", "fitted: spacing -15%, type 94%", … */
  summary: string;
}

export type Face = keyof FontFaces;

/** pdfmake's font dictionary, with parsed fonts in place of file names. */
export type FontSet = Record<string, Record<Face, fontkit.Font>>;

export interface BuildOptions {
  /** A built-in template name or a template folder (relative to `cwd`). Default: `briefing`. */
  template?: string;
  /** Paper size, 'A4' or 'Letter' (any case); default: the template's (A4 for the built-in one). */
  paper?: Paper;
  /** Write a multi-page PDF (with a warning) instead of failing when the content cannot fit. */
  allowOverflow?: boolean;
  /** Pins the PDF creation date; default: the content's `date`. */
  creationDate?: Date;
  /** Where relative template paths are resolved from. */
  cwd?: string;
  /** Treat characters that no font can show as errors, not warnings. */
  strict?: boolean;
  /** Write an archival PDF/A file: 2a or 3a (tagged, accessible), 2b or 3b. */
  pdfa?: PdfA;
  /**
   * A config file (briefing.config.yaml) whose defaults apply: organisation,
   * marking, template, logo…; the content's own fields and these options win.
   * None by default; `findConfigFile(folder)` finds the one the CLI would use.
   */
  config?: string;
  /**
   * The fit of a previous build of the same briefing (`result.fit`), tried
   * first: an edit that changes little then costs one layout pass (watch and
   * preview). The fit found may differ from a build without the hint by a
   * hair (less than 10 pt of room at the page's end); `build` never uses one.
   */
  fitHint?: FitHint;
}

/** A previous fit of the same briefing, to start from: an edit that changes little fits at about the same scale. */
export interface FitHint {
  scale: FitScale;
  omitted: OmittedItem[];
  /** The previous fit's arrangement, tried with its scale. */
  arrangement?: Arrangement;
}

/** What building gives up to fitting: the document definition and what fitting found, without the PDF. */
export interface FittedBriefing {
  file: string | undefined;
  briefing: Briefing;
  /** Pages the fitted layout takes (1 unless the content overflows and that was allowed). */
  pages: number;
  fit: FitReport;
  warnings: Warning[];
  /** The fitted pdfmake document definition, as the template produced it. */
  docDefinition: DocDefinition;
  info: PdfInfo;
}

export interface BuildResult extends FittedBriefing {
  pdf: Buffer;
}
