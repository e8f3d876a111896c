/**
 * `npm run bench:dispatch -w @zaitun/bench`: the dispatch loop at scale, on PostgreSQL with 1M items
 * (BENCH_ITEMS to change).
 *
 *   queue   "my queue" of 晋江市 (in progress, red, ordered by deadline, page 20) — the real app against a thin
 *           Fastify + pg route running the very SQL the app runs (compiled from the same query builder).
 *           Target: app ≥ 70 % of thin at 50 connections.
 *   sweep   the SLA sweep over all items after an hour without one. Target < 2 s.
 *   metrics unit delivery metrics for a month. Target < 200 ms.
 * `--write` (or BENCH_WRITE=1) records the results in docs/benchmarks.md.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type ItemListQueryT, type Role, scopeOf } from '@zaitun/contracts';
import Fastify from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { REPO_ROOT } from '../apps/server/src/config';
import { buildApp } from '../apps/server/src/http/app';
import { ManualClock } from '../apps/server/src/lib/clock';
import {
  countQuery,
  listFilter,
  NO_COUNT_KEYS,
  orderBy,
  selectItems,
} from '../apps/server/src/modules/items/items.repository';
import { generateItems } from './dispatch-data';
import * as bench from './load';
import { seededScratchDatabase } from './postgres';
import { baseUrl } from './servers';

const { CONNECTIONS, DURATION, POOL_SIZE, ROUNDS, TARGET_RATIO, WARMUP, say } = bench;

const ITEMS = Number(process.env.BENCH_ITEMS || 1_000_000);
const SWEEP_TARGET_MS = 2000;
const METRICS_TARGET_MS = 200;

const TOKEN_SQL = `SELECT t.id AS token_id, t.expires_at, u.id, u.roles, u.unit_id, u.status, un.path AS unit_path
FROM api_tokens t INNER JOIN users u ON u.id = t.user_id LEFT JOIN units un ON un.id = u.unit_id
WHERE t.token_hash = $1 AND t.revoked_at IS NULL`;

export interface Timed {
  ms: number;
  detail: string;
}

/** Optional parts (the sweep and the metrics), looked up at run time so the queue benchmark runs on its own. */
async function optional<T>(file: string): Promise<T | null> {
  const full = path.join(REPO_ROOT, file);
  if (!fs.existsSync(full)) return null;
  return (await import(full)) as T;
}

async function main(cleanups: bench.Cleanup[]) {
  const startedAt = new Date();
  const load = bench.loadAverage();
  say(`Zaitun dispatch benchmark — ${os.cpus().length} cores, Node ${process.version}, load average ${load}`);
  const clock = new ManualClock(new Date());
  const { database, config, url, pgVersion, origin } = await seededScratchDatabase(clock, cleanups, {
    jobsEnabled: false,
  });
  const now = clock.now();
  const t0 = Date.now();
  await generateItems(database.db, ITEMS, now, new Date(now.getTime() - 3600_000));
  const stats = (
    await sql<{ items: string; open: string; jinjiang: string; jid: string; co: string }>`
      SELECT (SELECT count(*) FROM items) AS items,
             (SELECT count(*) FROM items WHERE state IN ('assigned', 'in_progress')) AS open,
             (SELECT count(*) FROM items i JOIN units u ON u.id = i.lead_unit_id WHERE u.code = 'JINJIANG') AS jinjiang,
             (SELECT id FROM units WHERE code = 'JINJIANG') AS jid,
             (SELECT count(*) FROM item_co_units) AS co`.execute(database.db)
  ).rows[0];
  if (!stats) throw new Error('no stats');
  say(
    `Data: ${stats.items} items (${stats.open} with a running clock, ${stats.co} co-unit parts), ${stats.jinjiang} led by 晋江市 — generated in ${((Date.now() - t0) / 1000).toFixed(0)} s; PostgreSQL ${pgVersion}`,
  );

  // ---- 1. My queue: app against thin. ----
  const app = await buildApp({ database, config, clock, logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  cleanups.push(() => app.close());
  const appUrl = baseUrl(app);
  const { cookie, secret } = await bench.signInWithToken(appUrl, 'jinjiang', bench.DEMO_PASSWORD, ['item.read']);

  const query: ItemListQueryT = { view: 'queue', state: 'in_progress', light: 'red', sort: 'deadline', pageSize: 20 };
  const qs = 'view=queue&state=in_progress&light=red&sort=deadline&pageSize=20';
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE });
  cleanups.push(() => pool.end());
  const thin = Fastify({ logger: false });
  thin.get('/queue', async (request, reply) => {
    const secretGiven = (request.headers.authorization ?? '').slice(7);
    const token = await pool.query(TOKEN_SQL, [createHash('sha256').update(secretGiven).digest('hex')]);
    const a = token.rows[0] as
      | { id: string; roles: Role[]; unit_id: string; unit_path: string; status: string; expires_at: Date }
      | undefined;
    if (a?.status !== 'active' || a.expires_at <= new Date()) return reply.code(401).send({});
    const actor = { userId: a.id, roles: a.roles, unitId: a.unit_id, unitPath: a.unit_path };
    if (scopeOf(actor, 'item.read') === null) return reply.code(403).send({});
    // The app's own SQL for this request, compiled from the same builder, run with bare node-postgres.
    const now = clock.now();
    const where = listFilter(actor, query, now);
    const list = selectItems(database.db).where(where).orderBy(orderBy(query)).limit(20).offset(0).compile();
    const count = countQuery(database.db, actor, query, NO_COUNT_KEYS, now);
    const [rows, n] = await Promise.all([
      pool.query(list.sql, list.parameters as unknown[]),
      pool.query<{ total: string }>(count.sql, count.parameters as unknown[]),
    ]);
    return { items: rows.rows, total: Number(n.rows[0]?.total ?? 0), page: 1, pageSize: 20 };
  });
  await thin.listen({ host: '127.0.0.1', port: 0 });
  cleanups.push(() => thin.close());
  const bearer = { authorization: `Bearer ${secret}` };
  const targets = {
    thin: { name: 'thin, token + list + count', url: `${baseUrl(thin)}/queue`, headers: bearer },
    app: { name: 'app, API token', url: `${appUrl}/api/v1/items?${qs}`, headers: bearer },
  };
  const answers = await Promise.all(
    Object.values(targets).map(async (target) => {
      const res = await fetch(target.url, { headers: target.headers });
      if (res.status !== 200) throw new Error(`${target.url}: ${res.status} ${await res.text()}`);
      return (await res.json()) as { items: { id: string }[]; total: number };
    }),
  );
  const ids = answers.map((a) => `${a.total}:${a.items.map((i) => i.id).join(',')}`);
  if (new Set(ids).size !== 1 || (answers[0]?.items.length ?? 0) === 0) {
    throw new Error(`thin and app disagree: ${ids.join(' | ')}`);
  }
  say(`Same answer from thin and app: ${answers[0]?.total} red items in progress in 晋江市's queue, page of 20.`);
  say(`\nautocannon: ${CONNECTIONS} connections, ${WARMUP} s warm-up, then ${ROUNDS} × ${DURATION} s per route`);
  const r = await bench.measureAll(targets);
  say('  mean of the rounds');
  for (const k of Object.keys(targets) as (keyof typeof targets)[]) say(bench.line(targets[k].name, r[k]));
  const ratio = r.app.rps / r.thin.rps;
  say(
    `  app / thin ${(ratio * 100).toFixed(0)} % (target ≥ ${TARGET_RATIO * 100} %: ${ratio >= TARGET_RATIO ? 'PASS' : 'FAIL'})`,
  );

  // ---- 2. The SLA sweep after an hour without one. ----
  let sweep: Timed | null = null;
  const sweepModule = await optional<{
    slaSweep: (db: typeof database.db, clock: ManualClock) => Promise<unknown>;
  }>('apps/server/src/jobs/sla-sweep.ts');
  if (sweepModule?.slaSweep) {
    const s0 = performance.now();
    const summary = await sweepModule.slaSweep(database.db, clock);
    const ms = performance.now() - s0;
    const s1 = performance.now();
    await sweepModule.slaSweep(database.db, clock);
    const again = performance.now() - s1;
    sweep = {
      ms,
      detail: `${JSON.stringify(summary)}; an immediate second sweep (nothing to do) ${again.toFixed(0)} ms`,
    };
    say(
      `\nSLA sweep over ${stats.items} items: ${ms.toFixed(0)} ms (target < ${SWEEP_TARGET_MS} ms: ${ms < SWEEP_TARGET_MS ? 'PASS' : 'FAIL'}) — ${sweep.detail}`,
    );
  } else {
    say('\nSLA sweep: not available in this build (apps/server/src/jobs/sla-sweep.ts slaSweep)');
  }

  // ---- 3. Unit metrics for a month. ----
  let metrics: Timed | null = null;
  const metricsUrl = `${appUrl}/api/v1/metrics/units?from=${monthStart(now)}&to=${monthEnd(now)}`;
  const probe = await fetch(metricsUrl, { headers: { cookie } });
  if (probe.status === 200) {
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      const m0 = performance.now();
      const res = await fetch(metricsUrl, { headers: { cookie } });
      await res.arrayBuffer();
      times.push(performance.now() - m0);
    }
    times.sort((a, b) => a - b);
    const median = times[3] as number;
    metrics = {
      ms: median,
      detail: `median of 7 requests of GET /api/v1/metrics/units for ${monthStart(now)} … ${monthEnd(now)} (min ${times[0]?.toFixed(0)} ms, max ${times[6]?.toFixed(0)} ms)`,
    };
    say(
      `\nUnit metrics for a month: ${median.toFixed(0)} ms (target < ${METRICS_TARGET_MS} ms: ${median < METRICS_TARGET_MS ? 'PASS' : 'FAIL'}) — ${metrics.detail}`,
    );
  } else {
    say(`\nUnit metrics: not available in this build (${probe.status})`);
  }

  const failed = Object.values(r).some((x) => x.non2xx || x.errors);
  if (failed) say('  some requests failed: the numbers above are not valid');
  if (bench.WRITE) {
    writeResults({
      date: startedAt,
      load,
      pgVersion,
      origin,
      stats,
      r,
      ratio,
      sweep,
      metrics,
    });
    say('\nResults recorded in docs/benchmarks.md');
  }
  if (failed) process.exitCode = 1;
}

const shDate = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
const monthStart = (d: Date) => `${shDate(d).slice(0, 7)}-01`;
function monthEnd(d: Date) {
  const [y, m] = shDate(d).split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

const MARKERS = { start: '<!-- bench:dispatch:start -->', end: '<!-- bench:dispatch:end -->' };

function writeResults(x: {
  date: Date;
  load: string;
  pgVersion: string;
  origin: string;
  stats: { items: string; open: string; jinjiang: string; co: string };
  r: Record<'thin' | 'app', bench.LoadResult>;
  ratio: number;
  sweep: Timed | null;
  metrics: Timed | null;
}) {
  const row = (name: string, v: bench.LoadResult, note: string) =>
    `| ${name} | ${v.rps.toFixed(0)} | ${v.p50.toFixed(0)} | ${v.p99.toFixed(0)} | ${note} |`;
  const lines = [
    `Run of ${x.date.toISOString().slice(0, 16).replace('T', ' ')} UTC — ${os.cpus().length} cores, Node ${process.version}, PostgreSQL ${x.pgVersion} (${x.origin}); one-minute load average ${x.load} when the run began.`,
    `Data: ${x.stats.items} items (${x.stats.open} with a running clock, ${x.stats.co} co-unit parts); ${x.stats.jinjiang} led by 晋江市. autocannon ${CONNECTIONS} connections, ${WARMUP} s warm-up, ${ROUNDS} rounds × ${DURATION} s, mean of the rounds; pool of ${POOL_SIZE}.`,
    '',
    '| route | req/s | p50 ms | p99 ms | what it does |',
    '| --- | ---: | ---: | ---: | --- |',
    row('**thin**', x.r.thin, 'bare Fastify + pg: token lookup, scope check, the app’s compiled list + count SQL'),
    row(
      '**app**',
      x.r.app,
      '`GET /api/v1/items?view=queue&state=in_progress&light=red&sort=deadline&pageSize=20` as 晋江市',
    ),
    '',
    `- **my queue, app / thin: ${(x.ratio * 100).toFixed(0)} %** (target ≥ ${TARGET_RATIO * 100} %: ${x.ratio >= TARGET_RATIO ? 'PASS' : 'FAIL'}).`,
    x.sweep
      ? `- **SLA sweep** over all items after an hour without one: **${x.sweep.ms.toFixed(0)} ms** (target < ${SWEEP_TARGET_MS} ms: ${x.sweep.ms < SWEEP_TARGET_MS ? 'PASS' : 'FAIL'}); ${x.sweep.detail}.`
      : '- SLA sweep: not measured in this run.',
    x.metrics
      ? `- **Unit metrics for a month: ${x.metrics.ms.toFixed(0)} ms** (target < ${METRICS_TARGET_MS} ms: ${x.metrics.ms < METRICS_TARGET_MS ? 'PASS' : 'FAIL'}); ${x.metrics.detail}.`
      : '- Unit metrics: not measured in this run.',
  ];
  bench.recordInDoc(MARKERS, lines, '## Dispatch at scale (1M items)');
}

bench.runBenchmark(main);
