/**
 * Working days left before a deadline, for display ("剩余 3 个工作日"). The server keeps the clocks; this only
 * counts whole business days on the same rules (Asia/Shanghai as UTC+8, a business day ends at `endHour`, the
 * official calendar's holidays and adjusted working weekends override Monday–Friday).
 */
export type DayKind = 'holiday' | 'workday';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SHANGHAI = 8 * HOUR;

/** The business day (days since 1970-01-01) an instant belongs to: its Shanghai date, the next one from `endHour`. */
function businessDay(ms: number, endHour: number): number {
  return Math.floor((ms + SHANGHAI + (24 - endHour) * HOUR) / DAY);
}

function isoOf(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

function isWorking(day: number, overrides: ReadonlyMap<string, DayKind>): boolean {
  const kind = overrides.get(isoOf(day));
  if (kind) return kind === 'workday';
  const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  return weekday !== 0 && weekday !== 6;
}

/**
 * Positive: working days from today's business day up to the deadline's, both counted (a deadline at today's end of
 * business leaves 1). Negative: working days past the deadline. Zero: the deadline has just passed today.
 */
export function workingDaysLeft(
  now: Date,
  deadline: Date,
  overrides: ReadonlyMap<string, DayKind> = new Map(),
  endHour = 18,
): number {
  // A deadline at 18:00 sharp belongs to that day, not to the next one.
  const last = businessDay(deadline.getTime() - 1, endHour);
  const today = businessDay(now.getTime(), endHour);
  if (now.getTime() <= deadline.getTime()) {
    let n = 0;
    for (let d = today; d <= last; d++) if (isWorking(d, overrides)) n++;
    return n;
  }
  let over = 0;
  for (let d = last + 1; d <= today; d++) if (isWorking(d, overrides)) over++;
  return -over;
}

/** The Shanghai calendar year of an instant. */
export function shanghaiYear(instant: Date): number {
  return new Date(instant.getTime() + SHANGHAI).getUTCFullYear();
}
