/**
 * Delivery metrics per unit and the year's totals. Read-only: counts from the repository, rates and ranking from the
 * domain. Who sees what (docs/metrics.md): HQ and leaders everything; a unit sees the whole table as well — the
 * ranking is what a bulletin (通报) publishes to every unit — with its own row marked.
 */
import {
  MAX_METRICS_PERIOD_YEARS,
  type RouteQuery,
  type UnitMetricsRowT,
  type UnitMetricsT,
  type UnitType,
  type YearTotalsT,
} from '@zaitun/contracts';
import type { DbOrTx } from '../../db/database';
import type { AuthedContext } from '../../http/context';
import { DomainError } from '../../lib/errors';
import { loadDispatchSettings } from '../settings/settings.repository';
import { mean, type Period, parsePeriod, rankUnits, rate, yearPeriod } from './metrics.domain';
import {
  closedCounts,
  listMetricsUnits,
  overdueCounts,
  ratedCounts,
  receivedCounts,
  signedCounts,
  yearTotals as yearTotalsSql,
} from './metrics.repository';

/** The period of a request, or a 400 naming the field and the reason. */
export function periodOf(query: { from: string; to: string }): Period {
  const r = parsePeriod(query.from, query.to, MAX_METRICS_PERIOD_YEARS);
  if ('problem' in r) {
    const { path, reason, message } = r.problem;
    throw new DomainError('VALIDATION_FAILED', [{ in: 'querystring', path, keyword: reason, message }]);
  }
  return r.period;
}

const byUnit = <T extends { unit_id: string }>(rows: readonly T[]) => new Map(rows.map((r) => [r.unit_id, r]));

export async function unitMetrics(
  db: DbOrTx,
  ctx: AuthedContext,
  query: RouteQuery<'unitMetrics'>,
  now: Date,
): Promise<UnitMetricsT> {
  const period = periodOf(query);
  const { settings } = await loadDispatchSettings(db);
  const [received, signed, closed, rated, overdue] = await Promise.all([
    receivedCounts(db, period),
    signedCounts(db, period),
    closedCounts(db, period, settings.endHour),
    ratedCounts(db, period),
    overdueCounts(db, now),
  ]);
  const maps = {
    received: byUnit(received),
    signed: byUnit(signed),
    closed: byUnit(closed),
    rated: byUnit(rated),
    overdue: byUnit(overdue),
  };
  const withFigures = [...new Set(Object.values(maps).flatMap((m) => [...m.keys()]))];
  const units = await listMetricsUnits(db, query.unitType, withFigures);
  const rows = units.map((u): Omit<UnitMetricsRowT, 'rank' | 'tooFew'> => {
    const rc = maps.received.get(u.id);
    const sg = maps.signed.get(u.id);
    const cl = maps.closed.get(u.id);
    const rt = maps.rated.get(u.id);
    return {
      unitId: u.id,
      unitCode: u.code,
      nameZh: u.name_zh,
      nameEn: u.name_en,
      shortName: u.short_name,
      unitType: u.type as UnitType,
      received: rc?.received ?? 0,
      signedOnTime: rate(sg?.on_time ?? 0, sg?.signed ?? 0),
      resolved: cl?.resolved ?? 0,
      resolvedOnTime: rate(cl?.on_time ?? 0, cl?.resolved ?? 0),
      overdueNow: maps.overdue.get(u.id)?.overdue ?? 0,
      urgeRate: rate(rc?.urged ?? 0, rc?.received ?? 0),
      redoRate: rate(cl?.redone ?? 0, cl?.resolved ?? 0),
      satisfaction: rate(rt?.satisfied ?? 0, rt?.rated ?? 0),
      meanWorkingDays: mean(cl?.wd_sum ?? 0, cl?.wd_count ?? 0),
      sample: cl?.resolved ?? 0,
    };
  });
  const ranked = rankUnits(rows, settings.minItemsForRanking);
  return {
    from: period.from,
    to: period.to,
    unitType: query.unitType ?? null,
    asOf: now.toISOString(),
    minItemsForRanking: settings.minItemsForRanking,
    rows: ranked.rows,
    rankedCount: ranked.rankedCount,
    ownUnitId: ctx.actor.unitId,
  };
}

export async function yearTotals(db: DbOrTx, year: number, now: Date): Promise<YearTotalsT> {
  const r = await yearTotalsSql(db, year, yearPeriod(year), now);
  return {
    year,
    meetingsHeld: r.meetings_held,
    ordersIssued: r.orders_issued,
    itemsRegistered: r.items_registered,
    itemsResolved: r.items_resolved,
    overdueNow: r.overdue_now,
    redCards: r.red_cards,
    asOf: now.toISOString(),
  };
}
