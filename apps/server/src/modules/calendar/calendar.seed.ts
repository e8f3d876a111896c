import chineseDays from 'chinese-days';
import type { DayKind } from './calendar.domain';

export interface CalendarSeedRow {
  date: string;
  kind: DayKind;
  /** The Chinese holiday name, e.g. 国庆节. */
  name: string;
}

// The package has no "which years do you know" API, so we scan a range wide enough for its data (2004 on).
const SCAN_FIRST_YEAR = 2000;
const SCAN_LAST_YEAR = 2100;

/**
 * The official overrides known to the `chinese-days` package, as calendar rows.
 *
 * Only real overrides are produced: `holiday` for days off that fall Monday–Friday and `workday` for adjusted
 * working weekends (调休). Holiday days on a weekend are left out — they are off anyway.
 *
 * A year counts as covered when the package has its Spring Festival (春节) holiday: every annual State Council
 * notice has one and it never crosses a year boundary, so a notice that spills a day into a neighbouring year
 * cannot mark that year as covered. Outside its data the package treats every weekday as a working day (it calls
 * 2027-01-01 a working day), which is exactly what this rule keeps out.
 */
export function chineseDaysRows(): { rows: CalendarSeedRow[]; coveredYears: number[] } {
  const rows: CalendarSeedRow[] = [];
  const covered = new Set<number>();
  for (let ms = Date.UTC(SCAN_FIRST_YEAR, 0, 1); ms < Date.UTC(SCAN_LAST_YEAR + 1, 0, 1); ms += 86_400_000) {
    const day = new Date(ms);
    const date = day.toISOString().slice(0, 10);
    const detail = chineseDays.getDayDetail(date);
    // Data days are named like 'National Day,国庆节,3'; ordinary days just carry the weekday ('Friday').
    const name = detail.name.split(',')[1];
    if (name === undefined) continue;
    if (name === '春节' && !detail.work) covered.add(day.getUTCFullYear());
    const weekend = day.getUTCDay() === 0 || day.getUTCDay() === 6;
    if (weekend && detail.work) rows.push({ date, kind: 'workday', name });
    else if (!weekend && !detail.work) rows.push({ date, kind: 'holiday', name });
  }
  return { rows, coveredYears: [...covered].sort((a, b) => a - b) };
}
