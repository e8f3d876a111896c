/**
 * SQL of the delivery metrics: one set-based statement per figure group. The counting figures take each unit in
 * turn (`units CROSS JOIN LATERAL`) and count a range of an index led by the unit and the period's instant column
 * (migration 0003: (lead_unit_id, dispatched_at), (lead_unit_id, signed_at) …) — index-only counts with nothing to
 * group, half the cost of one range scan over every unit's items grouped by lead unit (1M items, docs/benchmarks.md).
 * "Overdue now" and the closures (working days per item) stay one range scan grouped by lead unit.
 * The period rules are in docs/metrics.md; the rates and the ranking are computed in metrics.domain.ts.
 *
 * Each figure runs with JIT compilation and parallel workers off (`figure`): these are range scans of tens of
 * thousands of index entries that take milliseconds, but their estimated cost passes `jit_above_cost` (for a month
 * on 1M items already), and PostgreSQL then spent 0.5–1 s compiling before it read a row; and the figures already run
 * side by side on separate connections, so workers of their own only competed for the same cores
 * (docs/benchmarks.md).
 */
import type { RankedUnitType } from '@zaitun/contracts';
import { type RawBuilder, sql } from 'kysely';
import type { DbOrTx } from '../../db/database';
import type { Period } from './metrics.domain';

// set_config(…, true) is SET LOCAL, in one statement: both settings end with the transaction.
const FIGURE_SETTINGS = sql`SELECT set_config('jit', 'off', true), set_config('max_parallel_workers_per_gather', '0', true)`;

/**
 * Runs one figure's statement with JIT and parallel workers off for it alone: `SET LOCAL` inside its own short
 * transaction (or the caller's), so the figures still run side by side on separate connections.
 */
async function figure<R>(db: DbOrTx, query: RawBuilder<R>): Promise<R[]> {
  const run = async (tx: DbOrTx) => {
    await FIGURE_SETTINGS.execute(tx);
    return (await query.execute(tx)).rows;
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

const RANKED = sql.raw(`('working_group', 'county', 'liaison_group', 'task_force', 'member_department')`);
const OPEN = sql.raw(`('assigned', 'in_progress')`);

export interface MetricsUnit {
  id: string;
  code: string;
  name_zh: string;
  name_en: string;
  short_name: string;
  type: string;
}

/**
 * The units listed: every active unit of a ranked type, plus an inactive one that still has figures in the period
 * (`withFigures`), in the unit tree's display order (level, then each unit's sort order) — not by `path`, whose ids
 * would list sibling units in a random order.
 */
export async function listMetricsUnits(
  db: DbOrTx,
  unitType: RankedUnitType | undefined,
  withFigures: readonly string[],
): Promise<MetricsUnit[]> {
  const { rows } = await sql<MetricsUnit>`
    SELECT id, code, name_zh, name_en, short_name, type FROM units
    WHERE type IN ${RANKED} ${unitType ? sql`AND type = ${unitType}` : sql``}
      AND (active OR id = ANY(${sql.val(withFigures)}::uuid[]))
    ORDER BY depth, sort_order, code`.execute(db);
  return rows;
}

export interface ReceivedCounts {
  unit_id: string;
  received: number;
  urged: number;
}

/**
 * Received: items dispatched to the unit in the period that it still leads (a return (退单) hands the item back,
 * clears its dispatch and it counts for the unit it is dispatched to next). Urged: of those, the ones urged while
 * the unit held them (an urge names the lead unit of the moment) after that dispatch. The two are counted apart:
 * received from the dispatch index alone, urged from the urges of the period (an urge after the dispatch is in the
 * period too: `u.at >= i.dispatched_at >= start`) joined to their items — never a probe per received item.
 */
export async function receivedCounts(db: DbOrTx, p: Period): Promise<ReceivedCounts[]> {
  return figure(
    db,
    sql<ReceivedCounts>`
    WITH received AS (
      SELECT u.id AS unit_id, r.received
      FROM units u CROSS JOIN LATERAL (
        SELECT count(*)::int AS received FROM items i
        WHERE i.lead_unit_id = u.id AND i.dispatched_at >= ${p.start} AND i.dispatched_at < ${p.end}) r
      WHERE r.received > 0
    ), urged AS (
      SELECT i.lead_unit_id AS unit_id, count(DISTINCT i.id)::int AS urged
      FROM item_urges u JOIN items i ON i.id = u.item_id
      WHERE u.at >= ${p.start} AND i.dispatched_at >= ${p.start} AND i.dispatched_at < ${p.end}
        AND i.urge_count > 0 AND u.unit_id = i.lead_unit_id AND u.at >= i.dispatched_at
      GROUP BY i.lead_unit_id
    )
    SELECT r.unit_id, r.received, coalesce(g.urged, 0)::int AS urged
    FROM received r LEFT JOIN urged g ON g.unit_id = r.unit_id`,
  );
}

export interface SignedCounts {
  unit_id: string;
  signed: number;
  on_time: number;
}

/** Items signed in the period, and those signed by their signing time. */
export async function signedCounts(db: DbOrTx, p: Period): Promise<SignedCounts[]> {
  return figure(
    db,
    sql<SignedCounts>`
    SELECT u.id AS unit_id, s.signed, s.on_time
    FROM units u CROSS JOIN LATERAL (
      SELECT count(*)::int AS signed, count(*) FILTER (WHERE i.signed_at <= i.sign_by)::int AS on_time
      FROM items i WHERE i.lead_unit_id = u.id AND i.signed_at >= ${p.start} AND i.signed_at < ${p.end}) s
    WHERE s.signed > 0`,
  );
}

export interface ClosedCounts {
  unit_id: string;
  resolved: number;
  on_time: number;
  redone: number;
  wd_sum: number | null;
  wd_count: number;
}

/**
 * Items closed (verified) in the period: how many, resolved by the deadline, redone at least once, and the working
 * days from dispatch to resolution.
 *
 * Working days follow calendar.domain.ts `workingDaysBetween` exactly: working day D owns the 24 hours before its
 * end of business (endHour:00 Shanghai), a non-working day's window counts nothing, partial first and last windows
 * count their hours. A working-day index over the days the items span (generate_series, the calendar's overrides,
 * else Monday–Friday) gives each day its cumulative count, so every item costs two joins instead of a day loop.
 */
export async function closedCounts(db: DbOrTx, p: Period, endHour: number): Promise<ClosedCounts[]> {
  // Seconds: an instant's business day is floor((t + shift) / 86400); the end of business of day d is d·86400 + eob.
  const shift = 8 * 3600 + (24 - endHour) * 3600;
  const eob = endHour * 3600 - 8 * 3600;
  return figure(
    db,
    sql<ClosedCounts>`
    WITH c AS (
      SELECT lead_unit_id AS unit_id, redo_count, resolved_at <= deadline AS on_time,
             extract(epoch FROM dispatched_at)::float8 AS s, extract(epoch FROM resolved_at)::float8 AS e
      FROM items
      WHERE state = 'closed' AND closed_at >= ${p.start} AND closed_at < ${p.end} AND lead_unit_id IS NOT NULL
    ), b AS (
      SELECT c.*, floor((s + ${shift}) / 86400)::int AS d0, floor((e + ${shift}) / 86400)::int AS d1 FROM c
    ), span AS (
      SELECT min(d0) AS lo, max(d1) AS hi FROM b
    ), day AS (
      SELECT g.d, CASE WHEN cd.kind IS NOT NULL THEN (cd.kind = 'workday')::int
                       WHEN extract(isodow FROM DATE '1970-01-01' + g.d) < 6 THEN 1 ELSE 0 END AS working
      FROM span CROSS JOIN LATERAL generate_series(span.lo, span.hi) AS g(d)
      LEFT JOIN calendar_days cd ON cd.day = DATE '1970-01-01' + g.d
    ), idx AS (
      SELECT d, working, sum(working) OVER (ORDER BY d) AS cum FROM day
    ), w AS (
      SELECT b.unit_id, b.redo_count, b.on_time,
        CASE WHEN b.e < b.s THEN NULL
             WHEN b.d0 = b.d1 THEN a.working * (b.e - b.s)
             ELSE a.working * (b.d0 * 86400 + ${eob} - b.s)
                  + (z.cum - z.working - a.cum) * 86400
                  + z.working * (b.e - ((b.d1 - 1) * 86400 + ${eob}))
        END / 86400.0 AS wd
      FROM b LEFT JOIN idx a ON a.d = b.d0 LEFT JOIN idx z ON z.d = b.d1
    )
    SELECT unit_id, count(*)::int AS resolved,
           count(*) FILTER (WHERE on_time)::int AS on_time,
           count(*) FILTER (WHERE redo_count > 0)::int AS redone,
           sum(wd)::float8 AS wd_sum, count(wd)::int AS wd_count
    FROM w GROUP BY unit_id`,
  );
}

export interface RatedCounts {
  unit_id: string;
  rated: number;
  satisfied: number;
}

/** Ratings given in the period (a reopen withdraws a rating), and those of 4 or 5. */
export async function ratedCounts(db: DbOrTx, p: Period): Promise<RatedCounts[]> {
  return figure(
    db,
    sql<RatedCounts>`
    SELECT u.id AS unit_id, r.rated, r.satisfied
    FROM units u CROSS JOIN LATERAL (
      SELECT count(*)::int AS rated, count(*) FILTER (WHERE i.rating >= 4)::int AS satisfied
      FROM items i
      WHERE i.lead_unit_id = u.id AND i.rated_at >= ${p.start} AND i.rated_at < ${p.end} AND i.rating IS NOT NULL) r
    WHERE r.rated > 0`,
  );
}

/** Open items (to sign or in progress) past their deadline at `now`, per lead unit. */
export async function overdueCounts(db: DbOrTx, now: Date): Promise<{ unit_id: string; overdue: number }[]> {
  return figure(
    db,
    sql<{ unit_id: string; overdue: number }>`
    SELECT lead_unit_id AS unit_id, count(*)::int AS overdue
    FROM items
    WHERE state IN ${OPEN} AND deadline < ${now} AND lead_unit_id IS NOT NULL
    GROUP BY lead_unit_id`,
  );
}

export interface YearTotalsRow {
  meetings_held: number;
  orders_issued: number;
  items_registered: number;
  items_resolved: number;
  overdue_now: number;
  red_cards: number;
}

/** The year's totals in one statement (each a count over an indexed range). */
export async function yearTotals(db: DbOrTx, year: number, p: Period, now: Date): Promise<YearTotalsRow> {
  const rows = await figure(
    db,
    sql<YearTotalsRow>`
    SELECT
      (SELECT count(*) FROM meetings WHERE state = 'held' AND held_at >= ${p.start} AND held_at < ${p.end})::int
        AS meetings_held,
      (SELECT count(*) FROM orders WHERE state IN ('issued', 'completed')
         AND issued_at >= ${p.start} AND issued_at < ${p.end})::int AS orders_issued,
      (SELECT count(*) FROM items WHERE year = ${year} AND state <> 'draft')::int AS items_registered,
      (SELECT count(*) FROM items WHERE state = 'closed'
         AND closed_at >= ${p.start} AND closed_at < ${p.end})::int AS items_resolved,
      (SELECT count(*) FROM items WHERE state IN ${OPEN} AND deadline < ${now})::int AS overdue_now,
      (SELECT count(*) FROM item_escalations WHERE level = 'red' AND at >= ${p.start} AND at < ${p.end})::int
        AS red_cards`,
  );
  return rows[0] as YearTotalsRow;
}
