/**
 * `npm run bench`: what the application costs on top of the database, on PostgreSQL.
 *
 *   constant  a Fastify route answering constant JSON           — the HTTP limit of this machine
 *   thin      bare Fastify + pg: the app's SQL, hand-written     — token lookup, list page, count
 *   app       GET /api/v1/users?unitId=…&pageSize=20 of the real app (buildApp), authenticated and scope-checked
 *
 * Target: app ≥ 70 % of thin. Then the embedded first start (migrate + seed) < 15 s and a second start < 5 s.
 * Each route is measured in ROUNDS rounds (the order reversed every other round, so that drift in a shared machine's
 * load does not favour one route) and the rounds averaged.
 * Options (environment): BENCH_DATABASE_URL or DATABASE_URL, BENCH_DURATION (s per round, default 6), BENCH_ROUNDS
 * (default 2), BENCH_CONNECTIONS (default 50), BENCH_USERS (extra users, default 2000). `--write` (or BENCH_WRITE=1) records the results in docs/benchmarks.md.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { REPO_ROOT } from '../apps/server/src/config';
import { buildApp } from '../apps/server/src/http/app';
import { systemClock } from '../apps/server/src/lib/clock';
import { hashPassword } from '../apps/server/src/lib/password';
import * as bench from './load';
import { seededScratchDatabase } from './postgres';
import { baseUrl, constantServer, thinServer } from './servers';

const { CONNECTIONS, DEMO_PASSWORD, DURATION, POOL_SIZE, ROUNDS, TARGET_RATIO, WARMUP, say } = bench;

const EXTRA_USERS = Number(process.env.BENCH_USERS || 2000);
const FIRST_START_TARGET_S = 15;
const SECOND_START_TARGET_S = 5;

const seconds = (ms: number) => (ms / 1000).toFixed(1);

// ---------------------------------------------------------------------------------------------------------------
// The embedded first start: the real server (`npm start` runs the same main.ts) in a child process.

function timeStart(dataDir: string): Promise<{ wallMs: number; reported: number }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    ZAITUN_DEMO_PASSWORD: DEMO_PASSWORD,
  };
  delete env.DATABASE_URL;
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server was not ready within 120 s:\n${output}`));
    }, 120_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      const ready = /ready in ([\d.]+) s/.exec(output);
      if (!ready) return;
      const wallMs = Date.now() - started;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.once('exit', () => resolve({ wallMs, reported: Number(ready[1]) }));
      child.kill('SIGTERM');
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.once('exit', (code) => {
      if (!/ready in/.test(output)) {
        clearTimeout(timer);
        reject(new Error(`the server exited (${code}) before it was ready:\n${output}`));
      }
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------

async function main(cleanups: bench.Cleanup[]) {
  const startedAt = new Date();
  const load = bench.loadAverage();
  say(
    `Zaitun benchmark — ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB, Node ${process.version}, load average ${load}`,
  );
  // 1. Schema, demo organisation, and volume.
  const t = Date.now();
  const { database, config, url, pgVersion, origin } = await seededScratchDatabase(systemClock, cleanups);
  say(`PostgreSQL: ${origin}`);
  const hash = await hashPassword(DEMO_PASSWORD);
  await sql`
    WITH units AS (SELECT id, row_number() OVER (ORDER BY sort_order, code) - 1 AS i, count(*) OVER () AS n FROM units)
    INSERT INTO users (username, display_name, unit_id, roles, phone, email, status, password_hash,
                       must_change_password, password_changed_at, created_at, updated_at)
    SELECT 'bench' || lpad(g::text, 5, '0'), '测试用户' || g, units.id,
           CASE WHEN g % 10 = 0 THEN ARRAY['unit_admin'] ELSE ARRAY['unit_staff'] END,
           '139' || lpad((g * 7919 % 100000000)::text, 8, '0'), 'bench' || g || '@zaitun.example', 'active',
           ${hash}, false, now(), now() - make_interval(days => g % 365), now()
    FROM generate_series(1, ${EXTRA_USERS}) AS g
    JOIN units ON units.i = g % units.n`.execute(database.db);
  await sql`ANALYZE`.execute(database.db);
  const counts = await sql<{ users: string; units: string; jinjiang: string; jid: string }>`
    SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM units) AS units,
           (SELECT count(*) FROM users u JOIN units un ON un.id = u.unit_id WHERE un.code = 'JINJIANG') AS jinjiang,
           (SELECT id FROM units WHERE code = 'JINJIANG') AS jid`.execute(database.db);
  const c = counts.rows[0];
  if (!c) throw new Error('no counts');
  const jinjiangId = c.jid;
  say(
    `Data: ${c.users} users in ${c.units} units (${c.jinjiang} in 晋江市), PostgreSQL ${pgVersion} — ${seconds(Date.now() - t)} s`,
  );

  // 2. The real app, signed in as the unit admin of 晋江市, with an API token made through the API.
  const app = await buildApp({ database, config, logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  cleanups.push(() => app.close());
  const appUrl = baseUrl(app);
  const { cookie, secret } = await bench.signInWithToken(appUrl, 'jinjiang', DEMO_PASSWORD, ['user.read']);

  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE });
  cleanups.push(() => pool.end());
  const thin = await thinServer(pool);
  cleanups.push(() => thin.close());
  const constant = await constantServer();
  cleanups.push(() => constant.close());

  const query = `unitId=${jinjiangId}&pageSize=20`;
  const bearer = { authorization: `Bearer ${secret}` };
  const targets = {
    constant: { name: 'constant JSON (HTTP limit)', url: `${baseUrl(constant)}/constant`, headers: {} },
    thinNoAuth: {
      name: 'thin, list + count only',
      url: `${baseUrl(thin)}/users-no-auth?unitId=${jinjiangId}`,
      headers: {},
    },
    thin: { name: 'thin, token + list + count', url: `${baseUrl(thin)}/users?unitId=${jinjiangId}`, headers: bearer },
    appToken: { name: 'app, API token', url: `${appUrl}/api/v1/users?${query}`, headers: bearer },
    appSession: { name: 'app, session cookie', url: `${appUrl}/api/v1/users?${query}`, headers: { cookie } },
  };

  // The routes must agree before they are timed.
  const answers = await Promise.all(
    [targets.thin, targets.appToken, targets.appSession].map(async (target) => {
      const res = await fetch(target.url, { headers: target.headers });
      if (res.status !== 200) throw new Error(`${target.url}: ${res.status} ${await res.text()}`);
      return (await res.json()) as { items: { id: string }[]; total: number };
    }),
  );
  const ids = answers.map((a) => `${a.total}:${a.items.map((i) => i.id).join(',')}`);
  if (new Set(ids).size !== 1 || answers[0]?.items.length !== 20)
    throw new Error(`the routes disagree: ${ids.join(' | ')}`);
  say(`Same answer from thin and app: page 1 of ${answers[0]?.total} users, 20 items.`);

  // 3. Load.
  say(
    `\nautocannon: ${CONNECTIONS} connections, ${WARMUP} s warm-up, then ${ROUNDS} × ${DURATION} s per route; pool of ${POOL_SIZE} connections for app and thin`,
  );
  const r = await bench.measureAll(targets);
  say('  mean of the rounds');
  for (const k of Object.keys(targets) as (keyof typeof targets)[]) say(bench.line(targets[k].name, r[k]));
  const ratio = r.appToken.rps / r.thin.rps;
  const pass = ratio >= TARGET_RATIO;
  say(
    `\n  app / thin      ${(ratio * 100).toFixed(0)} %   (target ≥ ${TARGET_RATIO * 100} %: ${pass ? 'PASS' : 'FAIL'})`,
  );
  say(`  app (session) / thin  ${((r.appSession.rps / r.thin.rps) * 100).toFixed(0)} %`);
  say(`  thin / constant ${((r.thin.rps / r.constant.rps) * 100).toFixed(0)} %`);
  const failed = Object.values(r).some((x) => x.non2xx || x.errors);
  if (failed) say('  some requests failed: the numbers above are not valid');

  // The servers and the database go before the embedded starts are timed.
  await bench.runCleanups(cleanups);
  cleanups.length = 0;

  // 4. The embedded database: first start (migrate + seed) and a second start on the same data directory.
  say('\nEmbedded first start (node --import tsx apps/server/src/main.ts, PORT=0, fresh DATA_DIR)');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zaitun-bench-data-'));
  let first: { wallMs: number; reported: number };
  let second: { wallMs: number; reported: number };
  try {
    first = await timeStart(dataDir);
    say(
      `  first start   ${seconds(first.wallMs)} s to "ready" (server's own count ${first.reported} s) — target < ${FIRST_START_TARGET_S} s: ${first.wallMs < FIRST_START_TARGET_S * 1000 ? 'PASS' : 'FAIL'}`,
    );
    second = await timeStart(dataDir);
    say(
      `  second start  ${seconds(second.wallMs)} s to "ready" (server's own count ${second.reported} s) — target < ${SECOND_START_TARGET_S} s: ${second.wallMs < SECOND_START_TARGET_S * 1000 ? 'PASS' : 'FAIL'}`,
    );
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  if (bench.WRITE) {
    writeResults({
      date: startedAt,
      load,
      pgVersion,
      origin,
      users: Number(c.users),
      units: Number(c.units),
      jinjiang: Number(c.jinjiang),
      r,
      ratio,
      first,
      second,
    });
    say('\nResults recorded in docs/benchmarks.md');
  }
  if (failed) process.exitCode = 1;
}

interface Recorded {
  date: Date;
  /** One-minute load average when the run began: other work on the machine skews every number. */
  load: string;
  pgVersion: string;
  origin: string;
  users: number;
  units: number;
  jinjiang: number;
  r: Record<'constant' | 'thinNoAuth' | 'thin' | 'appToken' | 'appSession', bench.LoadResult>;
  ratio: number;
  first: { wallMs: number; reported: number };
  second: { wallMs: number; reported: number };
}

const MARKERS = { start: '<!-- bench:results:start -->', end: '<!-- bench:results:end -->' };

function writeResults(x: Recorded): void {
  const row = (name: string, v: bench.LoadResult, note: string) =>
    `| ${name} | ${v.rps.toFixed(0)} | ${v.p50.toFixed(0)} | ${v.p99.toFixed(0)} | ${note} |`;
  const pct = (a: number, b: number) => `${((a / b) * 100).toFixed(0)} %`;
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const lines = [
    `Run of ${x.date.toISOString().slice(0, 16).replace('T', ' ')} UTC — ${os.cpus().length} cores (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GB RAM, Node ${process.version}, PostgreSQL ${x.pgVersion} (${x.origin}); one-minute load average ${x.load} when the run began.`,
    `Data: ${x.users} users in ${x.units} units, ${x.jinjiang} of them in 晋江市. autocannon ${CONNECTIONS} connections, ${WARMUP} s warm-up, then ${ROUNDS} rounds × ${DURATION} s per row (order reversed every other round), mean of the rounds; pool of ${POOL_SIZE} for app and thin.`,
    '',
    '| route | req/s | p50 ms | p99 ms | what it does |',
    '| --- | ---: | ---: | ---: | --- |',
    row('constant JSON', x.r.constant, 'the HTTP limit: Fastify, no database'),
    row('thin, list + count', x.r.thinNoAuth, 'bare Fastify + pg: the two list queries only'),
    row('**thin**', x.r.thin, 'bare Fastify + pg: token lookup, scope check, list, count'),
    row('**app (API token)**', x.r.appToken, '`GET /api/v1/users?unitId=…&pageSize=20` as the unit admin of 晋江市'),
    row('app (session cookie)', x.r.appSession, 'the same, signed in with a session'),
    '',
    `- **app / thin: ${pct(x.r.appToken.rps, x.r.thin.rps)}** (target ≥ ${TARGET_RATIO * 100} %: ${x.ratio >= TARGET_RATIO ? 'PASS' : 'FAIL'}); with a session: ${pct(x.r.appSession.rps, x.r.thin.rps)}.`,
    `- thin / constant: ${pct(x.r.thin.rps, x.r.constant.rps)}; the token lookup costs the thin layer ${pct(x.r.thinNoAuth.rps - x.r.thin.rps, x.r.thinNoAuth.rps)} of its list-only rate.`,
    `- Embedded first start (migrate + seed, fresh DATA_DIR): **${seconds(x.first.wallMs)} s** to "ready" (target < ${FIRST_START_TARGET_S} s: ${x.first.wallMs < FIRST_START_TARGET_S * 1000 ? 'PASS' : 'FAIL'}); second start on the same directory: **${seconds(x.second.wallMs)} s** (target < ${SECOND_START_TARGET_S} s: ${x.second.wallMs < SECOND_START_TARGET_S * 1000 ? 'PASS' : 'FAIL'}). Wall time from spawning \`node --import tsx apps/server/src/main.ts\`; the server's own "ready in" count was ${x.first.reported} s and ${x.second.reported} s.`,
  ];
  bench.recordInDoc(MARKERS, lines);
}

bench.runBenchmark(main);
