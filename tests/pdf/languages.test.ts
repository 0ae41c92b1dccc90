/**
 * A briefing per script family, read back from the PDF as a reader's viewer
 * would (pdf.js): one page, every character in a font, key phrases in logical
 * order (mixed-direction ones too), the template's words in the briefing's
 * language, and the page mirrored for right-to-left languages.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBriefing, type BuildResult } from '../../src/index.js';
import { fixture } from '../helpers/content.js';
import { parsePdf, squash, type ParsedPdf } from '../helpers/pdf.js';

interface Case {
  /** Phrases that must come out of the PDF as typed (whitespace ignored). */
  phrases: string[];
  /** The template's own words, as printed (upper-cased where the script has case). */
  labels: string[];
  rtl?: boolean;
}

const CASES: Record<string, Case> = {
  ar: {
    phrases: ['منظومة S-400', 'في موسكو في 18 فبراير 2025', 'في موانئ البلدين', 'قدّمت الحكومة الروسية', '«ريلوس»', '(RELOS)', '(١٢'],
    labels: ['الخلاصة', 'التسلسل الزمني', 'المصادر', 'المرجع: DSB-2025-048', 'حتى تاريخ'],
    rtl: true,
  },
  fa: {
    phrases: ['S-400 است', '۴ و ۵ دسامبر', '۲۰۲۵، مسکو', '(RELOS) را', 'می‌کند'],
    labels: ['جمع‌بندی', 'گاه‌شمار', 'منابع', 'شماره: DSB-2025-049'],
    rtl: true,
  },
  he: {
    phrases: ['מערכת S-400', 'ב־18 בפברואר 2025', '(RELOS)', 'הסכם RELOS לאשרור'],
    labels: ['השורה התחתונה', 'ציר זמן', 'מקורות', 'סימוכין: DSB-2025-050'],
    rtl: true,
  },
  hi: {
    phrases: ['अनुसमर्थन', 'पुतिन की यात्रा', 'नई दिल्ली', 'पारस्परिक रसद सहायता', '18 फ़रवरी 2025'],
    labels: ['सार', 'घटनाक्रम', 'स्रोत', 'संदर्भ: DSB-2025-051'],
  },
  th: {
    phrases: ['สภาดูมาเตรียมให้สัตยาบัน', 'กรอบการสนับสนุนด้านโลจิสติกส์แบบต่างตอบแทน', 'รายงานของสำนักข่าวทาส', '18 กุมภาพันธ์ 2025'],
    labels: ['สาระสำคัญ', 'ลำดับเหตุการณ์', 'แหล่งที่มา', 'เลขที่ DSB-2025-052'],
  },
  uk: {
    phrases: ['Держдума Росії ратифікує', 'взаємну рамку логістичної підтримки', 'п’ять років'],
    labels: ['ГОЛОВНЕ', 'ХРОНОЛОГІЯ', 'ДЖЕРЕЛА', '№ DSB-2025-053', 'Станом на'],
  },
  'zh-Hans': {
    phrases: ['俄罗斯国家杜马将在普京访印前批准俄印后勤保障协定', '《相互后勤保障协定》（RELOS）', 'S-400防空系统', '杜马表决'],
    labels: ['要点', '时间线', '资料来源', '编号：DSB-2025-054', '截至2025年12月1日'],
  },
  'zh-Hant': {
    phrases: ['俄羅斯國家杜馬將在普丁訪印前批准俄印後勤支援協定', '互惠後勤支援架構'],
    labels: ['重點', '時間線', '資料來源', '編號：DSB-2025-055'],
  },
  ja: {
    phrases: ['ロシア下院、プーチン大統領の訪印前にインドとの後方支援協定を批准へ', '後方支援協定「RELOS」', '下院の採決'],
    labels: ['要点', '時系列', '出典', '整理番号：DSB-2025-056'],
  },
  ko: {
    phrases: ['러시아 하원, 푸틴 방인 앞두고', '상호군수지원협정(RELOS)', 'S-400 방공체계', '두마 표결'],
    labels: ['핵심', '주요 경과', '출처', '문서번호: DSB-2025-057'],
  },
};

/**
 * What a reader's copy keeps: pdf.js drops invisible format characters, such
 * as the zero-width non-joiner of Persian "می‌کند", when it copies text out.
 */
const copied = (s: string) => squash(s).replace(/\p{Cf}/gu, '');

const built = new Map<string, { result: BuildResult; pdf: ParsedPdf }>();

beforeAll(async () => {
  for (const tag of Object.keys(CASES)) {
    const result = await buildBriefing({ path: fixture(`languages/${tag}.yaml`) });
    built.set(tag, { result, pdf: await parsePdf(result.pdf) });
  }
}, 600_000);

describe.each(Object.entries(CASES))('a briefing in %s', (tag, c) => {
  it('fits one page, with every character in a font', () => {
    const { result, pdf } = built.get(tag)!;
    expect(result.warnings).toEqual([]);
    expect(pdf.pages).toBe(1);
    expect(result.fit.omitted).toEqual([]);
  });

  it('copies out its key phrases in logical order, mixed-direction ones too', () => {
    const text = squash(built.get(tag)!.pdf.text);
    for (const phrase of c.phrases) expect(text).toContain(copied(phrase));
  });

  it('prints the template’s words in its language', () => {
    const text = squash(built.get(tag)!.pdf.text);
    for (const label of c.labels) expect(text).toContain(copied(label));
    for (const english of ['BOTTOMLINE', 'TIMELINE', 'SOURCES', 'Asof', 'Ref.']) expect(text).not.toContain(english);
  });

  if (c.rtl)
    it('is mirrored: text flush right, the side column on the left', () => {
      const { pdf } = built.get(tag)!;
      const right = pdf.sizes[0]!.width - 40;
      // pdf.js gives each right-to-left word a run of its own: find the labels by their first word.
      const runsOf = (s: string) => pdf.runs.filter((r) => copied(r.text).includes(copied(s.split(' ')[0]!)));
      const [bottomLine] = runsOf(c.labels[0]!);
      const [timeline] = runsOf(c.labels[1]!);
      // The bottom line's label ends at the panel's right padding; the timeline (side column) sits on the left half.
      expect(bottomLine!.x + bottomLine!.width).toBeGreaterThan(right - 20);
      expect(timeline!.x + timeline!.width).toBeLessThan(pdf.sizes[0]!.width / 2);
      // Every line of the main column ends at the right margin or close to it; none starts at the left margin.
      const headline = pdf.runs.filter((r) => r.y > 650 && r.y < 760 && r.font.includes('SemiBold'));
      expect(Math.max(...headline.map((r) => r.x + r.width))).toBeGreaterThan(right - 2);
    });
});

describe('fonts by language', () => {
  it('draws Han in the face of the language, and bold Han in the bold face', () => {
    const fontOf = (tag: string, s: string) => [
      ...new Set(
        built
          .get(tag)!
          .pdf.runs.filter((r) => r.text.includes(s))
          .map((r) => r.font.replace(/^[A-Z]{6}\+/, '')),
      ),
    ];
    expect(fontOf('zh-Hans', '事件经过')).toEqual(['NotoSansSC-SemiBold']);
    expect(fontOf('zh-Hans', '俄罗斯政府已将')).toEqual(['NotoSansSC-Regular']);
    expect(fontOf('zh-Hans', '杜马表决')).toEqual(['NotoSansSC-SemiBold']);
    expect(fontOf('zh-Hant', '俄羅斯政府已將')).toEqual(['NotoSansTC-Regular']);
    expect(fontOf('ja', 'ロシア政府は')).toEqual(['NotoSansJP-Regular']);
    expect(fontOf('ko', '표결')).toEqual(['NotoSansKR-SemiBold']);
    expect(fontOf('ar', 'الخلاصة')).toEqual(['NotoSansArabic-SemiBold']);
    expect(fontOf('he', 'מקורות')).toEqual(['NotoSansHebrew-SemiBold']);
  });

  it('keeps a CJK briefing small', () => {
    for (const tag of ['zh-Hans', 'zh-Hant', 'ja', 'ko']) expect(built.get(tag)!.result.pdf.length).toBeLessThan(200_000);
  });
});
