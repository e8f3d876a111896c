import { describe, expect, it } from 'vitest';
import {
  formatPercent,
  formatValue,
  isFuturePeriod,
  lastEndedMonth,
  parseEntry,
  yoyMismatch,
  yoyPreview,
} from './figure-format';

describe('yoyPreview', () => {
  it('is the growth over the same month last year, in percent', () => {
    expect(yoyPreview(104.1, 100)).toBeCloseTo(4.1, 10);
    expect(yoyPreview(90, 100)).toBeCloseTo(-10, 10);
  });
  it('keeps the sign meaningful for a negative base (−10 → −5 is +50 %)', () => {
    expect(yoyPreview(-5, -10)).toBeCloseTo(50, 10);
  });
  it('has no value without a base, with a zero base or without a current value — never 0', () => {
    expect(yoyPreview(10, null)).toBeNull();
    expect(yoyPreview(10, 0)).toBeNull();
    expect(yoyPreview(null, 10)).toBeNull();
    expect(yoyPreview(undefined, 10)).toBeNull();
  });
});

describe('yoyMismatch', () => {
  it('flags a reported YoY more than 0.1 point off the computed one', () => {
    expect(yoyMismatch(4.1, 4.05)).toBe(false);
    expect(yoyMismatch(4.2, 4.1)).toBe(false);
    expect(yoyMismatch(4.5, 4.1)).toBe(true);
  });
  it('does not flag when either is missing', () => {
    expect(yoyMismatch(null, 4.1)).toBe(false);
    expect(yoyMismatch(4.1, null)).toBe(false);
  });
});

describe('formatting', () => {
  it('writes a value with the indicator’s decimals and unit', () => {
    expect(formatValue(6416.064, 2, '亿元', 'zh-CN')).toBe('6,416.06 亿元');
    expect(formatValue(12, 0, '家', 'en-US')).toBe('12 家');
    expect(formatValue(3.25, 1, '%', 'en-US')).toBe('3.3%');
    expect(formatValue(null, 2, '亿元', 'zh-CN')).toBe('—');
  });
  it('writes a percentage with its sign', () => {
    expect(formatPercent(4.14)).toBe('+4.1%');
    expect(formatPercent(-2.26)).toBe('−2.3%');
    expect(formatPercent(0.01)).toBe('0.0%');
    expect(formatPercent(null)).toBe('—');
  });
});

describe('periods', () => {
  it('defaults to the last month that has ended in Asia/Shanghai', () => {
    expect(lastEndedMonth(new Date('2026-11-28T04:00:00Z'))).toEqual({ year: 2026, month: 10 });
    // 2026-01-01 01:00 in Shanghai is still 2025-12-31 in UTC.
    expect(lastEndedMonth(new Date('2025-12-31T17:00:00Z'))).toEqual({ year: 2025, month: 12 });
  });
  it('knows a month that has not ended yet', () => {
    const now = new Date('2026-11-28T04:00:00Z');
    expect(isFuturePeriod({ year: 2026, month: 11 }, now)).toBe(true);
    expect(isFuturePeriod({ year: 2026, month: 10 }, now)).toBe(false);
  });
  it('rounds an input to the indicator’s decimals; empty is null', () => {
    expect(parseEntry(1.005, 0)).toBe(1);
    expect(parseEntry(12.3456, 2)).toBe(12.35);
    expect(parseEntry('', 2)).toBeNull();
    expect(parseEntry(null, 2)).toBeNull();
  });
});
