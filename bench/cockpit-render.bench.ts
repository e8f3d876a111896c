/**
 * `npx tsx bench/cockpit-render.bench.ts`: the cockpit's first render in Chromium on the demo data in < 2 s
 * (issue 5). The app is started as `npm start` starts it (scripts/start.mjs: the built web bundle, the embedded
 * database in a fresh data directory, the demo seeded), Debian's Chromium opens it through playwright-core.
 *
 * Each round opens a new browser context (an empty cache, as a meeting-room screen or a leader's first visit),
 * signs in as `leader` over the API and times from navigation to the page showing its data: for the cockpit, every
 * headline tile, the ranked county table and the league table's rows; for the baseline in the same run, the
 * bulletin archive with its rows (a list page of the same app, the same bundle, one API read). So a loaded
 * machine shows in both.
 * Options: BENCH_ROUNDS (default 2, after a warm-up), BENCH_PORT (default 3395).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumPath } from '../apps/server/src/lib/documents/pdf';
import { DEMO_PASSWORD, loadAverage, ROUNDS, runBenchmark, say } from './load';

const PORT = Number(process.env.BENCH_PORT || 3395);
const BASE = `http://127.0.0.1:${PORT}`;
const TARGET_MS = 2000;
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

async function waitReady(server: ChildProcess): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < 180_000) {
    if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${BASE}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the server did not become ready in 180 s');
}

runBenchmark(async (cleanups) => {
  const root = path.resolve(import.meta.dirname, '..');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zaitun-cockpit-bench-'));
  cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  say(`starting the app (scripts/start.mjs) on port ${PORT} with a fresh embedded database…`);
  const server = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ZAITUN_DEMO_PASSWORD: DEMO_PASSWORD,
      PDF_WARMUP: '0',
    },
    stdio: 'ignore',
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
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ARGS });
  cleanups.push(() => browser.close());

  /**
   * Cold: a new context (empty cache) straight to the page. Warm: the app already open in that context (its
   * bundle cached), then the page loaded again — what a user who signed in earlier sees.
   */
  const open = async (url: string, ready: (page: import('playwright-core').Page) => Promise<unknown>) => {
    const context = await browser.newContext({
      baseURL: BASE,
      viewport: { width: 1280, height: 800 },
      locale: 'zh-CN',
    });
    try {
      const login = await context.request.post('/api/v1/auth/login', {
        data: { username: 'leader', password: DEMO_PASSWORD },
      });
      if (!login.ok()) throw new Error(`sign-in failed: ${login.status()}`);
      const page = await context.newPage();
      let started = performance.now();
      await page.goto(url);
      await ready(page);
      const cold = performance.now() - started;
      await page.goto('about:blank');
      started = performance.now();
      await page.goto(url);
      await ready(page);
      return { cold, warm: performance.now() - started };
    } finally {
      await context.close();
    }
  };
  const cockpit = () =>
    open('/cockpit', async (page) => {
      await page.getByTestId('headline-tile').first().waitFor();
      await page.getByTestId('county-table').locator('tbody tr').nth(12).waitFor();
      await page.getByTestId('league-table').locator('tbody tr').nth(12).waitFor();
    });
  const baseline = () =>
    open('/dispatch/bulletins', async (page) => {
      await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    });
  await baseline(); // warm-up: the server's first requests, Chromium's first context
  await cockpit();
  let worstCold = 0;
  let worstWarm = 0;
  for (let round = 1; round <= ROUNDS; round++) {
    const b = await baseline();
    const c = await cockpit();
    worstCold = Math.max(worstCold, c.cold);
    worstWarm = Math.max(worstWarm, c.warm);
    say(
      `  round ${round}: cold — baseline (bulletin archive) ${b.cold.toFixed(0)} ms · cockpit ${c.cold.toFixed(0)} ms (${(c.cold / b.cold).toFixed(2)}×); ` +
        `warm — baseline ${b.warm.toFixed(0)} ms · cockpit ${c.warm.toFixed(0)} ms (${(c.warm / b.warm).toFixed(2)}×) — load ${loadAverage()}`,
    );
  }
  const verdict = (ms: number) => (ms < TARGET_MS ? 'PASS' : 'FAIL');
  say(
    `cockpit render (target < ${TARGET_MS} ms): cold worst ${worstCold.toFixed(0)} ms ${verdict(worstCold)}, warm worst ${worstWarm.toFixed(0)} ms ${verdict(worstWarm)}`,
  );
});
