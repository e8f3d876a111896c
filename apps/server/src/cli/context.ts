/** What every command gets, and how it reaches the database: directly, or through the server that holds it. */
import http from 'node:http';
import { sql } from 'kysely';
import type { Config } from '../config';
import { DataDirLockedError, readLock } from '../db/data-dir-lock';
import { type Database, openDatabase } from '../db/database';
import { loadMigrations } from '../db/migrate';
import type { Clock } from '../lib/clock';
import { CliError, failure, type Output } from './output';

export interface CliContext {
  config: Config;
  clock: Clock;
  out: Output;
}

/** Who holds the embedded data directory: nobody, a running server with a control socket, or another process. */
export type DataDirOwner =
  | { kind: 'none' }
  | { kind: 'server'; pid: number; socket: string }
  | { kind: 'busy'; pid: number };

export function dataDirOwner(config: Config): DataDirOwner {
  if (config.databaseUrl) return { kind: 'none' };
  const lock = readLock(config.dataDir);
  if (!lock) return { kind: 'none' };
  return lock.controlSocket
    ? { kind: 'server', pid: lock.pid, socket: lock.controlSocket }
    : { kind: 'busy', pid: lock.pid };
}

/** The refusal for commands that need the data directory to themselves. */
export function lockedError(config: Config, pid: number): CliError {
  return new CliError(new DataDirLockedError(config.dataDir, pid).message, 1);
}

export function describeDatabase(config: Config): string {
  return config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `嵌入式 PGlite / embedded PGlite in ${config.dataDir}`;
}

/** Migrations known to this version of Zaitun that the database has not applied yet (all of them when empty). */
export async function pendingMigrations(database: Database): Promise<string[]> {
  const known = loadMigrations();
  const { rows } = await sql<{ t: string | null }>`SELECT to_regclass('schema_migrations')::text AS t`.execute(
    database.db,
  );
  if (!rows[0]?.t) return known.map((m) => m.name);
  const done = new Set(
    (await database.db.selectFrom('schema_migrations').select('version').execute()).map((m) => m.version),
  );
  return known.filter((m) => !done.has(m.version)).map((m) => m.name);
}

export async function hasAuditTable(database: Database): Promise<boolean> {
  const { rows } = await sql<{ t: string | null }>`SELECT to_regclass('audit_events')::text AS t`.execute(database.db);
  return !!rows[0]?.t;
}

function connectionError(config: Config, err: unknown): CliError | null {
  const code = (err as NodeJS.ErrnoException).code;
  if (config.databaseUrl && (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === '3D000' || code === '28P01')) {
    return failure(
      `无法连接 PostgreSQL（DATABASE_URL）：${(err as Error).message}`,
      `Cannot connect to PostgreSQL (DATABASE_URL): ${(err as Error).message}`,
    );
  }
  return null;
}

/**
 * Opens the database for one command and closes it afterwards. Embedded, this takes the data-directory lock, so
 * a running server makes it fail with the lock's bilingual message. `requireSchema` refuses a database with
 * migrations still to apply.
 */
export async function withDatabase<T>(
  ctx: CliContext,
  work: (database: Database) => Promise<T>,
  options: { requireSchema?: boolean } = {},
): Promise<T> {
  const { config, out } = ctx;
  const owner = dataDirOwner(config);
  if (owner.kind !== 'none') throw lockedError(config, owner.pid);
  let database: Database;
  try {
    database = await out.step(`打开数据库 / opening the database: ${describeDatabase(config)}`, () =>
      openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 }),
    );
  } catch (err) {
    if (err instanceof DataDirLockedError) throw new CliError(err.message, 1);
    throw err;
  }
  try {
    if (options.requireSchema) {
      const pending = await pendingMigrations(database);
      if (pending.length) {
        throw failure(
          `数据库还有 ${pending.length} 个迁移未执行（${pending.join(', ')}）。请先运行 zaitun migrate。`,
          `The database has ${pending.length} migration(s) to apply (${pending.join(', ')}). Run \`zaitun migrate\` first.`,
        );
      }
    }
    return await work(database);
  } catch (err) {
    throw connectionError(config, err) ?? err;
  } finally {
    await database.close();
  }
}

/** Sends one command to the running server's control socket (control.ts) and returns its JSON answer. */
export function callControl<T>(socket: string, pathAndQuery: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath: socket, method: 'POST', path: pathAndQuery }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          body = { error: text };
        }
        if (res.statusCode === 200) return resolve(body as T);
        const message = (body as { error?: unknown }).error;
        reject(
          failure(
            `运行中的服务器报告错误：${String(message)}`,
            `The running server reported an error: ${String(message)}`,
          ),
        );
      });
    });
    req.on('error', (err) =>
      reject(
        failure(
          `无法连接运行中服务器的控制套接字 ${socket}：${err.message}`,
          `Cannot reach the running server's control socket ${socket}: ${err.message}`,
        ),
      ),
    );
    req.end();
  });
}
