/**
 * Each test file gets its own fresh copy of a migrated, seeded database (see global-setup.ts) and a real app on it.
 * ZAITUN_TEST_DB=pglite (default) or pg (with ZAITUN_TEST_DATABASE_URL) chooses the database.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { type Config, loadConfig } from '../src/config';
import { type Database, openDatabase } from '../src/db/database';
import { buildApp } from '../src/http/app';
import { ManualClock } from '../src/lib/clock';
import { TEST_PASSWORD, TMP_DIR } from './constants';

export { TEST_PASSWORD };
export const DB_KIND = (process.env.ZAITUN_TEST_DB ?? 'pglite') as 'pglite' | 'pg';

export interface TestDb {
  database: Database;
  url: string | null;
  drop(): Promise<void>;
}

export async function freshDatabase(dataDir: string): Promise<TestDb> {
  if (DB_KIND === 'pg') {
    const adminUrl = process.env.ZAITUN_TEST_DATABASE_URL as string;
    const name = `zaitun_t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: url.toString(), dataDir, poolSize: 5 });
    return {
      database,
      url: url.toString(),
      async drop() {
        await database.close();
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const image = new Uint8Array(fs.readFileSync(inject('pgliteImage')));
  const database = await openDatabase({ databaseUrl: null, dataDir, inMemory: true, loadImage: image });
  return { database, url: null, drop: () => database.close() };
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  config: Config;
  clock: ManualClock;
  close(): Promise<void>;
}

export async function createTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  fs.mkdirSync(TMP_DIR, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(TMP_DIR, 'data-'));
  const db = await freshDatabase(dataDir);
  const config: Config = {
    ...loadConfig({}),
    dataDir,
    databaseUrl: db.url,
    webDist: path.join(dataDir, 'no-web'),
    filesDir: path.join(dataDir, 'files'),
    jobsEnabled: false,
    ...overrides,
  };
  const clock = new ManualClock(new Date());
  const app = await buildApp({ database: db.database, config, clock, logger: false });
  await app.ready();
  return {
    app,
    database: db.database,
    config,
    clock,
    async close() {
      await app.close();
      await db.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Res<T = unknown> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
}

/** An HTTP client bound to one identity (session cookie + CSRF token, or API token), speaking one language. */
export class Client {
  constructor(
    readonly app: FastifyInstance,
    readonly auth: { cookie?: string; csrf?: string; bearer?: string } = {},
    readonly locale = 'zh-CN',
  ) {}

  async request<T = unknown>(
    method: string,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Res<T>> {
    const res = await this.app.inject({
      method: method as 'GET',
      url,
      headers: {
        'accept-language': this.locale,
        ...(this.auth.cookie ? { cookie: this.auth.cookie } : {}),
        ...(this.auth.csrf && method !== 'GET' ? { 'x-csrf-token': this.auth.csrf } : {}),
        ...(this.auth.bearer ? { authorization: `Bearer ${this.auth.bearer}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
    const text = res.body;
    let parsed: unknown = text;
    if ((res.headers['content-type'] ?? '').toString().includes('json') && text) parsed = JSON.parse(text);
    return { status: res.statusCode, body: parsed as T, headers: res.headers };
  }
  get<T = unknown>(url: string) {
    return this.request<T>('GET', url);
  }
  post<T = unknown>(url: string, body?: unknown) {
    return this.request<T>('POST', url, body);
  }
  patch<T = unknown>(url: string, body?: unknown) {
    return this.request<T>('PATCH', url, body);
  }
  put<T = unknown>(url: string, body?: unknown) {
    return this.request<T>('PUT', url, body);
  }
  delete<T = unknown>(url: string) {
    return this.request<T>('DELETE', url);
  }
  withLocale(locale: string) {
    return new Client(this.app, this.auth, locale);
  }
}

export async function signIn(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<Client> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ username, password }),
  });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'zaitun_session');
  const me = JSON.parse(res.body) as { csrfToken: string };
  return new Client(app, { cookie: `zaitun_session=${cookie?.value}`, csrf: me.csrfToken });
}

/** Row counts of the domain tables, to prove a failed request changed nothing. */
export async function domainSnapshot(database: Database): Promise<Record<string, string>> {
  const { rows } = await database.pool.query<{ t: string; n: string; v: string }>(`
    SELECT 'units' AS t, count(*)::text AS n, coalesce(sum(version), 0)::text AS v FROM units
    UNION ALL SELECT 'users', count(*)::text, coalesce(sum(version), 0)::text FROM users
    UNION ALL SELECT 'api_tokens', count(*)::text, count(revoked_at)::text FROM api_tokens
    UNION ALL SELECT 'enterprises', count(*)::text, '0' FROM enterprises
    UNION ALL SELECT 'institutes', count(*)::text, '0' FROM institutes
    UNION ALL SELECT 'items', count(*)::text, coalesce(sum(version), 0)::text FROM items
    UNION ALL SELECT 'item_events', count(*)::text, '0' FROM item_events
    UNION ALL SELECT 'item_attachments', count(*)::text, '0' FROM item_attachments
    UNION ALL SELECT 'orders', count(*)::text, coalesce(sum(version), 0)::text FROM orders
    UNION ALL SELECT 'meetings', count(*)::text, coalesce(sum(version), 0)::text FROM meetings
    UNION ALL SELECT 'meeting_agenda', count(*)::text, coalesce(sum(version), 0)::text FROM meeting_agenda
    UNION ALL SELECT 'notifications', count(*)::text, count(read_at)::text FROM notifications
    UNION ALL SELECT 'calendar_days', count(*)::text, '0' FROM calendar_days
    UNION ALL SELECT 'calendar_years', count(*)::text, coalesce(sum(version), 0)::text FROM calendar_years
    UNION ALL SELECT 'dictionary_entries', count(*)::text, coalesce(sum(version), 0)::text FROM dictionary_entries
    UNION ALL SELECT 'settings', count(*)::text, coalesce(sum(version), 0)::text FROM settings
    UNION ALL SELECT 'unit_webhooks', count(*)::text, coalesce(sum(version), 0)::text FROM unit_webhooks
    UNION ALL SELECT 'imports', count(*)::text, '0' FROM imports`);
  return Object.fromEntries(rows.map((r) => [r.t, `${r.n}/${r.v}`]));
}
