/**
 * The text layer is the text as typed, in every script (issue #24, item 2):
 * what poppler (pdftotext; Linux viewers and indexers) and pdf.js (Firefox's
 * viewer) take out of the PDF has the content's words in logical order, with
 * the spaces between them, and no invisible character the content does not
 * have (no word joiner U+2060, zero-width space U+200B or bidi isolate that
 * layout put in).
 *
 * Both readers read a line as drawn and apply the bidi algorithm themselves,
 * so right-to-left lines are drawn in visual order (pdf/bidi-lines.ts), in
 * one face where the face has every character (pdf/fallback.ts), and glyphs
 * that stand for no character are drawn as shapes (pdf/unspoken-glyphs.ts).
 *
 * Texts are compared in Unicode's canonical form (NFC: pdf.js gives "फ़" as
 * one precomposed character where the content has two), with whitespace
 * runs as one space. pdf.js drops invisible format characters when it
 * copies, the content's own too (Persian's zero-width non-joiner): joiners
 * are left out of both sides.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBriefing } from '../../src/index.js';
import { withTuning } from '../../src/pdf/tuning/registry.js';
import { EXAMPLE, fixture } from '../helpers/content.js';
import { parsePdf } from '../helpers/pdf.js';
import { popplerGray, popplerText } from '../helpers/poppler.js';

interface Case {
  file: string;
  allowOverflow?: boolean;
  /** Phrases of the content, found as typed in both readers' text. */
  phrases: string[];
  /**
   * Phrases mixing right-to-left and left-to-right text: found as typed in
   * pdf.js's text, and their words in order in poppler's. poppler 22
   * reorders a right-to-left line by its own simple rule (TextOutputDev's
   * reorderText, over the whole line as drawn, right to left): a run of
   * characters that are not right-to-left letters, not letters and not
   * numbers goes to whichever run it meets first, and it counts ". , : - /
   * + # $ %" and the Arabic comma "،" as numbers (UnicodeTypeTable). So the
   * spaces and punctuation beside a left-to-right run (a Latin word, a
   * number, or that punctuation itself) move to its other side, whatever
   * the PDF draws, even with no Latin near: "הסכם RELOS לאשרור" reads
   * "הסכם  RELOSלאשרור", "منظومة S-400." reads "منظومة .S-400",
   * "وطائراتهما، فيما" reads "وطائراتهما ،فيما". No gap, drawing order or
   * /ActualText (poppler spreads it over the glyphs' box, left to right)
   * changes which run a "." or "،" joins, short of taking away the space
   * after it; pdf.js gives these phrases as typed.
   */
  mixed?: string[];
}

const CASES: Record<string, Case> = {
  'Latin (the example)': {
    file: EXAMPLE,
    phrases: ['Russia moves to ratify', 'President Vladimir Putin arrives', 'reciprocal logistics framework'],
  },
  'Cyrillic, Greek, Vietnamese, Devanagari and Thai names in one page': {
    file: fixture('scripts/briefing.yaml'),
    phrases: [
      'Владимир Путин',
      'Κυριάκος Μητσοτάκης',
      'Nguyễn Phú Trọng sent',
      'नरेंद्र मोदी',
      'Łódź, Gdańsk, Kraków',
      'กรุงเทพมหานคร (Bangkok)',
    ],
  },
  Ukrainian: {
    file: fixture('languages/uk.yaml'),
    phrases: ['Держдума Росії ратифікує', 'взаємну рамку логістичної підтримки', 'п’ять років'],
  },
  Hindi: {
    file: fixture('languages/hi.yaml'),
    phrases: [
      'पुतिन की यात्रा',
      'नई दिल्ली',
      'पारस्परिक रसद सहायता',
      'भारत के साथ रसद समझौते',
      // Words with a conjunct or a vowel sign placed apart: pdf.js put a space in them ("डेस् क", "कु छ") until
      // the glyphs placed apart were moved to relatively (pdf/unspoken-glyphs.ts, relativeMove).
      'ओपन सोर्स रक्षा डेस्क',
      'पहुँचने से पहले',
      'ईंधन, पानी और रसद',
      'अब कुछ',
    ],
  },
  Thai: {
    file: fixture('languages/th.yaml'),
    phrases: ['ปูติน จะเดินทางถึงอินเดีย', 'การลงมติของสภาดูมา', '18 กุมภาพันธ์ 2025'],
  },
  'Chinese (simplified)': {
    file: fixture('languages/zh-Hans.yaml'),
    phrases: ['俄罗斯国家杜马将在普京访印前批准俄印后勤保障协定', '《相互后勤保障协定》（RELOS）', 'S-400防空系统'],
  },
  'Chinese (traditional)': {
    file: fixture('languages/zh-Hant.yaml'),
    phrases: ['俄羅斯國家杜馬將在普丁訪印前批准俄印後勤支援協定', '互惠後勤支援架構'],
  },
  Japanese: { file: fixture('languages/ja.yaml'), phrases: ['後方支援協定「RELOS」', '下院の採決'] },
  Korean: {
    file: fixture('languages/ko.yaml'),
    phrases: ['러시아 하원, 푸틴 방인 앞두고', '상호군수지원협정(RELOS)', 'S-400 방공체계', '두마 표결'],
  },
  Arabic: {
    file: fixture('languages/ar.yaml'),
    phrases: ['قدّمت الحكومة الروسية', 'في موانئ البلدين', 'اتفاقية «ريلوس» إلى', 'مجلس الدوما يستعد للمصادقة'],
    mixed: ['منظومة S-400', 'في موسكو في 18 فبراير 2025', 'القمة يومي 4 و5 ديسمبر', 'ومنها منظومة S-400.', 'وطائراتهما، فيما'],
  },
  Persian: {
    file: fixture('languages/fa.yaml'),
    phrases: ['دولت روسیه توافق', 'تصویب می‌کند', 'پیش از ورود ولادیمیر پوتین'],
    mixed: ['S-400 است', '(RELOS) را', 'S-400 است.', 'هند، این'],
  },
  Hebrew: {
    file: fixture('languages/he.yaml'),
    phrases: ['הודו עדיין ממתינה', 'ממשלת רוסיה הגישה לדומה'],
    mixed: ['הסכם RELOS לאשרור', 'מערכת S-400', 'ב־18 בפברואר 2025', 'מערכת S-400.', 'הממלכתית, ימים'],
  },
  'Urdu in Nastaliq (two pages)': {
    file: fixture('rtl-two-pages/ur.yaml'),
    allowOverflow: true,
    phrases: ['روسی حکومت نے', 'دونوں ملکوں کے جہازوں', 'نظام کی باقی کھیپ', 'دوما کی ووٹنگ'],
    mixed: ['معاہدہ (RELOS) دوما'],
  },
};

/** What a reader's search compares: canonical form, one space for any whitespace, no joiners (pdf.js drops them). */
const normal = (s: string) =>
  s
    .normalize('NFC')
    .replace(/[\u200c\u200d]/g, '')
    .replace(/\s+/g, ' ');
/** The letters, marks and digits of `s`, in order: its words without what separates them. */
const wordsOnly = (s: string) => normal(s).replace(/[^\p{L}\p{M}\p{N}]/gu, '');

/** Invisible format characters (Unicode's Cf: joiners, isolates, zero-width spaces, soft hyphens) in `s`. */
const invisibles = (s: string) => new Set(s.match(/\p{Cf}/gu) ?? []);
const named = (chars: Iterable<string>) => [...chars].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);

const read = new Map<string, { poppler: string; pdfjs: string; content: string }>();

beforeAll(async () => {
  for (const [name, c] of Object.entries(CASES)) {
    const { pdf } = await buildBriefing({ path: c.file }, { allowOverflow: c.allowOverflow });
    read.set(name, { poppler: popplerText(pdf), pdfjs: (await parsePdf(pdf)).text, content: readFileSync(c.file, 'utf8') });
  }
}, 600_000);

describe.each(Object.keys(CASES))('the text layer of a briefing in %s', (name) => {
  const c = CASES[name]!;

  it('gives the content’s phrases with their spaces, in poppler and in pdf.js', () => {
    const { poppler, pdfjs } = read.get(name)!;
    for (const phrase of c.phrases) {
      expect(normal(poppler), `poppler: ${phrase}`).toContain(normal(phrase));
      expect(normal(pdfjs), `pdf.js: ${phrase}`).toContain(normal(phrase));
    }
  });

  if (c.mixed)
    it('gives lines mixing right-to-left and left-to-right text in logical order', () => {
      const { poppler, pdfjs } = read.get(name)!;
      for (const phrase of c.mixed!) {
        expect(normal(pdfjs), `pdf.js: ${phrase}`).toContain(normal(phrase));
        expect(wordsOnly(poppler), `poppler: ${phrase}`).toContain(wordsOnly(phrase));
      }
    });

  // The bar's letters are spaced apart: at more than 0.1 em, pdf.js read a space between each two ("T L P : C L E A R").
  it('gives the handling marking as typed, letters together, in poppler and in pdf.js', () => {
    const { poppler, pdfjs, content } = read.get(name)!;
    const marking = /^marking:\s*(\S.*?)\s*$/m.exec(content)?.[1] ?? 'TLP:CLEAR';
    expect(poppler).toContain(marking);
    expect(pdfjs).toContain(marking);
  });

  it('holds no invisible character the content does not have', () => {
    const { poppler, pdfjs, content } = read.get(name)!;
    const typed = invisibles(content);
    const added = (text: string) => named([...invisibles(text)].filter((ch) => !typed.has(ch)));
    expect(added(poppler)).toEqual([]);
    expect(added(pdfjs)).toEqual([]);
  });
});

/**
 * A list item "**Label:** text" in a right-to-left line: the bold label is
 * drawn in another face, and pdf.js gives each face's run as an item of its
 * own, in the order drawn; drawn left to right (visual order), its label
 * came after its text. A right-to-left line's runs are drawn from the right
 * (pdf/bidi-lines.ts, drawingOrder). pdf.js puts no space where it moves
 * back to the left for the next run, so the space between label and text
 * is not asserted here: the words in order, adjacent.
 */
describe('list items with a bold label, in right-to-left lines', () => {
  const LABELLED: Record<string, [label: string, text: string][]> = {
    Arabic: [
      ['تصويت الدوما:', 'هل تكتمل المصادقة'],
      ['القمة يومي 4 و5 ديسمبر:', 'صفقات الطاقة والدفاع'],
    ],
    Persian: [
      ['رأی دوما:', 'آیا تصویب پیش از سفر'],
      ['نشست سران، ۴ و ۵ دسامبر:', 'قراردادهای انرژی و دفاعی'],
    ],
    Hebrew: [['ההצבעה בדומה:', 'האם האשרור יושלם לפני הביקור']],
    'Urdu in Nastaliq (two pages)': [['دوما کی ووٹنگ:', 'کیا توثیق دورے سے پہلے مکمل']],
  };
  it.each(Object.keys(LABELLED))('read label first, then its text, in poppler and in pdf.js (%s)', (name) => {
    const { poppler, pdfjs } = read.get(name)!;
    for (const [label, text] of LABELLED[name]!) {
      expect(wordsOnly(pdfjs), `pdf.js: ${label} ${text}`).toContain(wordsOnly(`${label} ${text}`));
      expect(wordsOnly(poppler), `poppler: ${label} ${text}`).toContain(wordsOnly(`${label} ${text}`));
    }
  });
});

/**
 * A hyphen added where a word is broken at a line's end is not part of the
 * text, and the word reads whole (pdf/broken-words.ts): the part before the
 * break is drawn as text, its hyphen as a shape with the rest of the word
 * written invisibly in its place, and the rest, on the next line, as
 * shapes. pdf.js reads no /ActualText, and its search joins a word only
 * across "-" and a line end, so the hyphen drawn as text (or mapped to a
 * soft hyphen) copied "Manufactur-" or "Manufactur\u00ad" and "ing".
 */
describe('words hyphenated at line ends (tests/fixtures/long-labels, long-words)', () => {
  const words = ['Manufacturing', 'Infrastructure', 'Unemployment', 'Headquarters'];
  let labels: { pdf: Uint8Array; poppler: string; raw: string; pdfjs: string };
  beforeAll(async () => {
    const { pdf } = await buildBriefing({ path: fixture('long-labels/briefing.yaml') });
    labels = { pdf, poppler: popplerText(pdf), raw: popplerText(pdf, { raw: true }), pdfjs: (await parsePdf(pdf)).text };
  });

  it('look as they do drawn as text, hyphen and all', async () => {
    const { pdf: asText } = await withTuning({ off: ['broken-words'] }, () =>
      buildBriefing({ path: fixture('long-labels/briefing.yaml') }),
    );
    // Drawn as text, each piece is a run of its own, the first with its hyphen.
    const runs = (await parsePdf(asText)).runs.map((r) => r.text.trim());
    for (const word of words)
      expect(
        runs.some((r) => r.endsWith('-') && word.startsWith(r.slice(0, -1))),
        word,
      ).toBe(true);
    // The same page: glyphs drawn as shapes render as their text does, give or take antialiasing (up to 23 here;
    // outlines drawn 43% too large differ by 100 in some 4 × 4 block, a hyphen left out by 46).
    expect(largestBlockDifference(popplerGray(labels.pdf, 150), popplerGray(asText, 150), 4)).toBeLessThan(40);
  });

  it('read whole, without the hyphen, in poppler’s reading order and in its raw order', () => {
    for (const text of [labels.poppler, labels.raw]) {
      for (const word of words) expect(text.split(/\s+/)).toContain(word);
      expect(text).not.toMatch(/\p{L}-\s/u);
    }
    // Nothing of a word is read twice: its rest, on the next line, reads as nothing.
    expect(labels.raw).not.toMatch(/^(?:ing|ture|ment|ters)$/m);
  });

  it('read whole, without the hyphen, in pdf.js: copied and searched as the word', () => {
    for (const word of words) expect(labels.pdfjs.split(/\s+/), word).toContain(word);
    expect(labels.pdfjs).not.toMatch(/\p{L}[-\u00ad\u2010]\s/u);
    expect(labels.pdfjs).not.toMatch(/^(?:ing|ture|ment|ters)$/m);
  });

  it('read whole when broken over several lines, in the order they are drawn', async () => {
    const { pdf } = await buildBriefing({ path: fixture('long-words/briefing.yaml') });
    const raw = popplerText(pdf, { raw: true });
    const pdfjs = (await parsePdf(pdf)).text;
    for (const text of [raw, pdfjs]) {
      expect(text).toContain('Pneumonoultramicroscopicsilicovolcanoconiosis'.repeat(3));
      expect(text).toContain('x'.repeat(2000));
      expect(text).not.toMatch(/[xy]-\n/);
    }
    expect(raw).toContain(`Verify\n${'y'.repeat(100)}`);
  });
});

/** The largest difference between the mean grey of two renderings' blocks of `size` × `size` pixels. */
function largestBlockDifference(
  a: { width: number; height: number; pixels: Uint8Array },
  b: { width: number; height: number; pixels: Uint8Array },
  size: number,
): number {
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  let largest = 0;
  for (let by = 0; by + size <= a.height; by += size)
    for (let bx = 0; bx + size <= a.width; bx += size) {
      let sum = 0;
      for (let y = by; y < by + size; y++)
        for (let x = bx; x < bx + size; x++) sum += a.pixels[y * a.width + x]! - b.pixels[y * a.width + x]!;
      largest = Math.max(largest, Math.abs(sum) / (size * size));
    }
  return largest;
}
