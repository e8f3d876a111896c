/**
 * The counts behind the tabs and tiles of the dispatch screens (GET /api/v1/items/counts), and the caller's own
 * fields of an item (workingDaysLeft, canEdit): each count equals the total of the list it stands for, within the
 * caller's visibility, for the dispatcher and for a county.
 */
import type { ItemDetailT, ItemT, UnitT } from '@zaitun/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, signIn, type TestApp } from './harness';
import { itemActOk, registerItem } from './item-helpers';

type Page = { items: ItemT[]; total: number };
type Counts = {
  total: number;
  buckets: Record<string, number>;
  lights: Record<string, number>;
  states: Record<string, number>;
};
let t: TestApp;
let hq: Client;
let jinjiang: Client;
let shishi: Client;
let group: Client;
let units: Map<string, UnitT>;

const unit = (code: string) => (units.get(code) as UnitT).id;

const register = (by: Client, extra: Record<string, unknown> = {}): Promise<ItemDetailT> =>
  registerItem(by, { title: '计数用事项', description: '', category: 'policy', ...extra });
const ok = itemActOk;

const qs = (q: Record<string, string | undefined>) =>
  Object.entries(q)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');

async function total(by: Client, q: Record<string, string | undefined>): Promise<number> {
  const res = await by.get<Page>(`/api/v1/items?${qs({ ...q, pageSize: '1' })}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.total;
}

async function counts(by: Client, q: Record<string, string | undefined>): Promise<Counts> {
  const res = await by.get<Counts>(`/api/v1/items/counts?${qs(q)}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** Moves the clock and signs everyone in again (a session expires when days pass). */
async function setClock(iso: string) {
  t.clock.set(new Date(iso));
  [hq, jinjiang, shishi, group] = await Promise.all([
    signIn(t.app, 'hq'),
    signIn(t.app, 'jinjiang'),
    signIn(t.app, 'shishi'),
    signIn(t.app, 'group'),
  ]);
}

beforeAll(async () => {
  t = await createTestApp();
  // A Monday morning in Quanzhou.
  await setClock('2026-03-02T09:00:00+08:00');
  units = new Map((await hq.get<{ items: UnitT[] }>('/api/v1/units/tree')).body.items.map((u) => [u.code, u] as const));

  // Some work in every state the tabs show: pending, to sign, in progress (urged, carded, extension asked),
  // resolved, closed; led by 晋江市 with the foreign-trade group helping, and by 石狮市.
  await register(shishi, { countyUnitId: unit('SHISHI') });
  await register(jinjiang, { countyUnitId: unit('JINJIANG') });
  await ok(hq, await register(shishi), 'dispatch', { leadUnitId: unit('JINJIANG') });
  await ok(hq, await register(shishi), 'dispatch', { leadUnitId: unit('SHISHI'), coUnitIds: [unit('JINJIANG')] });
  const signed = await ok(
    jinjiang,
    await ok(hq, await register(shishi), 'dispatch', { leadUnitId: unit('JINJIANG'), coUnitIds: [unit('WG-FOREIGN')] }),
    'sign',
  );
  const urged = await ok(hq, signed, 'urge', { note: '请加快' });
  await ok(hq, urged, 'escalate', { level: 'yellow', reason: '进展慢' });
  const other = await ok(
    jinjiang,
    await ok(hq, await register(hq), 'dispatch', { leadUnitId: unit('JINJIANG') }),
    'sign',
  );
  await ok(jinjiang, other, 'request_extension', { reason: '需要协调', deadline: '2026-04-30T10:00:00.000Z' });
  const resolved = await ok(
    shishi,
    await ok(hq, await register(jinjiang), 'dispatch', { leadUnitId: unit('SHISHI') }),
    'sign',
  );
  await ok(shishi, resolved, 'resolve', { answer: '已办结' });
  // Time passes: the unsigned ones are past their signing time, the early deadlines are yellow or red.
  await setClock('2026-03-13T10:00:00+08:00');
});
afterAll(() => t?.close());

// The tabs and tiles of the web's screens, as the web asks for them.
const SCREENS: { name: string; base: Record<string, string>; buckets?: string; lights?: string }[] = [
  { name: 'my queue', base: { view: 'queue', role: 'lead' }, buckets: 'to_sign,in_progress,due_soon,overdue' },
  { name: 'my co-unit parts', base: { view: 'queue', role: 'co' } },
  {
    name: 'dispatch board',
    base: { view: 'board' },
    buckets: 'pending_dispatch,open,to_verify,extension_pending,sign_overdue',
    lights: 'green,yellow,red',
  },
  {
    name: 'supervision',
    base: { view: 'supervision' },
    buckets: 'red_card,yellow_card,overdue,sign_overdue,urged',
  },
  { name: 'all items', base: { view: 'all', q: '计数' }, buckets: 'open,closed' },
];

describe('GET /api/v1/items/counts', () => {
  for (const who of ['hq', 'jinjiang', 'group'] as const) {
    it(`equals the list total of every tab and tile (${who})`, async () => {
      const by = { hq, jinjiang, group }[who];
      let nonZero = 0;
      for (const screen of SCREENS) {
        const got = await counts(by, { ...screen.base, buckets: screen.buckets, lights: screen.lights });
        expect(got.total, `${screen.name}: total`).toBe(await total(by, screen.base));
        for (const bucket of screen.buckets?.split(',') ?? []) {
          const expected = await total(by, { ...screen.base, bucket });
          expect(got.buckets[bucket], `${screen.name}: ${bucket}`).toBe(expected);
          nonZero += expected;
        }
        for (const light of screen.lights?.split(',') ?? []) {
          expect(got.lights[light], `${screen.name}: ${light}`).toBe(await total(by, { ...screen.base, light }));
        }
        // Only what was asked for is answered.
        expect(Object.keys(got.buckets).sort()).toEqual((screen.buckets?.split(',') ?? []).sort());
      }
      if (who !== 'group') expect(nonZero).toBeGreaterThan(0);
    });
  }

  it('counts states and narrows by the same filters as the list', async () => {
    const q = { view: 'all', leadUnitId: unit('JINJIANG') };
    const got = await counts(hq, { ...q, states: 'assigned,in_progress,closed', buckets: 'urged' });
    for (const state of ['assigned', 'in_progress', 'closed']) {
      expect(got.states[state], state).toBe(await total(hq, { ...q, state }));
    }
    expect(got.states.in_progress).toBeGreaterThanOrEqual(2);
    expect(got.buckets.urged).toBe(await total(hq, { ...q, bucket: 'urged' }));
    expect(got.total).toBe(await total(hq, q));
  });

  it('a county counts only what it may see', async () => {
    const all = await counts(hq, { view: 'all', buckets: 'pending_dispatch' });
    const mine = await counts(shishi, { view: 'all', buckets: 'pending_dispatch' });
    const theirs = await counts(jinjiang, { view: 'all', buckets: 'pending_dispatch' });
    expect(mine.total).toBeLessThan(all.total);
    expect(theirs.total).toBeLessThan(all.total);
    expect(mine.buckets.pending_dispatch).toBe(await total(shishi, { view: 'all', bucket: 'pending_dispatch' }));
  });

  it('refuses unknown keys and paging parameters (400)', async () => {
    for (const q of ['buckets=open,nope', 'lights=blue', 'states=open', 'buckets=', 'page=1', 'sort=deadline']) {
      const res = await hq.get<{ error: { code: string } }>(`/api/v1/items/counts?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.error.code, q).toBe('VALIDATION_FAILED');
    }
  });
});

describe('the caller’s own fields of an item', () => {
  it('workingDaysLeft counts working days to the deadline on the server’s calendar, negative when overdue', async () => {
    await setClock('2026-03-02T09:00:00+08:00');
    const created = await register(shishi, { countyUnitId: unit('SHISHI') });
    expect(created.item.workingDaysLeft).toBeNull();
    const dispatched = await ok(hq, created, 'dispatch', { leadUnitId: unit('NANAN') });
    // Normal priority: deadline Mon 16 Mar 18:00; Mon 2 … Mon 16 March are 11 working days, both counted.
    expect(dispatched.item.deadline).toBe(new Date('2026-03-16T18:00:00+08:00').toISOString());
    expect(dispatched.item.workingDaysLeft).toBe(11);
    // On the deadline's own day: 1 left; the day after (Tuesday): 1 past; after a weekend: Mon 23 → 5 past.
    const at = async (iso: string) => {
      await setClock(iso);
      const list = await hq.get<Page>(`/api/v1/items?view=all&q=${dispatched.item.number}`);
      const detail = await hq.get<ItemDetailT>(`/api/v1/items/${created.item.id}`);
      expect(list.body.items[0]?.workingDaysLeft).toBe(detail.body.item.workingDaysLeft);
      return detail.body.item.workingDaysLeft;
    };
    expect(await at('2026-03-16T10:00:00+08:00')).toBe(1);
    expect(await at('2026-03-17T10:00:00+08:00')).toBe(-1);
    expect(await at('2026-03-23T10:00:00+08:00')).toBe(-5);
  });

  it('workingDaysLeft follows a calendar change made outside this process at once (the rules are cached, not stale)', async () => {
    await setClock('2026-03-02T09:00:00+08:00');
    const created = await register(shishi, { countyUnitId: unit('SHISHI') });
    const dispatched = await ok(hq, created, 'dispatch', { leadUnitId: unit('NANAN') });
    const left = async () =>
      (await hq.get<Page>(`/api/v1/items?view=all&q=${dispatched.item.number}`)).body.items[0]?.workingDaysLeft;
    expect(await left()).toBe(11);
    expect(await left()).toBe(11);
    // Another server on the same database declares Wednesday 4 March a day off, then takes it back.
    await t.database.pool.query(`INSERT INTO calendar_days (day, kind, name) VALUES ('2026-03-04', 'holiday', '测试')`);
    try {
      expect(await left()).toBe(10);
    } finally {
      await t.database.pool.query(`DELETE FROM calendar_days WHERE day = '2026-03-04'`);
    }
    expect(await left()).toBe(11);
  });

  it('canEdit: the raiser and the dispatcher before dispatch, nobody after — as PATCH enforces', async () => {
    await setClock('2026-03-02T09:00:00+08:00');
    const created = await register(shishi, { countyUnitId: unit('JINJIANG') });
    const view = async (by: Client) => (await by.get<ItemDetailT>(`/api/v1/items/${created.item.id}`)).body.item;
    expect(created.item.canEdit).toBe(true);
    expect((await view(hq)).canEdit).toBe(true);
    // 晋江市 sees it (its county area) but did not raise it.
    const asCounty = await view(jinjiang);
    expect(asCounty.canEdit).toBe(false);
    const refused = await jinjiang.patch(`/api/v1/items/${created.item.id}`, {
      version: asCounty.version,
      title: '改标题',
    });
    expect(refused.status).toBe(403);
    const list = await shishi.get<Page>(`/api/v1/items?view=all&q=${created.item.number}`);
    expect(list.body.items[0]?.canEdit).toBe(true);

    const dispatched = await ok(hq, created, 'dispatch', { leadUnitId: unit('JINJIANG') });
    expect(dispatched.item.canEdit).toBe(false);
    expect((await view(shishi)).canEdit).toBe(false);
    const late = await shishi.patch(`/api/v1/items/${created.item.id}`, {
      version: dispatched.item.version,
      title: 'x',
    });
    expect(late.status).toBe(409);
  });
});
