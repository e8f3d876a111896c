/**
 * Pure working-day arithmetic on the Chinese official calendar (holidays and 调休 working weekends) and the SLA
 * traffic light built on it. No I/O and no clock reads: every instant is passed in.
 *
 * Time zone: Asia/Shanghai, taken as a fixed UTC+8. China has had no daylight saving time since 1991, so the fixed
 * offset is exact for every date this system deals with (it would be wrong only for summers 1986–1991).
 *
 * Business date: an instant belongs to its Shanghai calendar date, or to the next calendar date once its Shanghai
 * time is at or after `endHour` (so Monday 19:00 counts as Tuesday). Working day D therefore owns the 24-hour
 * window [endHour:00 of D−1, endHour:00 of D), Shanghai time.
 */

/** An override of the normal rule (Mon–Fri working, Sat/Sun off): a day off, or an adjusted working weekend (调休). */
export type DayKind = 'holiday' | 'workday';

/**
 * The calendar the arithmetic runs on. `overrides` is keyed by `YYYY-MM-DD`; `coveredYears` lists the years whose
 * official holidays are known (only used to warn: uncovered years simply follow the weekend rule). Treat as immutable.
 */
export interface CalendarData {
  overrides: ReadonlyMap<string, DayKind>;
  coveredYears: ReadonlySet<number>;
}

export interface LightThresholds {
  /** Yellow once this share of the working time between start and deadline is used (0.7 = 70 %). */
  yellowUsedRatio: number;
  /** Yellow once at most this many working days remain before the deadline. */
  yellowRemainingDays: number;
}

export type TrafficLight = 'green' | 'yellow' | 'red';

export const DEFAULT_END_HOUR = 18;
export const DEFAULT_LIGHT_THRESHOLDS: Readonly<LightThresholds> = { yellowUsedRatio: 0.7, yellowRemainingDays: 2 };

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Builds the lookup structures from stored rows (a later row for the same date wins). */
export function buildCalendar(
  rows: readonly { date: string; kind: DayKind }[],
  coveredYears: Iterable<number>,
): CalendarData {
  const overrides = new Map<string, DayKind>();
  for (const row of rows) {
    epochDayOf(row.date); // validates the format
    overrides.set(row.date, row.kind);
  }
  return { overrides, coveredYears: new Set(coveredYears) };
}

/** Whether a calendar date (`YYYY-MM-DD`) is a working day: an override wins, else Monday to Friday. */
export function isWorkingDay(cal: CalendarData, isoDate: string): boolean {
  const kind = cal.overrides.get(isoDate);
  if (kind !== undefined) return kind === 'workday';
  return isWeekday(epochDayOf(isoDate));
}

/** The Shanghai calendar date (`YYYY-MM-DD`) of an instant. */
export function shanghaiDate(instant: Date): string {
  return isoOfEpochDay(Math.floor((instantMs(instant) + SHANGHAI_OFFSET_MS) / DAY_MS));
}

/** The end of business of a calendar date: `endHour`:00 Shanghai time on that date. */
export function endOfBusiness(isoDate: string, endHour: number = DEFAULT_END_HOUR): Date {
  assertEndHour(endHour);
  return new Date(eobMs(epochDayOf(isoDate), endHour));
}

/** The business date (`YYYY-MM-DD`) of an instant: its Shanghai date, or the next one at/after `endHour`. */
export function businessDate(instant: Date, endHour: number = DEFAULT_END_HOUR): string {
  assertEndHour(endHour);
  return isoOfEpochDay(businessDay(instantMs(instant), endHour));
}

/**
 * The deadline `n` working days after `from`: the end of business of the n-th working day strictly after the
 * business date of `from`. With `n = 0`, the end of business of that business date if it is a working day, else of
 * the next working day.
 */
export function addWorkingDays(cal: CalendarData, from: Date, n: number, endHour: number = DEFAULT_END_HOUR): Date {
  assertEndHour(endHour);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`addWorkingDays: n must be a non-negative integer, got ${n}`);
  // Terminates: overrides are finite, so past the last one every Monday is a working day.
  let day = businessDay(instantMs(from), endHour);
  if (n === 0) {
    while (!isWorkingEpochDay(cal, day)) day++;
  } else {
    for (let found = 0; found < n; ) {
      day++;
      if (isWorkingEpochDay(cal, day)) found++;
    }
  }
  return new Date(eobMs(day, endHour));
}

/**
 * Working time from `a` to `b` in (fractional) working days, negative when `b` is before `a`. Each working day
 * counts its 24-hour window ending at its end of business; a non-working day's window counts nothing.
 */
export function workingDaysBetween(cal: CalendarData, a: Date, b: Date, endHour: number = DEFAULT_END_HOUR): number {
  assertEndHour(endHour);
  const aMs = instantMs(a);
  const bMs = instantMs(b);
  if (bMs >= aMs) return workingMs(cal, aMs, bMs, endHour) / DAY_MS;
  const back = workingMs(cal, bMs, aMs, endHour);
  return back === 0 ? 0 : -back / DAY_MS; // no −0
}

/**
 * Whole working days left before a deadline, for display ("3 working days left"). Positive: the working days from
 * the business date of `now` up to the deadline's, both counted (a deadline at today's end of business leaves 1).
 * Negative: the working days past the deadline's business date. Zero: the deadline passed within today.
 */
export function workingDaysLeft(
  cal: CalendarData,
  now: Date,
  deadline: Date,
  endHour: number = DEFAULT_END_HOUR,
): number {
  assertEndHour(endHour);
  const nowMs = instantMs(now);
  const deadlineMs = instantMs(deadline);
  // A deadline at end of business sharp belongs to that business day, not to the next one.
  const last = businessDay(deadlineMs - 1, endHour);
  const today = businessDay(nowMs, endHour);
  let n = 0;
  if (nowMs <= deadlineMs) {
    for (let day = today; day <= last; day++) if (isWorkingEpochDay(cal, day)) n++;
    return n;
  }
  for (let day = last + 1; day <= today; day++) if (isWorkingEpochDay(cal, day)) n++;
  return n === 0 ? 0 : -n; // no −0
}

/** The Shanghai calendar years touched by [from, to] (either order) that the calendar has no holiday data for. */
export function yearsNotCovered(cal: CalendarData, from: Date, to: Date): number[] {
  const [lo, hi] = instantMs(from) <= instantMs(to) ? [from, to] : [to, from];
  const firstYear = Number(shanghaiDate(lo).slice(0, 4));
  const lastYear = Number(shanghaiDate(hi).slice(0, 4));
  const missing: number[] = [];
  for (let year = firstYear; year <= lastYear; year++) if (!cal.coveredYears.has(year)) missing.push(year);
  return missing;
}

/**
 * The SLA light of an item: red once `now` is past the deadline; yellow once the used share of the working time
 * reaches `yellowUsedRatio` or at most `yellowRemainingDays` working days remain; else green. A deadline that
 * leaves no working time after the start (total ≤ 0) is yellow until it passes.
 */
export function trafficLight(
  cal: CalendarData,
  sla: { start: Date; deadline: Date; now: Date },
  thresholds: LightThresholds,
  endHour: number = DEFAULT_END_HOUR,
): TrafficLight {
  if (instantMs(sla.now) > instantMs(sla.deadline)) return 'red';
  const total = workingDaysBetween(cal, sla.start, sla.deadline, endHour);
  if (total <= 0) return 'yellow';
  const used = workingDaysBetween(cal, sla.start, sla.now, endHour);
  const remaining = workingDaysBetween(cal, sla.now, sla.deadline, endHour);
  if (used / total >= thresholds.yellowUsedRatio || remaining <= thresholds.yellowRemainingDays) return 'yellow';
  return 'green';
}

// --- internals: dates as whole days since 1970-01-01 ("epoch days") ---

function workingMs(cal: CalendarData, startMs: number, endMs: number, endHour: number): number {
  const first = businessDay(startMs, endHour);
  const last = businessDay(endMs, endHour);
  if (first === last) return isWorkingEpochDay(cal, first) ? endMs - startMs : 0;
  let total = isWorkingEpochDay(cal, first) ? eobMs(first, endHour) - startMs : 0;
  for (let day = first + 1; day < last; day++) if (isWorkingEpochDay(cal, day)) total += DAY_MS;
  if (isWorkingEpochDay(cal, last)) total += endMs - eobMs(last - 1, endHour);
  return total;
}

function isWorkingEpochDay(cal: CalendarData, day: number): boolean {
  if (cal.overrides.size > 0) {
    const kind = cal.overrides.get(isoOfEpochDay(day));
    if (kind !== undefined) return kind === 'workday';
  }
  return isWeekday(day);
}

/** 1970-01-01 was a Thursday. */
function isWeekday(day: number): boolean {
  const weekday = (((day + 4) % 7) + 7) % 7; // 0 = Sunday
  return weekday !== 0 && weekday !== 6;
}

function businessDay(ms: number, endHour: number): number {
  return Math.floor((ms + SHANGHAI_OFFSET_MS + (24 - endHour) * HOUR_MS) / DAY_MS);
}

function eobMs(day: number, endHour: number): number {
  return day * DAY_MS + endHour * HOUR_MS - SHANGHAI_OFFSET_MS;
}

function epochDayOf(isoDate: string): number {
  const match = ISO_DATE.exec(isoDate);
  if (match) {
    const day = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS;
    if (isoOfEpochDay(day) === isoDate) return day; // rejects 2025-02-30 and friends
  }
  throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${isoDate}`);
}

/** Civil date of an epoch day without a Date allocation (H. Hinnant's `civil_from_days`). */
function isoOfEpochDay(day: number): string {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

function instantMs(instant: Date): number {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid Date');
  return ms;
}

function assertEndHour(endHour: number): void {
  if (!Number.isInteger(endHour) || endHour < 0 || endHour > 24) {
    throw new RangeError(`endHour must be an integer from 0 to 24, got ${endHour}`);
  }
}
