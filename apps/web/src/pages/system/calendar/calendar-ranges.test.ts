import { describe, expect, it } from 'vitest';
import { expandAll, expandRange, overlaps, toRanges } from './calendar-ranges';

describe('calendar ranges', () => {
  it('expands days off without the weekend, make-up working days as they are', () => {
    const off = expandRange({ kind: 'holiday', from: '2025-10-01', to: '2025-10-08', name: '国庆节' });
    expect(off.map((d) => d.date)).toEqual([
      '2025-10-01',
      '2025-10-02',
      '2025-10-03',
      '2025-10-06',
      '2025-10-07',
      '2025-10-08',
    ]);
    expect(expandRange({ kind: 'workday', from: '2025-09-28', to: '2025-09-28', name: '国庆节' })).toEqual([
      { date: '2025-09-28', kind: 'workday', name: '国庆节' },
    ]);
  });

  it('joins stored days back into the notice’s ranges, across the weekend inside a holiday', () => {
    const days = expandAll([
      { kind: 'holiday', from: '2025-10-01', to: '2025-10-08', name: '国庆节' },
      { kind: 'workday', from: '2025-09-28', to: '2025-09-28', name: '国庆节' },
      { kind: 'workday', from: '2025-10-11', to: '2025-10-11', name: '国庆节' },
    ]);
    expect(toRanges(days)).toEqual([
      { kind: 'workday', from: '2025-09-28', to: '2025-09-28', name: '国庆节' },
      { kind: 'holiday', from: '2025-10-01', to: '2025-10-08', name: '国庆节' },
      { kind: 'workday', from: '2025-10-11', to: '2025-10-11', name: '国庆节' },
    ]);
  });

  it('finds dates two ranges share', () => {
    expect(
      overlaps([
        { kind: 'holiday', from: '2027-10-01', to: '2027-10-03', name: '' },
        { kind: 'workday', from: '2027-10-03', to: '2027-10-04', name: '' },
      ]),
    ).toEqual(['2027-10-03']);
  });
});
