/**
 * The generated dispatch history on a real database: the seed's year, usable by the API (the open items move on
 * through the same workflow), its bulletins (last month's and last week's published and numbered, this month's a
 * draft, with the figures the builder computes), and an intact audit chain.
 */
import type { BulletinDetailT, BulletinReceiptsT, BulletinT, ItemDetailT, ItemT } from '@zaitun/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext, verifyAuditChain } from '../src/lib/audit';
import { seedDemoBulletins } from '../src/seed/demo-bulletins';
import { seedDemoDispatch } from '../src/seed/demo-dispatch';
import { createTestApp, signIn, type TestApp } from './harness';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-11-27T15:00:00+08:00'));
  const plan = await seedDemoDispatch(t.database.db, systemContext(t.clock, 'seed'));
  expect(plan).not.toBeNull();
  expect(await seedDemoBulletins(t.database.db, systemContext(t.clock, 'seed'))).toBe(3);
});
afterAll(() => t?.close());

const count = async (q: string) => Number((await t.database.pool.query<{ n: string }>(q)).rows[0]?.n);

describe('the demo dispatch history', () => {
  it('holds the seed’s 2025: 26 meetings, 34 assignment orders, 154 items resolved', async () => {
    expect(await count(`SELECT count(*) AS n FROM meetings WHERE year = 2025 AND state = 'held'`)).toBe(26);
    expect(await count(`SELECT count(*) AS n FROM orders WHERE year = 2025 AND state <> 'withdrawn'`)).toBe(34);
    expect(
      await count(`SELECT count(*) AS n FROM items WHERE state = 'closed'
        AND closed_at >= '2025-01-01T00:00:00+08:00' AND closed_at < '2026-01-01T00:00:00+08:00'`),
    ).toBe(154);
    expect(await count(`SELECT count(*) AS n FROM orders WHERE number = '泉内外贸交〔2025〕34号'`)).toBe(1);
  });

  it('has bulletins: October and the week of 16–22 November published and numbered, November a draft', async () => {
    const hq = await signIn(t.app, 'hq');
    const list = (await hq.get<{ items: BulletinT[] }>('/api/v1/bulletins')).body.items;
    expect(list.map((b) => [b.state, b.number, b.from, b.to])).toEqual([
      ['draft', null, '2026-11-01', '2026-11-30'],
      ['published', '泉内外贸通〔2026〕2号', '2026-11-16', '2026-11-22'],
      ['published', '泉内外贸通〔2026〕1号', '2026-10-01', '2026-10-31'],
    ]);
    const october = (await hq.get<BulletinDetailT>(`/api/v1/bulletins/${list[2]?.id}`)).body;
    const closedInOctober = await count(`SELECT count(*) AS n FROM items WHERE state = 'closed'
      AND closed_at >= '2026-10-01T00:00:00+08:00' AND closed_at < '2026-11-01T00:00:00+08:00'`);
    expect(october.sections.headline.resolved).toBe(closedInOctober);
    expect(october.sections.units.length).toBeGreaterThan(10);
    expect(october.text.opening).toContain('2026年10月');
    const receipts = (await hq.get<BulletinReceiptsT>(`/api/v1/bulletins/${list[2]?.id}/receipts`)).body;
    expect(receipts.reads.map((r) => r.unitNameZh)).toEqual(['石狮市']);
    // Publishing the draft takes the next number.
    const draft = list[0] as BulletinT;
    const published = await hq.post<BulletinDetailT>(`/api/v1/bulletins/${draft.id}/publish`, {
      version: draft.version,
    });
    expect(published.body.bulletin.number).toBe('泉内外贸通〔2026〕3号');
    expect(await seedDemoBulletins(t.database.db, systemContext(t.clock, 'seed'))).toBe(0);
  });

  it('is a second time a no-op, and leaves the audit chain intact', async () => {
    expect(await seedDemoDispatch(t.database.db, systemContext(t.clock, 'seed'))).toBeNull();
    const result = await verifyAuditChain(t.database.db);
    expect(result.intact).toBe(true);
  });

  it('gives each user real work today: the office a board, a county its queue, leaders red cards', async () => {
    const hq = await signIn(t.app, 'hq');
    const pending = await hq.get<{ total: number }>('/api/v1/items?view=board&bucket=pending_dispatch');
    expect(pending.body.total).toBeGreaterThan(0);
    const lights = await Promise.all(
      ['green', 'yellow', 'red'].map(
        async (l) => (await hq.get<{ total: number }>(`/api/v1/items?light=${l}`)).body.total,
      ),
    );
    expect(lights.every((n) => n > 0)).toBe(true);
    const leader = await signIn(t.app, 'leader');
    expect((await leader.get<{ total: number }>('/api/v1/items?bucket=red_card')).body.total).toBeGreaterThan(0);
  });

  it('continues numbering after the generated items, and an open item moves on through the workflow', async () => {
    const hq = await signIn(t.app, 'hq');
    const max = await count(`SELECT max(seq) AS n FROM items WHERE year = 2026`);
    const created = await hq.post<ItemDetailT>('/api/v1/items', {
      title: '新登记事项',
      description: '',
      category: 'other',
      source: 'unit_report',
      priority: 'normal',
      submit: true,
    });
    expect(created.body.item.seq).toBe(max + 1);
    const open = await hq.get<{ items: ItemT[] }>('/api/v1/items?bucket=to_verify&pageSize=1');
    const first = open.body.items[0] as ItemT;
    const verified = await hq.post<ItemDetailT>(`/api/v1/items/${first.id}/actions`, {
      action: 'verify',
      version: first.version,
    });
    expect(verified.status).toBe(200);
    expect(verified.body.item.state).toBe('closed');
  });
});
