/**
 * Between the stored calendar (one row per override day) and the editor (date ranges as the State Council notice
 * writes them: "10月1日至8日放假调休，共8天"). Pure, dates as `YYYY-MM-DD`.
 */
import type { CalendarDayT } from '@zaitun/contracts';

export type DayKind = CalendarDayT['kind'];

export interface DayRange {
  kind: DayKind;
  /** Inclusive. */
  from: string;
  to: string;
  name: string;
}

const DAY_MS = 86_400_000;
const toMs = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const toIso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const isWeekend = (iso: string) => {
  const d = new Date(toMs(iso)).getUTCDay();
  return d === 0 || d === 6;
};

/** Every date of a range, inclusive. */
export function datesOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let ms = toMs(from); ms <= toMs(to); ms += DAY_MS) out.push(toIso(ms));
  return out;
}

/**
 * The rows a range stands for. Days off on a weekend are off anyway, so they are not stored (like the built-in
 * data); a make-up working day is stored whatever the weekday.
 */
export function expandRange(range: DayRange): CalendarDayT[] {
  return datesOf(range.from, range.to)
    .filter((date) => range.kind === 'workday' || !isWeekend(date))
    .map((date) => ({ date, kind: range.kind, name: range.name.trim() }));
}

/**
 * Stored days back into ranges: consecutive days of the same kind and name form one range; days off separated
 * only by a weekend are one range too (the weekend belongs to the holiday).
 */
export function toRanges(days: readonly CalendarDayT[]): DayRange[] {
  const sorted = [...days].sort((a, b) => a.date.localeCompare(b.date));
  const ranges: DayRange[] = [];
  for (const day of sorted) {
    const last = ranges[ranges.length - 1];
    if (last && last.kind === day.kind && last.name === day.name) {
      const between = datesOf(last.to, day.date).slice(1, -1);
      const joins = between.length === 0 || (day.kind === 'holiday' && between.every(isWeekend));
      if (joins) {
        last.to = day.date;
        continue;
      }
    }
    ranges.push({ kind: day.kind, from: day.date, to: day.date, name: day.name });
  }
  return ranges;
}

/** Dates that two ranges both cover. */
export function overlaps(ranges: readonly DayRange[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const r of ranges) {
    for (const date of datesOf(r.from, r.to)) {
      if (seen.has(date)) twice.add(date);
      seen.add(date);
    }
  }
  return [...twice].sort();
}

/** The rows of all ranges, sorted by date. */
export function expandAll(ranges: readonly DayRange[]): CalendarDayT[] {
  return ranges.flatMap(expandRange).sort((a, b) => a.date.localeCompare(b.date));
}
