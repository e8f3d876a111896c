import { type BulletinSectionsT, type BulletinT, DEFAULT_DOCUMENT_SETTINGS } from '@zaitun/contracts';
import { describe, expect, it } from 'vitest';
import type { BodyBlock, TableBlock } from '../../lib/documents/model';
import { rate } from '../metrics/metrics.domain';
import { bulletinDocument, bulletinFileName } from './bulletins.document';
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

  it('names the file after the number, a draft 草稿', () => {
    expect(bulletinFileName(bulletin, 'docx')).toBe('通报-泉内外贸通〔2026〕5号.docx');
    expect(bulletinFileName({ number: null }, 'pdf')).toBe('通报-草稿.pdf');
  });
});
