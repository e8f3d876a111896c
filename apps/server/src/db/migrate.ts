/** Applies the pending numbered SQL files in migrations/ in order, once, all in one transaction (all or nothing). */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Db } from './database';

export const MIGRATIONS_DIR = path.join(import.meta.dirname, 'migrations');
const MIGRATION_LOCK = 74280001;

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      return {
        version: Number(file.slice(0, 4)),
        name: file.replace(/\.sql$/, ''),
        sql: text,
        checksum: createHash('sha256').update(text).digest('hex'),
      };
    });
}

export async function migrate(db: Db, onProgress?: (m: Migration) => void): Promise<Migration[]> {
  const migrations = loadMigrations();
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now()
  )`.execute(db);
  const applied: Migration[] = [];
  await db.transaction().execute(async (tx) => {
    // Several servers starting together: one migrates, the others wait and then find nothing to do.
    await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(tx);
    const done = await tx.selectFrom('schema_migrations').selectAll().execute();
    const byVersion = new Map(done.map((m) => [m.version, m]));
    for (const m of migrations) {
      const prior = byVersion.get(m.version);
      if (prior) {
        if (prior.checksum !== m.checksum) {
          throw new Error(
            `Migration ${m.name} was changed after it was applied; migrations are immutable — add a new one.`,
          );
        }
        continue;
      }
      onProgress?.(m);
      await sql.raw(m.sql).execute(tx);
      await tx
        .insertInto('schema_migrations')
        .values({ version: m.version, name: m.name, checksum: m.checksum })
        .execute();
      applied.push(m);
    }
  });
  return applied;
}
