/**
 * Display links (大屏): created by the HQ office in a session, shown once, stored hashed; the token reads the
 * cockpit's views and nothing else (no drill-down to figures, no writes, no other module, not even /me); revoked or
 * expired it answers 401 DISPLAY_LINK_INVALID; its use is recorded at most once a minute; create and revoke are
 * audited; a leader cannot manage links and an API token cannot create one.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/http/app';
import { systemContext } from '../src/lib/audit';
import { seedDemoIndicators } from '../src/seed/demo-indicators';
import { Client, createTestApp, signIn, type TestApp } from './harness';

type Err = { error: { code: string; message: string } };
type Link = {
  id: string;
  name: string;
  prefix: string;
  createdByName: string | null;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};
type Created = { link: Link; token: string; url: string };

const START = new Date('2026-11-05T10:00:00+08:00');
let t: TestApp;
let hq: Client;
let retail: string;
let figure: string;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(START);
  await seedDemoIndicators(t.database.db, systemContext(t.clock, 'seed'));
  const row = await t.database.pool.query<{ id: string; indicator_id: string }>(
    `SELECT f.id, f.indicator_id FROM indicator_figures f JOIN indicators i ON i.id = f.indicator_id
     WHERE i.code = 'retail_sales' LIMIT 1`,
  );
  figure = row.rows[0]?.id as string;
  retail = row.rows[0]?.indicator_id as string;
});
// Some tests move the clock past the session's idle timeout: sign in afresh for each.
beforeEach(async () => {
  hq = await signIn(t.app, 'hq');
});
afterAll(() => t?.close());

const create = async (name: string, expiresInDays = 30) => {
  const res = await hq.post<Created>('/api/v1/display-links', { name, expiresInDays });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
};
const screen = (token: string, locale = 'zh-CN') => new Client(t.app, { bearer: token }, locale);

describe('display links', () => {
  it('are shown once, stored hashed, listed with their creator, and the creation is audited', async () => {
    const me = (await hq.get<{ displayName: string }>('/api/v1/me')).body;
    const { link, token, url } = await create(' 三楼会议室大屏 ');
    expect(token).toMatch(/^zdl_[A-Za-z0-9_-]{43}$/);
    expect(url).toBe(`/display/${token}`);
    expect(link).toMatchObject({
      name: '三楼会议室大屏',
      prefix: token.slice(0, 12),
      createdByName: me.displayName,
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(new Date(link.expiresAt).getTime() - new Date(link.createdAt).getTime()).toBe(30 * 86_400_000);

    const stored = await t.database.pool.query<{ token_hash: string }>(
      'SELECT token_hash FROM display_links WHERE id = $1',
      [link.id],
    );
    expect(stored.rows[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.rows[0]?.token_hash).not.toContain(token.slice(4));

    const list = await hq.get<{ items: (Link & { token?: string })[] }>('/api/v1/display-links');
    expect(list.status).toBe(200);
    const listed = list.body.items.find((l) => l.id === link.id);
    expect(listed).toEqual(link);
    expect(JSON.stringify(list.body)).not.toContain(token);

    const audit = await t.database.pool.query<{ action: string; after: Record<string, unknown> }>(
      `SELECT action, after FROM audit_events WHERE entity_type = 'display_link' AND entity_id = $1`,
      [link.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['display_link.create']);
    expect(audit.rows[0]?.after).toMatchObject({ name: '三楼会议室大屏', prefix: link.prefix });
    expect(JSON.stringify(audit.rows[0]?.after)).not.toContain(stored.rows[0]?.token_hash);
  });

  it('read the cockpit’s views, and nothing else', async () => {
    const { token } = await create('大屏 A');
    const s = screen(token);
    for (const url of [
      '/api/v1/cockpit',
      '/api/v1/cockpit/league?board=county',
      '/api/v1/cockpit/league?board=working_group',
      `/api/v1/cockpit/indicator?indicatorId=${retail}`,
      `/api/v1/cockpit/trend?indicatorId=${retail}`,
      '/api/v1/indicators',
      '/api/v1/settings/cockpit',
    ]) {
      const res = await s.get(url);
      expect(res.status, `${url}: ${JSON.stringify(res.body)}`).toBe(200);
    }
    const xlsx = await s.get('/api/v1/cockpit/league.xlsx?board=county');
    expect(xlsx.status).toBe(200);
    expect(String(xlsx.headers['content-type'])).toContain('spreadsheetml');

    // No drill-down to figures, no targets' history, no writes, no other module, not the link list, not /me.
    const refused: [string, string, unknown?][] = [
      ['GET', '/api/v1/indicator-figures'],
      ['GET', `/api/v1/indicator-figures/${figure}`],
      ['GET', '/api/v1/indicator-targets?year=2026'],
      ['GET', '/api/v1/items'],
      ['GET', '/api/v1/units'],
      ['GET', '/api/v1/units/tree'],
      ['GET', '/api/v1/me'],
      ['GET', '/api/v1/notifications'],
      ['GET', '/api/v1/metrics/units'],
      ['GET', '/api/v1/display-links'],
      ['POST', '/api/v1/display-links', { name: '自己再开一个', expiresInDays: 366 }],
      ['PUT', '/api/v1/figure-entry', { unitId: retail, year: 2026, month: 10, entries: [] }],
      ['PUT', '/api/v1/settings/cockpit', { version: 1, settings: {} }],
      ['POST', '/api/v1/auth/logout'],
    ];
    for (const [method, url, body] of refused) {
      const res = await s.request<Err>(method, url, body);
      expect(res.status, `${method} ${url}`).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
  });

  it('record their use at most once a minute', async () => {
    const { link, token } = await create('大屏 B');
    const s = screen(token);
    const lastUsed = async () =>
      (
        await t.database.pool.query<{ last_used_at: Date | null }>(
          'SELECT last_used_at FROM display_links WHERE id = $1',
          [link.id],
        )
      ).rows[0]?.last_used_at?.getTime() ?? null;
    expect(await lastUsed()).toBeNull();
    const first = t.clock.now().getTime();
    expect((await s.get('/api/v1/cockpit')).status).toBe(200);
    expect(await lastUsed()).toBe(first);
    t.clock.advance(30_000);
    expect((await s.get('/api/v1/cockpit')).status).toBe(200);
    expect(await lastUsed()).toBe(first);
    t.clock.advance(31_000);
    expect((await s.get('/api/v1/cockpit')).status).toBe(200);
    expect(await lastUsed()).toBe(first + 61_000);
    t.clock.set(START);
  });

  it('stop working when revoked: 401 with a message in the screen’s language; the revocation is audited', async () => {
    const { link, token } = await create('大屏 C');
    expect((await screen(token).get('/api/v1/cockpit')).status).toBe(200);
    const revoked = await hq.post<Link>(`/api/v1/display-links/${link.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toBe(t.clock.now().toISOString());

    const zh = await screen(token).get<Err>('/api/v1/cockpit');
    expect(zh.status).toBe(401);
    expect(zh.body.error.code).toBe('DISPLAY_LINK_INVALID');
    expect(zh.body.error.message).toContain('大屏链接');
    const en = await screen(token, 'en-US').get<Err>('/api/v1/cockpit/league?board=county');
    expect(en.status).toBe(401);
    expect(en.body.error.message).toContain('display link');

    // Revoking again changes nothing; an unknown link is 404.
    const again = await hq.post<Link>(`/api/v1/display-links/${link.id}/revoke`);
    expect(again.body.revokedAt).toBe(revoked.body.revokedAt);
    expect((await hq.post('/api/v1/display-links/00000000-0000-4000-8000-000000000000/revoke')).status).toBe(404);

    const audit = await t.database.pool.query<{ action: string; actor_name: string; after: { revokedAt: string } }>(
      `SELECT action, actor_name, after FROM audit_events WHERE entity_type = 'display_link' AND entity_id = $1
       ORDER BY id`,
      [link.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['display_link.create', 'display_link.revoke']);
    expect(audit.rows[1]?.actor_name).toBe('hq');
    expect(audit.rows[1]?.after.revokedAt).toBe(revoked.body.revokedAt);
    const row = await t.database.pool.query<{ revoked_by: string }>(
      'SELECT revoked_by FROM display_links WHERE id = $1',
      [link.id],
    );
    expect(row.rows[0]?.revoked_by).toBeTruthy();
  });

  it('expire', async () => {
    const { token } = await create('大屏 D', 1);
    expect((await screen(token).get('/api/v1/cockpit')).status).toBe(200);
    t.clock.set(new Date(START.getTime() + 86_400_000 - 1000));
    expect((await screen(token).get('/api/v1/cockpit')).status).toBe(200);
    t.clock.set(new Date(START.getTime() + 86_400_000 + 1000));
    const res = await screen(token).get<Err>('/api/v1/cockpit');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('DISPLAY_LINK_INVALID');
    t.clock.set(START);
  });

  it('an unknown display token is refused like a revoked one; a bad API token stays UNAUTHENTICATED', async () => {
    const fake = await screen(`zdl_${'A'.repeat(43)}`).get<Err>('/api/v1/cockpit');
    expect(fake.status).toBe(401);
    expect(fake.body.error.code).toBe('DISPLAY_LINK_INVALID');
    const api = await screen(`zt_${'A'.repeat(43)}`).get<Err>('/api/v1/cockpit');
    expect(api.status).toBe(401);
    expect(api.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('are managed by the HQ office only, and created only in a session', async () => {
    const { link } = await create('大屏 E');
    const leader = await signIn(t.app, 'leader');
    expect((await leader.get('/api/v1/display-links')).status).toBe(403);
    expect((await leader.post('/api/v1/display-links', { name: 'x', expiresInDays: 1 })).status).toBe(403);
    expect((await leader.post(`/api/v1/display-links/${link.id}/revoke`)).status).toBe(403);
    const county = await signIn(t.app, 'jinjiang');
    expect((await county.get('/api/v1/display-links')).status).toBe(403);

    // An API token of the dispatcher that holds display.manage may list, not create (no CSRF on tokens).
    const tok = await hq.post<{ secret: string }>('/api/v1/tokens', {
      name: '大屏管理',
      permissions: ['display.manage'],
      expiresInDays: 1,
    });
    expect(tok.status).toBe(201);
    const bot = new Client(t.app, { bearer: tok.body.secret });
    expect((await bot.get('/api/v1/display-links')).status).toBe(200);
    const refused = await bot.post<Err>('/api/v1/display-links', { name: 'x', expiresInDays: 1 });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');

    // The body is checked: a validity of 0 or over a year, an empty name.
    for (const body of [
      { name: 'x', expiresInDays: 0 },
      { name: 'x', expiresInDays: 367 },
      { name: '', expiresInDays: 1 },
      { name: 'x', expiresInDays: 1, extra: true },
    ]) {
      expect((await hq.post('/api/v1/display-links', body)).status, JSON.stringify(body)).toBe(400);
    }
  });

  it('keep their secret out of the request log', async () => {
    const lines: string[] = [];
    const logged = await buildApp({
      database: t.database,
      config: { ...t.config, logLevel: 'info' },
      clock: t.clock,
      logger: { stream: { write: (line: string) => lines.push(line) } },
    });
    try {
      const token = `zdl_AbCdEfGh${'x'.repeat(35)}`;
      await logged.inject({ method: 'GET', url: `/display/${token}`, headers: { authorization: `Bearer ${token}` } });
      await logged.inject({
        method: 'GET',
        url: '/api/v1/cockpit',
        headers: { authorization: `Bearer ${token}` },
      });
      const log = lines.join('');
      expect(log).toContain('/display/zdl_AbCdEfGh…');
      expect(log).not.toContain(token);
    } finally {
      await logged.close();
    }
  });
});
