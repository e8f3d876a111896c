/**
 * `npx tsx bench/league.bench.ts`: the league table (争先榜) over 10 years × 13 counties × 50 indicators in < 50 ms
 * (issue 5), on PostgreSQL. Also timed: the cockpit's headline (every active indicator for the city and the
 * counties) and one indicator across the counties (the map and ranking). Each against a baseline measured in the
 * same run on the same data: a plain indexed read of the month's figures (what any view of that month costs at
 * least), so a noisy machine shows in both.
 *
 * Data: the demo organisation and cockpit, plus 50 bench indicators (monthly; year-to-date, period and stock kinds)
 * with figures for the city and the 13 counties over ten years (2017–2026, 84,000 rows) and this year's targets;
 * the county league configured with 30 of them (completion, growth, value) and two delivery metrics.
 * Options: BENCH_DATABASE_URL or DATABASE_URL (else a throwaway PostgreSQL), BENCH_ROUNDS (default 2, after a warm-up).
 */
import { DEFAULT_COCKPIT_SETTINGS, type LeagueComponentT } from '@zaitun/contracts';
import { sql } from 'kysely';
import { ManualClock } from '../apps/server/src/lib/clock';
import { getCockpit, getIndicatorTable, getLeague } from '../apps/server/src/modules/indicators/cockpit.service';
import { writeSetting } from '../apps/server/src/modules/settings/settings.repository';
import { loadAverage, ROUNDS, runBenchmark, say } from './load';
import { seededScratchDatabase } from './postgres';

const TARGET_MS = 50;
const INDICATORS = 50;
const SAMPLES = 20;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function timed<T>(f: () => Promise<T>): Promise<number[]> {
  await f(); // warm-up: plans, caches
  const out: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const started = performance.now();
    await f();
    out.push(performance.now() - started);
  }
  return out;
}

runBenchmark(async (cleanups) => {
  const clock = new ManualClock(new Date('2026-11-05T10:00:00+08:00'));
  const { database, pgVersion, origin } = await seededScratchDatabase(clock, cleanups);
  const db = database.db;
  say(`PostgreSQL ${pgVersion} (${origin}); seeding ${INDICATORS} indicators × 14 units × 10 years of months…`);
  await sql`
    INSERT INTO indicators (code, name_zh, name_en, measure_unit, frequency, kind, direction, decimals, additive,
                            sort_order, created_at, updated_at)
    SELECT 'bench_' || lpad(g::text, 2, '0'), '基准指标' || g, 'Bench indicator ' || g, '亿元', 'monthly',
           (ARRAY['ytd_cumulative', 'period', 'stock'])[1 + g % 3], CASE WHEN g % 7 = 0 THEN 'lower' ELSE 'higher' END,
           2, true, 1000 + g, now(), now()
      FROM generate_series(1, ${INDICATORS}) g`.execute(db);
  // Counties' figures grow with the year and differ by county; the city is their sum (additive, consistent).
  await sql`
    INSERT INTO indicator_figures (indicator_id, unit_id, year, month, value, reported_yoy, source, state, updated_at)
    SELECT i.id, u.id, y, m,
           round(((10 + u.sort_order % 13) * (1 + (y - 2017) * 0.05) * CASE WHEN i.kind = 'ytd_cumulative' THEN m ELSE 1 END
                  * (1 + (hashtext(i.code || u.code) % 10) / 100.0))::numeric, 2)::float8,
           NULL, 'seed', 'verified', now()
      FROM indicators i
      JOIN units u ON u.type = 'county'
      CROSS JOIN generate_series(2017, 2026) y CROSS JOIN generate_series(1, 12) m
     WHERE i.code LIKE 'bench_%' AND (y < 2026 OR m <= 9)`.execute(db);
  await sql`
    INSERT INTO indicator_figures (indicator_id, unit_id, year, month, value, source, state, updated_at)
    SELECT f.indicator_id, hq.id, f.year, f.month, sum(f.value), 'seed', 'verified', now()
      FROM indicator_figures f JOIN indicators i ON i.id = f.indicator_id AND i.code LIKE 'bench_%'
      CROSS JOIN (SELECT id FROM units WHERE type = 'headquarters') hq
     GROUP BY f.indicator_id, hq.id, f.year, f.month`.execute(db);
  const admin = await db.selectFrom('users').select('id').where('username', '=', 'hq').executeTakeFirstOrThrow();
  await sql`
    INSERT INTO indicator_targets (indicator_id, unit_id, year, kind, value, state, updated_by, updated_at)
    SELECT i.id, u.id, 2026, CASE WHEN i.kind = 'stock' THEN 'value' ELSE 'growth' END,
           CASE WHEN i.kind = 'stock' THEN 40 ELSE 5 END, 'confirmed', ${admin.id}, now()
      FROM indicators i JOIN units u ON u.type IN ('county', 'headquarters') WHERE i.code LIKE 'bench_%'`.execute(db);
  const county: LeagueComponentT[] = [
    ...Array.from(
      { length: 30 },
      (_, k): LeagueComponentT => ({
        kind: 'indicator',
        indicator: `bench_${String(k + 1).padStart(2, '0')}`,
        measure: (['completion', 'growth', 'value'] as const)[k % 3] ?? 'completion',
        weight: 1 + (k % 5),
      }),
    ),
    { kind: 'metric', metric: 'on_time_rate', weight: 10 },
    { kind: 'metric', metric: 'satisfaction', weight: 5 },
  ];
  await writeSetting(
    db,
    'cockpit',
    { ...DEFAULT_COCKPIT_SETTINGS, leagues: { ...DEFAULT_COCKPIT_SETTINGS.leagues, county } },
    clock.now(),
  );
  await sql`ANALYZE`.execute(db);
  const count = await db
    .selectFrom('indicator_figures')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  const bench = await db.selectFrom('indicators').select('id').where('code', '=', 'bench_01').executeTakeFirstOrThrow();
  say(`  ${count.n} figures in all; load average ${loadAverage()}`);

  const period = { year: 2026, month: 9 };
  const now = clock.now();
  let worst = 0;
  for (let round = 1; round <= ROUNDS; round++) {
    const baseline = median(
      await timed(() =>
        db
          .selectFrom('indicator_figures')
          .select(['indicator_id', 'unit_id', 'value'])
          .where('year', '=', 2026)
          .where('month', '=', 9)
          .execute(),
      ),
    );
    const league = median(await timed(() => getLeague(db, { board: 'county', ...period }, now)));
    const cockpit = median(await timed(() => getCockpit(db, period, now)));
    const table = median(await timed(() => getIndicatorTable(db, { indicatorId: bench.id, ...period }, now)));
    worst = Math.max(worst, league);
    say(
      `  round ${round}: baseline (the month's ${INDICATORS * 14 + 10 * 14} figures, plain read) ${baseline.toFixed(1)} ms · ` +
        `league (32 components) ${league.toFixed(1)} ms (${(league / baseline).toFixed(1)}×) · ` +
        `cockpit headline (${INDICATORS + 10} indicators) ${cockpit.toFixed(1)} ms (${(cockpit / baseline).toFixed(1)}×) · ` +
        `one indicator across the counties ${table.toFixed(1)} ms (${(table / baseline).toFixed(1)}×); medians of ${SAMPLES}`,
    );
  }
  say(`load average ${loadAverage()}`);
  say(
    `league table: worst median ${worst.toFixed(1)} ms (target < ${TARGET_MS} ms): ${worst < TARGET_MS ? 'PASS' : 'FAIL'}`,
  );
});
