import { describe, expect, it } from 'vitest';
import { bureauColumns, periodNamed } from './figures-bureau.import';

const fromTitle = (title: string) => {
  const named = periodNamed([title], {});
  return named && { year: named.year, month: named.month };
};

describe('periodNamed: the period a bureau sheet names', () => {
  it('reads a month, a cumulative range and October (not 1–0) from the title', () => {
    expect(fromTitle('2026年9月全市社会消费品零售总额')).toEqual({ year: 2026, month: 9 });
    expect(fromTitle('2026年1-9月各县（市、区）进出口情况')).toEqual({ year: 2026, month: 9 });
    expect(fromTitle('2026年1至9月')).toEqual({ year: 2026, month: 9 });
    expect(fromTitle('2026年10月')).toEqual({ year: 2026, month: 10 });
    expect(fromTitle('２０２６年１－１２月')).toEqual({ year: 2026, month: 12 });
  });

  it('reads a quarter as its last month, a cumulative quarter (1-3季度) as September', () => {
    expect(fromTitle('2026年第三季度各县（市、区）主要指标')).toEqual({ year: 2026, month: 9 });
    expect(fromTitle('2026年三季度')).toEqual({ year: 2026, month: 9 });
    expect(fromTitle('2026年第1季度')).toEqual({ year: 2026, month: 3 });
    expect(fromTitle('2026年第二季度')).toEqual({ year: 2026, month: 6 });
    expect(fromTitle('2026年四季度 外贸')).toEqual({ year: 2026, month: 12 });
    expect(fromTitle('2026年1-3季度实际利用外资')).toEqual({ year: 2026, month: 9 });
    expect(fromTitle('2026年一至三季度')).toEqual({ year: 2026, month: 9 });
    expect(fromTitle('2026 年 第 三 季度')).toEqual({ year: 2026, month: 9 });
  });

  it('answers the first line naming a period, keeping its text', () => {
    const named = periodNamed(['泉州市统计局', '2025年第四季度各县主要指标', '2026年1月'], {});
    expect(named).toEqual({ year: 2025, month: 12, text: '2025年第四季度各县主要指标' });
  });

  it('reads the month from a header when no title names one (year unknown)', () => {
    expect(periodNamed([], { ytd: '1-9月累计' })).toMatchObject({ year: null, month: 9 });
    expect(periodNamed(['单位：亿元'], { month: '9月' })).toMatchObject({ year: null, month: 9 });
  });

  it('answers null when nothing names a period', () => {
    expect(periodNamed(['单位：亿元', '季度数据', '2026年度'], { ytd: '1-本月累计' })).toBeNull();
    expect(periodNamed(['2026年五季度'], {})).toBeNull();
  });
});

describe('bureauColumns', () => {
  it('takes the cumulative for a year-to-date indicator, this month otherwise', () => {
    expect(bureauColumns('ytd_cumulative')).toEqual({ value: 'ytd', yoy: 'ytdYoy' });
    expect(bureauColumns('period')).toEqual({ value: 'month', yoy: 'monthYoy' });
    expect(bureauColumns('stock')).toEqual({ value: 'month', yoy: 'monthYoy' });
  });
});
