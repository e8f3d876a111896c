/**
 * Pure rules of the dispatch item beyond the state machine (which lives in @zaitun/contracts): numbering, the
 * clocks set at dispatch, the light shown for an item. No I/O; time and calendar are passed in.
 */
import type { DispatchSettingsT, ItemPriority, ItemState, Light } from '@zaitun/contracts';
import { CLOCK_STATES } from '@zaitun/contracts';
import { addWorkingDays, type CalendarData, trafficLight } from '../calendar/calendar.domain';

/** `2026-0042`: the year and the gapless sequence within it. */
export function formatItemNumber(year: number, seq: number): string {
  return `${year}-${String(seq).padStart(4, '0')}`;
}

/** The default resolving deadline for a priority: end of business of the N-th working day after `from`. */
export function defaultDeadline(
  cal: CalendarData,
  settings: DispatchSettingsT,
  from: Date,
  priority: ItemPriority,
): Date {
  return addWorkingDays(cal, from, settings.deadlineDays[priority], settings.endHour);
}

export interface Clocks {
  signBy: Date;
  yellowAt: Date;
  escalateYellowAt: Date;
  escalateRedAt: Date;
}

const MINUTE = 60_000;

/**
 * The first instant (to the minute) in [start, deadline] at which the light is no longer green, found by
 * bisection over the same pure `trafficLight` the tests pin down — so a list filter on `yellow_at` and the light
 * computed for one item always agree.
 */
export function yellowFrom(cal: CalendarData, settings: DispatchSettingsT, start: Date, deadline: Date): Date {
  const thresholds = { yellowUsedRatio: settings.yellowUsedRatio, yellowRemainingDays: settings.yellowRemainingDays };
  const light = (t: number) => trafficLight(cal, { start, deadline, now: new Date(t) }, thresholds, settings.endHour);
  let lo = start.getTime();
  let hi = deadline.getTime();
  if (hi <= lo || light(lo) !== 'green') return new Date(lo);
  // Invariant: light(lo) is green, light(hi) is not (at the deadline at the latest, ≤ N days remain).
  if (light(hi) === 'green') return new Date(hi);
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (light(mid) === 'green') lo = mid;
    else hi = mid;
  }
  return new Date(hi);
}

/** The clocks of a dispatched item: the signing time, when it turns yellow, when it is escalated automatically. */
export function clocksFor(cal: CalendarData, settings: DispatchSettingsT, dispatchedAt: Date, deadline: Date): Clocks {
  // Counted from the deadline's own business day (a deadline at 18:00 sharp would otherwise belong to the next one).
  const justBefore = new Date(deadline.getTime() - 1);
  const after = (n: number) => (n === 0 ? deadline : addWorkingDays(cal, justBefore, n, settings.endHour));
  return {
    signBy: addWorkingDays(cal, dispatchedAt, settings.signDays, settings.endHour),
    yellowAt: yellowFrom(cal, settings, dispatchedAt, deadline),
    escalateYellowAt: after(settings.escalateYellowAfterDays),
    escalateRedAt: after(settings.escalateRedAfterDays),
  };
}

/** The light of an item now: only while its clock runs (assigned, in progress). */
export function lightOf(
  item: { state: ItemState; deadline: Date | null; yellowAt: Date | null },
  now: Date,
): Light | null {
  if (!CLOCK_STATES.includes(item.state) || !item.deadline) return null;
  if (now.getTime() > item.deadline.getTime()) return 'red';
  if (item.yellowAt && now.getTime() >= item.yellowAt.getTime()) return 'yellow';
  return 'green';
}

/** Assigned and past its signing time. */
export function isSignOverdue(item: { state: ItemState; signBy: Date | null }, now: Date): boolean {
  return item.state === 'assigned' && !!item.signBy && now.getTime() > item.signBy.getTime();
}

/** The next card when escalating without a level: yellow, then red. */
export function nextEscalation(current: 'yellow' | 'red' | null): 'yellow' | 'red' {
  return current === null ? 'yellow' : 'red';
}
