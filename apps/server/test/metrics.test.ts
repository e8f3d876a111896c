/**
 * Delivery metrics on the real server and database: items for two counties go through their whole life over the
 * API (on time, late, urged, rejected and redone, rated 5/2/4/5, left overdue) with the clock moved between steps;
 * every figure of docs/metrics.md and the ranking are checked, then the period rules, scope, export and year totals.
 * The two counties (and an idle task force) are created here, so demo data in the seed cannot change their figures.
 */
import type { ItemDetailT, UnitMetricsRowT, UnitMetricsT, UnitT, YearTotalsT } from '@zaitun/contracts';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workingDaysBetween } from '../src/modules/calendar/calendar.domain';
import { loadCalendar } from '../src/modules/calendar/calendar.repository';
import { type Client, createTestApp, signIn, TEST_PASSWORD, type TestApp } from './harness';
import { itemActOk, registerItem } from './item-helpers';

type Err = { error: { code: string; message: string; details?: { path: string; keyword: string }[] } };
let t: TestApp;
let units: Map<string, UnitT>;
let baseline: YearTotalsT;
/** Dispatch and resolution instants of the closed items, to check the working days against the calendar domain. */
const spans: Record<string, [string, string]> = {};

const unit = (code: string) => (units.get(code) as UnitT).id;
const at = (local: string) => t.clock.set(new Date(`${local}+08:00`));

/** A signed-in demo account; signed in again once the test clock has moved on by more than a few hours. */
const sessions = new Map<string, { client: Client; at: number }>();
async function as(username: 'hq' | 'group' | 'mt.a' | 'mt.b' | 'leader' | 'enterprise' | 'admin') {
  const now = t.clock.now().getTime();
  const known = sessions.get(username);
  if (known && Math.abs(now - known.at) < 6 * 3_600_000) return known.client;
  const client = await signIn(t.app, username);
  sessions.set(username, { client, at: now });
  return client;
}

const register = async (title: string): Promise<string> =>
  (await registerItem(await as('group'), { title, category: 'policy' })).item.id;

/** One workflow action on the item's current version. */
async function step(user: Parameters<typeof as>[0], id: string, action: string, extra: Record<string, unknown> = {}) {
  const by = await as(user);
  const { status, body: d } = await by.get<ItemDetailT>(`/api/v1/items/${id}`);
  expect(status, `read before ${action}`).toBe(200);
  return itemActOk(by, d, action, extra);
}

const metrics = (by: Client, q: string) => by.get<UnitMetricsT & Err>(`/api/v1/metrics/units?${q}`);
const rowOf = (m: UnitMetricsT, code: string) => m.rows.find((r) => r.unitCode === code) as UnitMetricsRowT;

beforeAll(async () => {
  // The clock jumps by days between steps: sessions last a day here (re-signed by `as` anyway).
  t = await createTestApp({ sessionIdleMinutes: 24 * 60, sessionAbsoluteHours: 24 * 30 });
  at('2026-02-12T08:00:00');
  const hq = await as('hq');
  const admin = await as('admin');
  const hqUnit = (await hq.get<{ items: UnitT[] }>('/api/v1/units/tree')).body.items.find((u) => u.code === 'HQ');
  for (const [code, nameZh, type, username] of [
    ['MT-A', '考评甲县', 'county', 'mt.a'],
    ['MT-B', '考评乙县', 'county', 'mt.b'],
    ['MT-IDLE', '考评空闲专班', 'task_force', null],
  ] as const) {
    const created = await admin.post<UnitT>('/api/v1/units', {
      code,
      nameZh,
      nameEn: code,
      shortName: nameZh,
      type,
      parentId: hqUnit?.id,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    if (!username) continue;
    const user = await admin.post<{ temporaryPassword: string }>('/api/v1/users', {
      username,
      displayName: `${nameZh}经办人`,
      unitId: created.body.id,
      roles: ['unit_staff'],
    });
    expect(user.status, JSON.stringify(user.body)).toBe(201);
    const first = await signIn(t.app, username, user.body.temporaryPassword);
    const changed = await first.post('/api/v1/auth/password', {
      currentPassword: user.body.temporaryPassword,
      newPassword: TEST_PASSWORD,
    });
    expect(changed.status).toBe(200);
  }
  units = new Map((await hq.get<{ items: UnitT[] }>('/api/v1/units/tree')).body.items.map((u) => [u.code, u] as const));
  baseline = (await hq.get<YearTotalsT>('/api/v1/metrics/year?year=2026')).body;

  const A = unit('MT-A');
  const B = unit('MT-B');
  // February, across the Spring Festival: off 15–23 Feb, Saturday 14 Feb is an adjusted working day.
  at('2026-02-12T09:00:00');
  const a0 = await register('a0 春节前分派');
  await step('hq', a0, 'dispatch', { leadUnitId: A });
  at('2026-02-12T10:00:00');
  await step('mt.a', a0, 'sign');
  at('2026-02-27T10:00:00');
  await step('mt.a', a0, 'resolve', { answer: '已办结' });
  at('2026-02-27T11:00:00');
  await step('hq', a0, 'verify');
  spans.a0 = ['2026-02-12T09:00:00', '2026-02-27T10:00:00'];

  // March: everything dispatched Monday 2 Mar 09:00 (deadline: 10 working days → Mon 16 Mar 18:00).
  at('2026-03-02T09:00:00');
  const ids: Record<string, string> = {};
  for (const [name, lead] of [
    ['a1', A],
    ['a2', A],
    ['a3', A],
    ['a4', A],
    ['b1', B],
    ['b2', B],
    ['b3', B],
  ] as const) {
    ids[name] = await register(`${name} 三月事项`);
    await step('hq', ids[name] as string, 'dispatch', { leadUnitId: lead });
  }
  const id = (name: string) => ids[name] as string;
  at('2026-03-02T10:00:00');
  for (const name of ['a1', 'a3', 'a4']) await step('mt.a', id(name), 'sign');
  for (const name of ['b1', 'b2']) await step('mt.b', id(name), 'sign');
  at('2026-03-03T09:00:00');
  await step('hq', id('a2'), 'urge', { note: '请尽快签收' });
  await step('hq', id('b3'), 'urge', { note: '请尽快签收' });
  at('2026-03-03T10:00:00');
  await step('mt.b', id('b1'), 'resolve', { answer: '已办结' });
  at('2026-03-03T11:00:00');
  await step('hq', id('b1'), 'verify');
  at('2026-03-03T12:00:00');
  await step('group', id('b1'), 'rate', { rating: 4 });
  at('2026-03-04T10:00:00');
  await step('mt.a', id('a1'), 'resolve', { answer: '已办结' });
  at('2026-03-04T11:00:00');
  await step('hq', id('a1'), 'verify');
  at('2026-03-04T12:00:00');
  await step('group', id('a1'), 'rate', { rating: 5 });
  at('2026-03-05T10:00:00'); // after the signing time (Tue 3 Mar 18:00)
  await step('mt.a', id('a2'), 'sign');
  at('2026-03-06T10:00:00');
  await step('mt.a', id('a3'), 'resolve', { answer: '初步答复' });
  at('2026-03-06T11:00:00');
  await step('hq', id('a3'), 'reject', { reason: '答复不完整，请补充' });
  at('2026-03-09T10:00:00');
  await step('mt.a', id('a3'), 'resolve', { answer: '已补充答复' });
  at('2026-03-09T11:00:00');
  await step('hq', id('a3'), 'verify');
  at('2026-03-10T10:00:00');
  await step('mt.b', id('b2'), 'resolve', { answer: '已办结' });
  at('2026-03-10T11:00:00');
  await step('hq', id('b2'), 'verify');
  await step('group', id('b2'), 'rate', { rating: 5 });
  at('2026-03-20T09:00:00');
  await step('hq', id('a4'), 'escalate', { level: 'red', reason: '超期未办结' });
  at('2026-03-20T10:00:00'); // after the deadline (Mon 16 Mar 18:00)
  await step('mt.a', id('a2'), 'resolve', { answer: '已办结' });
  at('2026-03-20T11:00:00');
  await step('hq', id('a2'), 'verify');
  at('2026-03-20T12:00:00');
  await step('group', id('a2'), 'rate', { rating: 2 });
  Object.assign(spans, {
    a1: ['2026-03-02T09:00:00', '2026-03-04T10:00:00'],
    a2: ['2026-03-02T09:00:00', '2026-03-20T10:00:00'],
    a3: ['2026-03-02T09:00:00', '2026-03-09T10:00:00'],
    b1: ['2026-03-02T09:00:00', '2026-03-03T10:00:00'],
    b2: ['2026-03-02T09:00:00', '2026-03-10T10:00:00'],
  });
  // Now: a4 (in progress) and b3 (never signed) are past their deadline.
  at('2026-03-25T09:00:00');
}, 120_000);
afterAll(() => t?.close());

const r = (numerator: number, denominator: number) => ({
  numerator,
  denominator,
  rate: denominator ? numerator / denominator : null,
});

describe('unit metrics', () => {
  it('computes every figure of a month per unit, and ranks only units with enough items', async () => {
    const res = await metrics(await as('hq'), 'from=2026-03-01&to=2026-03-31');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const m = res.body;
    expect(m).toMatchObject({ from: '2026-03-01', to: '2026-03-31', unitType: null, minItemsForRanking: 3 });
    expect(m.asOf).toBe(new Date('2026-03-25T09:00:00+08:00').toISOString());
    expect(rowOf(m, 'MT-A')).toMatchObject({
      received: 4,
      signedOnTime: r(3, 4), // a2 signed two days late
      resolved: 3, // a1, a3, a2 (a0 was closed in February)
      resolvedOnTime: r(2, 3), // a2 resolved after its deadline
      overdueNow: 1, // a4
      urgeRate: r(1, 4), // a2
      redoRate: r(1, 3), // a3 was rejected once
      satisfaction: r(1, 2), // 5 and 2
      // a1 2 + 1/24, a3 5 + 1/24, a2 14 + 1/24 working days (each: 9 h on day one, 16 h on the last day)
      meanWorkingDays: 7.04,
      sample: 3,
      tooFew: false,
    });
    expect(rowOf(m, 'MT-A').rank).toBeGreaterThanOrEqual(1);
    expect(rowOf(m, 'MT-B')).toMatchObject({
      received: 3,
      signedOnTime: r(2, 2),
      resolved: 2,
      resolvedOnTime: r(2, 2),
      overdueNow: 1, // b3, never signed
      urgeRate: r(1, 3),
      redoRate: r(0, 2),
      satisfaction: r(2, 2), // 4 and 5
      meanWorkingDays: 3.54, // 1 + 1/24 and 6 + 1/24
      sample: 2,
      tooFew: true, // better rates than MT-A, but two items are too few to be ranked
      rank: null,
    });
    // A unit with nothing to count is listed, marked, with no rates.
    expect(rowOf(m, 'MT-IDLE')).toMatchObject({
      received: 0,
      resolved: 0,
      resolvedOnTime: r(0, 0),
      satisfaction: r(0, 0),
      meanWorkingDays: null,
      tooFew: true,
      rank: null,
    });
    // Ranked rows first, in rank order; headquarters and office are not ranked units.
    const ranks = m.rows.slice(0, m.rankedCount).map((x) => x.rank as number);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(m.rows.slice(0, m.rankedCount).map((x) => x.unitCode)).toContain('MT-A');
    expect(m.rows.slice(m.rankedCount).every((x) => x.tooFew && x.rank === null)).toBe(true);
    expect(m.rows.some((x) => x.unitCode === 'HQ' || x.unitCode === 'OFFICE')).toBe(false);
    // The unranked units in the unit tree's display order (level, sort order, code), never by their random ids.
    const treeOrder = (x: UnitMetricsRowT) => {
      const u = units.get(x.unitCode) as UnitT;
      return [u.depth, u.sortOrder, u.code] as const;
    };
    const unranked = m.rows.slice(m.rankedCount).map(treeOrder);
    const sorted = [...unranked].sort((a, b) => a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0));
    expect(unranked).toEqual(sorted);
  });

  it('counts working days from the official calendar, holidays and adjusted working days included', async () => {
    const feb = (await metrics(await as('hq'), 'from=2026-02-01&to=2026-02-28')).body;
    // 12 Feb 09:00 → 27 Feb 10:00: 9 h + 13, 14 (adjusted Saturday), 24, 25, 26 Feb + 16 h; 15–23 Feb are off.
    expect(rowOf(feb, 'MT-A')).toMatchObject({
      received: 1,
      signedOnTime: r(1, 1),
      resolved: 1,
      resolvedOnTime: r(1, 1),
      meanWorkingDays: 6.04,
    });
    // The SQL agrees with the calendar domain (workingDaysBetween) on every closed item.
    const cal = await loadCalendar(t.database.db);
    const wd = (name: string) => {
      const [a, b] = spans[name] as [string, string];
      return workingDaysBetween(cal, new Date(`${a}+08:00`), new Date(`${b}+08:00`), 18);
    };
    expect(wd('a0')).toBeCloseTo(6 + 1 / 24, 10);
    const march = (await metrics(await as('hq'), 'from=2026-03-01&to=2026-03-31')).body;
    expect(rowOf(march, 'MT-A').meanWorkingDays).toBe(Math.round(((wd('a1') + wd('a2') + wd('a3')) / 3) * 100) / 100);
    expect(rowOf(march, 'MT-B').meanWorkingDays).toBe(Math.round(((wd('b1') + wd('b2')) / 2) * 100) / 100);
  });

  it('takes each figure from its own period: the quarter adds February to March', async () => {
    const q = (await metrics(await as('hq'), 'from=2026-01-01&to=2026-03-31')).body;
    expect(rowOf(q, 'MT-A')).toMatchObject({
      received: 5,
      signedOnTime: r(4, 5),
      resolved: 4,
      resolvedOnTime: r(3, 4),
      urgeRate: r(1, 5),
      redoRate: r(1, 4),
      satisfaction: r(1, 2),
      tooFew: false,
    });
    // A day's period: only what happened on 20 March (a2 resolved late and rated 2).
    const day = (await metrics(await as('hq'), 'from=2026-03-20&to=2026-03-20')).body;
    expect(rowOf(day, 'MT-A')).toMatchObject({
      received: 0,
      resolved: 1,
      resolvedOnTime: r(0, 1),
      satisfaction: r(0, 1),
      overdueNow: 1,
    });
  });

  it('filters by unit type', async () => {
    const counties = (await metrics(await as('hq'), 'from=2026-03-01&to=2026-03-31&unitType=county')).body;
    expect(counties.unitType).toBe('county');
    expect(counties.rows.every((x) => x.unitType === 'county')).toBe(true);
    expect(counties.rows.map((x) => x.unitCode)).toEqual(expect.arrayContaining(['MT-A', 'MT-B', 'JINJIANG']));
    expect(counties.rows.map((x) => x.unitCode)).not.toContain('MT-IDLE');
    const groups = (await metrics(await as('hq'), 'from=2026-03-01&to=2026-03-31&unitType=task_force')).body;
    expect(groups.rows.map((x) => x.unitCode)).not.toContain('MT-A');
    expect(groups.rows.map((x) => x.unitCode)).toContain('MT-IDLE');
    const bad = await metrics(await as('hq'), 'from=2026-03-01&to=2026-03-31&unitType=headquarters');
    expect(bad.status).toBe(400);
  });

  it('refuses a bad period with a clear error', async () => {
    const cases: [string, string, string][] = [
      ['from=2026-03-31&to=2026-03-01', '/to', 'reversed'],
      ['from=2026-02-30&to=2026-03-01', '/from', 'not_a_date'],
      ['from=2026-01-01&to=2026-13-01', '/to', 'not_a_date'],
      ['from=2024-01-01&to=2026-01-01', '/to', 'too_long'],
    ];
    for (const [q, path, keyword] of cases) {
      const res = await metrics(await as('hq'), q);
      expect(res.status, q).toBe(400);
      expect(res.body.error.code, q).toBe('VALIDATION_FAILED');
      expect(res.body.error.details?.[0], q).toMatchObject({ path, keyword });
    }
    for (const q of ['from=2026-3-1&to=2026-03-31', 'to=2026-03-31', 'from=2026-03-01&to=2026-03-31&x=1']) {
      expect((await metrics(await as('hq'), q)).status, q).toBe(400);
    }
    expect((await metrics(await as('hq'), 'from=2025-01-01&to=2026-12-31')).status).toBe(200);
    const en = await metrics((await as('hq')).withLocale('en-US'), 'from=2026-03-31&to=2026-03-01');
    expect(en.body.error.message).toBe('The request is not valid');
  });

  it('shows units the whole ranking (it is what a bulletin publishes) with their own row marked; firms nothing', async () => {
    const mine = await metrics(await as('mt.b'), 'from=2026-03-01&to=2026-03-31');
    expect(mine.status).toBe(200);
    expect(mine.body.ownUnitId).toBe(unit('MT-B'));
    const all = (await metrics(await as('hq'), 'from=2026-03-01&to=2026-03-31')).body;
    expect(mine.body.rows).toEqual(all.rows);
    expect((await metrics(await as('leader'), 'from=2026-03-01&to=2026-03-31')).status).toBe(200);
    const firm = await as('enterprise');
    const refused = await metrics(firm, 'from=2026-03-01&to=2026-03-31');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    expect((await firm.get<Err>('/api/v1/metrics/year?year=2026')).status).toBe(403);
    expect((await firm.get<Err>('/api/v1/metrics/units/export?from=2026-03-01&to=2026-03-31')).status).toBe(403);
  });

  it('exports the table as xlsx in the caller’s language', async () => {
    const hq = await as('hq');
    const res = await hq.get<string>('/api/v1/metrics/units/export?from=2026-03-01&to=2026-03-31&unitType=county');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('单位考评-2026-03-01-2026-03-31'));
    const raw = await t.app.inject({
      method: 'GET',
      url: '/api/v1/metrics/units/export?from=2026-03-01&to=2026-03-31&unitType=county',
      headers: { cookie: hq.auth.cookie as string },
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(raw.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0] as ExcelJS.Worksheet;
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(values(1)).toEqual([
      '排名',
      '单位',
      '收件数',
      '按时签收率(%)',
      '办结数',
      '按时办结率(%)',
      '当前超期数',
      '催办率(%)',
      '重办率(%)',
      '满意率(%)',
      '平均办结用时(工作日)',
      '备注',
    ]);
    // Percentages with one decimal; mean working days 7.04 → 7.0; an empty note cell is not written.
    const rows = Array.from({ length: sheet.rowCount - 1 }, (_, i) => values(i + 2));
    const rank = (await metrics(hq, 'from=2026-03-01&to=2026-03-31&unitType=county')).body.rows.find(
      (x) => x.unitCode === 'MT-A',
    )?.rank;
    expect(rows.find((v) => v[1] === '考评甲县')).toEqual([
      String(rank),
      '考评甲县',
      4,
      75,
      3,
      66.7,
      1,
      25,
      33.3,
      50,
      7,
    ]);
    const tooFew = rows.find((v) => v[1] === '考评乙县');
    expect(tooFew?.[0]).toBe('—');
    expect(String(tooFew?.[11])).toContain('样本不足');
  });
});

describe('year totals', () => {
  it('counts meetings held, orders issued, items registered and resolved, overdue now and red cards', async () => {
    const office = unit('OFFICE');
    const { rows } = await t.database.pool.query<{ id: string }>(`SELECT id FROM users WHERE username = 'hq'`);
    const hqUser = rows[0]?.id;
    // Meetings and orders come from their own modules; here only their stored facts matter.
    await t.database.pool.query(
      `INSERT INTO meetings (year, seq, type, title, held_at, state, created_by) VALUES
         (2026, 901, 'regular', '第一次调度会', '2026-03-10T09:00:00+08:00', 'held', $1),
         (2026, 902, 'regular', '计划中的调度会', '2026-04-10T09:00:00+08:00', 'planned', $1),
         (2025, 903, 'regular', '去年的调度会', '2025-12-31T15:00:00+08:00', 'held', $1)`,
      [hqUser],
    );
    await t.database.pool.query(
      `INSERT INTO orders (year, title, state, issuer_user_id, issuer_unit_id, issued_at, withdrawn_at) VALUES
         (2026, '已下发', 'issued', $1, $2, '2026-03-11T09:00:00+08:00', NULL),
         (2026, '已完成', 'completed', $1, $2, '2026-01-01T00:00:00+08:00', NULL),
         (2026, '已撤回', 'withdrawn', $1, $2, '2026-03-12T09:00:00+08:00', '2026-03-13T09:00:00+08:00'),
         (2026, '草稿', 'draft', $1, $2, NULL, NULL)`,
      [hqUser, office],
    );
    const hq = await as('hq');
    const res = await hq.get<YearTotalsT>('/api/v1/metrics/year?year=2026');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      year: 2026,
      meetingsHeld: baseline.meetingsHeld + 1,
      ordersIssued: baseline.ordersIssued + 2,
      itemsRegistered: baseline.itemsRegistered + 8,
      itemsResolved: baseline.itemsResolved + 6,
      overdueNow: expect.any(Number),
      redCards: baseline.redCards + 1,
      asOf: new Date('2026-03-25T09:00:00+08:00').toISOString(),
    });
    // a4 and b3 are overdue now (demo data in the seed may add its own).
    expect(res.body.overdueNow).toBeGreaterThanOrEqual(baseline.overdueNow + 2);
    const before = await (await as('mt.a')).get<YearTotalsT>('/api/v1/metrics/year?year=2025');
    expect(before.status).toBe(200);
    expect((await hq.get<Err>('/api/v1/metrics/year?year=1999')).status).toBe(400);
    expect((await hq.get<Err>('/api/v1/metrics/year')).status).toBe(400);
  });
});

describe('minimum sample', () => {
  it('follows the setting: with two items enough, MT-B is ranked, above MT-A on its better rates', async () => {
    const admin = await as('admin');
    const { body: current } = await admin.get<{ settings: Record<string, unknown>; version: number }>(
      '/api/v1/settings/dispatch',
    );
    const saved = await admin.put('/api/v1/settings/dispatch', {
      settings: { ...current.settings, minItemsForRanking: 2 },
      version: current.version,
    });
    expect(saved.status).toBe(200);
    const m = (await metrics(await as('hq'), 'from=2026-03-01&to=2026-03-31')).body;
    expect(m.minItemsForRanking).toBe(2);
    const a = rowOf(m, 'MT-A');
    const b = rowOf(m, 'MT-B');
    expect(b).toMatchObject({ tooFew: false });
    expect(b.rank as number).toBeLessThan(a.rank as number);
    expect(m.rows.indexOf(b)).toBeLessThan(m.rows.indexOf(a));
  });
});

describe('urge rate', () => {
  it('counts an item once however often it is urged, and only the urges of its current lead after its dispatch', async () => {
    const A = unit('MT-A');
    const B = unit('MT-B');
    at('2026-07-01T09:00:00');
    const c1 = await register('c1 退单后改派');
    const c2 = await register('c2 未催办');
    await step('hq', c1, 'dispatch', { leadUnitId: A });
    await step('hq', c2, 'dispatch', { leadUnitId: B });
    at('2026-07-02T09:00:00');
    await step('hq', c1, 'urge', { note: '请尽快签收' }); // names A, which then hands the item back
    at('2026-07-02T10:00:00');
    await step('mt.a', c1, 'return', { reason: '不属于本单位职责' });
    at('2026-07-02T11:00:00');
    await step('hq', c1, 'dispatch', { leadUnitId: B });
    at('2026-07-03T09:00:00');
    await step('hq', c1, 'urge', { note: '请尽快签收' });
    at('2026-07-03T10:00:00');
    await step('hq', c1, 'urge', { note: '再次催办' });
    const july = (await metrics(await as('hq'), 'from=2026-07-01&to=2026-07-31')).body;
    expect(rowOf(july, 'MT-A')).toMatchObject({ received: 0, urgeRate: r(0, 0) });
    expect(rowOf(july, 'MT-B')).toMatchObject({ received: 2, urgeRate: r(1, 2) });
  });
});
