/**
 * `npx tsx bench/figure-import.bench.ts`: a 100k-row figure import (issue 5: < 15 s, peak RSS < 400 MB, on
 * PostgreSQL) through the real app — the long layout (单位 / 指标 / 年 / 月 / 数值 / 同比%) uploaded to
 * `POST /api/v1/imports/indicator_figures` (checked, parsed, every row validated and compared with the stored
 * figures, the preview stored) and committed (`POST /api/v1/imports/:id/commit`: writeFiguresCounted in chunks with
 * its history rows, the audit). Then the same file again (every row unchanged), which writes nothing. The server runs
 * in a process of its own from the bundle `npm start` runs (ADR 0015); its peak RSS (VmHWM) is read per phase.
 * Baseline in the same run: the same file through the spreadsheet parser alone (parseXlsx), the floor any import pays.
 * Not a timed test: a check run by hand — `NODE_OPTIONS=--expose-gc npx tsx bench/figure-import.bench.ts` lets it
 * collect the file-building garbage before measuring.
 *
 * Data: the demo organisation (the city and 13 counties) plus 36 bench counties, 20 bench indicators (monthly,
 * year-to-date), 10 years (2016–2025) × 12 months — 120k distinct cells, of which the file holds the first
 * BENCH_FIGURE_ROWS (default 100 000). Options: BENCH_DATABASE_URL or DATABASE_URL (else a throwaway PostgreSQL),
 * BENCH_PORT (the server's), BENCH_SERVER_NODE_ARGS (e.g. `--trace-gc`) and BENCH_SERVER_LOG (its output).
 */

import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { ManualClock } from '../apps/server/src/lib/clock';
import { parseXlsx } from '../apps/server/src/lib/xlsx';
import { xlsxLimits } from '../apps/server/src/modules/imports/imports.service';
import { FIGURES_LONG_SPEC } from '../apps/server/src/modules/indicators/figures.import';
// @ts-expect-error: a plain ES module script without types
import { ensureServerBundle } from '../scripts/build-server.mjs';
import { DEMO_PASSWORD, loadAverage, runBenchmark, say } from './load';
import { seededScratchDatabase } from './postgres';

const ROWS = Number(process.env.BENCH_FIGURE_ROWS || 100_000);
const BENCH_UNITS = 36;
const BENCH_INDICATORS = 20;
const YEARS = [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025];
const TARGET_MS = 15_000;
const TARGET_RSS_MB = 400;

const PORT = Number(process.env.BENCH_PORT || 3396);
const BASE = `http://127.0.0.1:${PORT}`;

async function waitReady(server: ChildProcess): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < 120_000) {
    if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${BASE}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the server did not become ready in 120 s');
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Samples the resident set every 20 ms while `fn` runs; answers its result, the time and the highest RSS seen. */
async function measuredHere<T>(fn: () => Promise<T>): Promise<{ result: T; ms: number; peakRss: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const t0 = performance.now();
  try {
    const result = await fn();
    return { result, ms: performance.now() - t0, peakRss: Math.max(peak, process.memoryUsage().rss) };
  } finally {
    clearInterval(timer);
  }
}

/** The long layout with the streaming writer (the in-memory one would need far more memory than the import). */
async function buildFile(units: string[], indicators: string[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: true });
  const sheet = workbook.addWorksheet('指标数据');
  sheet.addRow(['单位', '指标', '年', '月', '数值', '同比%']).commit();
  let n = 0;
  outer: for (const year of YEARS) {
    for (let month = 1; month <= 12; month++) {
      for (const indicator of indicators) {
        for (const unit of units) {
          if (n >= ROWS) break outer;
          n++;
          sheet.addRow([unit, indicator, year, month, Math.round(n * 37.3) / 100, (n % 200) / 10 - 5]).commit();
        }
      }
    }
  }
  if (n < ROWS) throw new Error(`only ${n} distinct cells for ${ROWS} rows`);
  sheet.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}

interface PreviewBody {
  id: string;
  rowsTotal: number;
  rowsInvalid: number;
  changes: { create: number; update: number; unchanged: number };
}

runBenchmark(async (cleanups) => {
  const clock = new ManualClock(new Date('2026-11-05T10:00:00+08:00'));
  const { database, config, url, pgVersion, origin } = await seededScratchDatabase(clock, cleanups);
  const db = database.db;
  say(`PostgreSQL ${pgVersion} (${origin}); load ${loadAverage()}`);

  await sql`
    INSERT INTO units (code, name_zh, name_en, short_name, type, parent_id, path, depth, sort_order)
    SELECT 'BENCH-' || g, '基准县' || g, 'Bench county ' || g, '基准县' || g, 'county', hq.id,
           hq.path || gen_random_uuid() || '/', hq.depth + 1, 1000 + g
    FROM generate_series(1, ${BENCH_UNITS}) g, (SELECT id, path, depth FROM units WHERE code = 'HQ') hq`.execute(db);
  await sql`
    INSERT INTO indicators (code, name_zh, name_en, measure_unit, frequency, kind, direction, decimals, additive,
                            sort_order, created_at, updated_at)
    SELECT 'bench_' || g, '基准指标' || g, 'Bench indicator ' || g, '亿元', 'monthly', 'ytd_cumulative', 'higher', 2,
           true, 100 + g, now(), now()
    FROM generate_series(1, ${BENCH_INDICATORS}) g`.execute(db);
  const units = (
    await db
      .selectFrom('units')
      .select('name_zh')
      .where('type', 'in', ['county', 'headquarters'])
      .where('active', '=', true)
      .orderBy('code')
      .execute()
  ).map((u) => u.name_zh);
  const indicators = Array.from({ length: BENCH_INDICATORS }, (_, i) => `bench_${i + 1}`);
  say(`${units.length} units × ${indicators.length} indicators × ${YEARS.length} years × 12 months`);

  const t0 = performance.now();
  const file = await buildFile(units, indicators);
  say(`File: ${ROWS} rows, ${(file.length / 1024 / 1024).toFixed(1)} MB, built in ${secs(performance.now() - t0)}`);

  // The server in a process of its own, as in production: its resident set is the import's alone (this process
  // built the file, which leaves its heap large), read from /proc (VmHWM: the peak, reset before each phase).
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zaitun-import-bench-'));
  cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  // BENCH_SERVER_NODE_ARGS: extra options for the server's node (e.g. `--trace-gc`); BENCH_SERVER_LOG: its output.
  const extraArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const serverLog = process.env.BENCH_SERVER_LOG ? fs.openSync(process.env.BENCH_SERVER_LOG, 'w') : 'ignore';
  // As `npm start` runs it: the server's ahead-of-time bundle (ADR 0015), built first when stale.
  const bundle = await ensureServerBundle({ log: say });
  const server = spawn(process.execPath, [...extraArgs, bundle], {
    cwd: path.resolve(import.meta.dirname, '..'),
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      DATABASE_URL: url,
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      PDF_WARMUP: '0',
      JOBS_ENABLED: 'false',
    },
    stdio: ['ignore', serverLog, serverLog],
  });
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        if (server.exitCode !== null) return resolve();
        server.once('exit', () => resolve());
        server.kill('SIGTERM');
      }),
  );
  await waitReady(server);
  const pid = server.pid as number;
  const status = (field: 'VmRSS' | 'VmHWM') =>
    Number(
      /(\d+) kB/.exec(
        fs
          .readFileSync(`/proc/${pid}/status`, 'utf8')
          .split('\n')
          .find((l) => l.startsWith(field)) ?? '',
      )?.[1] ?? 0,
    ) * 1024;
  const resetPeak = () => {
    try {
      fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    } catch {
      // an older kernel: the peak then includes the start-up
    }
  };
  const login = await fetch(`${BASE}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'hq', password: DEMO_PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const headers = { cookie, 'x-csrf-token': csrfToken };

  const upload = async () => {
    const form = new FormData();
    form.append('file', new Blob([file]), 'figures-100k.xlsx');
    const res = await fetch(`${BASE}/api/v1/imports/indicator_figures`, { method: 'POST', headers, body: form });
    if (res.status !== 201) throw new Error(`preview: ${res.status} ${(await res.text()).slice(0, 500)}`);
    return (await res.json()) as PreviewBody;
  };
  const commit = async (id: string) => {
    const res = await fetch(`${BASE}/api/v1/imports/${id}/commit`, { method: 'POST', headers });
    if (res.status !== 200) throw new Error(`commit: ${res.status} ${(await res.text()).slice(0, 500)}`);
    return (await res.json()) as PreviewBody;
  };
  /** Times `fn` and answers the server's peak resident set while it ran. */
  const measured = async <T>(fn: () => Promise<T>) => {
    resetPeak();
    const t0 = performance.now();
    const result = await fn();
    return { result, ms: performance.now() - t0, peakRss: status('VmHWM') };
  };
  const idleRss = status('VmRSS');

  // The baseline: the same file through the parser alone, in this process (its time; the memory is the server's).
  const parse = await measuredHere(
    async () => (await parseXlsx(file, FIGURES_LONG_SPEC, xlsxLimits(config))).rows.length,
  );
  if (parse.result !== ROWS) throw new Error(`parsed ${parse.result} rows`);

  const preview = await measured(upload);
  if (preview.result.rowsInvalid > 0) throw new Error(`${preview.result.rowsInvalid} invalid rows`);
  const committed = await measured(() => commit(preview.result.id));
  const total = preview.ms + committed.ms;
  const peak = Math.max(preview.peakRss, committed.peakRss);
  const stored = await sql<{
    n: string;
  }>`SELECT count(*) AS n FROM indicator_figures WHERE import_id = ${preview.result.id}`.execute(db);

  const againPreview = await measured(upload);
  const againCommit = await measured(() => commit(againPreview.result.id));
  const again = {
    ms: againPreview.ms + againCommit.ms,
    peakRss: Math.max(againPreview.peakRss, againCommit.peakRss),
    result: { preview: againPreview.result, done: againCommit.result },
  };

  const ok = (good: boolean) => (good ? 'within budget' : 'OVER BUDGET');
  say('');
  say(
    `Baseline — parseXlsx alone (in the benchmark's process): ${secs(parse.ms)}; the server process idle: RSS ${mb(idleRss)} MB`,
  );
  say(
    `Preview (upload, parse, validate, compare, store): ${secs(preview.ms)} — ${preview.result.changes.create} to create`,
  );
  say(`Commit (one writeFigures, history, audit): ${secs(committed.ms)} — ${stored.rows[0]?.n} figures stored`);
  say(
    `Total ${secs(total)} (budget ${secs(TARGET_MS)}: ${ok(total < TARGET_MS)}), ${(total / parse.ms).toFixed(1)}× the parse alone`,
  );
  say(
    `Server's peak RSS ${mb(peak)} MB (budget ${TARGET_RSS_MB} MB: ${ok(mb(peak) < TARGET_RSS_MB)}) — preview ${mb(preview.peakRss)} MB, commit ${mb(committed.peakRss)} MB`,
  );
  say(
    `The same file again: ${secs(again.ms)} for preview + commit, ${again.result.done.changes.unchanged} unchanged, ${again.result.done.changes.create + again.result.done.changes.update} written; peak RSS ${mb(again.peakRss)} MB (budget ${TARGET_RSS_MB} MB: ${ok(mb(again.peakRss) < TARGET_RSS_MB)}) — preview ${mb(againPreview.peakRss)} MB, commit ${mb(againCommit.peakRss)} MB`,
  );
  say(
    `The benchmark's own process (file building, parse baseline): max RSS ${mb(process.resourceUsage().maxRSS * 1024)} MB`,
  );
});
