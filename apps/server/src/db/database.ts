/**
 * The one way the application reaches its data: Kysely over node-postgres, pointed at either a PostgreSQL server
 * (DATABASE_URL) or the embedded PGlite served on a private socket. Same driver, same SQL, same types.
 */
import path from 'node:path';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { acquireLock } from './data-dir-lock';
import { type EmbeddedServer, startEmbedded } from './embedded';
import type { DB } from './types';

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;
export type DbOrTx = Db | Tx;

export interface Database {
  kind: 'embedded' | 'postgres';
  db: Db;
  pool: pg.Pool;
  /** Embedded only: a gzipped tarball of the data directory, taken while the server keeps running. */
  dump: (() => Promise<Uint8Array>) | null;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl: string | null;
  dataDir: string;
  /** Embedded: keep the database in memory (tests), optionally starting from a dumped image. */
  inMemory?: boolean;
  loadImage?: Uint8Array | null;
  poolSize?: number;
}

// A SQL `date` is a calendar day, not an instant: keep it as 'YYYY-MM-DD' instead of a midnight in the process's zone.
const DATE_OID = 1082;
const dateAsText = (value: string) => value;

function makePool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool({
    ...config,
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        oid === DATE_OID ? dateAsText : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client's error (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  return pool;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = makePool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      application_name: 'zaitun',
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return {
      kind: 'postgres',
      db,
      pool,
      dump: null,
      async close() {
        await db.destroy();
      },
    };
  }

  const release = options.inMemory ? () => {} : acquireLock(options.dataDir);
  let embedded: EmbeddedServer;
  try {
    embedded = await startEmbedded({
      pgdataDir: options.inMemory ? null : path.join(options.dataDir, 'pgdata'),
      loadImage: options.loadImage ?? null,
    });
  } catch (err) {
    release();
    throw err;
  }
  // PGlite is a single session: one connection, so transactions never interleave.
  const pool = makePool({ host: embedded.socketDir, port: 5432, user: 'postgres', database: 'postgres', max: 1 });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: 'embedded',
    db,
    pool,
    dump: () => embedded.dump(),
    async close() {
      try {
        await db.destroy();
        await embedded.close();
      } finally {
        release();
      }
    },
  };
}
