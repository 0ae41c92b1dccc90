/**
 * Charts read back from the PDF (issue #26): a column chart, a line chart and
 * a key-facts sparkline row in a GDP release, and a right-to-left briefing
 * with a column and a bar chart. The labels and values are text on the page
 * in the right places (pdf.js positions), each chart is a Figure whose alt
 * text is generated from its data, the structure checker finds nothing to
 * report, and the page still fits on one page.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildBriefing } from '../../src/index.js';
import { fixture } from '../helpers/content.js';
import { parsePdf, type ParsedPdf, type TextRun } from '../helpers/pdf.js';
import { checkStructure, type StructNode, type StructureReport } from '../helpers/structure.js';

interface Built {
  pdf: ParsedPdf;
  structure: StructureReport;
}

async function build(name: string): Promise<Built> {
  const { pdf: bytes } = await buildBriefing({ path: fixture(`${name}/briefing.yaml`) });
  return { pdf: await parsePdf(bytes), structure: await checkStructure(bytes) };
}

/** The run that reads exactly `text` (isolates and spaces aside). */
const run = (pdf: ParsedPdf, text: string): TextRun => {
  const clean = (s: string) => s.replace(/[\u2066-\u2069\s]/g, '');
  const found = pdf.runs.find((r) => clean(r.text) === clean(text));
  if (!found) throw new Error(`"${text}" is not a text run on the page; runs: ${pdf.runs.map((r) => r.text).join(' | ')}`);
  return found;
};

const figures = (nodes: StructureReport['trees']): StructNode[] => {
  const out: StructNode[] = [];
  const walk = (n: StructNode | { type: string }) => {
    if (!('role' in n)) return;
    if (n.role === 'Figure') out.push(n);
    n.children.forEach(walk);
  };
  nodes.forEach(walk);
  return out;
};

describe('charts in a GDP release', () => {
  let built: Built;
  beforeAll(async () => {
    built = await build('charts-gdp-release');
  }, 60_000);

  it('fits on one page and passes the structure check', () => {
    expect(built.pdf.pages).toBe(1);
    expect(built.structure.problems).toEqual([]);
  });

  it('is the same bytes built twice', async () => {
    const once = await buildBriefing({ path: fixture('charts-gdp-release/briefing.yaml') });
    const twice = await buildBriefing({ path: fixture('charts-gdp-release/briefing.yaml') });
    expect(Buffer.from(twice.pdf).equals(Buffer.from(once.pdf))).toBe(true);
  }, 60_000);

  it('writes the column chart’s categories as text, left to right in the data’s order, each value above its bar', () => {
    const quarters = ['Q4 2025', 'Q1 2026', 'Q2 2026', 'Q3 2026'].map((q) => run(built.pdf, q));
    const xs = quarters.map((r) => r.x + r.width / 2);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    // Each value sits over its own category (centres within half a band), above the labels.
    const values = ['0.2', '0.4', '0.9'].map((v) => run(built.pdf, v));
    values.forEach((v, i) => {
      const label = quarters[i + 1]!;
      expect(Math.abs(v.x + v.width / 2 - (label.x + label.width / 2))).toBeLessThan(12);
      expect(v.y).toBeGreaterThan(label.y);
    });
    // A negative value is written with a minus sign, as a typesetter would.
    expect(run(built.pdf, '\u22120.3').y).toBeGreaterThan(quarters[0]!.y);
  });

  it('labels the line chart’s value axis and its latest value', () => {
    for (const tick of ['2', '3', '4', '5', '6']) expect(built.pdf.runs.some((r) => r.text.trim() === tick)).toBe(true);
    expect(run(built.pdf, '2.8')).toBeDefined();
    expect(built.pdf.text).toContain('% on a year earlier');
    expect(built.pdf.text).toContain('Source: Veloria Statistics Office');
  });

  it('draws the key-facts sparklines with each series’ name and latest value', () => {
    for (const name of ['Inflation', 'Jobless', 'Policy rate']) expect(built.pdf.text).toContain(name);
    expect(built.pdf.text).toMatch(/4\.25%\s*Oct/);
  });

  it('tags each chart as a Figure with alt text generated from its data', () => {
    const alts = figures(built.structure.trees).map((f) => f.alt ?? '');
    expect(alts).toContain(
      'Column chart, GDP growth by quarter, % change on previous quarter: Q4 2025 −0.3, Q1 2026 0.2, Q2 2026 0.4, Q3 2026 0.9',
    );
    expect(alts.some((a) => a.startsWith('Line chart, Inflation, % on a year earlier: Oct 2025 5.1, Dec 4.6'))).toBe(true);
    expect(alts.some((a) => a.startsWith('Small line charts, The release, per cent: Inflation: Jul 3.4'))).toBe(true);
  });

  it('reads the chart once: its labels are inside the Figure, not paragraphs of their own', () => {
    const reading = built.structure.outline.filter((e) => e.role === 'P').map((e) => e.text);
    expect(reading.some((t) => t.includes('Q3 2026'))).toBe(false);
    // The source line is read on its own: the alt text does not carry it.
    expect(reading.some((t) => t.includes('Source: Veloria Statistics Office'))).toBe(true);
  });
});

describe('a chart in a right-to-left briefing', () => {
  let built: Built;
  beforeAll(async () => {
    built = await build('charts-rtl');
  }, 60_000);

  it('fits on one page and passes the structure check', () => {
    expect(built.pdf.pages).toBe(1);
    expect(built.structure.problems).toEqual([]);
  });

  it('puts the first category on the right and reads the columns right to left', () => {
    const xs = ['الربع الرابع 2025', 'الربع الأول', 'الربع الثاني', 'الربع الثالث'].map((q) => {
      const found = built.pdf.runs.filter((r) => r.text.includes(q.split(' ')[1]!) && r.text.includes('الربع'));
      expect(found.length).toBeGreaterThan(0);
      return found;
    });
    const centre = (r: TextRun) => r.x + r.width / 2;
    const first = Math.max(...xs[0]!.map(centre));
    const last = Math.min(...xs[3]!.map(centre));
    expect(first).toBeGreaterThan(last);
  });

  it('stands the line chart’s value axis on the right, its first year on the right too', () => {
    const years = ['2022', '2023', '2024', '2025', '2026'].map((y) => run(built.pdf, y));
    const xs = years.map((r) => r.x);
    expect([...xs].sort((a, b) => b - a)).toEqual(xs);
    const ticks = ['3', '4', '5', '6'].map((t) => run(built.pdf, t));
    for (const t of ticks) expect(t.x).toBeGreaterThan(years[0]!.x + years[0]!.width);
  });

  it('draws the bars growing from their labels leftwards, the values beyond them, signs in front', () => {
    const label = run(built.pdf, 'الصادرات');
    const value = run(built.pdf, '0.5');
    expect(value.x + value.width).toBeLessThan(label.x);
    expect(built.pdf.runs.some((r) => r.text.replace(/[\u2066-\u2069]/g, '').includes('\u22120.2'))).toBe(true);
  });

  it('sets the sparkline row from the right: the first series rightmost, its latest value whole', () => {
    const first = run(built.pdf, 'التضخم');
    const second = run(built.pdf, 'البطالة');
    expect(first.x).toBeGreaterThan(second.x);
    expect(built.pdf.runs.some((r) => r.text.replace(/[\u2066-\u2069]/g, '').includes('2.8%'))).toBe(true);
  });

  it('says what the chart shows in Arabic', () => {
    const alts = figures(built.structure.trees).map((f) => f.alt ?? '');
    expect(alts.some((a) => a.startsWith('مخطط أعمدة، نمو الناتج المحلي حسب الربع، بالمئة:'))).toBe(true);
    expect(alts.some((a) => a.startsWith('مخطط أشرطة، مساهمة القطاعات في النمو'))).toBe(true);
  });
});

describe('charts placed and fitted like any block', () => {
  const titles = ['Exports', 'Imports', 'Trade balance', 'Exports by destination', 'Currency against the euro'];

  it('moves charts to the main column when the side column cannot hold them all, on one page', async () => {
    const { pdf: bytes, fit } = await buildBriefing({ path: fixture('charts-crowded/briefing.yaml') });
    const pdf = await parsePdf(bytes);
    expect(pdf.pages).toBe(1);
    const charts = (column: 'main' | 'side') => fit.arrangement[column].filter((b) => b.kind === 'chart').map((b) => b.index);
    expect(charts('main').length).toBeGreaterThan(0);
    expect(charts('side').length).toBeGreaterThan(0);
    // Every chart is on the page, and its title is text in the column placement chose.
    const side = new Set(charts('side'));
    const sideX = Math.min(...pdf.runs.filter((r) => r.text.trim() === titles[charts('side')[0]!]).map((r) => r.x));
    titles.forEach((t, i) => {
      const r = pdf.runs.find((x) => x.text.trim() === t && x.size > 7.5);
      expect(r, t).toBeDefined();
      if (side.has(i)) expect(Math.abs(r!.x - sideX)).toBeLessThan(1);
      else expect(r!.x).toBeLessThan(sideX - 100);
    });
  }, 60_000);

  it('leaves out an optional chart, and says so, when the page does not fit otherwise', async () => {
    const content = parse(readFileSync(fixture('charts-crowded/briefing.yaml'), 'utf8')) as {
      sections: { heading: string; body: string }[];
    };
    const para =
      'The ministry said the figures reflected stronger demand from the euro area and a weaker crown, which makes Velorian machinery cheaper abroad. Economists expect the surplus to narrow next year as energy imports rise again. ';
    for (const heading of ['Why it matters', 'Background', 'Outlook', 'Risks', 'Markets'])
      content.sections.push({ heading, body: para.repeat(3) });
    content.sections.push({ heading: 'Politics', body: para.repeat(2) });
    const { pdf: bytes, fit } = await buildBriefing({ content });
    const pdf = await parsePdf(bytes);
    expect(pdf.pages).toBe(1);
    expect(fit.omitted).toEqual([{ kind: 'chart', index: 4, label: 'Currency against the euro', path: 'charts[4]' }]);
    expect(pdf.text).not.toContain('Currency against the euro');
    for (const t of titles.slice(0, 4)) expect(pdf.text).toContain(t);
  }, 60_000);
});

describe('Japanese category labels', () => {
  it('wrap within their own column of the chart, in order, never touching a neighbour', async () => {
    const { pdf: bytes } = await buildBriefing({ path: fixture('charts-cjk-labels/briefing.yaml') });
    const pdf = await parsePdf(bytes);
    expect(pdf.pages).toBe(1);
    const starts = ['欧州連合', 'アメリカ', '中華人民', 'その他の'].map((s) => {
      const found = pdf.runs.filter((r) => r.text.includes(s));
      expect(found, s).toHaveLength(1);
      return found[0]!;
    });
    // Wrapped: the first line holds only part of each label.
    expect(starts[0]!.text.trim()).not.toBe('欧州連合加盟国向け');
    for (let i = 1; i < starts.length; i++) expect(starts[i]!.x).toBeGreaterThan(starts[i - 1]!.x + starts[i - 1]!.width + 1);
    // The rest of each label is on the next line, under it.
    const rest = pdf.runs.find((r) => r.text.includes('地域') && r.y < starts[3]!.y);
    expect(rest).toBeDefined();
  }, 60_000);
});
