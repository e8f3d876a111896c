/**
 * The periodic jobs on a real database with a moved clock: the SLA sweep announces each light once, escalates
 * automatically (yellow, then red card) with its records, and stays exactly-once with two processes sweeping at
 * the same moment; the robot deliveries reach a real local HTTP receiver (DingTalk signature, WeCom), retry with
 * backoff, and show their status through the API.
 */
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { RouteResponse } from '@zaitun/contracts';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/db/database';
import { buildApp } from '../src/http/app';
import { ensureSchedules, runDueJobs, runJob } from '../src/jobs/runner';
import type { SweepSummary } from '../src/jobs/sla-sweep';
import type { DeliverySummary } from '../src/jobs/webhooks';
import { type Client, createTestApp, DB_KIND, signIn, type TestApp } from './harness';
import { dispatchedItem as dispatchedItemBy } from './item-helpers';

type Detail = { item: { id: string; version: number; number: string; title: string } };
type Hook = RouteResponse<'createWebhook'>;
type Deliveries = RouteResponse<'listWebhookDeliveries'>;

let t: TestApp;
const unitIds = new Map<string, string>();
const MIN = 60_000;

beforeAll(async () => {
  t = await createTestApp();
  const { rows } = await t.database.pool.query<{ code: string; id: string }>('SELECT code, id FROM units');
  for (const r of rows) unitIds.set(r.code, r.id);
});
afterAll(() => t?.close());

/** Sessions expire while the clock jumps ahead: sign in again at the current instant when needed. */
const sessions = new Map<string, { client: Client; at: number }>();
async function as(username: string): Promise<Client> {
  const now = t.clock.now().getTime();
  const s = sessions.get(username);
  if (s && now - s.at < 10 * 60_000 && now >= s.at) return s.client;
  const client = await signIn(t.app, username);
  sessions.set(username, { client, at: now });
  return client;
}

const unit = (code: string) => unitIds.get(code) as string;
const deps = () => ({ db: t.database.db, clock: t.clock });
const sweep = async () => (await runJob('sla_sweep', deps())) as SweepSummary;
const deliver = async () => (await runJob('webhook_deliveries', deps())) as DeliverySummary;

const dispatchedItem = async (title: string, leadUnit = 'JINJIANG') =>
  dispatchedItemBy(await as('hq'), unit(leadUnit), { title, description: '时钟测试', category: 'financing' });

interface Clocks {
  sign_by: Date;
  yellow_at: Date;
  deadline: Date;
  escalate_yellow_at: Date;
  escalate_red_at: Date;
  version: number;
  escalation: string | null;
  light_notified: string;
}
async function clocksOf(id: string): Promise<Clocks> {
  const { rows } = await t.database.pool.query<Clocks>(
    `SELECT sign_by, yellow_at, deadline, escalate_yellow_at, escalate_red_at, version, escalation, light_notified
     FROM items WHERE id = $1`,
    [id],
  );
  return rows[0] as Clocks;
}

/** "username:event" for every notification about these items, sorted. */
async function notificationsOf(ids: string[], event?: string) {
  const { rows } = await t.database.pool.query<{ k: string }>(
    `SELECT u.username || ':' || n.event_type AS k FROM notifications n JOIN users u ON u.id = n.user_id
     WHERE n.entity_id = ANY($1::text[]) AND ($2::text IS NULL OR n.event_type = $2) ORDER BY 1`,
    [ids, event ?? null],
  );
  return rows.map((r) => r.k);
}

async function usernames(where: string, params: unknown[]) {
  const { rows } = await t.database.pool.query<{ username: string }>(
    `SELECT username FROM users WHERE status IN ('active', 'pending') AND (${where}) ORDER BY username`,
    params,
  );
  return rows.map((r) => r.username);
}
const unitUsers = () => usernames('unit_id = $1', [unit('JINJIANG')]);
const roleUsers = (role: string) => usernames('$1 = ANY(roles)', [role]);
const expectFor = (users: string[], event: string) => users.map((u) => `${u}:${event}`).sort();
const union = (...lists: string[][]) => [...new Set(lists.flat())].sort();

describe('SLA sweep', () => {
  it('announces due soon and overdue exactly once, escalates to a yellow then a red card', async () => {
    const item = await dispatchedItem('光灯与督办测试');
    const signed = await (await as('jinjiang')).post<Detail>(`/api/v1/items/${item.id}/actions`, {
      action: 'sign',
      version: item.version,
    });
    expect(signed.status).toBe(200);
    const c = await clocksOf(item.id);
    expect(c.yellow_at.getTime()).toBeLessThan(c.deadline.getTime());

    // Yellow light: once, to the lead unit.
    t.clock.set(new Date(c.yellow_at.getTime() + MIN));
    const first = await sweep();
    expect(first.dueSoon).toBeGreaterThanOrEqual(1);
    expect((await sweep()).dueSoon).toBe(0);
    const lead = await unitUsers();
    expect(await notificationsOf([item.id], 'item_due_soon')).toEqual(expectFor(lead, 'item_due_soon'));
    expect((await clocksOf(item.id)).light_notified).toBe('yellow');

    // Red light: once, to the lead unit and the dispatchers; the item's version is untouched (bookkeeping only).
    t.clock.set(new Date(c.deadline.getTime() + MIN));
    await sweep();
    await sweep();
    expect(await notificationsOf([item.id], 'item_overdue')).toEqual(
      union(expectFor(lead, 'item_overdue'), expectFor(await roleUsers('hq_dispatcher'), 'item_overdue')),
    );
    expect(await notificationsOf([item.id], 'item_due_soon')).toHaveLength(lead.length);
    expect((await clocksOf(item.id)).version).toBe(c.version);

    // Yellow card, automatic.
    t.clock.set(new Date(c.escalate_yellow_at.getTime() + MIN));
    const yellow = await sweep();
    expect(yellow.escalatedYellow).toBeGreaterThanOrEqual(1);
    await sweep();
    let now = await clocksOf(item.id);
    expect(now.escalation).toBe('yellow');
    expect(now.version).toBe(c.version + 1);
    const escalations = () =>
      t.database.pool
        .query<{ level: string; auto: boolean; by_user: string | null }>(
          'SELECT level, auto, by_user FROM item_escalations WHERE item_id = $1 ORDER BY at, level',
          [item.id],
        )
        .then((r) => r.rows);
    expect(await escalations()).toEqual([{ level: 'yellow', auto: true, by_user: null }]);
    expect(await notificationsOf([item.id], 'item_escalated')).toEqual(expectFor(lead, 'item_escalated'));

    // Red card: also the leaders.
    t.clock.set(new Date(c.escalate_red_at.getTime() + MIN));
    await sweep();
    await sweep();
    now = await clocksOf(item.id);
    expect(now.escalation).toBe('red');
    expect(now.version).toBe(c.version + 2);
    expect(await escalations()).toEqual([
      { level: 'yellow', auto: true, by_user: null },
      { level: 'red', auto: true, by_user: null },
    ]);
    const { rows: events } = await t.database.pool.query<{ actor_user_id: string | null; data: unknown }>(
      `SELECT actor_user_id, data FROM item_events WHERE item_id = $1 AND action = 'escalate' ORDER BY id`,
      [item.id],
    );
    expect(events).toEqual([
      { actor_user_id: null, data: { level: 'yellow', auto: true } },
      { actor_user_id: null, data: { level: 'red', auto: true } },
    ]);
    const { rows: audit } = await t.database.pool.query<{ actor_type: string; actor_name: string; after: unknown }>(
      `SELECT actor_type, actor_name, after FROM audit_events
       WHERE entity_id = $1 AND action = 'item.escalate' ORDER BY id`,
      [item.id],
    );
    expect(audit.map((a) => [a.actor_type, a.actor_name])).toEqual([
      ['system', 'sla_sweep'],
      ['system', 'sla_sweep'],
    ]);
    expect(audit[1]?.after).toMatchObject({ escalation: 'red' });
    const red = (await notificationsOf([item.id], 'item_escalated')).filter(
      (k) => !lead.some((u) => k === `${u}:item_escalated`),
    );
    expect(red).toEqual(expectFor(await roleUsers('leader'), 'item_escalated'));
    // The timeline and the notification show the card.
    const mine = await (await as('jinjiang')).get<RouteResponse<'listNotifications'>>(
      '/api/v1/notifications?pageSize=100',
    );
    expect(
      mine.body.items
        .filter((n) => n.entityId === item.id && n.eventType === 'item_escalated')
        .map((n) => n.text)
        .sort(),
    ).toEqual([`督办（红牌）：${item.number} 光灯与督办测试`, `督办（黄牌）：${item.number} 光灯与督办测试`]);
  });

  it('announces an unsigned item past its signing time once, to the lead unit and the dispatchers', async () => {
    const item = await dispatchedItem('超时未签收测试');
    const c = await clocksOf(item.id);
    t.clock.set(new Date(c.sign_by.getTime() + MIN));
    const first = await sweep();
    expect(first.signOverdue).toBeGreaterThanOrEqual(1);
    expect((await sweep()).signOverdue).toBe(0);
    expect(await notificationsOf([item.id], 'item_sign_overdue')).toEqual(
      union(
        expectFor(await unitUsers(), 'item_sign_overdue'),
        expectFor(await roleUsers('hq_dispatcher'), 'item_sign_overdue'),
      ),
    );
  });
});

describe('two processes on one database', () => {
  let second: { app: FastifyInstance; database: Database } | null = null;
  afterAll(async () => {
    await second?.app.close();
    await second?.database.close();
  });

  it('sweeping at the same moment handles every item exactly once', async () => {
    // Earlier tests' items first run their course, so that only the new ones are due below.
    const { rows } = await t.database.pool.query<{ at: Date }>('SELECT max(escalate_red_at) AS at FROM items');
    t.clock.set(new Date(Math.max(t.clock.now().getTime(), (rows[0]?.at ?? new Date(0)).getTime()) + MIN));
    await sweep();
    const items = [];
    for (let i = 0; i < 6; i++) items.push(await dispatchedItem(`并发清扫测试 ${i}`));
    const ids = items.map((i) => i.id);
    const clocks = await Promise.all(ids.map(clocksOf));
    const latest = Math.max(...clocks.map((c) => c.escalate_red_at.getTime()));
    t.clock.set(new Date(latest + MIN));

    let other = deps();
    if (DB_KIND === 'pg') {
      // A second server process: its own app and connection pool on the same PostgreSQL database.
      const dataDir = fs.mkdtempSync(path.join(t.config.dataDir, 'second-'));
      const database = await openDatabase({ databaseUrl: t.config.databaseUrl, dataDir, poolSize: 5 });
      const app = await buildApp({ database, config: { ...t.config, dataDir }, clock: t.clock, logger: false });
      await app.ready();
      second = { app, database };
      other = { db: app.services.database.db, clock: app.services.clock as typeof t.clock };
    }
    const [a, b] = (await Promise.all([runJob('sla_sweep', deps()), runJob('sla_sweep', other)])) as SweepSummary[];
    const total = (k: keyof SweepSummary) => (a?.[k] ?? 0) + (b?.[k] ?? 0);
    expect(total('overdue')).toBe(6);
    expect(total('signOverdue')).toBe(6);
    expect(total('escalatedRed')).toBe(6);
    expect(total('escalatedYellow')).toBe(0);
    expect(total('dueSoon')).toBe(0);

    const lead = await unitUsers();
    const dispatchers = await roleUsers('hq_dispatcher');
    const leaders = await roleUsers('leader');
    const perItem = union(
      expectFor(union(lead, dispatchers), 'item_overdue'),
      expectFor(union(lead, dispatchers), 'item_sign_overdue'),
      expectFor(union(lead, leaders), 'item_escalated'),
    );
    for (const id of ids)
      expect(await notificationsOf([id])).toEqual(union(perItem, expectFor(lead, 'item_dispatched')));
    expect(total('notifications')).toBe(perItem.length * 6);

    const count = async (q: string) => (await t.database.pool.query<{ n: number }>(q, [ids])).rows[0]?.n;
    expect(
      await count(`SELECT count(*)::int AS n FROM item_events WHERE item_id = ANY($1::uuid[]) AND action = 'escalate'`),
    ).toBe(6);
    expect(await count(`SELECT count(*)::int AS n FROM item_escalations WHERE item_id = ANY($1::uuid[])`)).toBe(6);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM audit_events WHERE entity_id = ANY($1::text[]) AND action = 'item.escalate'`,
      ),
    ).toBe(6);
    const after = await Promise.all(ids.map(clocksOf));
    expect(after.map((c) => c.version)).toEqual(clocks.map((c) => c.version + 1));
    // The audit chain stays one intact line.
    expect((await (await as('admin')).post<{ intact: boolean }>('/api/v1/audit-events/verify')).body.intact).toBe(true);

    // The runner's schedule: two processes polling at once run each due job once.
    await ensureSchedules(t.database.db, t.clock.now());
    const ran = (await Promise.all([runDueJobs(deps()), runDueJobs(other)])).flat().sort();
    expect(ran).toEqual([
      'figure_reminders',
      'import_preview_cleanup',
      'sla_sweep',
      'task_cleanup',
      'webhook_deliveries',
    ]);
    const { rows: schedules } = await t.database.pool.query<{ name: string; runs: number; last_ok: boolean }>(
      'SELECT name, runs, last_ok FROM job_schedules ORDER BY name',
    );
    expect(schedules).toEqual([
      { name: 'figure_reminders', runs: 1, last_ok: true },
      { name: 'import_preview_cleanup', runs: 1, last_ok: true },
      { name: 'sla_sweep', runs: 1, last_ok: true },
      { name: 'task_cleanup', runs: 1, last_ok: true },
      { name: 'webhook_deliveries', runs: 1, last_ok: true },
    ]);
    expect(await runDueJobs(deps())).toEqual([]);
    t.clock.advance(61_000);
    // The hourly cleanups are not due again yet.
    expect((await runDueJobs(deps())).sort()).toEqual(['sla_sweep', 'webhook_deliveries']);
  });
});

describe('robot deliveries', () => {
  interface Received {
    path: string;
    query: URLSearchParams;
    body: { msgtype: string; text: { content: string } };
  }
  const received: Received[] = [];
  /** Per path: how many times to answer 500 before answering ok ('always' for a robot that never recovers). */
  const failures = new Map<string, number | 'always'>();
  let server: http.Server;
  let base: string;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let data = '';
      req.on('data', (chunk) => {
        data += chunk;
      });
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        received.push({ path: url.pathname, query: url.searchParams, body: JSON.parse(data) });
        const left = failures.get(url.pathname);
        if (left === 'always' || (typeof left === 'number' && left > 0)) {
          if (typeof left === 'number') failures.set(url.pathname, left - 1);
          res.writeHead(500, { 'content-type': 'text/plain' }).end('robot down');
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0,"errmsg":"ok"}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const hook = async (body: Record<string, unknown>) => {
    const res = await (await as('admin')).post<Hook>('/api/v1/webhooks', { unitId: unit('DEHUA'), ...body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const deliveriesOf = async (id: string) =>
    (await (await as('admin')).get<Deliveries>(`/api/v1/webhooks/${id}/deliveries`)).body.items;

  it('sends DingTalk (signed) and WeCom messages, retries a failing robot with backoff, shows the status', async () => {
    const ding = await hook({
      kind: 'dingtalk',
      name: '德化钉钉群',
      url: `${base}/ding/robot/send?access_token=dingtoken123`,
      secret: 'SECdehua-secret',
      eventTypes: ['item_dispatched'],
    });
    const wecom = await hook({ kind: 'wecom', name: '德化企业微信群', url: `${base}/wecom/send?key=wecomkey456` });
    const flaky = await hook({ kind: 'dingtalk', name: '不稳定的群', url: `${base}/flaky?access_token=f` });
    failures.set('/flaky', 1);

    const item = await dispatchedItem('机器人投递测试', 'DEHUA');
    const first = await deliver();
    expect(first).toEqual({ sent: 2, retrying: 1, failed: 0 });
    expect(received.map((r) => r.path).sort()).toEqual(['/ding/robot/send', '/flaky', '/wecom/send']);

    const dingReq = received.find((r) => r.path === '/ding/robot/send') as Received;
    const ts = dingReq.query.get('timestamp') as string;
    expect(dingReq.query.get('access_token')).toBe('dingtoken123');
    expect(Math.abs(Number(ts) - t.clock.now().getTime())).toBeLessThan(60_000);
    const expectedSign = createHmac('sha256', 'SECdehua-secret').update(`${ts}\nSECdehua-secret`).digest('base64');
    expect(dingReq.query.get('sign')).toBe(expectedSign);
    const text = `【刺桐·泉州内外贸调度平台】收到交办事项，请及时签收：${item.number} 机器人投递测试`;
    expect(dingReq.body).toEqual({ msgtype: 'text', text: { content: text } });
    const wecomReq = received.find((r) => r.path === '/wecom/send') as Received;
    expect(wecomReq.query.get('key')).toBe('wecomkey456');
    expect(wecomReq.query.get('sign')).toBeNull();
    expect(wecomReq.body).toEqual({ msgtype: 'text', text: { content: text } });

    // Status through the API.
    const listed = new Map(
      (await (await as('admin')).get<{ items: Hook[] }>(`/api/v1/webhooks?unitId=${unit('DEHUA')}`)).body.items.map(
        (h) => [h.id, h],
      ),
    );
    expect(listed.get(ding.id)).toMatchObject({ sent: 1, pending: 0, failed: 0, lastError: null });
    expect(listed.get(flaky.id)).toMatchObject({ sent: 0, pending: 1, failed: 0, lastError: 'HTTP 500: robot down' });
    const [pending] = await deliveriesOf(flaky.id);
    expect(pending).toMatchObject({
      state: 'pending',
      attempts: 1,
      lastStatus: 500,
      lastError: 'HTTP 500: robot down',
    });
    expect(new Date(pending?.nextAttemptAt as string).getTime() - t.clock.now().getTime()).toBeGreaterThan(55_000);
    expect((await deliveriesOf(ding.id))[0]).toMatchObject({ state: 'sent', attempts: 1, lastStatus: 200, text });

    // Not before its backoff; then it goes through.
    expect(await deliver()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    t.clock.advance(61_000);
    expect(await deliver()).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect((await deliveriesOf(flaky.id))[0]).toMatchObject({ state: 'sent', attempts: 2, lastError: null });
    expect(received.filter((r) => r.path === '/flaky')).toHaveLength(2);
    expect(wecom.id).toBeTruthy();
  });

  it('gives a delivery up after six attempts, 1-2-4-8-16 minutes apart', async () => {
    const dead = await hook({
      kind: 'wecom',
      name: '失效的群',
      url: `${base}/dead?key=k`,
      eventTypes: ['item_dispatched'],
    });
    failures.set('/dead', 'always');
    await dispatchedItem('失效机器人测试', 'DEHUA');
    const gaps: number[] = [];
    let last = t.clock.now().getTime();
    for (let attempt = 1; attempt <= 6; attempt++) {
      const [d] = await deliveriesOf(dead.id);
      if (attempt > 1) {
        const due = new Date(d?.nextAttemptAt as string).getTime();
        gaps.push(Math.round((due - last) / MIN));
        t.clock.set(new Date(due));
      }
      last = t.clock.now().getTime();
      await deliver();
    }
    expect(gaps).toEqual([1, 2, 4, 8, 16]);
    const [d] = await deliveriesOf(dead.id);
    expect(d).toMatchObject({ state: 'failed', attempts: 6, lastStatus: 500, nextAttemptAt: null });
    t.clock.advance(60 * MIN);
    await deliver();
    expect(received.filter((r) => r.path === '/dead')).toHaveLength(6);
    const listed = (await (await as('admin')).get<{ items: Hook[] }>('/api/v1/webhooks')).body.items.find(
      (h) => h.id === dead.id,
    );
    expect(listed).toMatchObject({ failed: 1, pending: 0, lastError: 'HTTP 500: robot down' });
  });

  it('sends a test message on request and records it', async () => {
    const hookRow = await hook({
      kind: 'dingtalk',
      name: '测试发送',
      url: `${base}/test-send?access_token=t`,
      secret: 'SECx',
    });
    const res = await (await as('admin')).post<RouteResponse<'testWebhook'>>(`/api/v1/webhooks/${hookRow.id}/test`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, status: 200, error: null });
    const got = received.filter((r) => r.path === '/test-send');
    expect(got).toHaveLength(1);
    expect(got[0]?.body.text.content).toContain('测试消息');
    expect((await deliveriesOf(hookRow.id))[0]).toMatchObject({ eventType: 'test', state: 'sent', attempts: 1 });

    failures.set('/test-send', 'always');
    const failed = await (await as('admin')).post<RouteResponse<'testWebhook'>>(`/api/v1/webhooks/${hookRow.id}/test`);
    expect(failed.body).toEqual({ ok: false, status: 500, error: 'HTTP 500: robot down' });
    // A failed test is not queued for retries.
    expect((await deliveriesOf(hookRow.id))[0]).toMatchObject({ state: 'failed', attempts: 1 });
  });
});
