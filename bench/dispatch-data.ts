/**
 * A million dispatch items on PostgreSQL, generated set-based with realistic distributions: two years of history,
 * leads weighted like the legion (counties 55 %, working groups 25 %, departments 20 %), priorities, co-units for a
 * third of the items, most old items closed, recent ones spread over every open state, clocks as the server sets them
 * (deadline by priority, yellow at 70 % of the time, escalation 1 and 5 days after the deadline).
 * `asOf`: the lights the sweep has already announced are those of this instant (so a sweep at `now` has the
 * transitions of the gap to do, like a real sweep after a pause).
 */
import { sql } from 'kysely';
import type { Db } from '../apps/server/src/db/database';

export async function generateItems(db: Db, count: number, now: Date, asOf: Date): Promise<void> {
  await sql`SELECT setseed(0.42)`.execute(db);
  await sql`DROP TABLE IF EXISTS bench_leads`.execute(db);
  await sql`
    CREATE TEMP TABLE bench_leads AS
    SELECT id, sum(w) OVER (ORDER BY code) - w AS lo, sum(w) OVER (ORDER BY code) AS hi
    FROM (SELECT id, code, CASE type WHEN 'county' THEN 55.0 / 13 WHEN 'working_group' THEN 25.0 / 8
                                     WHEN 'member_department' THEN 20.0 / 10 ELSE 0 END AS w
          FROM units) u
    WHERE w > 0`.execute(db);
  const raiser = await sql<{ id: string }>`SELECT id FROM users WHERE 'hq_dispatcher' = ANY(roles) LIMIT 1`.execute(db);
  const raiserId = raiser.rows[0]?.id;
  if (!raiserId) throw new Error('no dispatcher to raise the items');
  const start = await sql<{ n: number }>`SELECT coalesce(max(seq), 0) AS n FROM items WHERE year = 2024`.execute(db);
  const base = Number(start.rows[0]?.n ?? 0);
  // Batches keep the transaction log and memory modest.
  const BATCH = 200_000;
  for (let done = 0; done < count; done += BATCH) {
    const n = Math.min(BATCH, count - done);
    await sql`
      WITH g AS (
        SELECT s AS i, random() AS r_lead, random() AS r_state, random() AS r_pri, random() AS r_age, random() AS r_fate,
               random() AS r_co
        FROM generate_series(${done + 1}::int, ${done + n}::int) AS s
      ), shaped AS (
        SELECT g.*, l.id AS lead,
               ${now}::timestamptz - make_interval(secs => (r_age ^ 1.6) * 730 * 86400) AS created,
               CASE WHEN r_pri < 0.15 THEN 'urgent' WHEN r_pri < 0.45 THEN 'high' ELSE 'normal' END AS priority
        FROM g JOIN bench_leads l ON g.r_lead * 100 >= l.lo AND g.r_lead * 100 < l.hi
      ), timed AS (
        SELECT shaped.*,
               created + make_interval(secs => 3600 * (1 + r_fate * 20)) AS dispatched,
               created + make_interval(secs => 3600 * (1 + r_fate * 20))
                 + make_interval(days => CASE priority WHEN 'urgent' THEN 4 WHEN 'high' THEN 7 ELSE 14 END) AS deadline,
               CASE WHEN created < ${now}::timestamptz - interval '60 days'
                    THEN CASE WHEN r_state < 0.95 THEN 'closed' ELSE 'cancelled' END
                    ELSE CASE WHEN r_state < 0.05 THEN 'pending_dispatch' WHEN r_state < 0.15 THEN 'assigned'
                              WHEN r_state < 0.70 THEN 'in_progress' WHEN r_state < 0.80 THEN 'resolved'
                              WHEN r_state < 0.97 THEN 'closed' ELSE 'cancelled' END
               END AS state
        FROM shaped
      )
      INSERT INTO items (year, seq, title, description, category, source, priority, state, county_unit_id, lead_unit_id,
                         raised_by_user_id, dispatched_at, sign_by, signed_at, deadline, original_deadline, yellow_at,
                         escalate_yellow_at, escalate_red_at, resolved_at, closed_at, cancelled_at, light_notified,
                         sign_overdue_notified, escalation, urge_count, redo_count, rating, rated_at, created_at,
                         updated_at)
      SELECT 2024, ${base}::int + i, '基准测试事项 ' || i, '', (ARRAY['financing','logistics','customs','market','policy','other'])[1 + (i % 6)],
             (ARRAY['unit_report','enterprise_demand','leader_instruction','coordination'])[1 + (i % 4)], priority, state,
             lead, CASE WHEN state = 'pending_dispatch' THEN NULL ELSE lead END, ${raiserId},
             CASE WHEN state IN ('pending_dispatch', 'cancelled') THEN NULL ELSE dispatched END,
             CASE WHEN state IN ('pending_dispatch', 'cancelled') THEN NULL ELSE dispatched + interval '1 day' END,
             CASE WHEN state IN ('in_progress', 'resolved', 'closed') THEN dispatched + make_interval(secs => 3600 * (1 + r_fate * 30)) END,
             CASE WHEN state IN ('pending_dispatch', 'cancelled') THEN NULL ELSE deadline END,
             CASE WHEN state IN ('pending_dispatch', 'cancelled') THEN NULL ELSE deadline END,
             CASE WHEN state IN ('pending_dispatch', 'cancelled') THEN NULL ELSE dispatched + (deadline - dispatched) * 0.7 END,
             CASE WHEN state IN ('pending_dispatch', 'cancelled') THEN NULL ELSE deadline + interval '1 day' END,
             CASE WHEN state IN ('pending_dispatch', 'cancelled') THEN NULL ELSE deadline + interval '7 days' END,
             CASE WHEN state IN ('resolved', 'closed') THEN deadline - make_interval(secs => (0.5 - r_fate) * 5 * 86400) END,
             CASE WHEN state = 'closed' THEN deadline - make_interval(secs => (0.5 - r_fate) * 5 * 86400) + interval '1 day' END,
             CASE WHEN state = 'cancelled' THEN created + interval '1 day' END,
             CASE WHEN state NOT IN ('assigned', 'in_progress') THEN 'green'
                  WHEN deadline < ${asOf}::timestamptz THEN 'red'
                  WHEN dispatched + (deadline - dispatched) * 0.7 <= ${asOf}::timestamptz THEN 'yellow' ELSE 'green' END,
             state = 'assigned' AND dispatched + interval '1 day' < ${asOf}::timestamptz,
             CASE WHEN state NOT IN ('assigned', 'in_progress') THEN NULL
                  WHEN deadline + interval '7 days' < ${asOf}::timestamptz THEN 'red'
                  WHEN deadline + interval '1 day' < ${asOf}::timestamptz THEN 'yellow' END,
             CASE WHEN r_fate > 0.8 THEN 1 + (i % 3) ELSE 0 END,
             CASE WHEN r_fate > 0.93 THEN 1 ELSE 0 END,
             CASE WHEN state = 'closed' AND r_fate < 0.85 THEN 1 + ((i * 7) % 5) END,
             CASE WHEN state = 'closed' AND r_fate < 0.85 THEN deadline + interval '2 days' END,
             created, created
      FROM timed`.execute(db);
    await sql`
      INSERT INTO item_co_units (item_id, unit_id, status)
      SELECT i.id, l.id, CASE WHEN i.state IN ('resolved', 'closed') THEN 'done' ELSE 'open' END
      FROM items i JOIN bench_leads l ON l.lo <= (i.seq * 37 % 100) AND (i.seq * 37 % 100) < l.hi
      WHERE i.year = 2024 AND i.seq > ${base + done}::int AND i.seq <= ${base + done + n}::int AND i.seq % 3 = 0
        AND i.lead_unit_id IS NOT NULL AND l.id <> i.lead_unit_id`.execute(db);
  }
  await sql`INSERT INTO counters (scope, year, value) VALUES ('item', 2024, ${base + count})
    ON CONFLICT (scope, year) DO UPDATE SET value = EXCLUDED.value`.execute(db);
  // Vacuumed as well as analysed: autovacuum would set the visibility map of the bulk load soon after it, and a run
  // that raced it would measure heap fetches of pages a database in service has long marked all-visible.
  await sql`VACUUM (ANALYZE)`.execute(db);
}
