/**
 * Assignment orders (交办单) and dispatch meetings (调度会) on the real server and database: the whole life of each,
 * gapless numbering under concurrency, scope (a unit sees only what is addressed to it / what it attends), the agenda
 * prepared from red, flagged and coordination items, decisions that become items and orders.
 */
import type { ItemDetailT, MeetingDetailT, OrderDetailT, UnitT } from '@zaitun/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_XLSX_LIMITS, type ImportSpec, parseXlsx } from '../src/lib/xlsx';
import { type Client, createTestApp, domainSnapshot, signIn, type TestApp } from './harness';
import { itemActOk, registerItem } from './item-helpers';

type Err = { error: { code: string; message: string; details?: unknown } };
type OrderPage = { items: OrderDetailT['order'][]; total: number };
let t: TestApp;
let hq: Client;
let leader: Client;
let jinjiang: Client;
let shishi: Client;
let group: Client;
let units: Map<string, UnitT>;

const MONDAY = new Date('2026-03-02T09:00:00+08:00');

/** Sessions live on the test clock: after a jump in time everyone signs in again. */
async function signAllIn() {
  hq = await signIn(t.app, 'hq');
  leader = await signIn(t.app, 'leader');
  jinjiang = await signIn(t.app, 'jinjiang');
  shishi = await signIn(t.app, 'shishi');
  group = await signIn(t.app, 'group');
}

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(MONDAY);
  await signAllIn();
  units = new Map((await hq.get<{ items: UnitT[] }>('/api/v1/units/tree')).body.items.map((u) => [u.code, u] as const));
});
afterAll(() => t?.close());

const unit = (code: string) => (units.get(code) as UnitT).id;

const register = (by: Client, extra: Record<string, unknown> = {}): Promise<ItemDetailT> =>
  registerItem(by, {
    title: '石材企业出口集装箱短缺',
    description: '企业反映旺季订舱难，集装箱短缺。',
    category: 'financing',
    ...extra,
  });
const itemAct = itemActOk;

/** A registered and dispatched item. */
async function dispatched(lead: string, co: string[] = [], extra: Record<string, unknown> = {}) {
  const created = await register(hq, extra.title ? { title: extra.title } : {});
  const { title: _title, ...rest } = extra;
  return itemAct(hq, created, 'dispatch', { leadUnitId: unit(lead), coUnitIds: co.map(unit), ...rest });
}

async function orderAction(by: Client, d: OrderDetailT, action: string, extra: Record<string, unknown> = {}) {
  return by.post<OrderDetailT & Err>(`/api/v1/orders/${d.order.id}/actions`, {
    action,
    version: d.order.version,
    ...extra,
  });
}

async function notified(username: string, event: string, entityId: string): Promise<number> {
  const res = await t.database.pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM notifications n JOIN users u ON u.id = n.user_id
     WHERE u.username = $1 AND n.event_type = $2 AND n.entity_id = $3`,
    [username, event, entityId],
  );
  return Number(res.rows[0]?.n);
}

async function audited(action: string, entityId: string): Promise<number> {
  const res = await t.database.pool.query<{ n: string }>(
    'SELECT count(*) AS n FROM audit_events WHERE action = $1 AND entity_id = $2',
    [action, entityId],
  );
  return Number(res.rows[0]?.n);
}

describe('the life of an assignment order', () => {
  it('drafts from items, issues with a number, is confirmed by each addressee and completes with its items', async () => {
    const a = await dispatched('JINJIANG', ['WG-FOREIGN'], { title: '晋江鞋企出口退税慢' });
    const b = await dispatched('D-CUSTOMS', ['JINJIANG'], { title: '泉州港查验时间长' });
    const notDispatched = await register(hq);

    // An item that is not dispatched refuses the whole draft, and nothing is written.
    const before = await domainSnapshot(t.database);
    const refused = await hq.post<Err>('/api/v1/orders', {
      title: '关于加快出口退税的交办单',
      itemIds: [a.item.id, notDispatched.item.id],
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('ORDER_ITEMS_INVALID');
    expect(refused.body.error.details).toEqual({
      items: [{ itemId: notDispatched.item.id, reason: 'not_dispatched' }],
    });
    expect(await domainSnapshot(t.database)).toEqual(before);

    const created = await hq.post<OrderDetailT>('/api/v1/orders', {
      title: '关于加快出口退税的交办单',
      requirements: '请于反馈日期前书面反馈办理情况。',
      itemIds: [a.item.id],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    let order = created.body;
    expect(order.order).toMatchObject({ state: 'draft', number: null, seq: null, itemCount: 1, version: 1 });
    expect(order.order.units.map((u) => [u.unitId, u.role])).toEqual([
      [unit('JINJIANG'), 'lead'],
      [unit('WG-FOREIGN'), 'co'],
    ]);
    expect(order.editable).toBe(true);
    expect(order.actions).toEqual(['issue', 'withdraw']);

    // A draft stays in the office: the unit does not see it yet (404 like a missing order).
    expect((await jinjiang.get(`/api/v1/orders/${order.order.id}`)).status).toBe(404);
    expect((await jinjiang.get<OrderPage>('/api/v1/orders')).body.items.map((o) => o.id)).not.toContain(order.order.id);

    // Editing the draft: the addressees follow the items; a unit leading one item and helping another is lead.
    const edited = await hq.patch<OrderDetailT>(`/api/v1/orders/${order.order.id}`, {
      version: 1,
      itemIds: [a.item.id, b.item.id],
      feedbackDue: '2026-03-20',
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    order = edited.body;
    expect(order.order.version).toBe(2);
    expect(order.order.feedbackDue).toBe('2026-03-20');
    expect(new Set(order.order.units.map((u) => `${u.unitId}:${u.role}`))).toEqual(
      new Set([`${unit('JINJIANG')}:lead`, `${unit('D-CUSTOMS')}:lead`, `${unit('WG-FOREIGN')}:co`]),
    );
    expect(order.items.map((i) => [i.number, i.leadUnitId, i.state])).toEqual([
      [a.item.number, unit('JINJIANG'), 'assigned'],
      [b.item.number, unit('D-CUSTOMS'), 'assigned'],
    ]);
    const stale = await hq.patch<Err>(`/api/v1/orders/${order.order.id}`, { version: 1, title: '丢失的修改' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');

    // One item, one live order.
    const twice = await hq.post<Err>('/api/v1/orders', { title: '重复', itemIds: [a.item.id] });
    expect(twice.status).toBe(422);
    expect(twice.body.error.details).toEqual({ items: [{ itemId: a.item.id, reason: 'in_other_order' }] });
    // Candidates are what an order may still take.
    const candidates = await hq.get<{ items: { id: string }[] }>('/api/v1/orders/candidates?pageSize=100');
    expect(candidates.body.items.map((i) => i.id)).not.toContain(a.item.id);

    // Only the office issues.
    expect((await orderAction(leader, order, 'issue')).status).toBe(403);
    const issued = await orderAction(hq, order, 'issue');
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    order = issued.body;
    expect(order.order.state).toBe('issued');
    expect(order.order.number).toBe(`泉内外贸交〔2026〕${order.order.seq}号`);
    expect(order.order.issuedAt).toBe(MONDAY.toISOString());
    expect(await notified('jinjiang', 'order_issued', order.order.id)).toBe(1);
    expect(await notified('group', 'order_issued', order.order.id)).toBe(1);
    expect(await notified('shishi', 'order_issued', order.order.id)).toBe(0);
    expect(await audited('order.issue', order.order.id)).toBe(1);
    expect((await orderAction(hq, order, 'issue')).body.error.code).toBe('ORDER_INVALID_TRANSITION');
    const noEdit = await hq.patch<Err>(`/api/v1/orders/${order.order.id}`, {
      version: order.order.version,
      title: 'x',
    });
    expect(noEdit.body.error.code).toBe('ORDER_INVALID_TRANSITION');

    // The addressee signs for it (签收) once; who and when are shown.
    const seen = await jinjiang.get<OrderDetailT>(`/api/v1/orders/${order.order.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.actions).toEqual(['confirm']);
    expect(seen.body.editable).toBe(false);
    const confirmed = await orderAction(jinjiang, seen.body, 'confirm');
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    const own = confirmed.body.order.units.find((u) => u.unitId === unit('JINJIANG'));
    expect(own).toMatchObject({ confirmedAt: MONDAY.toISOString(), confirmedByName: expect.any(String) });
    expect(confirmed.body.actions).toEqual([]);
    const again = await orderAction(jinjiang, confirmed.body, 'confirm');
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ORDER_INVALID_TRANSITION');
    // Leaders read, do not act.
    const asLeader = await leader.get<OrderDetailT>(`/api/v1/orders/${order.order.id}`);
    expect(asLeader.status).toBe(200);
    expect(asLeader.body.actions).toEqual([]);

    // Complete when every item is closed: not after the first, yes after the second.
    const close = async (d: ItemDetailT, lead: Client) => {
      let cur = await itemAct(lead, (await lead.get<ItemDetailT>(`/api/v1/items/${d.item.id}`)).body, 'sign');
      for (const co of cur.item.coUnits)
        cur = await itemAct(hq, cur, 'waive', { unitId: co.unitId, reason: '无需配合' });
      cur = await itemAct(lead, (await lead.get<ItemDetailT>(`/api/v1/items/${d.item.id}`)).body, 'resolve', {
        answer: '已办结',
      });
      return itemAct(hq, cur, 'verify');
    };
    await close(a, jinjiang);
    expect((await hq.get<OrderDetailT>(`/api/v1/orders/${order.order.id}`)).body.order.state).toBe('issued');
    const customs = await (async () => {
      // No demo account in the customs office: the dispatcher closes b after the lead unit's part through a test user.
      const admin = await signIn(t.app, 'admin');
      const made = await admin.post<{ temporaryPassword: string }>('/api/v1/users', {
        username: 'customs.staff',
        displayName: '海关联络员',
        unitId: unit('D-CUSTOMS'),
        roles: ['unit_staff'],
      });
      const first = await signIn(t.app, 'customs.staff', made.body.temporaryPassword);
      await first.post('/api/v1/auth/password', {
        currentPassword: made.body.temporaryPassword,
        newPassword: 'Customs-Staff-2026',
      });
      return first;
    })();
    await close(b, customs);
    const done = (await hq.get<OrderDetailT>(`/api/v1/orders/${order.order.id}`)).body;
    expect(done.order.state).toBe('completed');
    expect(done.order.completedAt).toBe(MONDAY.toISOString());
    expect(done.items.every((i) => i.state === 'closed')).toBe(true);
    expect(await audited('order.complete', order.order.id)).toBe(1);
    // A unit that had not signed for it yet still can.
    const late = (await customs.get<OrderDetailT>(`/api/v1/orders/${order.order.id}`)).body;
    expect(late.actions).toEqual(['confirm']);
  });

  it('withdraws a draft (no number taken) or an issued order, with a reason; its items are free again', async () => {
    const c = await dispatched('JINJIANG');
    const draft = (await hq.post<OrderDetailT>('/api/v1/orders', { title: '拟撤回', itemIds: [c.item.id] })).body;
    const noReason = await orderAction(hq, draft, 'withdraw');
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.code).toBe('REASON_REQUIRED');
    const withdrawn = await orderAction(hq, draft, 'withdraw', { reason: '事项已另行安排' });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.order).toMatchObject({ state: 'withdrawn', seq: null, withdrawReason: '事项已另行安排' });
    expect((await orderAction(hq, withdrawn.body, 'issue')).body.error.code).toBe('ORDER_INVALID_TRANSITION');

    const next = await hq.post<OrderDetailT>('/api/v1/orders', {
      title: '重新交办',
      itemIds: [c.item.id],
      feedbackDue: '2026-03-31',
    });
    expect(next.status).toBe(201);
    const issued = (await orderAction(hq, next.body, 'issue')).body;
    const back = await orderAction(hq, issued, 'withdraw', { reason: '交办单位有误' });
    expect(back.body.order).toMatchObject({ state: 'withdrawn', number: issued.order.number });
    // An issued-then-withdrawn order stays visible to its addressees, so they know.
    expect((await jinjiang.get(`/api/v1/orders/${issued.order.id}`)).status).toBe(200);
  });

  it('issues needs items and a feedback date', async () => {
    const empty = (await hq.post<OrderDetailT>('/api/v1/orders', { title: '空白交办单' })).body;
    expect(empty.order.units).toEqual([]);
    const noItems = await orderAction(hq, empty, 'issue');
    expect(noItems.status).toBe(409);
    const d = await dispatched('SHISHI');
    const withItem = (
      await hq.patch<OrderDetailT>(`/api/v1/orders/${empty.order.id}`, { version: 1, itemIds: [d.item.id] })
    ).body;
    const noDate = await orderAction(hq, withItem, 'issue');
    expect(noDate.status).toBe(400);
    expect(noDate.body.error.code).toBe('FIELD_REQUIRED');
    const bad = await hq.patch<Err>(`/api/v1/orders/${empty.order.id}`, { version: 2, feedbackDue: '2026-02-30x' });
    expect(bad.status).toBe(400);
  });

  it('a closed item reopened brings its completed order back to issued; closed again, the order completes again', async () => {
    const a = await dispatched('JINJIANG', [], { title: '晋江鞋企海外仓用地' });
    const b = await dispatched('JINJIANG', [], { title: '晋江鞋企海外仓融资' });
    const draft = await hq.post<OrderDetailT>('/api/v1/orders', {
      title: '海外仓专项交办',
      itemIds: [a.item.id, b.item.id],
      feedbackDue: '2026-03-27',
    });
    const issued = await orderAction(hq, draft.body, 'issue');
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    const orderId = issued.body.order.id;
    const order = async () => (await hq.get<OrderDetailT>(`/api/v1/orders/${orderId}`)).body.order;
    const fresh = async (d: ItemDetailT, by: Client) => (await by.get<ItemDetailT>(`/api/v1/items/${d.item.id}`)).body;
    const resolve = async (d: ItemDetailT) =>
      itemAct(jinjiang, await fresh(d, jinjiang), 'resolve', { answer: '已协调解决' });
    for (const d of [a, b]) {
      await itemAct(jinjiang, await fresh(d, jinjiang), 'sign');
      await itemAct(hq, await resolve(d), 'verify');
    }
    const completed = await order();
    expect(completed).toMatchObject({ state: 'completed', completedAt: MONDAY.toISOString() });

    // A reopen that fails (stale version) changes nothing: the order stays complete.
    const closedA = await fresh(a, hq);
    const stale = await hq.post<Err>(`/api/v1/items/${a.item.id}/actions`, {
      action: 'reopen',
      version: closedA.item.version - 1,
      reason: '企业评价不满意',
    });
    expect(stale.status).toBe(409);
    expect(await order()).toEqual(completed);

    // Reopened: the order is issued again (number kept) by the same request, audited right after the item.
    const reopened = await itemAct(hq, closedA, 'reopen', { reason: '企业评价不满意，重新办理' });
    expect(reopened.item.state).toBe('in_progress');
    expect(await order()).toMatchObject({
      state: 'issued',
      completedAt: null,
      number: completed.number,
      version: completed.version + 1,
    });
    const trail = await t.database.pool.query<{
      id: string;
      action: string;
      actor_id: string;
      request_id: string;
      before: { state: string } | null;
      after: { state: string; reopenedBy?: string };
    }>(
      `SELECT id::text, action, actor_id, request_id, before, after FROM audit_events
       WHERE (action = 'item.reopen' AND entity_id = $1) OR (action = 'order.reopen' AND entity_id = $2) ORDER BY id`,
      [a.item.id, orderId],
    );
    const [itemAudit, orderAudit] = trail.rows;
    expect(trail.rows.map((r) => r.action)).toEqual(['item.reopen', 'order.reopen']);
    expect(Number(orderAudit?.id)).toBe(Number(itemAudit?.id) + 1);
    expect(orderAudit).toMatchObject({
      actor_id: itemAudit?.actor_id,
      request_id: itemAudit?.request_id,
      before: { state: 'completed' },
      after: { state: 'issued', reopenedBy: a.item.id },
    });
    // The item is held by a live order again: no other order may take it.
    const other = await hq.post<Err>('/api/v1/orders', { title: '重复交办', itemIds: [a.item.id] });
    expect(other.status).toBe(422);
    expect(other.body.error.details).toEqual({ items: [{ itemId: a.item.id, reason: 'in_other_order' }] });

    // A reject (resolved → in progress) leaves the order issued; the item closed again completes it again.
    const rejected = await itemAct(hq, await resolve(a), 'reject', { reason: '材料不全，请补充' });
    expect((await order()).state).toBe('issued');
    await itemAct(hq, await resolve(rejected), 'verify');
    expect(await order()).toMatchObject({ state: 'completed', completedAt: MONDAY.toISOString() });
    expect(await audited('order.complete', orderId)).toBe(2);
    expect(await audited('order.reopen', orderId)).toBe(1);
  });

  it('an order brought back by a reopened item tells every unit it is addressed to, once each reopening', async () => {
    const a = await dispatched('JINJIANG', ['WG-FOREIGN'], { title: '晋江鞋企出口信用保险' });
    const b = await dispatched('SHISHI', [], { title: '石狮服装企业海外商标' });
    const draft = await hq.post<OrderDetailT>('/api/v1/orders', {
      title: '出海护航专项交办',
      itemIds: [a.item.id, b.item.id],
      feedbackDue: '2026-03-27',
    });
    const issued = await orderAction(hq, draft.body, 'issue');
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    const { id: orderId, number } = issued.body.order;
    const addressed = [unit('JINJIANG'), unit('SHISHI'), unit('WG-FOREIGN')].sort();
    expect(issued.body.order.units.map((u) => u.unitId).sort()).toEqual(addressed);
    const fresh = async (d: ItemDetailT, by: Client) => (await by.get<ItemDetailT>(`/api/v1/items/${d.item.id}`)).body;
    const close = async (d: ItemDetailT, lead: Client) => {
      let cur = await fresh(d, lead);
      if (cur.item.state === 'assigned') cur = await itemAct(lead, cur, 'sign');
      for (const co of cur.item.coUnits.filter((c) => c.status === 'open'))
        cur = await itemAct(hq, await fresh(d, hq), 'waive', { unitId: co.unitId, reason: '无需配合' });
      await itemAct(lead, await fresh(d, lead), 'resolve', { answer: '已办结' });
      return itemAct(hq, await fresh(d, hq), 'verify');
    };
    const reopen = async () => itemAct(hq, await fresh(a, hq), 'reopen', { reason: '企业评价不满意，重新办理' });
    const state = async () => (await hq.get<OrderDetailT>(`/api/v1/orders/${orderId}`)).body.order.state;
    await close(a, jinjiang);
    await close(b, shishi);
    expect(await state()).toBe('completed');

    await reopen();
    expect(await state()).toBe('issued');
    // Every addressee, not only the reopened item's lead unit (晋江); not the dispatcher who reopened it.
    for (const user of ['jinjiang', 'shishi', 'group']) expect(await notified(user, 'order_reopened', orderId)).toBe(1);
    expect(await notified('hq', 'order_reopened', orderId)).toBe(0);
    expect(await notified('shishi', 'item_reopened', a.item.id)).toBe(0);
    const text = async (by: Client) =>
      (
        await by.get<{ items: { eventType: string; entityId: string; text: string }[] }>('/api/v1/notifications')
      ).body.items
        .filter((n) => n.eventType === 'order_reopened' && n.entityId === orderId)
        .map((n) => n.text);
    expect(await text(shishi)).toEqual([
      `交办单重新办理：${number} 出海护航专项交办（事项 ${a.item.number} 已重新打开）`,
    ]);
    expect(await text(group.withLocale('en-US'))).toEqual([
      `Assignment order reopened: ${number} 出海护航专项交办 (item ${a.item.number} reopened)`,
    ]);

    // Closed and reopened once more: told once more.
    await close(a, jinjiang);
    expect(await state()).toBe('completed');
    await reopen();
    for (const user of ['jinjiang', 'shishi', 'group']) expect(await notified(user, 'order_reopened', orderId)).toBe(2);
  });
});

describe('order numbering under concurrency', () => {
  it('10 concurrent issues get the numbers 1..10 of their year exactly; one draft is issued once', async () => {
    const drafts: OrderDetailT[] = [];
    for (let i = 0; i < 10; i++) {
      const d = await dispatched(i % 2 ? 'JINJIANG' : 'SHISHI');
      drafts.push(
        (
          await hq.post<OrderDetailT>('/api/v1/orders', {
            title: `并发交办 ${i}`,
            itemIds: [d.item.id],
            feedbackDue: '2031-02-01',
          })
        ).body,
      );
    }
    // A year nobody has issued in yet.
    t.clock.set(new Date('2031-01-06T09:00:00+08:00'));
    hq = await signIn(t.app, 'hq');
    try {
      const results = await Promise.all(drafts.map((d) => orderAction(hq, d, 'issue')));
      expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
      const seqs = results.map((r) => r.body.order.seq).sort((x, y) => (x ?? 0) - (y ?? 0));
      expect(seqs).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(new Set(results.map((r) => r.body.order.number)).size).toBe(10);
      expect(results.every((r) => /^泉内外贸交〔2031〕([1-9]|10)号$/.test(r.body.order.number ?? ''))).toBe(true);

      const one = await dispatched('SHISHI');
      const draft = (
        await hq.post<OrderDetailT>('/api/v1/orders', {
          title: '同一份',
          itemIds: [one.item.id],
          feedbackDue: '2031-02-01',
        })
      ).body;
      const race = await Promise.all(Array.from({ length: 8 }, () => orderAction(hq, draft, 'issue')));
      expect(race.map((r) => r.status).sort()).toEqual([200, ...Array(7).fill(409)]);
      expect(race.find((r) => r.status === 200)?.body.order.seq).toBe(11);
    } finally {
      t.clock.set(MONDAY);
      await signAllIn();
    }
  });
});

describe('order scope', () => {
  it('a unit cannot see or confirm an order not addressed to it: 404 like a missing one', async () => {
    const d = await dispatched('JINJIANG');
    const draft = (
      await hq.post<OrderDetailT>('/api/v1/orders', {
        title: '晋江专项',
        itemIds: [d.item.id],
        feedbackDue: '2026-04-01',
      })
    ).body;
    const order = (await orderAction(hq, draft, 'issue')).body;
    const hidden = await shishi.get<Err>(`/api/v1/orders/${order.order.id}`);
    const missing = await shishi.get<Err>('/api/v1/orders/00000000-0000-4000-8000-000000000000');
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual(missing.body);
    expect((await orderAction(shishi, order, 'confirm')).status).toBe(404);
    expect((await shishi.get<OrderPage>('/api/v1/orders?pageSize=100')).body.items.map((o) => o.id)).not.toContain(
      order.order.id,
    );
    // Units may not draft, edit or pick candidates.
    expect((await jinjiang.post<Err>('/api/v1/orders', { title: 'x' })).status).toBe(403);
    expect((await jinjiang.get('/api/v1/orders/candidates')).status).toBe(403);
    // Filters.
    const list = await hq.get<OrderPage>(`/api/v1/orders?state=issued&year=2026&q=${encodeURIComponent('晋江专项')}`);
    expect(list.body.items.map((o) => o.id)).toEqual([order.order.id]);
    const byNumber = await hq.get<OrderPage>(`/api/v1/orders?q=${encodeURIComponent(`〔2026〕${order.order.seq}号`)}`);
    expect(byNumber.body.items.map((o) => o.id)).toEqual([order.order.id]);
    expect((await hq.get('/api/v1/orders?pageSize=101')).status).toBe(400);
    expect((await hq.get('/api/v1/orders?state=nope')).status).toBe(400);
  });
});

describe('the life of a dispatch meeting', () => {
  it('is scheduled, gets its agenda from red, flagged and coordination items, decides, keeps minutes, is held', async () => {
    const red = await dispatched('JINJIANG', [], {
      title: '晋江某企业融资难',
      deadline: new Date(MONDAY.getTime() + 24 * 3600_000).toISOString(),
    });
    const flagged = await itemAct(hq, await dispatched('SHISHI', [], { title: '石狮服装企业用工缺口' }), 'flag');
    const coordination = await register(jinjiang, { title: '跨区域物流协调', source: 'coordination' });
    const green = await dispatched('SHISHI', [], { title: '不上会的事项' });

    const created = await hq.post<MeetingDetailT>('/api/v1/meetings', {
      type: 'regular',
      title: '内外贸高质量发展调度会',
      heldAt: '2026-03-04T15:00:00+08:00',
      place: '市政府三楼会议室',
      chair: '副指挥长',
      attendingUnitIds: [unit('JINJIANG'), unit('D-CUSTOMS')],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    let meeting = created.body;
    const n = meeting.meeting.seq;
    expect(meeting.meeting).toMatchObject({ state: 'planned', year: 2026, number: `2026年第${n}次调度会` });
    expect(await notified('jinjiang', 'meeting_scheduled', meeting.meeting.id)).toBe(1);
    expect(await notified('shishi', 'meeting_scheduled', meeting.meeting.id)).toBe(0);
    expect(await audited('meeting.create', meeting.meeting.id)).toBe(1);

    // Scope: attending units and leaders read it; others get 404; only the office changes it.
    expect((await jinjiang.get<MeetingDetailT>(`/api/v1/meetings/${meeting.meeting.id}`)).body.editable).toBe(false);
    expect((await leader.get(`/api/v1/meetings/${meeting.meeting.id}`)).status).toBe(200);
    expect((await shishi.get(`/api/v1/meetings/${meeting.meeting.id}`)).status).toBe(404);
    expect((await shishi.get<{ total: number }>('/api/v1/meetings')).body.total).toBe(0);
    expect((await jinjiang.patch(`/api/v1/meetings/${meeting.meeting.id}`, { version: 1, minutes: 'x' })).status).toBe(
      403,
    );

    // A day and an hour later the first item is past its deadline: red.
    t.clock.set(new Date(MONDAY.getTime() + 25 * 3600_000));
    await signAllIn();
    try {
      const prepared = await hq.post<MeetingDetailT>(`/api/v1/meetings/${meeting.meeting.id}/agenda/prepare`, {
        version: meeting.meeting.version,
      });
      expect(prepared.status, JSON.stringify(prepared.body)).toBe(200);
      meeting = prepared.body;
      const entryOf = (id: string) => meeting.agenda.find((e) => e.itemId === id);
      expect(entryOf(red.item.id)).toMatchObject({ reason: 'red', itemLight: 'red', unitId: unit('JINJIANG') });
      expect(entryOf(flagged.item.id)).toMatchObject({ reason: 'flagged', unitId: unit('SHISHI') });
      // A coordination request is flagged for the next meeting when raised; grouped under its raising unit.
      expect(entryOf(coordination.item.id)?.reason).toMatch(/^(flagged|coordination)$/);
      expect(entryOf(coordination.item.id)?.unitId).toBe(unit('JINJIANG'));
      expect(entryOf(green.item.id)).toBeUndefined();
      // Grouped by unit: every unit's entries are contiguous; a red reason comes before others in its group.
      const unitsInOrder = meeting.agenda.map((e) => e.unitId);
      const firstSeen = unitsInOrder.filter((u, i) => unitsInOrder.indexOf(u) === i);
      const groups = firstSeen.map((u) => unitsInOrder.filter((x) => x === u).length);
      expect(groups.reduce((s, x) => s + x, 0)).toBe(unitsInOrder.length);
      expect(
        firstSeen.every(
          (u) =>
            unitsInOrder.lastIndexOf(u) - unitsInOrder.indexOf(u) + 1 === unitsInOrder.filter((x) => x === u).length,
        ),
      ).toBe(true);
      expect(meeting.agenda.map((e) => e.position)).toEqual(meeting.agenda.map((_, i) => i + 1));
      const rank = { red: 0, yellow: 1, flagged: 2, coordination: 3, manual: 4 };
      for (const u of firstSeen) {
        const reasons = meeting.agenda.filter((e) => e.unitId === u).map((e) => rank[e.reason]);
        expect(reasons).toEqual([...reasons].sort((x, y) => x - y));
      }

      // Preparing again adds nothing twice.
      const again = await hq.post<MeetingDetailT>(`/api/v1/meetings/${meeting.meeting.id}/agenda/prepare`, {
        version: meeting.meeting.version,
      });
      expect(again.body.agenda.length).toBe(meeting.agenda.length);
      const ids = again.body.agenda.map((e) => e.itemId).filter(Boolean);
      expect(new Set(ids).size).toBe(ids.length);
      meeting = again.body;
      const stalePrep = await hq.post<Err>(`/api/v1/meetings/${meeting.meeting.id}/agenda/prepare`, { version: 1 });
      expect(stalePrep.status).toBe(409);

      // A manual entry.
      const manual = await hq.post<MeetingDetailT>(`/api/v1/meetings/${meeting.meeting.id}/agenda`, {
        version: meeting.meeting.version,
        topic: '研究一季度外贸形势',
        unitId: unit('WG-FOREIGN'),
      });
      expect(manual.status).toBe(201);
      meeting = manual.body;
      const manualEntry = meeting.agenda.at(-1);
      expect(manualEntry).toMatchObject({ reason: 'manual', topic: '研究一季度外贸形势', itemId: null });

      // Decisions. "order": the red item goes into this meeting's draft order.
      const redEntry = meeting.agenda.find((e) => e.itemId === red.item.id);
      if (!redEntry || !manualEntry) throw new Error('agenda');
      const toOrder = await hq.post<MeetingDetailT>(
        `/api/v1/meetings/${meeting.meeting.id}/agenda/${redEntry.id}/decision`,
        { version: redEntry.version, kind: 'order', decision: '由晋江市牵头，一周内解决融资对接' },
      );
      expect(toOrder.status, JSON.stringify(toOrder.body)).toBe(200);
      const decidedRed = toOrder.body.agenda.find((e) => e.id === redEntry.id);
      expect(decidedRed).toMatchObject({ decisionKind: 'order', orderState: 'draft', version: redEntry.version + 1 });
      const meetingOrder = (await hq.get<OrderDetailT>(`/api/v1/orders/${decidedRed?.orderId}`)).body;
      expect(meetingOrder.order.meetingId).toBe(meeting.meeting.id);
      expect(meetingOrder.order.title).toBe(`2026年第${n}次调度会交办事项`);
      expect(meetingOrder.items.map((i) => i.id)).toEqual([red.item.id]);

      // "item": a new item with the meeting as its source, dispatched at once; the flagged item is unflagged.
      const flaggedEntry = toOrder.body.agenda.find((e) => e.itemId === flagged.item.id);
      if (!flaggedEntry) throw new Error('agenda');
      const toItem = await hq.post<MeetingDetailT>(
        `/api/v1/meetings/${meeting.meeting.id}/agenda/${flaggedEntry.id}/decision`,
        {
          version: flaggedEntry.version,
          kind: 'item',
          decision: '市人社局配合石狮市开展专场招聘',
          title: '石狮服装企业专场招聘',
          leadUnitId: unit('SHISHI'),
          coUnitIds: [unit('D-HRSS')],
        },
      );
      expect(toItem.status, JSON.stringify(toItem.body)).toBe(200);
      const decidedFlagged = toItem.body.agenda.find((e) => e.id === flaggedEntry.id);
      expect(decidedFlagged?.createdItemNumber).toMatch(/^2026-\d{4}$/);
      const newItem = (await hq.get<ItemDetailT>(`/api/v1/items/${decidedFlagged?.createdItemId}`)).body.item;
      expect(newItem).toMatchObject({
        source: 'meeting_decision',
        sourceRef: `第${n}次调度会`,
        state: 'assigned',
        leadUnitId: unit('SHISHI'),
        title: '石狮服装企业专场招聘',
      });
      const unflagged = (await hq.get<ItemDetailT>(`/api/v1/items/${flagged.item.id}`)).body.item;
      expect(unflagged.flaggedForMeeting).toBe(false);
      const timeline = await hq.get<{ items: { action: string; note: string }[] }>(
        `/api/v1/items/${flagged.item.id}/events`,
      );
      expect(timeline.body.items.at(-1)).toMatchObject({
        action: 'meeting_decision',
        note: `第${n}次调度会：市人社局配合石狮市开展专场招聘`,
      });

      // The kind of a decision that produced something is fixed; its text is not. Stale → 409.
      const changeKind = await hq.post<Err>(
        `/api/v1/meetings/${meeting.meeting.id}/agenda/${flaggedEntry.id}/decision`,
        { version: (decidedFlagged?.version ?? 0) as number, kind: 'note', decision: '改为备注' },
      );
      expect(changeKind.status).toBe(409);
      expect(changeKind.body.error.code).toBe('MEETING_INVALID');
      const staleDecision = await hq.post<Err>(
        `/api/v1/meetings/${meeting.meeting.id}/agenda/${flaggedEntry.id}/decision`,
        { version: flaggedEntry.version, kind: 'item', decision: '旧版本' },
      );
      expect(staleDecision.status).toBe(409);
      expect(staleDecision.body.error.code).toBe('VERSION_CONFLICT');
      const itemsBefore = (await domainSnapshot(t.database)).items;
      const reworded = await hq.post<MeetingDetailT>(
        `/api/v1/meetings/${meeting.meeting.id}/agenda/${flaggedEntry.id}/decision`,
        { version: decidedFlagged?.version as number, kind: 'item', decision: '市人社局配合石狮市开展两场专场招聘' },
      );
      expect(reworded.status).toBe(200);
      // … and no second item.
      expect((await domainSnapshot(t.database)).items?.split('/')[0]).toBe(itemsBefore?.split('/')[0] ?? '');

      // "note", and an "order" decision on an entry without an item is refused.
      const noItemOrder = await hq.post<Err>(
        `/api/v1/meetings/${meeting.meeting.id}/agenda/${manualEntry.id}/decision`,
        { version: manualEntry.version, kind: 'order', decision: 'x' },
      );
      expect(noItemOrder.body.error.code).toBe('MEETING_INVALID');
      const note = await hq.post<MeetingDetailT>(
        `/api/v1/meetings/${meeting.meeting.id}/agenda/${manualEntry.id}/decision`,
        { version: manualEntry.version, kind: 'note', decision: '各县区加大外贸企业走访力度' },
      );
      expect(note.status).toBe(200);
      expect(note.body.meeting.decidedCount).toBe(3);
      expect(await audited('meeting.decide', meeting.meeting.id)).toBe(4);

      // Minutes (纪要), then held: the agenda is fixed, decisions and minutes still editable.
      meeting = note.body;
      const minutes = await hq.patch<MeetingDetailT>(`/api/v1/meetings/${meeting.meeting.id}`, {
        version: meeting.meeting.version,
        minutes: '会议听取了各单位汇报，研究了红灯事项……',
      });
      expect(minutes.status).toBe(200);
      const held = await hq.post<MeetingDetailT>(`/api/v1/meetings/${meeting.meeting.id}/hold`, {
        version: minutes.body.meeting.version,
      });
      expect(held.body.meeting.state).toBe('held');
      const heldAgain = await hq.post<Err>(`/api/v1/meetings/${meeting.meeting.id}/hold`, {
        version: held.body.meeting.version,
      });
      expect(heldAgain.status).toBe(409);
      expect(heldAgain.body.error.code).toBe('MEETING_INVALID');
      const prepAfter = await hq.post<Err>(`/api/v1/meetings/${meeting.meeting.id}/agenda/prepare`, {
        version: held.body.meeting.version,
      });
      expect(prepAfter.body.error.code).toBe('MEETING_INVALID');
      const read = await jinjiang.get<MeetingDetailT>(`/api/v1/meetings/${meeting.meeting.id}`);
      expect(read.body.meeting.minutes).toBe('会议听取了各单位汇报，研究了红灯事项……');
      expect(read.body.agenda.length).toBe(meeting.agenda.length);
    } finally {
      t.clock.set(MONDAY);
      await signAllIn();
    }
  });

  it('an "item" decision is one transaction: an item that cannot be created or dispatched leaves nothing', async () => {
    const planned = await hq.post<MeetingDetailT>('/api/v1/meetings', {
      type: 'special',
      title: '海外仓专题调度会',
      heldAt: '2026-03-06T15:00:00+08:00',
    });
    expect(planned.status, JSON.stringify(planned.body)).toBe(201);
    const withEntries = await hq.post<MeetingDetailT>(`/api/v1/meetings/${planned.body.meeting.id}/agenda`, {
      version: planned.body.meeting.version,
      topic: '研究海外仓建设支持政策',
    });
    expect(withEntries.status, JSON.stringify(withEntries.body)).toBe(201);
    const meetingId = withEntries.body.meeting.id;
    const entry = withEntries.body.agenda[0];
    if (!entry) throw new Error('agenda');
    const decide = (extra: Record<string, unknown>) =>
      hq.post<MeetingDetailT & Err>(`/api/v1/meetings/${meetingId}/agenda/${entry.id}/decision`, {
        version: entry.version,
        kind: 'item',
        decision: '由晋江市牵头研究海外仓支持政策',
        ...extra,
      });
    const auditCount = async () =>
      Number((await t.database.pool.query<{ n: string }>('SELECT count(*) AS n FROM audit_events')).rows[0]?.n);
    const before = await domainSnapshot(t.database);
    const audits = await auditCount();
    const lastNumber = (await register(hq, { title: '编号参照' })).item.seq;
    const afterRegister = await domainSnapshot(t.database);
    const auditsAfterRegister = await auditCount();
    expect(afterRegister).not.toEqual(before);
    expect(auditsAfterRegister).toBeGreaterThan(audits);

    const refused: [Record<string, unknown>, number, string][] = [
      [{ leadUnitId: '00000000-0000-4000-8000-000000000000' }, 422, 'LEAD_UNIT_INVALID'],
      [{ leadUnitId: unit('JINJIANG'), coUnitIds: [unit('JINJIANG')] }, 422, 'LEAD_UNIT_INVALID'],
      [{ category: 'no_such_category', leadUnitId: unit('JINJIANG') }, 422, 'CATEGORY_INVALID'],
      [{ leadUnitId: unit('JINJIANG'), deadline: '2026-03-01T09:00:00+08:00' }, 400, 'DEADLINE_IN_PAST'],
    ];
    for (const [extra, status, code] of refused) {
      const res = await decide(extra);
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(res.body.error.code).toBe(code);
      // No item, timeline row, notification, decision or audit event — and no number taken.
      expect(await domainSnapshot(t.database)).toEqual(afterRegister);
      expect(await auditCount()).toBe(auditsAfterRegister);
    }
    const unchanged = (await hq.get<MeetingDetailT>(`/api/v1/meetings/${meetingId}`)).body.agenda[0];
    expect(unchanged).toMatchObject({ version: entry.version, decisionKind: null, createdItemId: null });

    // Two decisions racing on one entry: one creates its item; the other gets 409 and leaves no item behind.
    const raced = await Promise.all([decide({ leadUnitId: unit('JINJIANG') }), decide({ title: '并发的决定' })]);
    expect(raced.map((r) => r.status).sort()).toEqual([200, 409]);
    const won = raced.find((r) => r.status === 200)?.body.agenda[0];
    const created = (await hq.get<ItemDetailT>(`/api/v1/items/${won?.createdItemId}`)).body.item;
    expect(created).toMatchObject({ source: 'meeting_decision', seq: lastNumber + 1 });
    const items = (s: Record<string, string>) => Number(s.items?.split('/')[0]);
    expect(items(await domainSnapshot(t.database))).toBe(items(afterRegister) + 1);
  });

  it('numbers meetings per year at creation and refuses bad input', async () => {
    const make = (heldAt: string) =>
      hq.post<MeetingDetailT & Err>('/api/v1/meetings', { type: 'special', title: '专题调度会', heldAt });
    const a = await make('2032-05-01T10:00:00+08:00');
    const b = await make('2032-06-01T10:00:00+08:00');
    expect([a.body.meeting.seq, b.body.meeting.seq]).toEqual([1, 2]);
    expect(b.body.meeting.number).toBe('2032年第2次调度会');
    expect((await make('not a date')).status).toBe(400);
    const badUnit = await hq.post<Err>('/api/v1/meetings', {
      type: 'regular',
      title: 'x',
      heldAt: '2032-07-01T10:00:00+08:00',
      attendingUnitIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(badUnit.status).toBe(400);
    expect(
      (await hq.post('/api/v1/meetings', { type: 'weekly', title: 'x', heldAt: '2032-07-01T10:00:00Z' })).status,
    ).toBe(400);
    const removed = await hq.post<MeetingDetailT>(`/api/v1/meetings/${a.body.meeting.id}/agenda`, {
      version: a.body.meeting.version,
      topic: '临时议题',
    });
    const entry = removed.body.agenda[0];
    if (!entry) throw new Error('agenda');
    const gone = await hq.delete<MeetingDetailT>(
      `/api/v1/meetings/${a.body.meeting.id}/agenda/${entry.id}?version=${entry.version}`,
    );
    expect(gone.status).toBe(200);
    expect(gone.body.agenda).toEqual([]);
    void group;
  });
});

describe('list exports (xlsx)', () => {
  const nameOf = (code: string) => units.get(code) as UnitT;
  /** A list export as the caller gets it, read back with the import parser against the expected columns. */
  async function exported<K extends string>(c: Client, url: string, spec: ImportSpec<K>) {
    const res = await c.app.inject({
      method: 'GET',
      url,
      headers: { cookie: c.auth.cookie as string, 'accept-language': c.locale },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const parsed = await parseXlsx(res.rawPayload, spec, DEFAULT_XLSX_LIMITS);
    expect(parsed.errors).toEqual([]);
    return {
      sheet: parsed.sheetName,
      file: decodeURIComponent(String(res.headers['content-disposition']).replace(/^.*filename\*=UTF-8''/, '')),
      rows: parsed.rows.map((r) => r.values),
    };
  }
  const col = <K extends string>(key: K, zh: string, en: string, kind: 'string' | 'integer' | 'date' = 'string') => ({
    key,
    header: { 'zh-CN': zh, 'en-US': en },
    kind,
  });
  const spec = (type: string, columns: ImportSpec<string>['columns']): ImportSpec<string> => ({
    type,
    sheetName: { 'zh-CN': '', 'en-US': '' },
    maxRows: 1000,
    columns,
  });
  const ORDER_SPEC = spec('orders-export', [
    col('number', '文号', 'Number'),
    col('title', '标题', 'Title'),
    col('state', '状态', 'State'),
    col('issuedAt', '签发时间', 'Issued', 'date'),
    col('addressees', '主送单位', 'Addressees'),
    col('itemCount', '事项数', 'Items', 'integer'),
    col('closedCount', '已办结事项', 'Closed items', 'integer'),
    col('confirmed', '已签收单位', 'Receipts confirmed', 'integer'),
    col('due', '应签收单位', 'Receipts due', 'integer'),
    col('feedbackDue', '反馈日期', 'Feedback due', 'date'),
  ]);
  const MEETING_SPEC = spec('meetings-export', [
    col('number', '期数', 'Number'),
    col('title', '会议名称', 'Title'),
    col('type', '类型', 'Type'),
    col('heldAt', '会议时间', 'Date', 'date'),
    col('state', '状态', 'State'),
    col('chair', '主持人', 'Chair'),
    col('agenda', '议题数', 'Agenda entries', 'integer'),
    col('decided', '已议定', 'Decisions', 'integer'),
    col('orders', '交办单文号', 'Order number'),
  ]);

  it('orders: the list’s filters and scope, in the caller’s language; a county sees only what is addressed to it', async () => {
    const tag = `导出${Date.now().toString(36)}`;
    const draftOrder = async (title: string, itemIds: string[]) => {
      const res = await hq.post<OrderDetailT>('/api/v1/orders', { title, itemIds, feedbackDue: '2026-03-20' });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body;
    };
    const issue = async (d: OrderDetailT) => {
      const res = await orderAction(hq, d, 'issue');
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body;
    };
    const a1 = await dispatched('JINJIANG', [], { title: `${tag}晋江事项一` });
    const a2 = await dispatched('JINJIANG', ['WG-FOREIGN'], { title: `${tag}晋江事项二` });
    const toJinjiang = await issue(await draftOrder(`${tag}致晋江`, [a1.item.id, a2.item.id]));
    const toShishi = await issue(
      await draftOrder(`${tag}致石狮`, [(await dispatched('SHISHI', [], { title: `${tag}石狮事项` })).item.id]),
    );
    const draft = await draftOrder(`${tag}草稿`, [
      (await dispatched('JINJIANG', [], { title: `${tag}草稿事项` })).item.id,
    ]);
    // 晋江市 signs for its order and closes one of its two items.
    const seen = (await jinjiang.get<OrderDetailT>(`/api/v1/orders/${toJinjiang.order.id}`)).body;
    expect((await orderAction(jinjiang, seen, 'confirm')).status).toBe(200);
    const signed = await itemAct(
      jinjiang,
      (await jinjiang.get<ItemDetailT>(`/api/v1/items/${a1.item.id}`)).body,
      'sign',
    );
    await itemAct(hq, await itemAct(jinjiang, signed, 'resolve', { answer: '已办结' }), 'verify');

    const q = `?q=${encodeURIComponent(tag)}`;
    const asHq = await exported(hq.withLocale('en-US'), `/api/v1/orders/export${q}`, ORDER_SPEC);
    expect(asHq.sheet).toBe('Assignment orders');
    expect(asHq.file).toMatch(/^assignment-orders-\d{8}\.xlsx$/);
    // Newest number first, the draft (no number yet) before them, as the list.
    expect(asHq.rows.map((r) => r.title)).toEqual([`${tag}草稿`, `${tag}致石狮`, `${tag}致晋江`]);
    expect(asHq.rows.map((r) => r.title)).toEqual(
      (await hq.get<OrderPage>(`/api/v1/orders${q}`)).body.items.map((o) => o.title),
    );
    const [d, , j] = asHq.rows;
    expect(d).toMatchObject({ number: null, state: 'Draft', issuedAt: null, confirmed: null, due: null });
    expect(d?.title).toBe(draft.order.title);
    expect(j).toEqual({
      number: toJinjiang.order.number,
      title: `${tag}致晋江`,
      state: 'Issued',
      // MONDAY 09:00 in Beijing.
      issuedAt: '2026-03-02',
      addressees: `${nameOf('JINJIANG').nameEn}, ${nameOf('WG-FOREIGN').nameEn}`,
      itemCount: 2,
      closedCount: 1,
      confirmed: 1,
      due: 2,
      feedbackDue: '2026-03-20',
    });

    // 晋江市: its issued order only — not 石狮市's, not the office's draft; headers and values in Chinese.
    const asJinjiang = await exported(jinjiang, `/api/v1/orders/export${q}`, ORDER_SPEC);
    expect(asJinjiang.sheet).toBe('交办单');
    expect(asJinjiang.file).toMatch(/^交办单-\d{8}\.xlsx$/);
    expect(asJinjiang.rows).toHaveLength(1);
    expect(asJinjiang.rows[0]).toMatchObject({
      number: toJinjiang.order.number,
      state: '已签发',
      addressees: `${nameOf('JINJIANG').nameZh}、${nameOf('WG-FOREIGN').nameZh}`,
    });
    // 石狮市 likewise; the filters apply on top of the scope.
    const asShishi = await exported(shishi, `/api/v1/orders/export${q}`, ORDER_SPEC);
    expect(asShishi.rows.map((r) => r.number)).toEqual([toShishi.order.number]);
    expect((await exported(hq, `/api/v1/orders/export${q}&state=draft`, ORDER_SPEC)).rows).toHaveLength(1);
    expect((await exported(shishi, `/api/v1/orders/export${q}&state=draft`, ORDER_SPEC)).rows).toEqual([]);
    expect((await hq.get('/api/v1/orders/export?state=nonsense')).status).toBe(400);
  });

  it('meetings: 第N次, date in Beijing time, agenda and decisions, the order it made; a unit sees what it attends', async () => {
    const tag = `导出会${Date.now().toString(36)}`;
    // 23:30 UTC is 07:30 the next morning in Beijing: the date shown is Beijing's.
    const created = await hq.post<MeetingDetailT>('/api/v1/meetings', {
      type: 'special',
      title: `${tag}专题调度会`,
      heldAt: '2033-05-01T23:30:00Z',
      chair: '王主任',
      attendingUnitIds: [unit('JINJIANG')],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const other = await hq.post<MeetingDetailT>('/api/v1/meetings', {
      type: 'regular',
      title: `${tag}例行调度会`,
      heldAt: '2033-04-01T10:00:00+08:00',
      attendingUnitIds: [unit('SHISHI')],
    });
    expect(other.status).toBe(201);
    const item = await dispatched('JINJIANG', [], { title: `${tag}上会事项` });
    const added = await hq.post<MeetingDetailT>(`/api/v1/meetings/${created.body.meeting.id}/agenda`, {
      version: created.body.meeting.version,
      topic: '融资对接',
      itemId: item.item.id,
    });
    await hq.post(`/api/v1/meetings/${created.body.meeting.id}/agenda`, {
      version: added.body.meeting.version,
      topic: '其他议题',
    });
    const entry = added.body.agenda[0];
    if (!entry) throw new Error('agenda');
    const decided = await hq.post<MeetingDetailT>(
      `/api/v1/meetings/${created.body.meeting.id}/agenda/${entry.id}/decision`,
      { version: entry.version, kind: 'order', decision: '纳入交办单' },
    );
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    const orderId = decided.body.agenda.find((e) => e.id === entry.id)?.orderId as string;
    const draft = (await hq.get<OrderDetailT>(`/api/v1/orders/${orderId}`)).body;
    const dated = await hq.patch<OrderDetailT>(`/api/v1/orders/${orderId}`, {
      version: draft.order.version,
      feedbackDue: '2026-03-31',
    });
    const issued = await orderAction(hq, dated.body, 'issue');
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);

    const q = `?q=${encodeURIComponent(tag)}`;
    const asHq = await exported(hq, `/api/v1/meetings/export${q}`, MEETING_SPEC);
    expect(asHq.sheet).toBe('调度会');
    expect(asHq.file).toMatch(/^调度会-\d{8}\.xlsx$/);
    expect(asHq.rows).toEqual([
      {
        number: created.body.meeting.number,
        title: `${tag}专题调度会`,
        type: '专题调度会',
        heldAt: '2033-05-02',
        state: '筹备中',
        chair: '王主任',
        agenda: 2,
        decided: 1,
        orders: issued.body.order.number,
      },
      {
        number: other.body.meeting.number,
        title: `${tag}例行调度会`,
        type: '例行调度会',
        heldAt: '2033-04-01',
        state: '筹备中',
        chair: null,
        agenda: 0,
        decided: 0,
        orders: null,
      },
    ]);
    expect(created.body.meeting.number).toMatch(/^2033年第\d+次调度会$/);

    const asJinjiang = await exported(jinjiang.withLocale('en-US'), `/api/v1/meetings/export${q}`, MEETING_SPEC);
    expect(asJinjiang.sheet).toBe('Dispatch meetings');
    expect(asJinjiang.rows.map((r) => [r.title, r.type, r.state])).toEqual([
      [`${tag}专题调度会`, 'Special', 'Planned'],
    ]);
    const asShishi = await exported(shishi, `/api/v1/meetings/export${q}&type=regular`, MEETING_SPEC);
    expect(asShishi.rows.map((r) => r.title)).toEqual([`${tag}例行调度会`]);
    expect((await exported(shishi, `/api/v1/meetings/export${q}&type=special`, MEETING_SPEC)).rows).toEqual([]);
  });
});
