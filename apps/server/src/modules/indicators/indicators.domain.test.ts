import { describe, expect, it } from 'vitest';
import {
  completion,
  compositeScores,
  consistency,
  convertible,
  cumulativeFromPeriod,
  growthLight,
  periodFromCumulative,
  progressGap,
  rankScore,
  rankValues,
  share,
  targetValue,
  timeProgress,
  trafficLight,
  yoyGrowth,
  yoyMismatch,
} from './indicators.domain';

describe('year-on-year growth', () => {
  it('is the change over the base in percent, also when negative', () => {
    // The seed: retail sales 6416.06 亿元, +4.1 % on 6163.36.
    expect(yoyGrowth(6416.06, 6163.36)).toBeCloseTo(4.1, 1);
    expect(yoyGrowth(90, 100)).toBeCloseTo(-10);
    expect(yoyGrowth(100, 100)).toBe(0);
  });
  it('has no value on a zero or missing base, or without the current figure', () => {
    expect(yoyGrowth(12, 0)).toBeNull();
    expect(yoyGrowth(0, 0)).toBeNull();
    expect(yoyGrowth(12, null)).toBeNull();
    expect(yoyGrowth(null, 12)).toBeNull();
    expect(yoyGrowth(undefined, 12)).toBeNull();
  });
  it('reads a negative base by its size (a smaller loss is growth)', () => {
    expect(yoyGrowth(-5, -10)).toBeCloseTo(50);
    expect(yoyGrowth(-15, -10)).toBeCloseTo(-50);
  });
  it('flags a reported YoY more than 0.1 point off the computed one, not a rounding difference', () => {
    expect(yoyMismatch(4.1, 4.1)).toBe(false);
    expect(yoyMismatch(4.149, 4.1)).toBe(false);
    expect(yoyMismatch(4.1, 4.2)).toBe(false); // exactly 0.1 apart: within
    expect(yoyMismatch(4.1, 4.25)).toBe(true);
    expect(yoyMismatch(-3.0, 3.0)).toBe(true);
    expect(yoyMismatch(null, 4.1)).toBe(false);
    expect(yoyMismatch(4.1, null)).toBe(false);
  });
});

describe('period and year-to-date', () => {
  it('takes a January’s period value as its cumulative value, with no previous month needed', () => {
    expect(periodFromCumulative([10, 25, 45])).toEqual([10, 15, 20]);
    expect(periodFromCumulative([10])).toEqual([10]);
  });
  it('leaves a month without its own or the previous cumulative figure empty, not zero', () => {
    expect(periodFromCumulative([10, null, 45, 60])).toEqual([10, null, null, 15]);
    expect(periodFromCumulative([null, 25])).toEqual([null, null]);
  });
  it('allows a negative month (a correction of the year-to-date figure)', () => {
    expect(periodFromCumulative([10, 8])).toEqual([10, -2]);
  });
  it('sums months into the year to date, stopping at a missing month', () => {
    expect(cumulativeFromPeriod([10, 15, 20])).toEqual([10, 25, 45]);
    expect(cumulativeFromPeriod([10, null, 20])).toEqual([10, null, null]);
    expect(cumulativeFromPeriod([])).toEqual([]);
  });
  it('converts only where the kind allows: never a stock', () => {
    expect(convertible('ytd_cumulative')).toEqual({ toPeriod: true, toCumulative: false });
    expect(convertible('period')).toEqual({ toPeriod: false, toCumulative: true });
    expect(convertible('stock')).toEqual({ toPeriod: false, toCumulative: false });
  });
});

describe('share, target and completion', () => {
  it('gives a county’s share of the city', () => {
    expect(share(1500, 6000)).toBe(25);
    expect(share(1, 0)).toBeNull();
    expect(share(null, 10)).toBeNull();
  });
  it('turns a growth target into a value over last year’s annual figure', () => {
    expect(targetValue({ kind: 'value', value: 700 }, null)).toBe(700);
    expect(targetValue({ kind: 'growth', rate: 5 }, 600)).toBeCloseTo(630);
    expect(targetValue({ kind: 'growth', rate: -2 }, 100)).toBeCloseTo(98);
    expect(targetValue({ kind: 'growth', rate: 5 }, null)).toBeNull();
  });
  it('measures completion of the annual target in percent', () => {
    expect(completion(315, 630)).toBe(50);
    expect(completion(700, 630)).toBeCloseTo(111.11, 2);
    expect(completion(10, 0)).toBeNull();
    expect(completion(null, 630)).toBeNull();
  });
});

describe('time progress (序时进度)', () => {
  it('is the months elapsed over 12 by default', () => {
    expect(timeProgress(1)).toBeCloseTo(8.33, 2);
    expect(timeProgress(6)).toBe(50);
    expect(timeProgress(12)).toBe(100);
  });
  it('or the working days elapsed over the year’s', () => {
    expect(timeProgress(6, { elapsed: 118, total: 248 })).toBeCloseTo(47.58, 2);
    expect(timeProgress(12, { elapsed: 250, total: 248 })).toBe(100);
  });
  it('refuses a month outside 1–12', () => {
    expect(() => timeProgress(0)).toThrow(RangeError);
    expect(() => timeProgress(13)).toThrow(RangeError);
    expect(() => timeProgress(6, { elapsed: 1, total: 0 })).toThrow(RangeError);
  });
  it('measures the gap in points and lights it', () => {
    expect(progressGap(52, 50)).toBe(2);
    expect(progressGap(null, 50)).toBeNull();
    expect(trafficLight(2, 'higher')).toBe('green');
    expect(trafficLight(0, 'higher')).toBe('green');
    expect(trafficLight(-4.9, 'higher')).toBe('yellow');
    expect(trafficLight(-5, 'higher')).toBe('red');
    expect(trafficLight(null, 'higher')).toBeNull();
    // A ceiling (lower is better): spending ahead of time is the bad side.
    expect(trafficLight(3, 'lower')).toBe('yellow');
    expect(trafficLight(-3, 'lower')).toBe('green');
    expect(trafficLight(-3, 'higher', 2)).toBe('red');
  });
  it('lights a growth figure against the target rate', () => {
    expect(growthLight(6, 5, 'higher')).toBe('green');
    expect(growthLight(4, 5, 'higher')).toBe('yellow');
    expect(growthLight(-1, 5, 'higher')).toBe('red');
    expect(growthLight(null, 5, 'higher')).toBeNull();
  });
});

describe('ranks', () => {
  it('share a rank on a tie and skip the next (1, 2, 2, 4), in the indicator’s direction', () => {
    const entries = [
      { key: 'a', value: 5 },
      { key: 'b', value: 9 },
      { key: 'c', value: 5 },
      { key: 'd', value: 1 },
    ];
    expect(rankValues(entries, 'higher').map((r) => [r.key, r.rank])).toEqual([
      ['b', 1],
      ['a', 2],
      ['c', 2],
      ['d', 4],
    ]);
    expect(rankValues(entries, 'lower').map((r) => [r.key, r.rank])).toEqual([
      ['d', 1],
      ['a', 2],
      ['c', 2],
      ['b', 4],
    ]);
  });
  it('leave units without a figure or below the minimum sample unranked, last', () => {
    const r = rankValues(
      [
        { key: 'a', value: null },
        { key: 'b', value: 300, eligible: false },
        { key: 'c', value: 2 },
      ],
      'higher',
    );
    expect(r.map((x) => [x.key, x.rank])).toEqual([
      ['c', 1],
      ['a', null],
      ['b', null],
    ]);
  });
  it('score the best 100 and the worst 0', () => {
    expect(rankScore(1, 13)).toBe(100);
    expect(rankScore(13, 13)).toBe(0);
    expect(rankScore(7, 13)).toBe(50);
    expect(rankScore(1, 1)).toBe(100);
  });
});

describe('the composite score (争先榜)', () => {
  const keys = ['晋江市', '石狮市', '南安市'];
  it('weights the components’ rank scores and ranks the units by the result', () => {
    const table = compositeScores(keys, [
      {
        code: 'retail.growth',
        weight: 2,
        direction: 'higher',
        values: [
          { key: '晋江市', value: 6 },
          { key: '石狮市', value: 4 },
          { key: '南安市', value: 2 },
        ],
      },
      {
        code: 'dispatch.on_time',
        weight: 1,
        direction: 'higher',
        values: [
          { key: '晋江市', value: 0.5 },
          { key: '石狮市', value: 0.9 },
          { key: '南安市', value: 0.7 },
        ],
      },
    ]);
    // 晋江市 (100·2 + 0)/3, 石狮市 (50·2 + 100)/3, 南安市 (0 + 50)/3: a tie keeps the given order.
    expect(table.map((r) => [r.key, Math.round((r.score ?? 0) * 100) / 100, r.rank])).toEqual([
      ['晋江市', 66.67, 1],
      ['石狮市', 66.67, 1],
      ['南安市', 16.67, 3],
    ]);
    expect(table[1]?.components.map((c) => [c.code, c.rank])).toEqual([
      ['retail.growth', 2],
      ['dispatch.on_time', 1],
    ]);
  });
  it('leaves out a component a unit has no figure for, and a unit with none gets no rank', () => {
    const table = compositeScores(
      [...keys, '德化县'],
      [
        {
          code: 'exports.growth',
          weight: 1,
          direction: 'higher',
          values: [
            { key: '晋江市', value: 3 },
            { key: '石狮市', value: null },
            { key: '南安市', value: 1 },
          ],
        },
        { code: 'dispatch.on_time', weight: 1, direction: 'higher', values: [{ key: '石狮市', value: 0.8 }] },
      ],
    );
    expect(table.map((r) => [r.key, r.score, r.rank])).toEqual([
      ['晋江市', 100, 1],
      ['石狮市', 100, 1],
      ['南安市', 0, 3],
      ['德化县', null, null],
    ]);
  });
  it('refuses a weight that is not positive', () => {
    expect(() => compositeScores(keys, [{ code: 'x', weight: 0, direction: 'higher', values: [] }])).toThrow(
      RangeError,
    );
  });
});

describe('city against the sum of counties', () => {
  it('passes within the tolerance and flags beyond it', () => {
    expect(consistency(100, [60, 40.3])).toMatchObject({ sum: 100.3, flagged: false, missing: 0 });
    const off = consistency(100, [60, 41]);
    expect(off.flagged).toBe(true);
    expect(off.difference).toBeCloseTo(1);
    expect(off.differencePct).toBeCloseTo(1);
  });
  it('flags an incomplete sum rather than comparing it, and has nothing to compare without the city figure', () => {
    expect(consistency(100, [60, null])).toMatchObject({ sum: 60, missing: 1, flagged: true });
    expect(consistency(null, [60, 40])).toMatchObject({ sum: 100, difference: null, flagged: false });
    expect(consistency(0, [0, 0])).toMatchObject({ differencePct: 0, flagged: false });
    expect(consistency(0, [1])).toMatchObject({ differencePct: null, flagged: true });
  });
});
