/**
 * Pure rules of the delivery metrics (docs/metrics.md): the period, rates with their denominators, and the ranking
 * with ties and the minimum sample. No I/O; the counts come from metrics.repository.ts.
 */
import type { RateT } from '@zaitun/contracts';

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A period of whole Shanghai calendar days: [start, end) as instants, and its inclusive dates. */
export interface Period {
  from: string;
  to: string;
  /** 00:00 Asia/Shanghai of `from`. */
  start: Date;
  /** 00:00 Asia/Shanghai of the day after `to` (exclusive). */
  end: Date;
}

export type PeriodProblem = { path: '/from' | '/to'; reason: 'not_a_date' | 'reversed' | 'too_long'; message: string };

/** Epoch day of a real calendar date, or null (`2026-02-30`, `2026-13-01` and malformed text are not dates). */
export function epochDay(iso: string): number | null {
  const m = ISO_DATE.exec(iso);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(ms).toISOString().slice(0, 10) === iso ? ms / DAY_MS : null;
}

/** Shanghai midnight of an epoch day (fixed UTC+8: China has no daylight saving time). */
const shanghaiMidnight = (day: number) => new Date(day * DAY_MS - 8 * 3_600_000);

/**
 * Checks and resolves a period: both dates real, `from` ≤ `to`, and `to` before the same date `maxYears` later
 * (2025-01-01 … 2026-12-31 is two years; … 2027-01-01 is refused).
 */
export function parsePeriod(
  from: string,
  to: string,
  maxYears: number,
): { period: Period } | { problem: PeriodProblem } {
  const a = epochDay(from);
  if (a === null) return { problem: { path: '/from', reason: 'not_a_date', message: `not a calendar date: ${from}` } };
  const b = epochDay(to);
  if (b === null) return { problem: { path: '/to', reason: 'not_a_date', message: `not a calendar date: ${to}` } };
  if (b < a) return { problem: { path: '/to', reason: 'reversed', message: 'the period ends before it starts' } };
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const limit = Date.UTC(y + maxYears, m - 1, d) / DAY_MS; // 29 Feb rolls over to 1 Mar: still "maxYears later"
  if (b >= limit) {
    return { problem: { path: '/to', reason: 'too_long', message: `the period is longer than ${maxYears} years` } };
  }
  return { period: { from, to, start: shanghaiMidnight(a), end: shanghaiMidnight(b + 1) } };
}

/** The Shanghai calendar year as a period. */
export function yearPeriod(year: number): Period {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  return {
    from,
    to,
    start: shanghaiMidnight(epochDay(from) as number),
    end: shanghaiMidnight((epochDay(to) as number) + 1),
  };
}

/** numerator ÷ denominator, or null when nothing was counted. */
export function rate(numerator: number, denominator: number): RateT {
  if (!Number.isInteger(numerator) || !Number.isInteger(denominator) || numerator < 0 || numerator > denominator) {
    throw new RangeError(`rate: need 0 ≤ numerator ≤ denominator, got ${numerator}/${denominator}`);
  }
  return { numerator, denominator, rate: denominator === 0 ? null : numerator / denominator };
}

/**
 * Compares two rates exactly (cross-multiplied counts, so 2/3 and 4/6 tie); a missing rate (denominator 0) ranks
 * below every real one. Positive when `a` is better.
 */
export function compareRates(a: RateT, b: RateT): number {
  if (a.denominator === 0 || b.denominator === 0) return (a.denominator === 0 ? 0 : 1) - (b.denominator === 0 ? 0 : 1);
  return a.numerator * b.denominator - b.numerator * a.denominator;
}

/** Mean of a sum over a count, null when there is nothing to average. Rounded to 2 decimals (shown with 1). */
export function mean(sum: number, count: number): number | null {
  if (count === 0) return null;
  return Math.round((sum / count) * 100) / 100;
}

export interface Rankable {
  resolvedOnTime: RateT;
  satisfaction: RateT;
  overdueNow: number;
  /** The ranking sample: items closed in the period (the denominator of the on-time rate ranked on). */
  sample: number;
}

/** Better first: higher on-time resolving rate, then higher satisfaction, then fewer overdue items now. */
export function compareUnits(a: Rankable, b: Rankable): number {
  return (
    compareRates(b.resolvedOnTime, a.resolvedOnTime) ||
    compareRates(b.satisfaction, a.satisfaction) ||
    a.overdueNow - b.overdueNow
  );
}

/**
 * Ranks the units with at least `minSample` items (competition ranking: equal figures share a rank, the next rank
 * skips, 1, 2, 2, 4); the others are marked `tooFew`, get no rank and are listed after the ranked ones. The input
 * order (the unit tree's) is kept among equals.
 */
export function rankUnits<T extends Rankable>(
  rows: readonly T[],
  minSample: number,
): { rows: (T & { rank: number | null; tooFew: boolean })[]; rankedCount: number } {
  const ranked = rows.filter((r) => r.sample >= minSample).sort(compareUnits); // Array#sort is stable
  const unranked = rows.filter((r) => r.sample < minSample);
  const out: (T & { rank: number | null; tooFew: boolean })[] = [];
  ranked.forEach((r, i) => {
    const prev = out[i - 1];
    const rank = prev && compareUnits(ranked[i - 1] as T, r) === 0 ? (prev.rank as number) : i + 1;
    out.push({ ...r, rank, tooFew: false });
  });
  for (const r of unranked) out.push({ ...r, rank: null, tooFew: true });
  return { rows: out, rankedCount: ranked.length };
}
