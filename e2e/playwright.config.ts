import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

export const DEMO_PASSWORD = process.env.ZAITUN_DEMO_PASSWORD ?? 'Zaitun-Demo-2026!';

/**
 * Parallel workers, each with a server and a database of its own: worker N (its parallel index, 0 … WORKERS-1,
 * kept when a worker is replaced after a failure) talks only to the server on port E2E_PORT+N with data in
 * <data dir>/worker-N. Tests change settings, users, lock-outs and counters, so two servers never share data.
 * Files stay whole (fullyParallel off): a file's tests run in order, on one worker, on one fresh demo database.
 */
// Default 1: on a 2-core machine two headless Chromiums (software GPU) starve each other — CI measured each test
// ~3× slower with 2 workers, the suite slower overall. Machines with more cores set E2E_WORKERS=2 or more.
const WORKERS = Number(process.env.E2E_WORKERS ?? 1);
if (!Number.isInteger(WORKERS) || WORKERS < 1)
  throw new Error(`E2E_WORKERS must be a whole number ≥ 1, not ${process.env.E2E_WORKERS}`);
const PORT = Number(process.env.E2E_PORT ?? 3210);

// A fresh database per run. Workers load this file again; the env var (inherited) keeps one directory per run.
process.env.ZAITUN_E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'zaitun-e2e-'));
const DATA_DIR = process.env.ZAITUN_E2E_DATA_DIR;

// In a worker process Playwright sets TEST_PARALLEL_INDEX before it loads this file, so `use.baseURL` below is the
// worker's own server — for `page`, `request` and `browser.newContext()` alike, whatever a spec imports. (In the
// runner process it is unset: index 0, unused.)
const SERVER = Number(process.env.TEST_PARALLEL_INDEX ?? 0);
if (SERVER >= WORKERS) {
  throw new Error(`worker ${SERVER} has no server: ${WORKERS} were started — set E2E_WORKERS, not --workers`);
}

const server = (index: number) => ({
  name: `server ${index}`,
  command: 'node scripts/start.mjs',
  cwd: '..',
  url: `http://127.0.0.1:${PORT + index}/readyz`,
  // Started one after another (Playwright starts webServers in turn): the first builds a stale web bundle alone.
  timeout: 180_000,
  reuseExistingServer: false,
  stdout: 'ignore' as const,
  env: {
    PORT: String(PORT + index),
    HOST: '127.0.0.1',
    DATA_DIR: path.join(DATA_DIR, `worker-${index}`),
    ZAITUN_DEMO_PASSWORD: DEMO_PASSWORD,
    // The browser tests print no PDF; a second Chromium warming up beside the one under test only costs CPU.
    PDF_WARMUP: '0',
  },
});

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results/artifacts',
  fullyParallel: false,
  workers: WORKERS,
  retries: 0,
  timeout: 300_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/results.json' }]],
  use: {
    ...devices['Desktop Chrome'],
    baseURL: `http://127.0.0.1:${PORT + SERVER}`,
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    // Bounded waits: a click or a waitForResponse that can never succeed fails in under a minute, leaving the
    // test time for its cleanup, instead of running into the 5-minute test timeout.
    actionTimeout: 45_000,
    navigationTimeout: 60_000,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      // Debian's Chromium (never a downloaded browser); scripts/test.mjs passes CHROMIUM_PATH.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: Array.from({ length: WORKERS }, (_, index) => server(index)),
});
