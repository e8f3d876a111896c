/**
 * In-app notifications and group robots through the API: an item action tells exactly the right users, in their
 * language; preferences switch an event off; marking read touches only my own notifications; robots are managed
 * in scope, with the address masked and the secret never returned.
 */
import { NOTIFICATION_EVENTS, type RouteResponse } from '@zaitun/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, signIn, type TestApp } from './harness';
import { dispatchedItem as dispatchedItemBy } from './item-helpers';

type Err = { error: { code: string } };
type Page = RouteResponse<'listNotifications'>;
type Hook = RouteResponse<'createWebhook'>;
type Detail = { item: { id: string; version: number; number: string; title: string } };

let t: TestApp;
let hq: Client;
let jinjiang: Client;
let shishi: Client;
let admin: Client;
const unitIds = new Map<string, string>();

beforeAll(async () => {
  t = await createTestApp();
  hq = await signIn(t.app, 'hq');
  jinjiang = await signIn(t.app, 'jinjiang');
  shishi = await signIn(t.app, 'shishi');
  admin = await signIn(t.app, 'admin');
  const { rows } = await t.database.pool.query<{ code: string; id: string }>('SELECT code, id FROM units');
  for (const r of rows) unitIds.set(r.code, r.id);
});
afterAll(() => t?.close());

const unit = (code: string) => unitIds.get(code) as string;

const dispatchedItem = (title: string, leadUnit = 'JINJIANG') =>
  dispatchedItemBy(hq, unit(leadUnit), { title, description: '测试事项', category: 'financing' });

async function notificationsOf(itemId: string) {
  const { rows } = await t.database.pool.query<{ username: string; event_type: string }>(
    `SELECT u.username, n.event_type FROM notifications n JOIN users u ON u.id = n.user_id
     WHERE n.entity_type = 'item' AND n.entity_id = $1 ORDER BY u.username, n.event_type`,
    [itemId],
  );
  return rows.map((r) => `${r.username}:${r.event_type}`);
}

async function activeUsersOf(code: string) {
  const { rows } = await t.database.pool.query<{ username: string }>(
    `SELECT username FROM users WHERE unit_id = $1 AND status IN ('active', 'pending') ORDER BY username`,
    [unit(code)],
  );
  return rows.map((r) => r.username);
}

describe('an item action notifies exactly the right users', () => {
  it('dispatch tells the lead unit (not the dispatcher who did it, not other units)', async () => {
    const item = await dispatchedItem('企业融资对接通知测试');
    const expected = (await activeUsersOf('JINJIANG')).map((u) => `${u}:item_dispatched`);
    expect(expected).toContain('jinjiang:item_dispatched');
    expect(await notificationsOf(item.id)).toEqual(expected);

    const mine = await jinjiang.get<Page>('/api/v1/notifications');
    expect(mine.status).toBe(200);
    const n = mine.body.items.find((x) => x.entityId === item.id);
    expect(n).toMatchObject({ eventType: 'item_dispatched', entityType: 'item', readAt: null });
    expect(n?.text).toBe(`收到交办事项，请及时签收：${item.number} 企业融资对接通知测试`);
    const en = await jinjiang.withLocale('en-US').get<Page>('/api/v1/notifications');
    expect(en.body.items.find((x) => x.entityId === item.id)?.text).toBe(
      `Item dispatched to you, please sign: ${item.number} 企业融资对接通知测试`,
    );
    expect((await shishi.get<Page>('/api/v1/notifications')).body.items.some((x) => x.entityId === item.id)).toBe(
      false,
    );
  });

  it('an event switched off in the preferences is not created; the others still are', async () => {
    const before = await jinjiang.get<RouteResponse<'getNotificationPrefs'>>('/api/v1/notifications/preferences');
    expect(before.body.items.map((i) => i.eventType)).toEqual([...NOTIFICATION_EVENTS]);
    expect(before.body.items.every((i) => i.inApp)).toBe(true);
    const put = await jinjiang.put<RouteResponse<'putNotificationPrefs'>>('/api/v1/notifications/preferences', {
      items: [{ eventType: 'item_dispatched', inApp: false }],
    });
    expect(put.status).toBe(200);
    expect(put.body.items.find((i) => i.eventType === 'item_dispatched')?.inApp).toBe(false);
    expect(put.body.items.filter((i) => !i.inApp)).toHaveLength(1);

    const item = await dispatchedItem('偏好关闭后的事项');
    expect(await notificationsOf(item.id)).not.toContain('jinjiang:item_dispatched');
    // Other events still reach jinjiang.
    const urged = await hq.post<Detail>(`/api/v1/items/${item.id}/actions`, { action: 'urge', version: item.version });
    expect(urged.status, JSON.stringify(urged.body)).toBe(200);
    expect(await notificationsOf(item.id)).toContain('jinjiang:item_urged');

    await jinjiang.put('/api/v1/notifications/preferences', { items: [{ eventType: 'item_dispatched', inApp: true }] });
    const again = await dispatchedItem('偏好恢复后的事项');
    expect(await notificationsOf(again.id)).toContain('jinjiang:item_dispatched');
  });

  it('refuses duplicate and unknown events in the preferences', async () => {
    const dup = await jinjiang.put<Err>('/api/v1/notifications/preferences', {
      items: [
        { eventType: 'item_urged', inApp: false },
        { eventType: 'item_urged', inApp: true },
      ],
    });
    expect(dup.status).toBe(400);
    const unknown = await jinjiang.put<Err>('/api/v1/notifications/preferences', {
      items: [{ eventType: 'nope', inApp: false }],
    });
    expect(unknown.status).toBe(400);
  });
});

describe('reading notifications', () => {
  it('marks some or all of mine read, with the unread count and filter', async () => {
    await dispatchedItem('未读测试一');
    await dispatchedItem('未读测试二');
    const all = await jinjiang.get<Page>('/api/v1/notifications?pageSize=5');
    expect(all.body.unread).toBeGreaterThanOrEqual(2);
    expect(all.body.items.length).toBeLessThanOrEqual(5);
    // Newest first.
    const ids = all.body.items.map((i) => Number(i.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const unreadBefore = (await jinjiang.get<{ unread: number }>('/api/v1/notifications/unread')).body.unread;
    expect(unreadBefore).toBe(all.body.unread);

    const first = all.body.items[0]?.id as string;
    const marked = await jinjiang.post<{ unread: number }>('/api/v1/notifications/read', { ids: [first] });
    expect(marked.status).toBe(200);
    expect(marked.body.unread).toBe(unreadBefore - 1);
    const unreadOnly = await jinjiang.get<Page>('/api/v1/notifications?unread=true&pageSize=100');
    expect(unreadOnly.body.items.some((i) => i.id === first)).toBe(false);
    expect(unreadOnly.body.total).toBe(unreadBefore - 1);
    expect(unreadOnly.body.items.every((i) => i.readAt === null)).toBe(true);

    const everything = await jinjiang.post<{ unread: number }>('/api/v1/notifications/read', {});
    expect(everything.body.unread).toBe(0);
    expect((await jinjiang.get<Page>('/api/v1/notifications')).body.items.every((i) => i.readAt !== null)).toBe(true);
  });

  it("another user's notification can be neither read nor marked", async () => {
    const item = await dispatchedItem('他人通知测试');
    const { rows } = await t.database.pool.query<{ id: string }>(
      `SELECT n.id::text AS id FROM notifications n JOIN users u ON u.id = n.user_id
       WHERE u.username = 'jinjiang' AND n.entity_id = $1`,
      [item.id],
    );
    const theirs = rows[0]?.id as string;
    expect(theirs).toBeTruthy();
    const res = await shishi.post<{ unread: number }>('/api/v1/notifications/read', { ids: [theirs] });
    expect(res.status).toBe(200);
    const after = await t.database.pool.query<{ read_at: Date | null }>(
      'SELECT read_at FROM notifications WHERE id = $1',
      [theirs],
    );
    expect(after.rows[0]?.read_at).toBeNull();
    expect((await shishi.get<Page>('/api/v1/notifications?pageSize=100')).body.items.some((i) => i.id === theirs)).toBe(
      false,
    );
  });

  it('caps the page size and refuses bad ids', async () => {
    expect((await jinjiang.get<Err>('/api/v1/notifications?pageSize=101')).status).toBe(400);
    expect((await jinjiang.post<Err>('/api/v1/notifications/read', { ids: ['x'] })).status).toBe(400);
    expect((await jinjiang.post<Err>('/api/v1/notifications/read', { ids: [] })).status).toBe(400);
  });
});

describe('group robots', () => {
  const ding = {
    kind: 'dingtalk',
    name: '晋江调度群',
    url: 'https://oapi.dingtalk.com/robot/send?access_token=0123456789abcdef',
    secret: 'SEC0123456789',
    eventTypes: ['item_dispatched', 'item_overdue'],
  };

  it('a unit admin manages the robots of their own unit only; the secret never comes back', async () => {
    const created = await jinjiang.post<Hook>('/api/v1/webhooks', { ...ding, unitId: unit('JINJIANG') });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      unitId: unit('JINJIANG'),
      kind: 'dingtalk',
      url: 'https://oapi.dingtalk.com/robot/send?access_token=0123****',
      hasSecret: true,
      eventTypes: ['item_dispatched', 'item_overdue'],
      active: true,
      version: 1,
      sent: 0,
      pending: 0,
      failed: 0,
    });
    expect(JSON.stringify(created.body)).not.toContain('SEC0123456789');
    expect(JSON.stringify(created.body)).not.toContain('0123456789abcdef');

    const otherUnit = await jinjiang.post<Err>('/api/v1/webhooks', { ...ding, unitId: unit('SHISHI') });
    expect(otherUnit.status).toBe(403);
    const plainHttp = await jinjiang.post<Err>('/api/v1/webhooks', {
      ...ding,
      unitId: unit('JINJIANG'),
      url: 'http://oapi.dingtalk.com/robot/send?access_token=x',
    });
    expect(plainHttp.status).toBe(422);
    expect(plainHttp.body.error.code).toBe('WEBHOOK_URL_INVALID');
    expect((await shishi.get<Err>('/api/v1/webhooks')).status).toBe(403);
    expect((await hq.get<Err>('/api/v1/webhooks')).status).toBe(403);

    const shishiHook = await admin.post<Hook>('/api/v1/webhooks', {
      kind: 'wecom',
      name: '石狮企业微信群',
      url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa',
      unitId: unit('SHISHI'),
    });
    expect(shishiHook.status).toBe(201);
    expect(shishiHook.body.url).toBe('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a****');
    expect(shishiHook.body.hasSecret).toBe(false);

    const mine = await jinjiang.get<{ items: Hook[] }>('/api/v1/webhooks');
    expect(mine.body.items.map((h) => h.id)).toEqual([created.body.id]);
    const everyone = await admin.get<{ items: Hook[] }>('/api/v1/webhooks');
    expect(everyone.body.items.map((h) => h.id).sort()).toEqual([created.body.id, shishiHook.body.id].sort());
    // Out of scope looks like missing.
    expect((await jinjiang.get<Err>(`/api/v1/webhooks/${shishiHook.body.id}/deliveries`)).status).toBe(404);
    expect(
      (await jinjiang.patch<Err>(`/api/v1/webhooks/${shishiHook.body.id}`, { version: 1, name: 'x' })).status,
    ).toBe(404);

    // Edit: the masked address sent back keeps the real one; a stale version is refused.
    const edited = await jinjiang.patch<Hook>(`/api/v1/webhooks/${created.body.id}`, {
      version: 1,
      name: '晋江调度群（新）',
      url: created.body.url,
      secret: null,
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({ name: '晋江调度群（新）', hasSecret: false, version: 2 });
    const stored = await t.database.pool.query<{ url: string; secret: string | null }>(
      'SELECT url, secret FROM unit_webhooks WHERE id = $1',
      [created.body.id],
    );
    expect(stored.rows[0]).toEqual({ url: ding.url, secret: null });
    const stale = await jinjiang.patch<Err>(`/api/v1/webhooks/${created.body.id}`, { version: 1, name: 'y' });
    expect(stale.status).toBe(409);

    // Dispatching to Jinjiang queues a delivery for its robot (it listens to item_dispatched).
    await dispatchedItem('机器人排队测试');
    const listed = await jinjiang.get<{ items: Hook[] }>('/api/v1/webhooks');
    expect(listed.body.items[0]?.pending).toBe(1);
    const deliveries = await jinjiang.get<RouteResponse<'listWebhookDeliveries'>>(
      `/api/v1/webhooks/${created.body.id}/deliveries`,
    );
    expect(deliveries.body.items[0]).toMatchObject({ eventType: 'item_dispatched', state: 'pending', attempts: 0 });
    expect(deliveries.body.items[0]?.text).toMatch(/^【刺桐·泉州内外贸调度平台】收到交办事项，请及时签收：/);

    // Audited without secrets.
    const audit = await t.database.pool.query<{ action: string; after: unknown }>(
      `SELECT action, after FROM audit_events WHERE entity_type = 'webhook' AND entity_id = $1 ORDER BY id`,
      [created.body.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['webhook.create', 'webhook.update']);
    expect(JSON.stringify(audit.rows)).not.toContain('SEC0123456789');

    const gone = await jinjiang.delete(`/api/v1/webhooks/${created.body.id}?version=2`);
    expect(gone.status).toBe(204);
    expect((await jinjiang.get<{ items: Hook[] }>('/api/v1/webhooks')).body.items).toEqual([]);
  });
});
