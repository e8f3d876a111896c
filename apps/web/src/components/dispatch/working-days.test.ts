import { describe, expect, it } from 'vitest';
import { workingDaysLeft } from './working-days';

// Times are Shanghai (UTC+8). 2026-05-11 is a Monday.
const at = (s: string) => new Date(`${s}+08:00`);

describe('working days left', () => {
  it('counts today and the deadline day, skipping the weekend', () => {
    expect(workingDaysLeft(at('2026-05-11T10:00:00'), at('2026-05-13T18:00:00'))).toBe(3);
    expect(workingDaysLeft(at('2026-05-15T10:00:00'), at('2026-05-18T18:00:00'))).toBe(2);
  });

  it('moves to the next day after the end of business', () => {
    expect(workingDaysLeft(at('2026-05-11T19:00:00'), at('2026-05-13T18:00:00'))).toBe(2);
  });

  it('follows the official calendar: holidays off, adjusted weekends on', () => {
    const overrides = new Map([
      ['2026-05-12', 'holiday' as const],
      ['2026-05-16', 'workday' as const],
    ]);
    expect(workingDaysLeft(at('2026-05-11T10:00:00'), at('2026-05-18T18:00:00'), overrides)).toBe(6);
  });

  it('is negative past the deadline', () => {
    expect(workingDaysLeft(at('2026-05-14T10:00:00'), at('2026-05-13T18:00:00'))).toBe(-1);
    expect(workingDaysLeft(at('2026-05-18T10:00:00'), at('2026-05-14T18:00:00'))).toBe(-2);
  });
});
