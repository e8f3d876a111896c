import { randomUUID } from 'node:crypto';
import os from 'node:os';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/db/database';
import { migrate } from '../src/db/migrate';
import { systemContext, verifyAuditChain } from '../src/lib/audit';
import { systemClock } from '../src/lib/clock';
import { seedDemo } from '../src/seed/seed';
import { DB_KIND } from './harness';

/** An empty, migrated database (no seed), on the database kind under test. */
async function emptyDatabase(): Promise<{ database: Database; drop(): Promise<void> }> {
  if (DB_KIND === 'pg') {
    const adminUrl = process.env.ZAITUN_TEST_DATABASE_URL as string;
    const name = `zaitun_e_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: url.toString(), dataDir: os.tmpdir(), poolSize: 4 });
    await migrate(database.db);
    return {
      database,
      async drop() {
        await database.close();
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const database = await openDatabase({ databaseUrl: null, dataDir: os.tmpdir(), inMemory: true });
  await migrate(database.db);
  return { database, drop: () => database.close() };
}

let empty: { database: Database; drop(): Promise<void> };
beforeAll(async () => {
  empty = await emptyDatabase();
});
afterAll(() => empty?.drop());

describe('demo seed', () => {
  it('seeds once even when several processes start together, and can leave out the demo accounts', async () => {
    const ctx = systemContext(systemClock, 'seed');
    const results = await Promise.all([
      seedDemo(empty.database.db, ctx, { password: null, accounts: false }),
      seedDemo(empty.database.db, ctx, { password: null, accounts: false }),
      seedDemo(empty.database.db, ctx, { password: null, accounts: false }),
    ]);
    expect(results.filter((r) => r.seeded)).toHaveLength(1);
    const counts = await empty.database.pool.query<{ units: string; users: string }>(
      'SELECT (SELECT count(*) FROM units) AS units, (SELECT count(*) FROM users) AS users',
    );
    expect(counts.rows[0]).toEqual({ units: '36', users: '0' });
    expect((await verifyAuditChain(empty.database.db)).intact).toBe(true);
  });
});
