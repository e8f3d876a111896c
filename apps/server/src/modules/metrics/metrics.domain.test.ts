import { describe, expect, it } from 'vitest';
import { compareRates, mean, parsePeriod, type Rankable, rankUnits, rate, yearPeriod } from './metrics.domain';

describe('parsePeriod', () => {
  it('turns whole Shanghai days into an instant range', () => {
    const r = parsePeriod('2026-03-01', '2026-03-31', 2);
    expect(r).toEqual({
      period: {
        from: '2026-03-01',
        to: '2026-03-31',
        start: new Date('2026-03-01T00:00:00+08:00'),
        end: new Date('2026-04-01T00:00:00+08:00'),
      },
    });
    expect(parsePeriod('2026-03-01', '2026-03-01', 2)).toMatchObject({
      period: { end: new Date('2026-03-02T00:00:00+08:00') },
    });
  });

  it('refuses dates that do not exist', () => {
    expect(parsePeriod('2026-02-30', '2026-03-01', 2)).toMatchObject({
      problem: { path: '/from', reason: 'not_a_date' },
    });
    expect(parsePeriod('2026-01-01', '2026-13-01', 2)).toMatchObject({
      problem: { path: '/to', reason: 'not_a_date' },
    });
    expect(parsePeriod('2026-1-1', '2026-02-01', 2)).toMatchObject({ problem: { reason: 'not_a_date' } });
    expect(parsePeriod('2024-02-29', '2024-03-01', 2)).toHaveProperty('period'); // a leap day is a date
  });

  it('refuses a reversed period and one longer than the limit', () => {
    expect(parsePeriod('2026-03-02', '2026-03-01', 2)).toMatchObject({ problem: { path: '/to', reason: 'reversed' } });
    expect(parsePeriod('2025-01-01', '2026-12-31', 2)).toHaveProperty('period');
    expect(parsePeriod('2025-01-01', '2027-01-01', 2)).toMatchObject({ problem: { reason: 'too_long' } });
    expect(parsePeriod('2024-02-29', '2026-02-28', 2)).toHaveProperty('period');
    expect(parsePeriod('2024-02-29', '2026-03-01', 2)).toMatchObject({ problem: { reason: 'too_long' } });
  });

  it('gives a year in Shanghai time', () => {
    expect(yearPeriod(2026)).toMatchObject({
      start: new Date('2025-12-31T16:00:00Z'),
      end: new Date('2026-12-31T16:00:00Z'),
    });
  });
});

describe('rate', () => {
  it('keeps numerator and denominator, and is null without a denominator', () => {
    expect(rate(2, 3)).toEqual({ numerator: 2, denominator: 3, rate: 2 / 3 });
    expect(rate(0, 0)).toEqual({ numerator: 0, denominator: 0, rate: null });
    expect(rate(0, 4).rate).toBe(0);
    expect(() => rate(3, 2)).toThrow(RangeError);
    expect(() => rate(-1, 2)).toThrow(RangeError);
  });

  it('compares exactly, a missing rate last', () => {
    expect(compareRates(rate(2, 3), rate(4, 6))).toBe(0);
    expect(compareRates(rate(1, 3), rate(1, 2))).toBeLessThan(0);
    expect(compareRates(rate(0, 5), rate(0, 0))).toBeGreaterThan(0);
    expect(compareRates(rate(0, 0), rate(0, 0))).toBe(0);
  });

  it('means to two decimals, null over nothing', () => {
    expect(mean(21.125, 3)).toBe(7.04);
    expect(mean(0, 0)).toBeNull();
  });
});

describe('rankUnits', () => {
  const unit = (id: string, onTime: [number, number], sat: [number, number], overdueNow = 0) => ({
    id,
    resolvedOnTime: rate(...onTime),
    satisfaction: rate(...sat),
    overdueNow,
    sample: onTime[1],
  });
  const ids = (r: { rows: { id: string; rank: number | null; tooFew: boolean }[] }) =>
    r.rows.map((x) => [x.id, x.rank, x.tooFew]);

  it('ranks by on-time rate, then satisfaction, then fewer overdue; equal figures share a rank', () => {
    const rows = [
      unit('a', [8, 10], [5, 5], 0),
      unit('b', [9, 10], [1, 5], 3),
      unit('c', [4, 5], [5, 5], 0), // ties a exactly (4/5 = 8/10)
      unit('d', [8, 10], [5, 5], 2), // same rates as a, more overdue
      unit('e', [8, 10], [0, 0], 0), // no ratings: below any satisfaction
    ];
    expect(ids(rankUnits(rows, 3))).toEqual([
      ['b', 1, false],
      ['a', 2, false],
      ['c', 2, false],
      ['d', 4, false],
      ['e', 5, false],
    ]);
  });

  it('marks units below the minimum sample, lists them after the ranked ones, never first', () => {
    const rows = [unit('lucky', [1, 1], [1, 1]), unit('steady', [7, 10], [3, 4]), unit('idle', [0, 0], [0, 0])];
    const r = rankUnits(rows, 3);
    expect(ids(r)).toEqual([
      ['steady', 1, false],
      ['lucky', null, true],
      ['idle', null, true],
    ]);
    expect(r.rankedCount).toBe(1);
    expect(rankUnits(rows, 1).rows[0]).toMatchObject({ id: 'lucky', rank: 1 });
  });

  it('keeps the input order among equals and ranks nothing from nothing', () => {
    const same = (id: string): Rankable & { id: string } => unit(id, [3, 3], [1, 1]);
    expect(ids(rankUnits([same('x'), same('y'), same('z')], 3))).toEqual([
      ['x', 1, false],
      ['y', 1, false],
      ['z', 1, false],
    ]);
    expect(rankUnits([], 3)).toEqual({ rows: [], rankedCount: 0 });
  });
});
