/**
 * Pure computations of the cockpit (一看, docs/indicators.md): year-on-year growth and its check against the
 * source's own figure, period ↔ year-to-date conversion, shares, annual targets and their completion, time progress
 * (序时进度) and the gap to it, the traffic light, ranks among counties, the composite score of the league table
 * (争先榜) and the city-versus-counties consistency check. No I/O: the figures come from the repository.
 *
 * Conventions: values are in the indicator's own measure unit (亿元, 家, % …); growth rates, shares, completion and
 * time progress are **percentages** (4.1 means 4.1 %), gaps are **percentage points**; `null` means "cannot be
 * computed" (a missing figure, a zero base) and is shown as "—", never as 0.
 */

export type IndicatorKind = 'ytd_cumulative' | 'period' | 'stock';
export type Direction = 'higher' | 'lower';
export type Light = 'green' | 'yellow' | 'red';

/** A month of a year, 1–12. */
export type Month = number;

/**
 * Year-on-year growth in percent: (current − base) / |base| × 100. A zero or missing base, or a missing current
 * value, gives null (growth on nothing is undefined, not infinite). The absolute base keeps the sign meaningful
 * for indicators that can be negative: from −10 to −5 is +50 %.
 */
export function yoyGrowth(current: number | null | undefined, base: number | null | undefined): number | null {
  if (current == null || base == null || base === 0) return null;
  return ((current - base) / Math.abs(base)) * 100;
}

/** The source's own YoY figure differs from the computed one by more than `tolerancePts` percentage points. */
export function yoyMismatch(computed: number | null, reported: number | null | undefined, tolerancePts = 0.1): boolean {
  if (computed == null || reported == null) return false;
  // A rounding margin: sources print one decimal, so 4.15 vs 4.1 is 0.05 apart, not a mismatch.
  return Math.abs(computed - reported) > tolerancePts + 1e-9;
}

/**
 * Monthly (当期) values from a year's year-to-date (累计) series, index 0 = January. January's period value is its
 * cumulative value (no previous month is needed); a month whose own or previous cumulative is missing is null.
 */
export function periodFromCumulative(cumulative: readonly (number | null)[]): (number | null)[] {
  return cumulative.map((c, i) => {
    if (c == null) return null;
    if (i === 0) return c;
    const prev = cumulative[i - 1];
    return prev == null ? null : c - prev;
  });
}

/** Year-to-date values from a year's monthly values, index 0 = January; after a missing month everything is null. */
export function cumulativeFromPeriod(period: readonly (number | null)[]): (number | null)[] {
  let sum: number | null = 0;
  return period.map((v) => {
    sum = sum == null || v == null ? null : sum + v;
    return sum;
  });
}

/** Which conversions an indicator's kind allows: a stock (存量, e.g. enterprises) has no meaningful sum. */
export function convertible(kind: IndicatorKind): { toPeriod: boolean; toCumulative: boolean } {
  return { toPeriod: kind === 'ytd_cumulative', toCumulative: kind === 'period' };
}

/** `part` as a percentage of `total`; null without both or with a zero total. */
export function share(part: number | null | undefined, total: number | null | undefined): number | null {
  if (part == null || total == null || total === 0) return null;
  return (part / total) * 100;
}

/** An annual target: an absolute value, or a growth rate (percent) over the previous year's annual figure. */
export type Target = { kind: 'value'; value: number } | { kind: 'growth'; rate: number };

/** The target as a value for the year; a growth target needs last year's annual figure (else null). */
export function targetValue(target: Target, previousYearAnnual: number | null | undefined): number | null {
  if (target.kind === 'value') return target.value;
  if (previousYearAnnual == null) return null;
  return previousYearAnnual * (1 + target.rate / 100);
}

/**
 * Completion of the annual target, in percent of the target value: the year-to-date figure against it. For a
 * lower-is-better indicator (a ceiling) completion is still actual / target; the light reads it the other way.
 * A zero, negative or missing target gives null.
 */
export function completion(actualYtd: number | null | undefined, target: number | null | undefined): number | null {
  if (actualYtd == null || target == null || target <= 0) return null;
  return (actualYtd / target) * 100;
}

/**
 * Time progress (序时进度) in percent after the data month `month` (1–12): the months elapsed over 12 by default,
 * or — `workingDays` given — the working days up to the end of that month over the year's working days.
 */
export function timeProgress(month: Month, workingDays?: { elapsed: number; total: number }): number {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`month must be 1–12, got ${month}`);
  if (workingDays) {
    if (workingDays.total <= 0) throw new RangeError('a year has working days');
    return (Math.min(workingDays.elapsed, workingDays.total) / workingDays.total) * 100;
  }
  return (month / 12) * 100;
}

/** Completion minus time progress, in percentage points (positive: ahead of time). */
export function progressGap(completionPct: number | null, timeProgressPct: number): number | null {
  return completionPct == null ? null : completionPct - timeProgressPct;
}

/**
 * The light against time progress: green when on or ahead of time, yellow when behind by less than
 * `yellowBandPts` points, red beyond. For a lower-is-better indicator (a ceiling) being ahead is the bad side.
 */
export function trafficLight(gapPts: number | null, direction: Direction, yellowBandPts = 5): Light | null {
  if (gapPts == null) return null;
  const behind = direction === 'higher' ? -gapPts : gapPts;
  if (behind <= 1e-9) return 'green';
  return behind < yellowBandPts ? 'yellow' : 'red';
}

/** The light of a growth figure against a growth target (points behind the target rate). */
export function growthLight(growthPct: number | null, targetRatePct: number, direction: Direction, yellowBandPts = 2) {
  return trafficLight(growthPct == null ? null : growthPct - targetRatePct, direction, yellowBandPts);
}

export interface RankEntry<K> {
  key: K;
  value: number | null;
  /** False when the unit does not meet the minimum-sample rule (e.g. a base too small for its growth to mean much). */
  eligible?: boolean;
}

/**
 * Ranks by value in the indicator's direction with ties sharing a rank (1, 2, 2, 4). Entries without a value or
 * not eligible get no rank and come last, in their given order. Values equal within `epsilon` tie (figures
 * published to a fixed number of decimals compare as printed).
 */
export function rankValues<K>(
  entries: readonly RankEntry<K>[],
  direction: Direction,
  epsilon = 1e-9,
): { key: K; value: number | null; rank: number | null }[] {
  const ranked = entries
    .filter((e): e is RankEntry<K> & { value: number } => e.value != null && e.eligible !== false)
    .sort((a, b) => (direction === 'higher' ? b.value - a.value : a.value - b.value));
  const out: { key: K; value: number | null; rank: number | null }[] = [];
  ranked.forEach((e, i) => {
    const prev = ranked[i - 1];
    const prevOut = out[i - 1];
    const rank = prev && prevOut && Math.abs(prev.value - e.value) <= epsilon ? (prevOut.rank as number) : i + 1;
    out.push({ key: e.key, value: e.value, rank });
  });
  for (const e of entries)
    if (e.value == null || e.eligible === false) out.push({ key: e.key, value: e.value, rank: null });
  return out;
}

/**
 * A rank as a 0–100 score: the best 100, the worst 0, evenly between (ties share the score of their rank);
 * a single ranked unit scores 100.
 */
export function rankScore(rank: number, rankedCount: number): number {
  if (rankedCount <= 1) return 100;
  return ((rankedCount - rank) / (rankedCount - 1)) * 100;
}

export interface ScoreComponent<K> {
  /** An indicator code, or a dispatch delivery metric (`dispatch.on_time`, …). */
  code: string;
  weight: number;
  direction: Direction;
  values: readonly RankEntry<K>[];
}

/**
 * The composite score of the league table (争先榜): each component ranks the units (rankValues) and scores them by
 * rank (rankScore); a unit's score is the weighted mean of its components' scores over the components it has a
 * rank in (the weights of the others are left out, so a missing figure neither helps nor zeroes a unit); units then
 * rank by score (ties share). Weights must be positive. Rank scores rather than raw values, so that 亿元 and %
 * components mix and one outlier does not flatten the rest — the usual 按排名赋分 of such tables.
 */
export function compositeScores<K>(keys: readonly K[], components: readonly ScoreComponent<K>[]) {
  for (const c of components) {
    if (!(c.weight > 0)) throw new RangeError(`weight of ${c.code} must be positive, got ${c.weight}`);
  }
  const parts = new Map<K, { code: string; rank: number; score: number; weight: number }[]>(keys.map((k) => [k, []]));
  for (const c of components) {
    const ranked = rankValues(c.values, c.direction);
    const count = ranked.filter((r) => r.rank != null).length;
    for (const r of ranked) {
      if (r.rank == null) continue;
      parts.get(r.key)?.push({ code: c.code, rank: r.rank, score: rankScore(r.rank, count), weight: c.weight });
    }
  }
  const scored = keys.map((key) => {
    const p = parts.get(key) ?? [];
    const weight = p.reduce((s, x) => s + x.weight, 0);
    const score = weight > 0 ? p.reduce((s, x) => s + x.score * x.weight, 0) / weight : null;
    return { key, score, components: p };
  });
  const ranks = rankValues(
    scored.map((s) => ({ key: s.key, value: s.score === null ? null : Math.round(s.score * 1e6) / 1e6 })),
    'higher',
  );
  const rankOf = new Map(ranks.map((r) => [r.key, r.rank]));
  return scored
    .map((s) => ({ ...s, rank: rankOf.get(s.key) ?? null }))
    .sort((a, b) => (a.rank ?? Number.POSITIVE_INFINITY) - (b.rank ?? Number.POSITIVE_INFINITY));
}

/**
 * Consistency of an additive indicator: the city's figure against the sum of the counties'. Flagged when they
 * differ by more than `tolerancePct` percent of the city figure (rounding in the sources: 0.5 % by default), or
 * when counties are missing (the sum is then incomplete, shown as such rather than compared).
 */
export function consistency(
  city: number | null | undefined,
  counties: readonly (number | null | undefined)[],
  tolerancePct = 0.5,
): { sum: number; difference: number | null; differencePct: number | null; missing: number; flagged: boolean } {
  const present = counties.filter((v): v is number => v != null);
  const sum = present.reduce((s, v) => s + v, 0);
  const missing = counties.length - present.length;
  if (city == null) return { sum, difference: null, differencePct: null, missing, flagged: false };
  const difference = sum - city;
  const differencePct = city === 0 ? (difference === 0 ? 0 : null) : (difference / Math.abs(city)) * 100;
  const flagged = missing > 0 || differencePct == null || Math.abs(differencePct) > tolerancePct + 1e-9;
  return { sum, difference, differencePct, missing, flagged };
}
