import { DEFAULT_DISPATCH_SETTINGS } from '@zaitun/contracts';
import { describe, expect, it } from 'vitest';
import { buildCalendar } from '../modules/calendar/calendar.domain';
import { chineseDaysRows } from '../modules/calendar/calendar.seed';
import { lightOf } from '../modules/items/items.domain';
import { planDemoDispatch } from './demo-dispatch.plan';
import { DEMO_UNITS } from './demo-org';

const seed = chineseDaysRows();
const cal = buildCalendar(seed.rows, seed.coveredYears);
const units = DEMO_UNITS.map((u) => ({ id: `id-${u.code}`, code: u.code, type: u.type, nameZh: u.nameZh }));
const now = new Date('2026-11-27T15:00:00+08:00');
const plan = planDemoDispatch({
  now,
  cal,
  settings: DEFAULT_DISPATCH_SETTINGS,
  units,
  dispatcherId: 'u-hq',
  leaderId: 'u-leader',
  unitUsers: new Map([
    ['id-JINJIANG', 'u-jinjiang'],
    ['id-SHISHI', 'u-shishi'],
    ['id-WG-FOREIGN', 'u-group'],
  ]),
});
const inYear = (d: Date | null, y: number) => !!d && new Date(d.getTime() + 8 * 3600_000).getUTCFullYear() === y;

describe.each([
  ['2026-06-15T10:00:00+08:00', 2025],
  ['2027-01-04T10:00:00+08:00', 2026],
])('on a first start at %s', (at, y0) => {
  const other = planDemoDispatch({
    now: new Date(at),
    cal,
    settings: DEFAULT_DISPATCH_SETTINGS,
    units,
    dispatcherId: 'u-hq',
    leaderId: 'u-leader',
    unitUsers: new Map(),
  });
  it('still shows a full previous year of 26 meetings, 34 orders and 154 items resolved', () => {
    expect(other.meetings.filter((m) => m.year === y0 && m.state === 'held')).toHaveLength(26);
    expect(other.orders.filter((o) => o.year === y0)).toHaveLength(34);
    expect(other.items.filter((i) => i.state === 'closed' && inYear(i.closedAt, y0))).toHaveLength(154);
    expect(other.items.every((i) => i.events.every((e) => e.at.getTime() <= new Date(at).getTime()))).toBe(true);
  });
});

describe('the demo year', () => {
  it('shows the seed’s 2025: 26 meetings, 34 orders, 154 items resolved, about 180 registered', () => {
    expect(plan.meetings.filter((m) => m.year === 2025 && m.state === 'held')).toHaveLength(26);
    expect(plan.orders.filter((o) => o.year === 2025)).toHaveLength(34);
    expect(plan.items.filter((i) => i.state === 'closed' && inYear(i.closedAt, 2025))).toHaveLength(154);
    const registered = plan.items.filter((i) => i.year === 2025).length;
    expect(registered).toBeGreaterThanOrEqual(170);
    expect(registered).toBeLessThanOrEqual(190);
  });

  it('numbers items, orders and meetings per year without gaps', () => {
    for (const year of [2025, 2026]) {
      const seqs = plan.items
        .filter((i) => i.year === year)
        .map((i) => i.seq)
        .sort((a, b) => a - b);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
      const orders = plan.orders.filter((o) => o.year === year).map((o) => o.seq);
      expect(orders).toEqual(orders.map((_, i) => i + 1));
    }
    expect(plan.orders[0]?.number).toBe('泉内外贸交〔2025〕1号');
  });

  it('every life is consistent: events in order and before now, timestamps match the state', () => {
    for (const it of plan.items) {
      const times = it.events.map((e) => e.at.getTime());
      expect(times, it.title).toEqual([...times].sort((a, b) => a - b));
      expect(Math.max(...times)).toBeLessThanOrEqual(now.getTime());
      if (it.state === 'closed') {
        expect(it.resolvedAt && it.closedAt && it.resolvedAt <= it.closedAt).toBe(true);
        expect(it.answer).toBeTruthy();
      }
      if (['assigned', 'in_progress', 'resolved', 'closed'].includes(it.state)) {
        expect(it.leadUnitId && it.deadline && it.dispatchedAt).toBeTruthy();
      }
      if (it.state === 'pending_dispatch') expect(it.leadUnitId).toBeNull();
      if (it.rating !== null) expect(it.state).toBe('closed');
    }
  });

  it('today has open work in every light, cards and urges, and orders completed only when their items are', () => {
    const open = plan.items.filter((i) => ['assigned', 'in_progress'].includes(i.state));
    const lights = new Set(
      open.map((i) => lightOf({ state: i.state, deadline: i.deadline, yellowAt: i.yellowAt }, now)),
    );
    expect(lights).toEqual(new Set(['green', 'yellow', 'red']));
    expect(plan.items.some((i) => i.state === 'pending_dispatch')).toBe(true);
    expect(plan.items.some((i) => i.state === 'resolved')).toBe(true);
    expect(open.filter((i) => i.escalation === 'red').length).toBeGreaterThan(0);
    expect(open.filter((i) => i.escalation === 'yellow').length).toBeGreaterThan(0);
    expect(plan.items.filter((i) => i.urges.length > 0).length).toBeGreaterThan(10);
    expect(plan.items.filter((i) => i.redoCount > 0).length).toBeGreaterThan(3);
    const byId = new Map(plan.items.map((i) => [i.id, i]));
    for (const o of plan.orders) {
      const closed = o.itemIds.every((id) => ['closed', 'cancelled'].includes(byId.get(id)?.state ?? ''));
      expect(o.state === 'completed', o.number).toBe(closed);
    }
  });
});
