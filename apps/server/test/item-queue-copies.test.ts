/**
 * A co-unit part keeps copies of its item's state, lead unit, deadline and yellow instant (migration 0004), so a
 * unit's queue can be counted on item_co_units alone. The copies must follow every change of the item, whoever
 * makes it: after each step below they equal the item's own columns, and the co-unit's queue counts (the counts
 * endpoint, which counts in parts, and the list total) equal the number of items the list returns.
 */
import type { ItemDetailT, ItemT, UnitT } from '@zaitun/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, signIn, type TestApp } from './harness';
import { itemActOk as ok, registerItem } from './item-helpers';

type Page = { items: ItemT[]; total: number };
type Counts = { total: number; buckets: Record<string, number>; lights: Record<string, number> };
/** A queue's total and its count of each bucket, light and state. */
type Tally = Record<string, number> & { total: number };

let t: TestApp;
let hq: Client;
let jinjiang: Client;
let shishi: Client;
let units: Map<string, UnitT>;
const unit = (code: string) => (units.get(code) as UnitT).id;

async function setClock(iso: string) {
  t.clock.set(new Date(iso));
  [hq, jinjiang, shishi] = await Promise.all([signIn(t.app, 'hq'), signIn(t.app, 'jinjiang'), signIn(t.app, 'shishi')]);
}

/** Parts whose copies differ from their item's columns (none, whatever changed the item). */
async function staleCopies(): Promise<unknown[]> {
  const { rows } = await t.database.pool.query(`
    SELECT c.item_id, c.unit_id FROM item_co_units c JOIN items i ON i.id = c.item_id
    WHERE (c.item_state, c.item_lead_unit_id, c.item_deadline, c.item_yellow_at)
          IS DISTINCT FROM (i.state, i.lead_unit_id, i.deadline, i.yellow_at)`);
  return rows;
}

// The counts a part's copies answer (the counts endpoint then counts in parts) and one that needs the item row.
const BUCKETS = ['to_sign', 'in_progress', 'due_soon', 'overdue'];
const ON_ITEM_ROW = 'urged';
const LIGHTS = ['red', 'yellow', 'green'];

/**
 * 晋江市's queue as the given filters see it: the counts endpoint's total, buckets and lights each checked against
 * the number of items the list returns for the same filters (one page holds them all).
 */
async function queue(by: Client, filters: string): Promise<Tally> {
  const listed = async (q: string) => {
    const res = await by.get<Page>(`/api/v1/items?${q}&pageSize=100`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.total, `list total of ${q}`).toBe(res.body.items.length);
    return res.body.items.length;
  };
  const res = await by.get<Counts>(`/api/v1/items/counts?${filters}&buckets=${BUCKETS}&lights=${LIGHTS}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const got: Tally = { total: res.body.total };
  expect(got.total, filters).toBe(await listed(filters));
  for (const b of BUCKETS) {
    got[b] = res.body.buckets[b] as number;
    expect(got[b], `${filters} bucket ${b}`).toBe(await listed(`${filters}&bucket=${b}`));
  }
  const row = await by.get<Counts>(`/api/v1/items/counts?${filters}&buckets=${BUCKETS},${ON_ITEM_ROW}`);
  got[ON_ITEM_ROW] = row.body.buckets[ON_ITEM_ROW] as number;
  expect(got[ON_ITEM_ROW], `${filters} bucket ${ON_ITEM_ROW}`).toBe(await listed(`${filters}&bucket=${ON_ITEM_ROW}`));
  expect(row.body.total, `${filters} total with ${ON_ITEM_ROW}`).toBe(got.total);
  for (const l of LIGHTS) {
    got[l] = res.body.lights[l] as number;
    expect(got[l], `${filters} light ${l}`).toBe(await listed(`${filters}&light=${l}`));
  }
  for (const state of ['assigned', 'in_progress', 'resolved']) {
    const n = await listed(`${filters}&state=${state}`);
    const counted = await by.get<Counts>(`/api/v1/items/counts?${filters}&state=${state}`);
    expect(counted.body.total, `${filters} state ${state}`).toBe(n);
    got[state] = n;
  }
  return got;
}

/** 晋江市's co-unit parts, and its whole queue (what it leads as well). */
const coQueue = () => queue(jinjiang, 'view=queue&role=co');
const wholeQueue = () => queue(jinjiang, 'view=queue');

beforeAll(async () => {
  t = await createTestApp();
  await setClock('2026-03-02T09:00:00+08:00');
  units = new Map((await hq.get<{ items: UnitT[] }>('/api/v1/units/tree')).body.items.map((u) => [u.code, u] as const));
});
afterAll(() => t?.close());

describe('the copies of an item on its co-unit parts', () => {
  it('follow dispatch, sign, extension, urge, return, resolve, verify and reopen, and the queue counts with them', async () => {
    // The demo history's items count too, and their lights move with the clock: a baseline at each instant used.
    await setClock('2026-03-12T10:00:00+08:00');
    const [later, wholeLater] = [await coQueue(), await wholeQueue()];
    await setClock('2026-03-02T09:00:00+08:00');
    const [before, whole] = [await coQueue(), await wholeQueue()];
    const plus = (base: Record<string, number>, add: Record<string, number>) =>
      Object.fromEntries(Object.entries(base).map(([k, v]) => [k, v + (add[k] ?? 0)]));

    // Led by 石狮市 with 晋江市 and the foreign-trade group helping: 晋江市's part waits for signing.
    let d = await registerItem(shishi, { title: '副本跟随事项', category: 'policy', priority: 'urgent' });
    d = await ok(hq, d, 'dispatch', { leadUnitId: unit('SHISHI'), coUnitIds: [unit('JINJIANG'), unit('WG-FOREIGN')] });
    expect(await staleCopies()).toEqual([]);
    expect(await coQueue()).toEqual(plus(before, { total: 1, to_sign: 1, assigned: 1, green: 1 }));
    expect(await wholeQueue()).toEqual(plus(whole, { total: 1, to_sign: 1, assigned: 1, green: 1 }));

    d = await ok(shishi, d, 'sign');
    expect(await staleCopies()).toEqual([]);
    expect(await coQueue()).toEqual(plus(before, { total: 1, in_progress: 1, green: 1 }));

    // Past the deadline (urgent: 4 working days): red and overdue; urged as well (the urged bucket needs the row).
    await setClock('2026-03-12T10:00:00+08:00');
    d = await ok(hq, d, 'urge', { note: '请加快' });
    expect(await staleCopies()).toEqual([]);
    expect(await coQueue()).toEqual(plus(later, { total: 1, in_progress: 1, red: 1, overdue: 1, urged: 1 }));

    // An extension moves the deadline (and the yellow instant) only when approved.
    d = await ok(shishi, d, 'request_extension', { reason: '需要协调', deadline: '2026-04-30T10:00:00.000Z' });
    expect(await coQueue()).toEqual(plus(later, { total: 1, in_progress: 1, red: 1, overdue: 1, urged: 1 }));
    d = await ok(hq, d, 'approve_extension', { note: '同意' });
    expect(d.item.deadline).toBe('2026-04-30T10:00:00.000Z');
    expect(await staleCopies()).toEqual([]);
    expect(await coQueue()).toEqual(plus(later, { total: 1, in_progress: 1, green: 1, urged: 1 }));

    // Any writer of the copied columns, not only the actions (e.g. a calendar change rewriting yellow instants).
    await t.database.pool.query(`UPDATE items SET yellow_at = $2 WHERE id = $1`, [
      d.item.id,
      '2026-03-10T10:00:00.000Z',
    ]);
    expect(await staleCopies()).toEqual([]);
    expect(await coQueue()).toEqual(plus(later, { total: 1, in_progress: 1, yellow: 1, due_soon: 1, urged: 1 }));

    // 晋江市 does its part: it leaves the queue; resolve, verify and reopen still reach the copies.
    d = await ok(jinjiang, d, 'contribute', { note: '已配合' });
    expect(await coQueue()).toEqual(later);
    d = await ok(hq, d, 'waive', { unitId: unit('WG-FOREIGN'), reason: '无需配合' });
    d = await ok(shishi, d, 'resolve', { answer: '已办结' });
    expect(await staleCopies()).toEqual([]);
    d = await ok(hq, d, 'verify');
    expect(await staleCopies()).toEqual([]);
    d = await ok(hq, d, 'reopen', { reason: '企业不满意' });
    expect(d.item.state).toBe('in_progress');
    expect(await staleCopies()).toEqual([]);
    expect(await coQueue()).toEqual(later);

    // Returned by its lead: the parts go with the lead; dispatched again to 晋江市 as lead, nothing is counted twice.
    let e: ItemDetailT = await registerItem(shishi, { title: '退回再派事项', category: 'policy' });
    e = await ok(hq, e, 'dispatch', { leadUnitId: unit('SHISHI'), coUnitIds: [unit('JINJIANG')] });
    expect((await coQueue()).total).toBe(later.total + 1);
    e = await ok(shishi, e, 'return', { reason: '不属于本单位' });
    expect(await staleCopies()).toEqual([]);
    expect(await coQueue()).toEqual(later);
    e = await ok(hq, e, 'dispatch', { leadUnitId: unit('JINJIANG'), coUnitIds: [unit('SHISHI')] });
    expect(await staleCopies()).toEqual([]);
    expect(await coQueue()).toEqual(later);
    expect((await wholeQueue()).total).toBe(wholeLater.total + 1);
    const shishiCo = await queue(shishi, 'view=queue&role=co');
    expect(shishiCo.assigned).toBeGreaterThanOrEqual(1);
  });
});
