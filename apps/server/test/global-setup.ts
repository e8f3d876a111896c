/**
 * Prepares, once per test run, a migrated and seeded database that every test file copies:
 * PGlite — a dumped data directory image; PostgreSQL — a template database for CREATE DATABASE … TEMPLATE.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../src/config';
import { openDatabase } from '../src/db/database';
import { migrate } from '../src/db/migrate';
import { systemContext } from '../src/lib/audit';
import { systemClock } from '../src/lib/clock';
import { ensureReferenceData } from '../src/seed/reference-data';
import { seedDemo } from '../src/seed/seed';
import { TEST_PASSWORD, TMP_DIR } from './constants';

export default async function setup(project: TestProject) {
  const kind = (project.config.env?.ZAITUN_TEST_DB as string | undefined) ?? process.env.ZAITUN_TEST_DB ?? 'pglite';
  fs.mkdirSync(TMP_DIR, { recursive: true });
  const config = loadConfig({});
  if (kind === 'pg') {
    const adminUrl = process.env.ZAITUN_TEST_DATABASE_URL;
    if (!adminUrl) throw new Error('ZAITUN_TEST_DB=pg needs ZAITUN_TEST_DATABASE_URL');
    const template = `zaitun_tpl_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${template}`);
    const url = new URL(adminUrl);
    url.pathname = `/${template}`;
    const database = await openDatabase({ databaseUrl: url.toString(), dataDir: config.dataDir, poolSize: 2 });
    await migrate(database.db);
    await ensureReferenceData(database.db);
    await seedDemo(database.db, systemContext(systemClock, 'seed'), { password: TEST_PASSWORD });
    await database.close();
    project.provide('pgTemplate', template);
    return async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
      await admin.end();
    };
  }
  const database = await openDatabase({ databaseUrl: null, dataDir: config.dataDir, inMemory: true });
  await migrate(database.db);
  await ensureReferenceData(database.db);
  await seedDemo(database.db, systemContext(systemClock, 'seed'), { password: TEST_PASSWORD });
  const image = await database.dump?.();
  await database.close();
  if (!image) throw new Error('no image');
  const file = path.join(TMP_DIR, `pglite-image-${process.pid}.tar.gz`);
  fs.writeFileSync(file, image);
  project.provide('pgliteImage', file);
  return () => fs.rmSync(file, { force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgTemplate: string;
    pgliteImage: string;
  }
}
