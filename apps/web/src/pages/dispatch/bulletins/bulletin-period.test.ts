import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { afterEach, describe, expect, it } from 'vitest';
import { createBody, periodLabelOf, periodOfValues } from './bulletin-period';

const day = (s: string) => dayjs(s);

describe('the builder period → the create request', () => {
  afterEach(() => {
    dayjs.locale('en');
  });

  it('sends a month or quarter as its picked day and the trimmed title; an empty title is left out', () => {
    expect(createBody({ periodKind: 'month', anchor: day('2026-11-01'), title: '  十一月通报 ' })).toEqual({
      periodKind: 'month',
      anchor: '2026-11-01',
      title: '十一月通报',
    });
    expect(createBody({ periodKind: 'quarter', anchor: day('2026-07-01'), title: '   ' })).toEqual({
      periodKind: 'quarter',
      anchor: '2026-07-01',
    });
  });

  it('sends a custom period as its first and last day, and leaves out a missing one for the server to name', () => {
    expect(createBody({ periodKind: 'custom', range: [day('2026-10-08'), day('2026-10-31')] })).toEqual({
      periodKind: 'custom',
      from: '2026-10-08',
      to: '2026-10-31',
    });
    expect(createBody({ periodKind: 'custom', range: null })).toEqual({ periodKind: 'custom' });
    expect(createBody({ periodKind: 'month', anchor: null })).toEqual({ periodKind: 'month' });
  });

  it('sends a week as a day inside the ISO week the picked row stands for, in either UI language', () => {
    // Sunday 2026-11-22: the English row Sun 22 – Sat 28 is mostly ISO week 48 (Mon 23 – Sun 29).
    dayjs.locale('en');
    const en = createBody({ periodKind: 'week', anchor: day('2026-11-22') });
    expect(en.anchor).toBe('2026-11-25');
    expect(periodOfValues({ periodKind: 'week', anchor: day('2026-11-22') })).toEqual({
      from: '2026-11-23',
      to: '2026-11-29',
    });
    // In Chinese the row is Monday to Sunday: the same Sunday belongs to ISO week 47.
    dayjs.locale('zh-cn');
    expect(periodOfValues({ periodKind: 'week', anchor: day('2026-11-22') })).toEqual({
      from: '2026-11-16',
      to: '2026-11-22',
    });
  });

  it('previews a month, a quarter and a custom range, and nothing while a date is missing', () => {
    expect(periodOfValues({ periodKind: 'month', anchor: day('2026-02-14') })).toEqual({
      from: '2026-02-01',
      to: '2026-02-28',
    });
    expect(periodOfValues({ periodKind: 'quarter', anchor: day('2026-11-28') })).toEqual({
      from: '2026-10-01',
      to: '2026-12-31',
    });
    expect(periodOfValues({ periodKind: 'custom', range: [day('2026-01-05'), null] })).toBeNull();
  });
});

describe('a bulletin period as a label', () => {
  it('names ISO weeks (with their ISO year), months, quarters and custom ranges', () => {
    expect(periodLabelOf('week', '2026-11-23', '2026-11-29')).toEqual({
      key: 'bulletins.period.week',
      values: { year: 2026, week: 48 },
    });
    // 2027-01-01 is a Friday: its ISO week is week 53 of 2026.
    expect(periodLabelOf('week', '2026-12-28', '2027-01-03').values).toEqual({ year: 2026, week: 53 });
    expect(periodLabelOf('month', '2026-03-01', '2026-03-31').values).toEqual({ year: 2026, month: 3 });
    expect(periodLabelOf('quarter', '2026-10-01', '2026-12-31').values).toEqual({ year: 2026, quarter: 4 });
    expect(periodLabelOf('custom', '2026-10-08', '2026-10-31')).toEqual({
      key: 'bulletins.period.custom',
      values: { from: '2026-10-08', to: '2026-10-31' },
    });
  });
});
