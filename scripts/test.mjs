#!/usr/bin/env node
// `npm test`: every suite, then one plain line `N passed, N failed`.
// - Vitest: unit tests, CLI tests, server integration tests on embedded PGlite, web unit tests.
// - The same server integration tests on PostgreSQL: ZAITUN_TEST_DATABASE_URL, or a throwaway server when the
//   PostgreSQL binaries are installed (/usr/lib/postgresql/*/bin); skipped otherwise unless ZAITUN_REQUIRE_PG=1.
// - Official-document tests (unit project) need soffice, pdftotext/pdffonts and Chromium; skipped without them
//   unless ZAITUN_REQUIRE_DOC_TOOLS=1 (CI).
// - Browser tests (Playwright) in Debian's Chromium (/usr/bin/chromium or CHROMIUM_PATH); skipped when it is
//   missing unless ZAITUN_REQUIRE_BROWSER=1. E2E_WORKERS (default 1) workers, each with its own server on
//   E2E_PORT+N (default: the first free ports from 3210 on).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPgBin, startPg, stopPg } from './pg-throwaway.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tmp = path.join(root, '.tmp');
fs.mkdirSync(tmp, { recursive: true });
const vitest = path.join(root, 'node_modules/vitest/vitest.mjs');
const requirePg = process.env.ZAITUN_REQUIRE_PG === '1';
const requireBrowser = process.env.ZAITUN_REQUIRE_BROWSER === '1';
const results = [];
let problems = 0;

function run(cmd, args, env = {}) {
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return res.status ?? 1;
}

/** Whether nothing listens on 127.0.0.1:<port> (where the e2e servers listen). */
function portFree(port) {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/** Whether all `count` ports from `first` on are free. */
async function portsFree(first, count) {
  for (let port = first; port < first + count; port++) if (!(await portFree(port))) return false;
  return true;
}

function vitestRun(label, projects, env = {}) {
  const out = path.join(tmp, `vitest-${label}.json`);
  fs.rmSync(out, { force: true });
  const args = [
    vitest,
    'run',
    ...projects.flatMap((p) => ['--project', p]),
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ];
  const code = run(process.execPath, args, env);
  if (!fs.existsSync(out)) {
    results.push({ label, passed: 0, failed: 1, note: `exited ${code} without a report` });
    return;
  }
  const report = JSON.parse(fs.readFileSync(out, 'utf8'));
  const failed = report.numFailedTests + (code !== 0 && report.numFailedTests === 0 ? 1 : 0);
  results.push({ label, passed: report.numPassedTests, failed, skipped: report.numPendingTests + report.numTodoTests });
}

// 1. Everything that needs only Node.
vitestRun('node', ['unit', 'cli', 'server-pglite', 'web']);

// 2. PostgreSQL.
let pg = null;
let pgUrl = process.env.ZAITUN_TEST_DATABASE_URL;
if (!pgUrl && findPgBin()) {
  try {
    pg = startPg(55400 + Math.floor(Math.random() * 500));
    pgUrl = pg.url;
  } catch (err) {
    process.stderr.write(`could not start a throwaway PostgreSQL: ${err.message}\n`);
  }
}
if (pgUrl) {
  try {
    vitestRun('postgres', ['server-pg'], { ZAITUN_TEST_DATABASE_URL: pgUrl });
    const last = results.at(-1);
    if (last.passed === 0) {
      last.failed += 1;
      last.note = 'no PostgreSQL test ran';
    }
  } finally {
    if (pg) stopPg(pg.dir);
  }
} else if (requirePg) {
  results.push({
    label: 'postgres',
    passed: 0,
    failed: 1,
    note: 'ZAITUN_REQUIRE_PG=1 but no PostgreSQL (set ZAITUN_TEST_DATABASE_URL or install postgresql)',
  });
} else {
  results.push({ label: 'postgres', passed: 0, failed: 0, note: 'skipped: no PostgreSQL on this machine' });
}

// 3. Browser.
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const e2eConfig = path.join(root, 'e2e/playwright.config.ts');
if (fs.existsSync(chromium) && fs.existsSync(e2eConfig)) {
  const report = path.join(root, 'e2e/test-results/results.json');
  fs.rmSync(report, { force: true });
  // One server per Playwright worker, on E2E_PORT, E2E_PORT+1, …: all of them must be free. Without E2E_PORT,
  // take the first free run of ports from 3210 on (another server, or someone's e2e run, may hold 3210).
  const servers = Number.parseInt(process.env.E2E_WORKERS ?? '1', 10) || 1;
  let e2ePort = process.env.E2E_PORT ? Number(process.env.E2E_PORT) : null;
  if (e2ePort === null) {
    for (let first = 3210; first < 3310 && e2ePort === null; first += servers) {
      if (await portsFree(first, servers)) e2ePort = first;
    }
  } else if (!(await portsFree(e2ePort, servers))) {
    e2ePort = null;
  }
  const code =
    e2ePort === null
      ? null
      : run(process.execPath, [path.join(root, 'node_modules/@playwright/test/cli.js'), 'test', '-c', e2eConfig], {
          CHROMIUM_PATH: chromium,
          E2E_PORT: String(e2ePort),
        });
  if (code === null) {
    const wanted = process.env.E2E_PORT
      ? `ports ${process.env.E2E_PORT}–${Number(process.env.E2E_PORT) + servers - 1} (E2E_PORT) are in use`
      : `no ${servers} free ports in a row between 3210 and 3309`;
    results.push({ label: 'browser', passed: 0, failed: 1, note: wanted });
  } else if (fs.existsSync(report)) {
    const { stats } = JSON.parse(fs.readFileSync(report, 'utf8'));
    const failed = stats.unexpected + (code !== 0 && stats.unexpected === 0 ? 1 : 0);
    results.push({ label: 'browser', passed: stats.expected + stats.flaky, failed, skipped: stats.skipped });
    if (stats.expected + stats.flaky === 0) results.at(-1).failed += 1;
  } else {
    results.push({ label: 'browser', passed: 0, failed: 1, note: `playwright exited ${code} without a report` });
  }
} else if (requireBrowser) {
  results.push({
    label: 'browser',
    passed: 0,
    failed: 1,
    note: `ZAITUN_REQUIRE_BROWSER=1 but ${fs.existsSync(chromium) ? 'no e2e config' : `no Chromium at ${chromium}`}`,
  });
} else {
  results.push({
    label: 'browser',
    passed: 0,
    failed: 0,
    note: 'skipped: no Chromium (apt-get install chromium fonts-noto-cjk)',
  });
}

process.stdout.write('\nSuites:\n');
for (const r of results) {
  process.stdout.write(
    `  ${r.label.padEnd(9)} ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}${r.note ? `  (${r.note})` : ''}\n`,
  );
  problems += r.failed;
}
const passed = results.reduce((n, r) => n + r.passed, 0);
process.stdout.write(`${passed} passed, ${problems} failed\n`);
process.exit(problems > 0 ? 1 : 0);
