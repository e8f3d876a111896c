/** Load generation shared by the benchmarks: autocannon in its own process, rounds in alternating order. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../apps/server/src/config';

export const DURATION = Number(process.env.BENCH_DURATION || 6);
export const ROUNDS = Number(process.env.BENCH_ROUNDS || 2);
export const WARMUP = 2;
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 50);

export const say = (msg: string) => process.stdout.write(`${msg}\n`);

/** What both benchmarks share: the app's pool size, the app/thin target, the demo accounts' password, `--write`. */
export const POOL_SIZE = 10;
export const TARGET_RATIO = 0.7;
export const DEMO_PASSWORD = 'Bench-Pass-2026!';
export const WRITE = process.argv.includes('--write') || process.env.BENCH_WRITE === '1';

export type Cleanup = () => Promise<void> | void;

/** Runs the cleanups last first; one that fails is reported and the others still run. */
export async function runCleanups(cleanups: Cleanup[]): Promise<void> {
  for (const fn of [...cleanups].reverse()) {
    try {
      await fn();
    } catch (err) {
      process.stderr.write(`cleanup: ${(err as Error).message}\n`);
    }
  }
}

/** The one-minute load average as the report gives it: other work on the machine skews every number. */
export const loadAverage = () => os.loadavg()[0]?.toFixed(1) ?? '?';

/**
 * Runs a benchmark: `main` pushes what it starts onto `cleanups`, which run last first however it ends (and may be
 * run early: runCleanups, then empty the array); a failure prints its stack and exits with 1.
 */
export function runBenchmark(main: (cleanups: Cleanup[]) => Promise<void>): void {
  const cleanups: Cleanup[] = [];
  main(cleanups)
    .finally(() => runCleanups(cleanups))
    .catch((err) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    });
}

/**
 * Records a benchmark's block in docs/benchmarks.md between its start and end markers (the rest of the file is
 * left alone); without the markers, the block goes at the end, under `heading` if given.
 */
export function recordInDoc(markers: { start: string; end: string }, lines: string[], heading?: string): void {
  const block = [markers.start, ...lines, markers.end].join('\n');
  const file = path.join(REPO_ROOT, 'docs/benchmarks.md');
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
  const s = current.indexOf(markers.start);
  const e = current.indexOf(markers.end);
  const next =
    s >= 0 && e > s
      ? `${current.slice(0, s)}${block}${current.slice(e + markers.end.length)}`
      : `${current.trimEnd()}\n\n${heading ? `${heading}\n\n` : ''}${block}\n`;
  fs.writeFileSync(file, next);
}

// ---------------------------------------------------------------------------------------------------------------
// Load generation: autocannon in its own process, so that it does not share the event loop with the servers.

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
}

const autocannonBin = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

export function autocannon(url: string, headers: Record<string, string>, duration: number): Promise<LoadResult> {
  const args = [autocannonBin, '-c', String(CONNECTIONS), '-d', String(duration), '-j'];
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}=${v}`);
  args.push(url);
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`autocannon failed: ${stderr || err.message}`));
      const r = JSON.parse(stdout) as {
        requests: { average: number; total: number };
        latency: { p50: number; p99: number };
        non2xx: number;
        errors: number;
        timeouts: number;
      };
      resolve({
        rps: r.requests.average,
        p50: r.latency.p50,
        p99: r.latency.p99,
        requests: r.requests.total,
        non2xx: r.non2xx,
        errors: r.errors + r.timeouts,
      });
    });
  });
}

export function line(name: string, result: LoadResult): string {
  const failed = result.non2xx || result.errors ? `   (${result.non2xx} non-2xx, ${result.errors} errors)` : '';
  return `  ${name.padEnd(28)} ${result.rps.toFixed(0).padStart(7)} req/s   p50 ${result.p50.toFixed(0).padStart(4)} ms   p99 ${result.p99.toFixed(0).padStart(4)} ms${failed}`;
}

/** Runs every target ROUNDS times, alternating the order, and averages the rounds. */
export async function measureAll<K extends string>(
  targets: Record<K, { name: string; url: string; headers: Record<string, string> }>,
): Promise<Record<K, LoadResult>> {
  const keys = Object.keys(targets) as K[];
  const runs = new Map<K, LoadResult[]>(keys.map((k) => [k, []]));
  for (const k of keys) await autocannon(targets[k].url, targets[k].headers, WARMUP);
  for (let round = 0; round < ROUNDS; round++) {
    say(`  round ${round + 1}/${ROUNDS}`);
    for (const k of round % 2 ? [...keys].reverse() : keys) {
      const result = await autocannon(targets[k].url, targets[k].headers, DURATION);
      runs.get(k)?.push(result);
      say(line(targets[k].name, result));
    }
  }
  const mean = (xs: LoadResult[], f: (x: LoadResult) => number) => xs.reduce((a, x) => a + f(x), 0) / xs.length;
  const sum = (xs: LoadResult[], f: (x: LoadResult) => number) => xs.reduce((a, x) => a + f(x), 0);
  const out = {} as Record<K, LoadResult>;
  for (const k of keys) {
    const xs = runs.get(k) ?? [];
    out[k] = {
      rps: mean(xs, (x) => x.rps),
      p50: mean(xs, (x) => x.p50),
      p99: mean(xs, (x) => x.p99),
      requests: sum(xs, (x) => x.requests),
      non2xx: sum(xs, (x) => x.non2xx),
      errors: sum(xs, (x) => x.errors),
    };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Signing in to the app under test, as the benchmarks' users do: a session, then an API token made through the API.

export interface SignedIn {
  /** The session cookie (`name=value`). */
  cookie: string;
  /** The API token's secret, for `Authorization: Bearer …`. */
  secret: string;
}

export async function signInWithToken(
  appUrl: string,
  username: string,
  password: string,
  permissions: string[],
): Promise<SignedIn> {
  const login = await fetch(`${appUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (login.status !== 200) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const tokenRes = await fetch(`${appUrl}/api/v1/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
    body: JSON.stringify({ name: 'bench', permissions, expiresInDays: 1 }),
  });
  if (tokenRes.status !== 200 && tokenRes.status !== 201)
    throw new Error(`token: ${tokenRes.status} ${await tokenRes.text()}`);
  const { secret } = (await tokenRes.json()) as { secret: string };
  return { cookie, secret };
}
