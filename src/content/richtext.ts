/**
 * Light Markdown in content fields becomes pdfmake text runs and blocks.
 * marked's lexer does the parsing; this module only maps its tokens. Raw HTML
 * is never interpreted: it is shown as the characters the author typed.
 */
import { Lexer, Tokenizer, type Token, type Tokens } from 'marked';
import { smartQuoteRuns } from '../text/typography.js';
import { joinsWithoutSpace } from '../text/cjk.js';
import { citationRuns, resetCitationKeys } from './citation-runs.js';

/** A pdfmake inline: a run of text with its emphasis and, maybe, a link. */
export interface Inline {
  text: string;
  bold?: true;
  italics?: true;
  link?: string;
  style?: string | string[];
  /** A citation (citation-runs.ts): a raised number linking to its source's entry, tagged as a Reference. */
  sup?: true;
  linkToDestination?: string;
  /** What the link's annotation says it goes to (/Contents), e.g. "Source 2: TASS". */
  linkContents?: string;
  role?: string;
  /** The language of a span in another language than the document's (BCP 47, canonical): the tagged PDF's /Lang. */
  lang?: string;
}

/** A pdfmake block node produced from a Markdown body. */
export type Block =
  { text: Inline[]; style: string } | { ul: BlockItem[]; style: string } | { ol: BlockItem[]; style: string; start?: number };
type BlockItem = { text: Inline[] } | { stack: Block[] };

export interface RichTextIssue {
  message: string;
}

/** Only these become clickable; anything else is shown as text, with a warning. */
export function isSafeLink(href: string): boolean {
  return /^(https?:\/\/|mailto:)/i.test(href.trim());
}

interface Marks {
  bold?: boolean;
  italics?: boolean;
  link?: string;
  code?: boolean;
  lang?: string;
}

/**
 * GFM strikes through text between single tildes too, which swallows the
 * tildes of ranges as Korean and Japanese write them ("4~5일 … 8~9일"). Here
 * a single tilde is always text; a pair (~~gone~~) still marks deletion.
 */
class BriefingTokenizer extends Tokenizer {
  override del(src: string, maskedSrc: string, prevChar?: string): Tokens.Del | undefined {
    if (src.startsWith('~') && !src.startsWith('~~')) return undefined;
    return super.del(src, maskedSrc, prevChar);
  }
}
/**
 * A span in another language, as pandoc writes it: `[текст]{lang=ru}` (also
 * `lang="ru"`). Its text may hold other Markdown (`[**текст**]{lang=ru}`),
 * not brackets. Anything else in braces is left as typed.
 */
interface LangSpan {
  type: 'langSpan';
  raw: string;
  lang: string;
  tokens: Token[];
}
const LANG_SPAN = /^\[((?:\\.|[^\\[\]])+)\]\{\s*lang\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'}]*))\s*\}/;
function langSpan(this: { lexer: Lexer }, src: string): LangSpan | undefined {
  const m = LANG_SPAN.exec(src);
  if (!m) return undefined;
  return { type: 'langSpan', raw: m[0], lang: m[2] ?? m[3] ?? m[4] ?? '', tokens: this.lexer.inlineTokens(m[1]!) };
}
const langSpanStart = (src: string): number | undefined => {
  const at = src.indexOf('[');
  return at < 0 ? undefined : at;
};

// A tokenizer per parse: marked points it at the lexer using it. Extensions in the form marked.use() gives them.
const lexerOptions = () => ({
  gfm: true,
  breaks: false,
  tokenizer: new BriefingTokenizer(),
  extensions: { inline: [langSpan], startInline: [langSpanStart], renderers: {}, childTokens: {} },
});

/** The canonical form of a BCP 47 language tag, or undefined if it is not one. */
export function languageTag(tag: string): string | undefined {
  // A language of ISO 639 (two or three letters) first: "russian" is well-formed BCP 47 but no language.
  if (!/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/.test(tag)) return undefined;
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}

/**
 * Inline Markdown (one paragraph's worth) to runs; block structure, if any, is flattened with spaces.
 * `language` (a BCP 47 tag) sets the typographic quotation marks that straight quotes become.
 */
export function markdownInlines(source: string, issues?: RichTextIssue[], language?: string): Inline[] {
  resetCitationKeys();
  const tokens = Lexer.lexInline(source, lexerOptions());
  return quotes(mergeRuns(inlineRuns(tokens, {}, issues)), language);
}

/** A Markdown body (paragraphs, bullet and numbered lists) to pdfmake blocks. */
export function markdownBlocks(source: string, issues?: RichTextIssue[], language?: string): Block[] {
  resetCitationKeys();
  return blockNodes(Lexer.lex(source, lexerOptions()), issues, language);
}

/** Straight quotes made typographic, except in code, which shows what was typed. */
function quotes(runs: Inline[], language: string | undefined): Inline[] {
  const isCode = (r: Inline) => r.style === 'code' || (Array.isArray(r.style) && r.style.includes('code'));
  return smartQuoteRuns(runs, language, isCode);
}

/** The plain text a reader sees, for metadata, e-mail bodies and tests. */
export function markdownPlain(source: string): string {
  return markdownInlines(source)
    .map((r) => r.text)
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

function blockNodes(tokens: Token[], issues?: RichTextIssue[], language?: string): Block[] {
  const out: Block[] = [];
  for (const token of tokens) {
    switch (token.type) {
      case 'space':
      case 'hr':
        break;
      case 'paragraph':
      case 'heading':
      case 'text': {
        const t = token as Tokens.Paragraph | Tokens.Heading | Tokens.Text;
        const runs = quotes(
          mergeRuns(inlineRuns(t.tokens ?? [{ type: 'text', raw: t.text, text: t.text } as Token], {}, issues)),
          language,
        );
        out.push({ text: runs, style: token.type === 'heading' ? 'subheading' : 'paragraph' });
        break;
      }
      case 'blockquote': {
        const inner = blockNodes((token as Tokens.Blockquote).tokens, issues, language);
        for (const b of inner) if ('text' in b) out.push({ text: b.text, style: 'blockquote' });
        break;
      }
      case 'list': {
        const list = token as Tokens.List;
        const items: BlockItem[] = list.items.map((item) => {
          const inner = blockNodes(item.tokens, issues, language);
          if (inner.length === 1 && 'text' in inner[0]!) return { text: inner[0].text };
          return { stack: inner };
        });
        if (list.ordered) {
          const start = typeof list.start === 'number' ? list.start : undefined;
          out.push(start !== undefined && start !== 1 ? { ol: items, style: 'list', start } : { ol: items, style: 'list' });
        } else {
          out.push({ ul: items, style: 'list' });
        }
        break;
      }
      default:
        // Code blocks, tables and raw HTML blocks: shown as the author typed them.
        out.push({ text: [{ text: token.raw.replace(/\n+$/, '') }], style: 'paragraph' });
    }
  }
  return out;
}

function inlineRuns(tokens: Token[], marks: Marks, issues?: RichTextIssue[]): Inline[] {
  const out: Inline[] = [];
  for (const token of tokens) {
    switch (token.type) {
      case 'strong':
        out.push(...inlineRuns((token as Tokens.Strong).tokens, { ...marks, bold: true }, issues));
        break;
      case 'em':
        out.push(...inlineRuns((token as Tokens.Em).tokens, { ...marks, italics: true }, issues));
        break;
      case 'del':
        out.push(...inlineRuns((token as Tokens.Del).tokens, marks, issues));
        break;
      case 'link': {
        const link = token as Tokens.Link;
        if (isSafeLink(link.href)) {
          out.push(...inlineRuns(link.tokens, { ...marks, link: link.href.trim() }, issues));
        } else {
          issues?.push({ message: `link "${link.href}" is not http(s) or mailto, so it is shown as text and not made clickable` });
          out.push(run(link.raw, marks));
        }
        break;
      }
      case 'codespan':
        out.push(...citationRuns((token as Tokens.Codespan).text, { ...marks, code: true }, run));
        break;
      case 'langSpan': {
        const span = token as unknown as LangSpan;
        const lang = languageTag(span.lang);
        if (!lang)
          issues?.push({
            message: `"${span.lang}" in ${span.raw.length > 40 ? `${span.raw.slice(0, 37)}…` : span.raw} is not a language tag (BCP 47); write one such as {lang=ru}, {lang=zh-Hant} or {lang=pt-BR}. The text is kept, without a language`,
          });
        out.push(...inlineRuns(span.tokens, lang ? { ...marks, lang } : marks, issues));
        break;
      }
      case 'br':
        out.push(run('\n', marks));
        break;
      case 'text': {
        const t = token as Tokens.Text;
        // A text token may carry nested tokens (inside list items); otherwise its text is literal.
        if (t.tokens && t.tokens.length > 0) out.push(...inlineRuns(t.tokens, marks, issues));
        else out.push(...citationRuns(softBreaks(t.text), marks, run));
        break;
      }
      case 'escape':
        out.push(run((token as Tokens.Escape).text, marks));
        break;
      case 'image':
        // No images in a one-page brief: keep the alt text and the address, visibly.
        out.push(run(token.raw, marks));
        break;
      default:
        // Raw HTML and anything unrecognised: the characters as typed, never markup.
        out.push(run(softBreaks(token.raw), marks));
    }
  }
  return out;
}

/**
 * A single newline inside a paragraph is a space in Markdown, except between
 * two Chinese or Japanese characters, which are written without spaces (the
 * rule of CSS Text 3 for segment breaks).
 */
function softBreaks(text: string): string {
  return text.replace(/[ \t]*\n[ \t]*/g, (m, at: number) => (joinsWithoutSpace(text, at, at + m.length) ? '' : ' '));
}

function run(text: string, marks: Marks): Inline {
  const r: Inline = { text };
  if (marks.lang) r.lang = marks.lang;
  if (marks.bold) r.bold = true;
  if (marks.italics) r.italics = true;
  if (marks.link) {
    r.link = marks.link;
    r.style = marks.code ? ['link', 'code'] : 'link';
  } else if (marks.code) {
    r.style = 'code';
  }
  return r;
}

/** Neighbouring runs with the same marks become one, so the PDF carries fewer text objects. */
function mergeRuns(runs: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const r of runs) {
    if (r.text === '') continue;
    const prev = out[out.length - 1];
    if (
      prev &&
      prev.bold === r.bold &&
      prev.italics === r.italics &&
      prev.link === r.link &&
      prev.sup === r.sup &&
      prev.linkToDestination === r.linkToDestination &&
      prev.role === r.role &&
      prev.lang === r.lang &&
      JSON.stringify(prev.style) === JSON.stringify(r.style)
    ) {
      prev.text += r.text;
    } else {
      out.push({ ...r });
    }
  }
  return out;
}
