/** A PostgreSQL for the benchmark: the one named by BENCH_DATABASE_URL / DATABASE_URL, or a throwaway one. */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openAndMigrate, seedIfEmpty } from '../apps/server/src/boot';
import { type Config, loadConfig } from '../apps/server/src/config';
import type { Database } from '../apps/server/src/db/database';
import type { Clock } from '../apps/server/src/lib/clock';
import { type Cleanup, DEMO_PASSWORD, say } from './load';

export interface BenchPostgres {
  /** URL of a maintenance database on the server (where CREATE DATABASE runs). */
  url: string;
  /** Where it came from, for the report. */
  origin: string;
  stop(): void;
}

const PG_BASE = '/usr/lib/postgresql';

function findPgBin(): string | null {
  if (!fs.existsSync(PG_BASE)) return null;
  const versions = fs
    .readdirSync(PG_BASE)
    .filter((v) => fs.existsSync(path.join(PG_BASE, v, 'bin/initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(PG_BASE, versions[0], 'bin') : null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function benchPostgres(env: NodeJS.ProcessEnv): Promise<BenchPostgres> {
  const given = env.BENCH_DATABASE_URL || env.DATABASE_URL;
  if (given) return { url: given, origin: env.BENCH_DATABASE_URL ? 'BENCH_DATABASE_URL' : 'DATABASE_URL', stop() {} };
  const bin = findPgBin();
  if (!bin) {
    throw new Error(
      'The benchmark needs PostgreSQL: set BENCH_DATABASE_URL (or DATABASE_URL) to a server where it may create a database, or install the server binaries (apt-get install -y postgresql) so it can start a throwaway one.',
    );
  }
  // initdb refuses to run as root: run the server as the postgres user then.
  const asRoot = process.getuid?.() === 0;
  const run = (tool: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args], { stdio: 'ignore' })
      : execFileSync(path.join(bin, tool), args, { stdio: 'ignore' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zaitun-bench-pg-'));
  if (asRoot) execFileSync('chown', ['postgres:', dir]);
  fs.chmodSync(dir, 0o700);
  const port = await freePort();
  run('initdb', ['-D', dir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  run('pg_ctl', [
    '-D',
    dir,
    '-l',
    path.join(dir, 'log'),
    '-w',
    '-o',
    `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir}`,
    'start',
  ]);
  const version = path.basename(path.dirname(bin));
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    origin: `throwaway PostgreSQL ${version} (default settings) started by the benchmark`,
    stop() {
      try {
        run('pg_ctl', ['-D', dir, '-m', 'fast', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

export interface ScratchDatabase {
  /** URL of the new, empty database. */
  url: string;
  /** The server's version, for the report. */
  pgVersion: string;
  /** Where the server came from, for the report. */
  origin: string;
  /** Drops the database and stops a throwaway server. */
  drop(): Promise<void>;
}

/** A new database for one benchmark run on the benchmark's server (see benchPostgres). */
export async function scratchDatabase(env: NodeJS.ProcessEnv): Promise<ScratchDatabase> {
  const server = await benchPostgres(env);
  const dbName = `zaitun_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server.url });
  const drop = async () => {
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.end();
    } finally {
      server.stop();
    }
  };
  try {
    await admin.connect();
    const version = await admin.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    await admin.query(`CREATE DATABASE ${dbName} TEMPLATE template0 ENCODING 'UTF8'`);
    const url = new URL(server.url);
    url.pathname = `/${dbName}`;
    return { url: url.toString(), pgVersion: version.rows[0]?.v ?? '?', origin: server.origin, drop };
  } catch (err) {
    await drop().catch(() => {});
    throw err;
  }
}

/** The app's database for one benchmark run, with the configuration it was opened with. */
export interface BenchDatabase {
  database: Database;
  config: Config;
  url: string;
  /** The server's version and where it came from, for the report. */
  pgVersion: string;
  origin: string;
}

/**
 * What every benchmark starts from: a scratch database (see scratchDatabase) migrated and seeded with the demo
 * organisation the way the server does it, demo accounts' password DEMO_PASSWORD, logging only warnings. Closing
 * the database and dropping it are pushed onto `cleanups`; `overrides` adjusts the configuration.
 */
export async function seededScratchDatabase(
  clock: Clock,
  cleanups: Cleanup[],
  overrides: Partial<Config> = {},
): Promise<BenchDatabase> {
  const scratch = await scratchDatabase(process.env);
  cleanups.push(() => scratch.drop());
  const config: Config = {
    ...loadConfig({ ...process.env, DATABASE_URL: scratch.url, ZAITUN_DEMO_PASSWORD: DEMO_PASSWORD }),
    logLevel: 'warn',
    ...overrides,
  };
  const quiet = { info: () => {}, warn: (m: string) => say(`  warning: ${m}`) };
  const database = await openAndMigrate(config, quiet);
  cleanups.push(() => database.close());
  await seedIfEmpty(database, config, clock, quiet);
  return { database, config, url: scratch.url, pgVersion: scratch.pgVersion, origin: scratch.origin };
}
