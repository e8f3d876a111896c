import { DEFAULT_DISPATCH_SETTINGS } from '@zaitun/contracts';
import { describe, expect, it } from 'vitest';
import { buildCalendar, trafficLight, workingDaysBetween } from '../calendar/calendar.domain';
import { chineseDaysRows } from '../calendar/calendar.seed';
import {
  clocksFor,
  defaultDeadline,
  formatItemNumber,
  isSignOverdue,
  lightOf,
  nextEscalation,
  yellowFrom,
} from './items.domain';

const seed = chineseDaysRows();
const cal = buildCalendar(seed.rows, seed.coveredYears);
const settings = DEFAULT_DISPATCH_SETTINGS;
/** A Shanghai wall-clock time as an instant. */
const sh = (iso: string) => new Date(`${iso}+08:00`);

describe('item numbering', () => {
  it('pads the sequence within the year', () => {
    expect(formatItemNumber(2026, 7)).toBe('2026-0007');
    expect(formatItemNumber(2026, 12345)).toBe('2026-12345');
  });
});

describe('deadlines by priority', () => {
  it('counts working days over the 2025 National Day holiday', () => {
    // Dispatched Tue 30 Sep 2025 10:00: 1–8 Oct are off, Sat 11 Oct is a make-up working day.
    const from = sh('2025-09-30T10:00:00');
    expect(defaultDeadline(cal, settings, from, 'urgent').toISOString()).toBe(sh('2025-10-11T18:00:00').toISOString());
    // 10 working days: 9, 10, 11, 13, 14, 15, 16, 17, 20, 21 Oct.
    expect(defaultDeadline(cal, settings, from, 'normal').toISOString()).toBe(sh('2025-10-21T18:00:00').toISOString());
  });

  it('follows the configured days per priority', () => {
    const from = sh('2026-03-02T09:00:00'); // Monday
    const custom = { ...settings, deadlineDays: { urgent: 1, high: 2, normal: 4 } };
    expect(defaultDeadline(cal, custom, from, 'high').toISOString()).toBe(sh('2026-03-04T18:00:00').toISOString());
  });
});

describe('clocks set at dispatch', () => {
  const dispatchedAt = sh('2026-03-02T09:00:00'); // Monday
  const deadline = sh('2026-03-16T18:00:00'); // 10 working days later
  const clocks = clocksFor(cal, settings, dispatchedAt, deadline);

  it('signing within one working day', () => {
    expect(clocks.signBy.toISOString()).toBe(sh('2026-03-03T18:00:00').toISOString());
  });

  it('turns yellow exactly where the pure light does', () => {
    const thresholds = { yellowUsedRatio: 0.7, yellowRemainingDays: 2 };
    const at = (t: Date) => trafficLight(cal, { start: dispatchedAt, deadline, now: t }, thresholds);
    expect(at(clocks.yellowAt)).toBe('yellow');
    expect(at(new Date(clocks.yellowAt.getTime() - 60_000))).toBe('green');
    // 70% of 10.375 working days are used about 7.26 days in: within Wed 11 Mar.
    expect(workingDaysBetween(cal, dispatchedAt, clocks.yellowAt)).toBeCloseTo(
      0.7 * workingDaysBetween(cal, dispatchedAt, deadline),
      2,
    );
  });

  it('escalates one and five working days after the deadline', () => {
    expect(clocks.escalateYellowAt.toISOString()).toBe(sh('2026-03-17T18:00:00').toISOString());
    expect(clocks.escalateRedAt.toISOString()).toBe(sh('2026-03-23T18:00:00').toISOString());
  });

  it('a short clock is yellow from the start (≤ 2 working days remain)', () => {
    const short = sh('2026-03-03T18:00:00');
    expect(yellowFrom(cal, settings, dispatchedAt, short).toISOString()).toBe(dispatchedAt.toISOString());
  });
});

describe('the light of an item', () => {
  const item = {
    state: 'in_progress' as const,
    deadline: sh('2026-03-16T18:00:00'),
    yellowAt: sh('2026-03-11T12:00:00'),
  };

  it('is green, then yellow, then red; none once the clock stops', () => {
    expect(lightOf(item, sh('2026-03-10T10:00:00'))).toBe('green');
    expect(lightOf(item, sh('2026-03-11T12:00:00'))).toBe('yellow');
    expect(lightOf(item, sh('2026-03-16T18:00:00'))).toBe('yellow');
    expect(lightOf(item, new Date(sh('2026-03-16T18:00:00').getTime() + 1))).toBe('red');
    expect(lightOf({ ...item, state: 'resolved' }, sh('2026-03-20T10:00:00'))).toBeNull();
    expect(lightOf({ ...item, state: 'pending_dispatch', deadline: null }, sh('2026-03-20T10:00:00'))).toBeNull();
  });

  it('flags an unsigned item past its signing time', () => {
    const signBy = sh('2026-03-03T18:00:00');
    expect(isSignOverdue({ state: 'assigned', signBy }, sh('2026-03-03T17:59:00'))).toBe(false);
    expect(isSignOverdue({ state: 'assigned', signBy }, sh('2026-03-03T18:01:00'))).toBe(true);
    expect(isSignOverdue({ state: 'in_progress', signBy }, sh('2026-03-09T18:01:00'))).toBe(false);
  });

  it('escalates yellow, then red', () => {
    expect(nextEscalation(null)).toBe('yellow');
    expect(nextEscalation('yellow')).toBe('red');
  });
});
