import { type BulletinSectionsT, type BulletinT, DEFAULT_DOCUMENT_SETTINGS } from '@zaitun/contracts';
import { describe, expect, it } from 'vitest';
import type { BodyBlock, ChartBlock, TableBlock } from '../../lib/documents/model';
import { rate } from '../metrics/metrics.domain';
import { bulletinDocument, bulletinFileName, onTimeChart, overdueWords } from './bulletins.document';
import { commendedUnits, defaultBulletinText, sortUnitRows, type UnitFigures } from './bulletins.domain';

const unit = (name: string, onTime: [number, number], tooFew = false): UnitFigures => ({
  unitId: name,
  nameZh: name,
  nameEn: name,
  received: onTime[1],
  resolved: onTime[1],
  urged: 0,
  redone: 0,
  resolvedOnTime: rate(...onTime),
  satisfaction: rate(0, 0),
  overdueNow: 0,
  sample: onTime[1],
  tooFew,
});

const units = sortUnitRows([
  unit('甲县', [3, 3]),
  unit('乙县', [2, 3]),
  unit('丙县', [1, 3]),
  unit('丁县', [0, 3]),
  unit('戊县', [3, 4]),
  unit('己县', [1, 4]),
  unit('庚县', [2, 4]),
  unit('少县', [1, 1], true),
]);
const sections: BulletinSectionsT = {
  headline: { opened: 30, resolved: 25, resolvedOnTime: rate(12, 25), satisfaction: rate(0, 0) },
  units,
  overdue: [
    {
      itemId: 'i1',
      number: '2026-0012',
      title: '超期事项',
      leadUnitId: '丁县',
      leadUnitNameZh: '丁县',
      leadUnitNameEn: '丁县',
      deadline: '2026-03-18T10:00:00.000Z',
      daysOverdue: 4,
      at: null,
    },
  ],
  redCards: [],
  commended: commendedUnits(units, 3),
  commendationMinResolved: 3,
};
const bulletin: BulletinT = {
  id: 'b',
  number: '泉内外贸通〔2026〕5号',
  year: 2026,
  seq: 5,
  periodKind: 'week',
  from: '2026-03-16',
  to: '2026-03-22',
  title: '关于2026年第12周内外贸发展工作推进情况的通报',
  state: 'published',
  version: 3,
  computedAt: '2026-03-23T02:00:00.000Z',
  createdBy: 'u',
  createdAt: '2026-03-23T02:00:00.000Z',
  updatedBy: 'u',
  updatedAt: '2026-03-23T02:00:00.000Z',
  publishedBy: 'u',
  publishedAt: '2026-03-23T03:00:00.000Z',
  withdrawnAt: null,
  withdrawReason: null,
};

const headings = (body: BodyBlock[]) => body.flatMap((b) => (b.kind === 'heading' ? [b.text] : []));
const tables = (body: BodyBlock[]) => body.filter((b): b is TableBlock => b.kind === 'table');
const charts = (body: BodyBlock[]) => body.filter((b): b is ChartBlock => b.kind === 'chart');
/** The category labels of a horizontal bar chart, top to bottom (the y axis' labels are the end-anchored texts). */
const barNames = (svg: string) => [...svg.matchAll(/text-anchor="end"[^>]*>([^<]*)</g)].map((m) => m[1]);
const sectionsWith = (rows: UnitFigures[]): BulletinSectionsT => {
  const sorted = sortUnitRows(rows);
  return { ...sections, units: sorted, commended: commendedUnits(sorted, 3) };
};

describe('bulletinDocument', () => {
  const text = defaultBulletinText(sections, '2026年第12周');
  const doc = bulletinDocument({
    bulletin,
    sections,
    text,
    settings: DEFAULT_DOCUMENT_SETTINGS,
    today: new Date('2026-03-30T00:00:00Z'),
  });

  it('prints the number, the title, the addressees and the sections in order', () => {
    expect(doc.header).toEqual({ issuer: DEFAULT_DOCUMENT_SETTINGS.redHeader, number: '泉内外贸通〔2026〕5号' });
    expect(doc.title).toBe(bulletin.title);
    expect(doc.addressees).toEqual([DEFAULT_DOCUMENT_SETTINGS.addressees]);
    expect(headings(doc.body)).toEqual([
      '总体情况',
      '各单位办理情况',
      '超期未办结事项',
      '红牌督办事项',
      '通报表扬',
      '通报批评',
      '下步工作要求',
    ]);
    expect(doc.body[0]).toEqual({ kind: 'paragraph', text: text.opening });
    expect(doc.signature?.date).toBe(bulletin.publishedAt);
  });

  it('highlights the best and worst three rows of the unit table; an empty list is a sentence', () => {
    const [table, overdue] = tables(doc.body);
    expect(table?.rows.map((r) => r[1])).toEqual(['甲县', '戊县', '乙县', '庚县', '丙县', '己县', '丁县', '少县']);
    expect(table?.highlightRows).toEqual([0, 1, 2, 4, 5, 6]);
    expect(table?.rows[0]).toEqual(['1', '甲县', '3', '3', '100%', '0', '0', '—']);
    expect(overdue?.rows).toEqual([['1', '2026-0012', '超期事项', '丁县', '2026年3月18日（超4天）']]);
    expect(tables(doc.body)).toHaveLength(2);
    expect(doc.body.some((b) => b.kind === 'paragraph' && b.text === '本期没有红牌督办的事项。')).toBe(true);
  });

  it('charts the on-time rates after the unit table, in its order, without the unit with too few items', () => {
    const index = doc.body.findIndex((b) => b.kind === 'chart');
    const chart = doc.body[index] as ChartBlock;
    expect(doc.body.indexOf(tables(doc.body)[0] as TableBlock)).toBeLessThan(index);
    expect(doc.body.findIndex((b) => b.kind === 'heading' && b.text === '超期未办结事项')).toBeGreaterThan(index);
    expect(charts(doc.body)).toHaveLength(1);
    expect(chart.caption).toBe('各单位按时办结率');
    expect(chart.width).toBe(588);
    expect(chart.svg).toContain(`height="${chart.height}"`);
    expect(barNames(chart.svg)).toEqual(['甲县', '戊县', '乙县', '庚县', '丙县', '己县', '丁县']);
    for (const label of ['>100%<', '>75%<', '>66.7%<', '>25%<', '>0%<', '>全市 48%<'])
      expect(chart.svg).toContain(label);
    // the best and worst three in the table's highlight colour
    expect(chart.svg.match(/fill="#FDE9E7"/g)).toHaveLength(6);
    expect(doc.body[index + 1]).toEqual({
      kind: 'paragraph',
      text: '注：突出显示的为排名前三位和后三位的单位。虚线为全市按时办结率（48%）。办结事项少于3项的1个单位不参与排名，未列入图中。',
      indent: false,
    });
  });

  it('with many units, charts the best and worst fifteen and says so; the chart grows with the count', () => {
    const many = sectionsWith(
      Array.from({ length: 40 }, (_, i) => unit(`单位${String(i + 1).padStart(2, '0')}`, [40 - i, 40])),
    );
    const blocks = onTimeChart(many);
    const chart = blocks[0] as ChartBlock;
    expect(chart.caption).toBe('各单位按时办结率（前15位和后15位）');
    const names = barNames(chart.svg);
    expect(names).toHaveLength(31);
    expect(names.slice(0, 15)).toEqual(many.units.slice(0, 15).map((u) => u.nameZh));
    expect(names[15]).toBe('……');
    expect(names.slice(16)).toEqual(many.units.slice(25).map((u) => u.nameZh));
    expect(chart.svg).not.toContain('单位16');
    expect(blocks[1]).toMatchObject({
      text: expect.stringMatching(/^注：参与排名的40个单位中，图中列出按时办结率前15位和后15位。/),
    });
    const few = onTimeChart(sectionsWith([unit('甲县', [3, 3]), unit('乙县', [2, 3])]))[0] as ChartBlock;
    expect(few.height).toBeLessThan(chart.height);
    expect(barNames(few.svg)).toEqual(['甲县', '乙县']);
    const hundreds = onTimeChart(sectionsWith(Array.from({ length: 234 }, (_, i) => unit(`县${i}`, [i % 13, 12]))));
    expect((hundreds[0] as ChartBlock).height).toBe(chart.height);
  });

  it('with no ranked unit, says so instead of an empty chart; with no unit at all, nothing', () => {
    expect(onTimeChart(sectionsWith([unit('少县', [1, 1], true)]))).toEqual([
      { kind: 'paragraph', text: '本期各单位办结事项均少于3项，不作按时办结率排名。' },
    ]);
    expect(onTimeChart({ ...sections, units: [] })).toEqual([]);
  });

  it('says how long an item is overdue: whole days, and less than a day in words rather than 超0天', () => {
    expect(overdueWords(4)).toBe('超4天');
    expect(overdueWords(1)).toBe('超1天');
    expect(overdueWords(0)).toBe('超期不足1天');
  });

  it('names the file after the number, a draft 草稿', () => {
    expect(bulletinFileName(bulletin, 'docx')).toBe('通报-泉内外贸通〔2026〕5号.docx');
    expect(bulletinFileName({ number: null }, 'pdf')).toBe('通报-草稿.pdf');
  });
});

describe('the county league table in a bulletin', () => {
  const col = (labelZh: string, weight: number, unit = '%', decimals = 1) => ({
    key: labelZh,
    kind: 'indicator' as const,
    indicatorId: null,
    measure: 'completion',
    labelZh,
    labelEn: labelZh,
    unit,
    decimals,
    weight,
  });
  const league = {
    board: 'county' as const,
    year: 2026,
    month: 9,
    timeProgress: 75,
    columns: [col('甲完成率', 10), col('乙完成率', 30), col('丙总量', 20, '亿元', 2), col('丁增速', 5), col('戊', 25)],
    rows: [
      {
        unit: { unitId: 'a', code: 'A', nameZh: '晋江市', nameEn: 'Jinjiang', divisionCode: '350582' },
        rank: 1,
        score: 87.5,
        cells: [1, 2, 3.456, 4, 5].map((value) => ({ value, rank: 1, light: null, figureId: null })),
      },
      {
        unit: { unitId: 'b', code: 'B', nameZh: '德化县', nameEn: 'Dehua', divisionCode: '350526' },
        rank: null,
        score: null,
        cells: [null, null, null, null, null].map((value) => ({ value, rank: null, light: null, figureId: null })),
      },
    ],
  };

  it('prints the score and the four heaviest components in their order, with the data month and the weights', () => {
    const doc = bulletinDocument({
      bulletin: { ...bulletin, number: null, publishedAt: null },
      sections: { ...sections, league },
      text: defaultBulletinText(sections, '2026年10月'),
      settings: DEFAULT_DOCUMENT_SETTINGS,
      today: new Date('2026-11-05T10:00:00+08:00'),
    });
    const headings = doc.body.filter((b) => b.kind === 'heading').map((b) => (b as { text: string }).text);
    expect(headings.indexOf('各县（市、区）争先榜')).toBe(headings.indexOf('各单位办理情况') + 1);
    const table = doc.body.find(
      (b): b is TableBlock => b.kind === 'table' && (b as TableBlock).caption === '2026年9月各县（市、区）争先榜',
    ) as TableBlock;
    expect(table.columns.map((c) => c.title)).toEqual([
      '名次',
      '县（市、区）',
      '综合得分',
      '甲完成率（%）',
      '乙完成率（%）',
      '丙总量（亿元）',
      '戊（%）',
    ]);
    expect(table.rows).toEqual([
      ['1', '晋江市', '87.5', '1.0', '2.0', '3.46', '5.0'],
      ['—', '德化县', '—', '—', '—', '—', '—'],
    ]);
    const note = doc.body[doc.body.indexOf(table) + 1] as { text: string };
    expect(note.text).toContain('数据截至2026年9月，序时进度75.0%');
    expect(note.text).toContain('乙完成率30');
  });

  it('is left out when the bulletin has no league (no figures, or drafted before the cockpit)', () => {
    const doc = bulletinDocument({
      bulletin: { ...bulletin, number: null, publishedAt: null },
      sections,
      text: defaultBulletinText(sections, '2026年10月'),
      settings: DEFAULT_DOCUMENT_SETTINGS,
      today: new Date('2026-11-05T10:00:00+08:00'),
    });
    expect(doc.body.some((b) => b.kind === 'heading' && (b as { text: string }).text.includes('争先榜'))).toBe(false);
  });
});
