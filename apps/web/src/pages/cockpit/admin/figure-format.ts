/**
 * Number helpers of the figure pages: values in the indicator's unit with its decimals, the YoY previewed beside an
 * input (the same formula as the server, docs/indicators.md), and which periods a unit can still report.
 */
import type { Locale } from '@zaitun/contracts';

/** `1,234.56 亿元`; `—` without a value. A `%` unit is written without a space. */
export function formatValue(value: number | null | undefined, decimals: number, unit: string, locale: Locale): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const text = new Intl.NumberFormat(locale, {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(value);
  if (!unit) return text;
  return unit === '%' ? `${text}%` : `${text} ${unit}`;
}

/**
 * YoY growth in percent: (current − base) / |base| × 100. No value (null) when either is missing or the base is 0 —
 * never 0 in their place.
 */
export function yoyPreview(current: number | null | undefined, base: number | null | undefined): number | null {
  if (current === null || current === undefined || base === null || base === undefined) return null;
  if (!Number.isFinite(current) || !Number.isFinite(base) || base === 0) return null;
  return ((current - base) / Math.abs(base)) * 100;
}

/** `+4.1%`, `−2.3%`, `—`: one decimal with its sign. */
export function formatPercent(value: number | null | undefined, decimals = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const rounded = Number(value.toFixed(decimals));
  const sign = rounded > 0 ? '+' : rounded < 0 ? '−' : '';
  return `${sign}${Math.abs(rounded).toFixed(decimals)}%`;
}

/** The reported YoY is flagged when it differs from the computed one by more than 0.1 point (either missing: not). */
export function yoyMismatch(reported: number | null | undefined, computed: number | null): boolean {
  if (reported === null || reported === undefined || computed === null) return false;
  return Math.abs(reported - computed) > 0.1 + 1e-9;
}

export interface Period {
  year: number;
  month: number;
}

/** The calendar date in Asia/Shanghai, as `YYYY-MM-DD`. */
export function shanghaiDate(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The last month that has ended (Asia/Shanghai): the default period of the entry form. */
export function lastEndedMonth(now: Date): Period {
  const today = shanghaiDate(now);
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 };
}

/** True for a month that has not ended yet (the server refuses its figures). */
export function isFuturePeriod(period: Period, now: Date): boolean {
  const today = shanghaiDate(now);
  return period.year * 12 + period.month >= Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7));
}

/**
 * The value typed in an input, as the body wants it: a number rounded to the indicator's decimals, or null for an
 * empty input.
 */
export function parseEntry(value: number | string | null | undefined, decimals: number): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return null;
  return Number(n.toFixed(decimals));
}
