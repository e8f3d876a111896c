/**
 * What the cockpit shows, computed on read: per indicator and unit one aggregate statement over two years of
 * figures (the unique key's index), then the pure formulas of indicators.domain.ts — growth, share, completion,
 * time progress, gap, light, rank, the composite league score. Everyone with `indicator.read` sees the city and the
 * full tables; drill-down to the source rows goes through the figures routes, which check scope.
 */
import type {
  CockpitSettingsT,
  IndicatorCellT,
  LeagueComponentT,
  LeagueT,
  RouteQuery,
  RouteResponse,
} from '@zaitun/contracts';
import { sql } from 'kysely';
import type { Db, DbOrTx } from '../../db/database';
import type { IndicatorRow } from '../../db/types';
import { DomainError, notFound } from '../../lib/errors';
import { isWorkingDay, shanghaiDate } from '../calendar/calendar.domain';
import { loadCalendar } from '../calendar/calendar.repository';
import { parsePeriod } from '../metrics/metrics.domain';
import { closedCounts, ratedCounts } from '../metrics/metrics.repository';
import { loadDispatchSettings } from '../settings/settings.repository';
import {
  completion,
  compositeScores,
  consistency,
  progressGap,
  rankValues,
  share,
  timeProgress,
  trafficLight,
  yoyGrowth,
  yoyMismatch,
} from './indicators.domain';
import { effectiveMonth, findIndicatorRow, listIndicatorRows, presentIndicator } from './indicators.repository';
import { loadCockpitSettings, resolvedTarget } from './indicators.service';

interface UnitLite {
  id: string;
  code: string;
  name_zh: string;
  name_en: string;
  division_code: string | null;
  type: string;
}

const unitRef = (u: UnitLite) => ({
  unitId: u.id,
  code: u.code,
  nameZh: u.name_zh,
  nameEn: u.name_en,
  divisionCode: u.division_code,
});

const summary = (i: IndicatorRow) => {
  const p = presentIndicator(i);
  return {
    id: p.id,
    code: p.code,
    nameZh: p.nameZh,
    nameEn: p.nameEn,
    measureUnit: p.measureUnit,
    frequency: p.frequency,
    kind: p.kind,
    direction: p.direction,
    decimals: p.decimals,
    additive: p.additive,
  };
};

async function unitsOfType(db: DbOrTx, types: readonly string[]): Promise<UnitLite[]> {
  return db
    .selectFrom('units')
    .select(['id', 'code', 'name_zh', 'name_en', 'division_code', 'type'])
    .where('type', 'in', types)
    .where('active', '=', true)
    .orderBy('sort_order')
    .orderBy('code')
    .execute();
}

/** The city (the headquarters unit: its figures are the city's) and the counties, in one read. */
async function cityAndCounties(db: DbOrTx): Promise<{ city: UnitLite | null; counties: UnitLite[] }> {
  const units = await unitsOfType(db, ['headquarters', 'county']);
  return {
    city: units.find((u) => u.type === 'headquarters') ?? null,
    counties: units.filter((u) => u.type === 'county'),
  };
}

/** The city: the headquarters unit (its figures are the city's). */
async function cityUnit(db: DbOrTx): Promise<UnitLite | null> {
  return (await unitsOfType(db, ['headquarters']))[0] ?? null;
}

/**
 * The latest (year, month), at or before (`capYear`, `capMonth`) when given, that at least half the counties have
 * reported up to — one county's early entry does not move the cockpit to a month nobody else has reported yet.
 * One index probe per county (the unit index), then the median in JS. Null when no county has figures.
 */
async function latestPeriod(
  db: DbOrTx,
  cap?: { year: number; month: number },
): Promise<{ year: number; month: number } | null> {
  const capYear = cap?.year ?? 2100;
  const capMonth = cap?.month ?? 12;
  const rows = await sql<{ ym: number | null }>`
    SELECT (SELECT f.year * 12 + f.month - 1 FROM indicator_figures f
             WHERE f.unit_id = c.id AND (f.year, f.month) <= (${capYear}, ${capMonth})
             ORDER BY f.year DESC, f.month DESC LIMIT 1) AS ym
      FROM units c WHERE c.type = 'county' AND c.active`.execute(db);
  const latest = rows.rows.map((r) => (r.ym === null ? -1 : Number(r.ym))).sort((x, y) => y - x);
  const median = latest[Math.ceil(latest.length / 2) - 1];
  if (median === undefined || median < 0) return null;
  return { year: Math.floor(median / 12), month: (median % 12) + 1 };
}

async function resolvePeriod(db: DbOrTx, query: { year?: number; month?: number }, now: Date) {
  if (query.year !== undefined && query.month !== undefined) return { year: query.year, month: query.month };
  const latest = await latestPeriod(db);
  const today = shanghaiDate(now);
  const fallback = latest ?? {
    year: Number(today.slice(0, 4)),
    month: Math.max(1, Number(today.slice(5, 7)) - 1),
  };
  const year = query.year ?? fallback.year;
  return { year, month: query.month ?? (year !== fallback.year ? 12 : fallback.month) };
}

/** 序时进度 of some months of a year (percent): elapsed months, or elapsed working days (the calendar, read once). */
async function progressByMonth(
  db: DbOrTx,
  settings: CockpitSettingsT,
  year: number,
  months: readonly number[],
): Promise<Map<number, number>> {
  if (settings.timeProgress === 'months') return new Map(months.map((m) => [m, timeProgress(m)]));
  const cal = await loadCalendar(db);
  const upTo = new Array<number>(13).fill(0);
  let total = 0;
  for (let d = Date.UTC(year, 0, 1); d < Date.UTC(year + 1, 0, 1); d += 86_400_000) {
    const iso = new Date(d).toISOString().slice(0, 10);
    if (!isWorkingDay(cal, iso)) continue;
    total += 1;
    const m = Number(iso.slice(5, 7));
    upTo[m] = (upTo[m] ?? 0) + 1;
  }
  return new Map(
    months.map((m) => [m, timeProgress(m, { elapsed: upTo.slice(1, m + 1).reduce((a, b) => a + b, 0), total })]),
  );
}

async function timeProgressOf(db: DbOrTx, settings: CockpitSettingsT, year: number, month: number): Promise<number> {
  return (await progressByMonth(db, settings, year, [month])).get(month) as number;
}

interface Aggregate {
  indicator_id: string;
  unit_id: string;
  cur: number | null;
  base: number | null;
  cur_sum: number | null;
  cur_n: number;
  base_sum: number | null;
  base_n: number;
  last_dec: number | null;
  last_sum: number | null;
  last_n: number;
  cur_id: string | null;
  cur_yoy: number | null;
  cur_state: string | null;
  cur_conflict: boolean | null;
}

/**
 * One statement for every (indicator, unit): the figure of the period, the same period last year, the sums from
 * January (period indicators), and last year's annual figure (growth targets). `months` is each indicator's own
 * latest reporting month at or before the asked one (quarterly: the quarter's end).
 */
async function aggregates(
  db: DbOrTx,
  year: number,
  months: ReadonlyMap<string, number>,
  unitIds: readonly string[],
): Promise<Map<string, Aggregate>> {
  const ids = [...months.keys()];
  if (ids.length === 0 || unitIds.length === 0) return new Map();
  const rows = await sql<Aggregate>`
    SELECT f.indicator_id, f.unit_id,
           max(f.value) FILTER (WHERE f.year = ${year} AND f.month = p.month) AS cur,
           max(f.value) FILTER (WHERE f.year = ${year - 1} AND f.month = p.month) AS base,
           sum(f.value) FILTER (WHERE f.year = ${year} AND f.month <= p.month) AS cur_sum,
           count(*) FILTER (WHERE f.year = ${year} AND f.month <= p.month)::int AS cur_n,
           sum(f.value) FILTER (WHERE f.year = ${year - 1} AND f.month <= p.month) AS base_sum,
           count(*) FILTER (WHERE f.year = ${year - 1} AND f.month <= p.month)::int AS base_n,
           max(f.value) FILTER (WHERE f.year = ${year - 1} AND f.month = 12) AS last_dec,
           sum(f.value) FILTER (WHERE f.year = ${year - 1}) AS last_sum,
           count(*) FILTER (WHERE f.year = ${year - 1})::int AS last_n,
           (array_agg(f.id::text) FILTER (WHERE f.year = ${year} AND f.month = p.month))[1] AS cur_id,
           max(f.reported_yoy) FILTER (WHERE f.year = ${year} AND f.month = p.month) AS cur_yoy,
           max(f.state) FILTER (WHERE f.year = ${year} AND f.month = p.month) AS cur_state,
           bool_or(f.conflict_value IS NOT NULL) FILTER (WHERE f.year = ${year} AND f.month = p.month) AS cur_conflict
      FROM unnest(${ids}::uuid[], ${ids.map((id) => months.get(id))}::int[]) AS p(indicator_id, month)
      JOIN indicator_figures f ON f.indicator_id = p.indicator_id AND f.year IN (${year}, ${year - 1})
     WHERE f.unit_id = ANY(${unitIds}::uuid[])
     GROUP BY f.indicator_id, f.unit_id`.execute(db);
  return new Map(rows.rows.map((r) => [`${r.indicator_id}|${r.unit_id}`, r]));
}

async function targetsOf(db: DbOrTx, year: number, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, { kind: string; value: number }>();
  const rows = await db
    .selectFrom('indicator_targets')
    .select(['indicator_id', 'unit_id', 'kind', 'value'])
    .where('year', '=', year)
    .where('indicator_id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [`${r.indicator_id}|${r.unit_id}`, r]));
}

const emptyCell = (): IndicatorCellT => ({
  figureId: null,
  value: null,
  baseValue: null,
  yoy: null,
  reportedYoy: null,
  yoyMismatch: false,
  share: null,
  targetValue: null,
  completion: null,
  gap: null,
  light: null,
  rank: null,
  state: null,
  conflict: false,
});

/** One indicator's cell for one unit from its aggregate and target (share and rank are filled in by the caller). */
function cellOf(
  ind: IndicatorRow,
  month: number,
  a: Aggregate | undefined,
  target: { kind: string; value: number } | undefined,
  progress: number,
  yellowBand: number,
): IndicatorCellT {
  if (!a) {
    const cell = emptyCell();
    cell.targetValue = target ? resolvedTarget(target.kind, target.value, null) : null;
    return cell;
  }
  const periods = ind.frequency === 'quarterly' ? month / 3 : ind.frequency === 'annual' ? 1 : month;
  const yearPeriods = ind.frequency === 'quarterly' ? 4 : ind.frequency === 'annual' ? 1 : 12;
  const isPeriod = ind.kind === 'period';
  // A period indicator is shown and compared year-to-date (the sum from January, when no month is missing).
  const value = isPeriod ? (a.cur_n === periods ? a.cur_sum : null) : a.cur;
  const base = isPeriod ? (a.base_n === periods ? a.base_sum : null) : a.base;
  const lastAnnual = isPeriod ? (a.last_n === yearPeriods ? a.last_sum : null) : a.last_dec;
  const targetVal = target ? resolvedTarget(target.kind, target.value, lastAnnual) : null;
  const comp = completion(value, targetVal);
  const gap = progressGap(comp, progress);
  return {
    figureId: a.cur_id,
    value,
    baseValue: base,
    yoy: yoyGrowth(value, base),
    reportedYoy: a.cur_yoy,
    yoyMismatch: yoyMismatch(yoyGrowth(a.cur, a.base), a.cur_yoy),
    share: null,
    targetValue: targetVal,
    completion: comp,
    gap,
    light: trafficLight(gap, ind.direction as 'higher' | 'lower', yellowBand),
    rank: null,
    state: (a.cur_state as IndicatorCellT['state']) ?? null,
    conflict: a.cur_conflict ?? false,
  };
}

interface Context {
  settings: CockpitSettingsT;
  year: number;
  month: number;
  indicators: IndicatorRow[];
  months: Map<string, number>;
  progress: Map<string, number>;
  aggs: Map<string, Aggregate>;
  targets: Map<string, { kind: string; value: number }>;
}

async function loadContext(
  db: DbOrTx,
  settings: CockpitSettingsT,
  year: number,
  month: number,
  indicators: IndicatorRow[],
  unitIds: readonly string[],
): Promise<Context> {
  const months = new Map<string, number>();
  for (const i of indicators) {
    const m = effectiveMonth(i.frequency, month);
    if (m !== null) months.set(i.id, m);
  }
  const [byMonth, aggs, targets] = await Promise.all([
    progressByMonth(db, settings, year, [...new Set(months.values())]),
    aggregates(db, year, months, unitIds),
    targetsOf(db, year, [...months.keys()]),
  ]);
  const progress = new Map<string, number>();
  for (const [id, m] of months) progress.set(id, byMonth.get(m) as number);
  return { settings, year, month, indicators, months, progress, aggs, targets };
}

function cellFor(c: Context, ind: IndicatorRow, unitId: string): IndicatorCellT {
  const m = c.months.get(ind.id);
  if (m === undefined) return emptyCell();
  const key = `${ind.id}|${unitId}`;
  return cellOf(ind, m, c.aggs.get(key), c.targets.get(key), c.progress.get(ind.id) ?? 0, c.settings.yellowBand);
}

function consistencyOf(c: Context, ind: IndicatorRow, city: IndicatorCellT, counties: readonly IndicatorCellT[]) {
  if (!ind.additive) return null;
  const r = consistency(
    city.value,
    counties.map((x) => x.value),
    c.settings.consistencyTolerance,
  );
  return {
    city: city.value,
    sumOfCounties: r.sum,
    difference: r.difference,
    ok: !r.flagged,
    missingUnitIds: [] as string[],
  };
}

// ── Routes ───────────────────────────────────────────────────────────────────────────────────────────────────────

export async function getCockpit(
  db: Db,
  query: RouteQuery<'getCockpit'>,
  now: Date,
): Promise<RouteResponse<'getCockpit'>> {
  const [{ year, month }, latest, all, { city, counties }, { settings: cockpitSettings }] = await Promise.all([
    resolvePeriod(db, query, now),
    latestPeriod(db),
    listIndicatorRows(db),
    cityAndCounties(db),
    loadCockpitSettings(db),
  ]);
  const indicators = all.filter((i) => i.active);
  const unitIds = [...(city ? [city.id] : []), ...counties.map((u) => u.id)];
  const [c, dispatch] = await Promise.all([
    loadContext(db, cockpitSettings, year, month, indicators, unitIds),
    dispatchTiles(db, year, now),
  ]);
  const { settings } = c;
  const headline = indicators.map((ind) => {
    const cityCell = city ? cellFor(c, ind, city.id) : emptyCell();
    const countyCells = counties.map((u) => cellFor(c, ind, u.id));
    const cons = consistencyOf(c, ind, cityCell, countyCells);
    if (cons) cons.missingUnitIds = counties.filter((_, n) => countyCells[n]?.value == null).map((u) => u.id);
    return { indicator: summary(ind), city: cityCell, consistency: cons };
  });
  const conflicts = await db
    .selectFrom('indicator_figures')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('year', '=', year)
    .where('month', '=', month)
    .where('conflict_value', 'is not', null)
    .executeTakeFirstOrThrow();
  return {
    year,
    month,
    latest,
    timeProgress: await timeProgressOf(db, settings, year, month),
    timeProgressMode: settings.timeProgress,
    headline,
    dispatch,
    conflicts: Number(conflicts.n),
    computedAt: now.toISOString(),
  };
}

async function dispatchTiles(db: DbOrTx, year: number, now: Date) {
  const open = await sql<{ open: number; red: number }>`
    SELECT count(*)::int AS open, count(*) FILTER (WHERE light_notified = 'red' OR deadline < ${now})::int AS red
      FROM items WHERE state IN ('assigned', 'in_progress')`.execute(db);
  const p = parsePeriod(`${year}-01-01`, `${year}-12-31`, 2);
  let onTimeRate: number | null = null;
  if ('period' in p) {
    const { settings } = await loadDispatchSettings(db);
    const closed = await closedCounts(db, p.period, settings.endHour);
    const resolved = closed.reduce((s, r) => s + r.resolved, 0);
    const onTime = closed.reduce((s, r) => s + r.on_time, 0);
    onTimeRate = resolved > 0 ? (onTime / resolved) * 100 : null;
  }
  return { open: open.rows[0]?.open ?? 0, red: open.rows[0]?.red ?? 0, onTimeRate };
}

export async function getIndicatorTable(
  db: Db,
  query: RouteQuery<'getIndicatorTable'>,
  now: Date,
): Promise<RouteResponse<'getIndicatorTable'>> {
  const [ind, { year, month }, { city, counties }, { settings }] = await Promise.all([
    findIndicatorRow(db, query.indicatorId),
    resolvePeriod(db, query, now),
    cityAndCounties(db),
    loadCockpitSettings(db),
  ]);
  if (!ind) throw notFound();
  const unitIds = [...(city ? [city.id] : []), ...counties.map((u) => u.id)];
  const c = await loadContext(db, settings, year, month, [ind], unitIds);
  const cityCell = city ? cellFor(c, ind, city.id) : emptyCell();
  const cells = counties.map((u) => cellFor(c, ind, u.id));
  const ranks = rankValues(
    cells.map((cell, n) => ({ key: n, value: cell.value })),
    ind.direction as 'higher' | 'lower',
  );
  for (const r of ranks) {
    const cell = cells[r.key];
    if (!cell) continue;
    cell.rank = r.rank;
    if (ind.additive) cell.share = share(cell.value, cityCell.value);
  }
  const cons = consistencyOf(c, ind, cityCell, cells);
  if (cons) cons.missingUnitIds = counties.filter((_, n) => cells[n]?.value == null).map((u) => u.id);
  return {
    indicator: summary(ind),
    year,
    month: c.months.get(ind.id) ?? month,
    timeProgress: c.progress.get(ind.id) ?? (await timeProgressOf(db, c.settings, year, month)),
    city: cityCell,
    consistency: cons,
    rows: counties.map((u, n) => ({ unit: unitRef(u), cell: cells[n] ?? emptyCell() })),
  };
}

const METRIC_LABELS: Record<string, { zh: string; en: string }> = {
  on_time_rate: { zh: '按时办结率', en: 'Resolved on time' },
  satisfaction: { zh: '满意率', en: 'Satisfaction' },
  resolved_rate: { zh: '办结数', en: 'Items resolved' },
};
const MEASURE_LABELS: Record<string, { zh: string; en: string }> = {
  completion: { zh: '完成率', en: 'completion' },
  growth: { zh: '增速', en: 'growth' },
  value: { zh: '总量', en: 'value' },
};

/** Dispatch delivery figures per unit from January to the end of the month (docs/metrics.md). */
async function deliveryMetrics(db: DbOrTx, year: number, month: number, now: Date) {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const to = `${year}-${String(month).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
  const today = shanghaiDate(now);
  const p = parsePeriod(`${year}-01-01`, to < today ? to : today < `${year}-01-01` ? `${year}-01-01` : today, 2);
  if (!('period' in p)) throw new DomainError('VALIDATION_FAILED', [{ path: '/month', message: p.problem.message }]);
  const { settings } = await loadDispatchSettings(db);
  const [closed, rated] = await Promise.all([closedCounts(db, p.period, settings.endHour), ratedCounts(db, p.period)]);
  const out = new Map<string, Record<string, number | null>>();
  const min = settings.minItemsForRanking;
  for (const r of closed) {
    out.set(r.unit_id, {
      on_time_rate: r.resolved >= min && r.resolved > 0 ? (r.on_time / r.resolved) * 100 : null,
      resolved_rate: r.resolved,
      satisfaction: null,
    });
  }
  for (const r of rated) {
    const row = out.get(r.unit_id) ?? { on_time_rate: null, resolved_rate: 0, satisfaction: null };
    row.satisfaction = r.rated > 0 ? (r.satisfied / r.rated) * 100 : null;
    out.set(r.unit_id, row);
  }
  return out;
}

/**
 * The league table (争先榜): each configured component ranks the units (an indicator's completion, growth or value;
 * a delivery metric), ranks become 0–100 scores, the weighted mean over the components a unit has is its score.
 */
export async function getLeague(db: Db, query: RouteQuery<'getLeague'>, now: Date): Promise<LeagueT> {
  const board = query.board ?? 'county';
  const [{ year, month }, { settings }, all, units] = await Promise.all([
    resolvePeriod(db, query, now),
    loadCockpitSettings(db),
    listIndicatorRows(db),
    unitsOfType(db, [board]),
  ]);
  const comps: LeagueComponentT[] = settings.leagues[board];
  const byCode = new Map(all.map((i) => [i.code, i]));
  const usedIndicators = [
    ...new Set(comps.flatMap((x) => (x.kind === 'indicator' && byCode.has(x.indicator) ? [x.indicator] : []))),
  ].map((code) => byCode.get(code) as IndicatorRow);
  const [c, metrics] = await Promise.all([
    loadContext(
      db,
      settings,
      year,
      month,
      usedIndicators,
      units.map((u) => u.id),
    ),
    comps.some((x) => x.kind === 'metric')
      ? deliveryMetrics(db, year, month, now)
      : Promise.resolve(new Map<string, Record<string, number | null>>()),
  ]);
  const columns: LeagueT['columns'] = [];
  const colValues: { value: number | null; light: IndicatorCellT['light']; figureId: string | null }[][] = [];
  const directions: ('higher' | 'lower')[] = [];
  for (const comp of comps) {
    if (comp.kind === 'indicator') {
      const ind = byCode.get(comp.indicator);
      if (!ind) continue;
      const label = MEASURE_LABELS[comp.measure] ?? { zh: comp.measure, en: comp.measure };
      columns.push({
        key: `${ind.code}.${comp.measure}`,
        kind: 'indicator',
        indicatorId: ind.id,
        measure: comp.measure,
        labelZh: `${ind.name_zh}${label.zh}`,
        labelEn: `${ind.name_en} (${label.en})`,
        unit: comp.measure === 'value' ? ind.measure_unit : '%',
        decimals: comp.measure === 'value' ? ind.decimals : 1,
        weight: comp.weight,
      });
      directions.push(comp.measure === 'value' || comp.measure === 'growth' ? (ind.direction as 'higher') : 'higher');
      colValues.push(
        units.map((u) => {
          const cell = cellFor(c, ind, u.id);
          const value =
            comp.measure === 'completion' ? cell.completion : comp.measure === 'growth' ? cell.yoy : cell.value;
          return { value, light: comp.measure === 'completion' ? cell.light : null, figureId: cell.figureId };
        }),
      );
    } else {
      const label = METRIC_LABELS[comp.metric] ?? { zh: comp.metric, en: comp.metric };
      columns.push({
        key: `dispatch.${comp.metric}`,
        kind: 'metric',
        indicatorId: null,
        measure: comp.metric,
        labelZh: label.zh,
        labelEn: label.en,
        unit: comp.metric === 'resolved_rate' ? '件' : '%',
        decimals: comp.metric === 'resolved_rate' ? 0 : 1,
        weight: comp.weight,
      });
      directions.push('higher');
      colValues.push(
        units.map((u) => ({ value: metrics.get(u.id)?.[comp.metric] ?? null, light: null, figureId: null })),
      );
    }
  }
  const scored = compositeScores(
    units.map((_, n) => n),
    columns.map((col, k) => ({
      code: col.key,
      weight: col.weight,
      direction: directions[k] ?? 'higher',
      values: (colValues[k] ?? []).map((v, n) => ({ key: n, value: v.value })),
    })),
  );
  const colRanks = colValues.map(
    (vals, k) =>
      new Map(
        rankValues(
          vals.map((v, n) => ({ key: n, value: v.value })),
          directions[k] ?? 'higher',
        ).map((r) => [r.key, r.rank]),
      ),
  );
  return {
    board,
    year,
    month,
    timeProgress: await timeProgressOf(db, settings, year, month),
    columns,
    rows: scored.map((s) => {
      const u = units[s.key] as UnitLite;
      return {
        unit: unitRef(u),
        rank: s.rank,
        score: s.score === null ? null : Math.round(s.score * 10) / 10,
        cells: colValues.map((vals, k) => {
          const v = vals[s.key] ?? { value: null, light: null, figureId: null };
          return { ...v, rank: colRanks[k]?.get(s.key) ?? null };
        }),
      };
    }),
  };
}

export async function getTrend(db: Db, query: RouteQuery<'getTrend'>, now: Date): Promise<RouteResponse<'getTrend'>> {
  const ind = await findIndicatorRow(db, query.indicatorId);
  if (!ind) throw notFound();
  const unit = query.unitId
    ? await db
        .selectFrom('units')
        .select(['id', 'code', 'name_zh', 'name_en', 'division_code', 'type'])
        .where('id', '=', query.unitId)
        .executeTakeFirst()
    : await cityUnit(db);
  if (!unit) throw notFound();
  const { year } = await resolvePeriod(db, { year: query.year }, now);
  const rows = await db
    .selectFrom('indicator_figures')
    .select(['id', 'year', 'month', 'value'])
    .where('indicator_id', '=', ind.id)
    .where('unit_id', '=', unit.id)
    .where('year', 'in', [year - 2, year - 1, year])
    .execute();
  const at = new Map(rows.map((r) => [`${r.year}-${r.month}`, r]));
  const valueAt = (y: number, m: number) => at.get(`${y}-${m}`)?.value ?? null;
  const periodAt = (y: number, m: number): number | null => {
    const v = valueAt(y, m);
    if (ind.kind !== 'ytd_cumulative') return ind.kind === 'period' ? v : null;
    if (m === 1) return v;
    const prev = valueAt(y, m - 1);
    return v === null || prev === null ? null : v - prev;
  };
  const points = [year - 1, year].flatMap((y) =>
    Array.from({ length: 12 }, (_, k) => k + 1)
      .filter((m) => effectiveMonth(ind.frequency, m) === m)
      .map((m) => ({
        year: y,
        month: m,
        value: valueAt(y, m),
        periodValue: periodAt(y, m),
        yoy: yoyGrowth(valueAt(y, m), valueAt(y - 1, m)),
        figureId: at.get(`${y}-${m}`)?.id ?? null,
      })),
  );
  return { indicator: summary(ind), unit: unitRef(unit), points };
}

/**
 * The county league table as a bulletin carries it: for the latest month the counties have reported at or before
 * `date`'s month (a month's figures come out weeks after it ends), or null when there is none.
 */
export async function leagueAsOf(db: DbOrTx, date: string, now: Date): Promise<LeagueT | null> {
  const period = await latestPeriod(db, { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)) });
  if (!period) return null;
  const league = await getLeague(db as Db, { board: 'county', ...period }, now);
  return league.rows.length && league.columns.length ? league : null;
}
