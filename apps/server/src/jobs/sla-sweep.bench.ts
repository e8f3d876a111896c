/**
 * The SLA sweep at scale on PostgreSQL: 1,000,000 items (15 % open), then the plans of the sweep's claims and the
 * time of a steady-state sweep (a few hundred items newly due) and of a backlog sweep (every due item at once).
 *   [OPEN_PERCENT=15] [PROPOSED_INDEXES=1] [KEEP=1] [REUSE=1] npx tsx apps/server/src/jobs/sla-sweep.bench.ts postgres://postgres@127.0.0.1:55471/postgres
 * Creates (and drops, unless KEEP=1) its own database `zaitun_sweep_bench`. Results: docs/architecture.md ("The job runner").
 */
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../db/database';
import { migrate } from '../db/migrate';
import { systemContext } from '../lib/audit';
import { ManualClock } from '../lib/clock';
import { ensureReferenceData } from '../seed/reference-data';
import { seedDemo } from '../seed/seed';
import { slaSweep } from './sla-sweep';

const adminUrl = process.argv[2] ?? process.env.DATABASE_URL;
if (!adminUrl) throw new Error('usage: sla-sweep.bench.ts <postgres admin url>');
const N = Number(process.env.ITEMS ?? 1_000_000);
const name = 'zaitun_sweep_bench';
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
// REUSE=1: keep the database of a previous run with KEEP=1 (inserting a million rows takes minutes here).
const reuse = process.env.REUSE === '1';
if (!reuse) {
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
}
const url = new URL(adminUrl);
url.pathname = `/${name}`;
const database = await openDatabase({ databaseUrl: url.toString(), dataDir: '/tmp', poolSize: 4 });
const now = new Date();
const clock = new ManualClock(now);
/** Schema, demo organisation and the items (skipped with REUSE=1). */
async function setUp() {
  await migrate(database.db);
  await ensureReferenceData(database.db);
  await seedDemo(database.db, systemContext(clock, 'seed'), { password: 'Bench-Passw0rd!' });
  const t0 = Date.now();
  // OPEN_PERCENT of the items are open (the rest closed), deadlines spread over ±60 days around now.
  const openPer1000 = Math.round(Number(process.env.OPEN_PERCENT ?? 15) * 10);
  await sql`
    INSERT INTO items (year, seq, title, category, source, priority, state, lead_unit_id, raised_by_user_id,
                       dispatched_at, sign_by, deadline, yellow_at, escalate_yellow_at, escalate_red_at,
                       created_at, updated_at)
    SELECT 2090, g, '压测事项 ' || g, 'financing', 'unit_report', 'normal',
           CASE WHEN g % 1000 < ${openPer1000} / 3 THEN 'assigned'
                WHEN g % 1000 < ${openPer1000} THEN 'in_progress' ELSE 'closed' END,
           u.ids[1 + g % cardinality(u.ids)], (SELECT id FROM users WHERE username = 'hq'),
           d - interval '10 days', d - interval '9 days', d, d - interval '3 days', d + interval '1 day',
           d + interval '5 days', d - interval '10 days', d - interval '10 days'
    FROM generate_series(1, ${N}) g,
         LATERAL (SELECT ${now}::timestamptz + ((g::bigint * 7919) % 172800 - 86400) * interval '1 minute' AS d) x,
         (SELECT array_agg(id) AS ids FROM units WHERE type = 'county') u`.execute(database.db);
  console.log(`${N} items (${openPer1000 / 10} % open) inserted in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

try {
  if (!reuse) await setUp();
  await sql`DROP INDEX IF EXISTS items_sweep_due_soon_idx, items_sweep_overdue_idx, items_sweep_sign_idx,
    items_sweep_escalate_idx`.execute(database.db);

  /** The flags as a sweep one minute before `at` left them. */
  const resetFlags = async (at: Date) => {
    const before = new Date(at.getTime() - 60_000);
    await sql`
      UPDATE items SET
        light_notified = CASE WHEN deadline < ${before} THEN 'red' WHEN yellow_at <= ${before} THEN 'yellow' ELSE 'green' END,
        sign_overdue_notified = state = 'assigned' AND sign_by < ${before},
        escalation = CASE WHEN escalate_red_at <= ${before} THEN 'red' WHEN escalate_yellow_at <= ${before} THEN 'yellow' END
      WHERE state IN ('assigned', 'in_progress') AND year = 2090`.execute(database.db);
    await sql`VACUUM ANALYZE items`.execute(database.db);
  };

  const explain = async (label: string, where: string) => {
    const { rows } = await sql<{ 'QUERY PLAN': string }>`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
      SELECT i.id FROM items i WHERE ${sql.raw(where.replaceAll('$now', `'${clock.now().toISOString()}'::timestamptz`))}
      FOR UPDATE SKIP LOCKED`.execute(database.db);
    console.log(`\n-- ${label}\n${rows.map((r) => r['QUERY PLAN']).join('\n')}`);
  };
  const clockStates = `i.state IN ('assigned', 'in_progress')`;
  const explainAll = async () => {
    await explain(
      'due soon',
      `${clockStates} AND i.yellow_at <= $now AND i.deadline >= $now AND i.light_notified = 'green'`,
    );
    await explain('overdue', `${clockStates} AND i.deadline < $now AND i.light_notified <> 'red'`);
    await explain('sign overdue', `i.state = 'assigned' AND i.sign_by < $now AND NOT i.sign_overdue_notified`);
    await explain(
      'escalation',
      `${clockStates} AND i.deadline <= $now AND i.escalation IS DISTINCT FROM 'red' AND ((i.escalate_red_at <= $now AND i.escalation IS DISTINCT FROM 'red')
        OR (i.escalate_yellow_at <= $now AND i.escalation IS NULL))`,
    );
  };
  const timed = async (label: string) => {
    const t = Date.now();
    const summary = await slaSweep(database.db, clock);
    console.log(`${label}: ${Date.now() - t} ms ${JSON.stringify(summary)}`);
  };

  const round = async (label: string) => {
    console.log(`\n=== ${label}`);
    await resetFlags(clock.now());
    await explainAll();
    await timed('steady-state sweep (one minute since the last)');
    await timed('the same instant again');
    clock.advance(60_000);
    await timed('one minute later');
  };
  await round('indexes of migration 0002');
  if (process.env.PROPOSED_INDEXES === '1') {
    // Partial indexes that leave out what the sweep has already announced: each claim then reads only the rows
    // still to be dealt with, however many open items are past their instants.
    await sql`CREATE INDEX items_sweep_due_soon_idx ON items (yellow_at)
      WHERE state IN ('assigned', 'in_progress') AND light_notified = 'green'`.execute(database.db);
    await sql`CREATE INDEX items_sweep_overdue_idx ON items (deadline)
      WHERE state IN ('assigned', 'in_progress') AND light_notified <> 'red'`.execute(database.db);
    await sql`CREATE INDEX items_sweep_sign_idx ON items (sign_by)
      WHERE state = 'assigned' AND NOT sign_overdue_notified`.execute(database.db);
    await sql`CREATE INDEX items_sweep_escalate_idx ON items (deadline)
      WHERE state IN ('assigned', 'in_progress') AND escalation IS DISTINCT FROM 'red'`.execute(database.db);
    await round('with the proposed sweep indexes');
  }
  clock.advance(24 * 3600_000);
  await timed('\nbacklog sweep (one day unswept)');
} finally {
  await database.close();
  if (process.env.KEEP !== '1') await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
