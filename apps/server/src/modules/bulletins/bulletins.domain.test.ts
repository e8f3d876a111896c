import type { BulletinSectionsT, RateT } from '@zaitun/contracts';
import { describe, expect, it } from 'vitest';
import { rate } from '../metrics/metrics.domain';
import {
  bulletinActions,
  bulletinPeriod,
  commendedUnits,
  defaultBulletinText,
  defaultBulletinTitle,
  headlineSentence,
  isoWeek,
  percent,
  periodLabel,
  sortUnitRows,
  type UnitFigures,
} from './bulletins.domain';

const TODAY = '2026-03-25';
const period = (req: Parameters<typeof bulletinPeriod>[0]) => {
  const r = bulletinPeriod(req, TODAY);
  if ('problem' in r) throw new Error(r.problem.message);
  return [r.period.from, r.period.to];
};

describe('bulletinPeriod', () => {
  it('takes the ISO week (Monday to Sunday) around the anchor', () => {
    expect(period({ periodKind: 'week', anchor: '2026-03-18' })).toEqual(['2026-03-16', '2026-03-22']);
    expect(period({ periodKind: 'week', anchor: '2026-03-16' })).toEqual(['2026-03-16', '2026-03-22']);
    expect(period({ periodKind: 'week', anchor: '2026-03-22' })).toEqual(['2026-03-16', '2026-03-22']);
    // across the new year
    expect(period({ periodKind: 'week', anchor: '2026-01-01' })).toEqual(['2025-12-29', '2026-01-04']);
  });

  it('takes the calendar month and quarter, and today when no anchor is given', () => {
    expect(period({ periodKind: 'month', anchor: '2026-02-10' })).toEqual(['2026-02-01', '2026-02-28']);
    expect(period({ periodKind: 'month', anchor: '2024-02-10' })).toEqual(['2024-02-01', '2024-02-29']);
    expect(period({ periodKind: 'quarter', anchor: '2025-11-30' })).toEqual(['2025-10-01', '2025-12-31']);
    expect(period({ periodKind: 'quarter' })).toEqual(['2026-01-01', '2026-03-31']);
    expect(period({ periodKind: 'custom', from: '2026-03-01', to: '2026-03-01' })).toEqual([
      '2026-03-01',
      '2026-03-01',
    ]);
  });

  it('refuses an empty, inverted, unreal, too long or future period', () => {
    const problem = (req: Parameters<typeof bulletinPeriod>[0]) => {
      const r = bulletinPeriod(req, TODAY);
      return 'problem' in r ? [r.problem.path, r.problem.reason] : null;
    };
    expect(problem({ periodKind: 'custom', to: '2026-03-01' })).toEqual(['/from', 'missing']);
    expect(problem({ periodKind: 'custom', from: '2026-03-01', to: ' ' })).toEqual(['/to', 'missing']);
    expect(problem({ periodKind: 'custom', from: '2026-03-10', to: '2026-03-09' })).toEqual(['/to', 'reversed']);
    expect(problem({ periodKind: 'custom', from: '2026-02-30', to: '2026-03-09' })).toEqual(['/from', 'not_a_date']);
    expect(problem({ periodKind: 'custom', from: '2025-01-01', to: '2026-01-01' })).toEqual(['/to', 'too_long']);
    expect(problem({ periodKind: 'week', anchor: '2026-13-01' })).toEqual(['/anchor', 'not_a_date']);
    expect(problem({ periodKind: 'month', anchor: '2026-04-01' })).toEqual(['/from', 'future']);
    // a period already begun is allowed: the figures so far
    expect(problem({ periodKind: 'week', anchor: TODAY })).toBeNull();
  });
});

describe('titles and labels', () => {
  it('names the period the way a 通报 does', () => {
    expect(isoWeek('2026-03-16')).toEqual({ year: 2026, week: 12 });
    expect(isoWeek('2025-12-29')).toEqual({ year: 2026, week: 1 });
    expect(defaultBulletinTitle('week', '2026-03-16', '2026-03-22')).toBe(
      '关于2026年第12周内外贸发展工作推进情况的通报',
    );
    expect(periodLabel('month', '2026-03-01', '2026-03-31')).toBe('2026年3月');
    expect(periodLabel('quarter', '2026-10-01', '2026-12-31')).toBe('2026年第四季度');
    expect(periodLabel('custom', '2026-03-01', '2026-03-15')).toBe('2026年3月1日至3月15日');
    expect(periodLabel('custom', '2025-12-01', '2026-01-15')).toBe('2025年12月1日至2026年1月15日');
    expect(percent(rate(7, 8))).toBe('87.5%');
    expect(percent(rate(2, 2))).toBe('100%');
    expect(percent(rate(0, 0))).toBe('—');
  });
});

const unit = (name: string, onTime: RateT, extra: Partial<UnitFigures> = {}): UnitFigures => ({
  unitId: name,
  nameZh: name,
  nameEn: name,
  received: 0,
  resolved: onTime.denominator,
  urged: 0,
  redone: 0,
  resolvedOnTime: onTime,
  satisfaction: rate(0, 0),
  overdueNow: 0,
  sample: onTime.denominator,
  tooFew: false,
  ...extra,
});

describe('sortUnitRows', () => {
  it('sorts by on-time rate (ties: a satisfaction rate beats none) and marks the best and worst three; too-few units last', () => {
    const rows = sortUnitRows([
      unit('a', rate(1, 2)),
      unit('b', rate(4, 4)),
      unit('few', rate(1, 1), { tooFew: true }),
      unit('c', rate(0, 3)),
      unit('d', rate(3, 4)),
      unit('e', rate(2, 4)),
      unit('f', rate(1, 4)),
      unit('g', rate(3, 3), { satisfaction: rate(1, 2) }),
    ]);
    expect(rows.map((r) => r.nameZh)).toEqual(['g', 'b', 'd', 'a', 'e', 'f', 'c', 'few']);
    expect(rows.map((r) => r.mark)).toEqual(['top', 'top', 'top', null, 'bottom', 'bottom', 'bottom', null]);
    expect(rows.map((r) => r.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('marks fewer when fewer than six units are ranked, never a unit as both', () => {
    const rows = sortUnitRows([unit('a', rate(1, 2)), unit('b', rate(2, 2)), unit('c', rate(0, 2))]);
    expect(rows.map((r) => r.mark)).toEqual(['top', null, 'bottom']);
    expect(sortUnitRows([unit('a', rate(1, 2))]).map((r) => r.mark)).toEqual([null]);
  });

  it('commends units with every item on time and enough of them', () => {
    const rows = sortUnitRows([unit('a', rate(3, 3)), unit('b', rate(1, 1)), unit('c', rate(2, 3))]);
    expect(commendedUnits(rows, 2).map((u) => u.nameZh)).toEqual(['a']);
  });
});

describe('default text', () => {
  const units = sortUnitRows([unit('甲县', rate(3, 3)), unit('乙县', rate(1, 2)), unit('丙县', rate(0, 2))]);
  const sections: BulletinSectionsT = {
    headline: { opened: 9, resolved: 7, resolvedOnTime: rate(4, 7), satisfaction: rate(2, 3) },
    units,
    overdue: [],
    redCards: [],
    commended: commendedUnits(units, 2),
    commendationMinResolved: 2,
  };

  it('is written from the figures', () => {
    expect(headlineSentence(sections, '2026年第12周')).toBe(
      '2026年第12周，全市共登记调度事项9项，办结7项，按时办结率57.1%，办理满意率66.7%；截至期末，超期未办结事项0项，本期红牌督办0项。',
    );
    const text = defaultBulletinText(sections, '2026年第12周');
    expect(text.opening).toContain('2026年第12周');
    expect(text.commendation).toContain('甲县等1个单位本期办结事项全部按时办结');
    expect(text.criticism).toContain('丙县按时办结率排名靠后');
    expect(text.criticism).toContain('没有超期未办结的事项');
  });

  it('offers the actions of the state to managers only', () => {
    expect(bulletinActions('draft', true)).toEqual(['edit', 'refresh', 'publish']);
    expect(bulletinActions('published', true)).toEqual(['withdraw']);
    expect(bulletinActions('withdrawn', true)).toEqual([]);
    expect(bulletinActions('published', false)).toEqual([]);
  });
});
