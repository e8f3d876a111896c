import { describe, expect, it } from 'vitest';
import {
  type AgendaCandidate,
  type AgendaLine,
  agendaReason,
  agendaUnitOf,
  decisionChange,
  formatMeetingNumber,
  meetingSourceRef,
  orderAgenda,
} from './meetings.domain';

const now = new Date('2026-03-10T09:00:00+08:00');
const at = (iso: string) => new Date(iso);
const item = (over: Partial<AgendaCandidate> = {}): AgendaCandidate => ({
  id: 'i',
  state: 'in_progress',
  source: 'unit_report',
  flagged: false,
  deadline: at('2026-03-20T18:00:00+08:00'),
  yellowAt: at('2026-03-18T18:00:00+08:00'),
  leadUnitId: 'jinjiang',
  raisedByUnitId: 'office',
  year: 2026,
  seq: 1,
  ...over,
});

describe('meeting numbers', () => {
  it('count per year: 2026年第3次调度会; an item it creates cites 第3次调度会', () => {
    expect(formatMeetingNumber(2026, 3)).toBe('2026年第3次调度会');
    expect(meetingSourceRef(3)).toBe('第3次调度会');
  });
});

describe('why an item is on the agenda', () => {
  it('red when its deadline has passed, yellow from yellow_at to the deadline', () => {
    expect(agendaReason(item({ deadline: at('2026-03-09T18:00:00+08:00') }), now)).toBe('red');
    expect(agendaReason(item({ yellowAt: at('2026-03-10T09:00:00+08:00') }), now)).toBe('yellow');
    expect(
      agendaReason(item({ yellowAt: at('2026-03-05T00:00:00Z'), deadline: at('2026-03-10T09:00:00+08:00') }), now),
    ).toBe('yellow');
    expect(agendaReason(item(), now)).toBeNull();
  });

  it('flagged for a meeting, or a coordination request, while open; the most pressing reason wins', () => {
    expect(agendaReason(item({ flagged: true }), now)).toBe('flagged');
    expect(agendaReason(item({ source: 'coordination', state: 'pending_dispatch', deadline: null }), now)).toBe(
      'coordination',
    );
    expect(agendaReason(item({ flagged: true, deadline: at('2026-03-01T00:00:00Z') }), now)).toBe('red');
    expect(agendaReason(item({ flagged: true, source: 'coordination' }), now)).toBe('flagged');
  });

  it('never for a closed, cancelled or draft item; the light only while the clock runs', () => {
    for (const state of ['closed', 'cancelled', 'draft'] as const) {
      expect(agendaReason(item({ state, flagged: true, deadline: at('2026-03-01T00:00:00Z') }), now)).toBeNull();
    }
    // Resolved: the clock has stopped, so a passed deadline no longer makes it red.
    expect(agendaReason(item({ state: 'resolved', deadline: at('2026-03-01T00:00:00Z') }), now)).toBeNull();
  });

  it('is grouped under the lead unit, or the raising unit before dispatch', () => {
    expect(agendaUnitOf({ leadUnitId: 'jinjiang', raisedByUnitId: 'office' })).toBe('jinjiang');
    expect(agendaUnitOf({ leadUnitId: null, raisedByUnitId: 'shishi' })).toBe('shishi');
  });
});

describe('the order of the agenda', () => {
  const line = (id: string, unitId: string | null, reason: AgendaLine['reason'], over: Partial<AgendaLine> = {}) => ({
    id,
    unitId,
    reason,
    deadline: null,
    year: 2026,
    seq: Number(id.replace(/\D/g, '')) || 0,
    position: 0,
    ...over,
  });

  it('groups by unit; a unit with a red item first; red → yellow → flagged → coordination within; manual last', () => {
    const lines: AgendaLine[] = [
      line('m1', null, 'manual', { position: 2 }),
      line('a1', 'A', 'coordination'),
      line('b1', 'B', 'yellow'),
      line('a2', 'A', 'flagged'),
      line('b2', 'B', 'red'),
      line('m2', 'A', 'manual', { position: 1 }),
      line('c1', 'C', 'yellow', { deadline: at('2026-03-12T00:00:00Z') }),
      line('c2', 'C', 'yellow', { deadline: at('2026-03-11T00:00:00Z') }),
    ];
    const order = orderAgenda(lines, ['A', 'B', 'C']).map((l) => l.id);
    expect(order).toEqual(['b2', 'b1', 'c2', 'c1', 'a2', 'a1', 'm2', 'm1']);
  });

  it('is stable when prepared again (same input, same order)', () => {
    const lines: AgendaLine[] = [line('x1', 'A', 'red'), line('x2', 'A', 'red'), line('y1', 'B', 'red')];
    const once = orderAgenda(lines, ['B', 'A']).map((l) => l.id);
    expect(once).toEqual(['y1', 'x1', 'x2']);
    expect(orderAgenda([...lines].reverse(), ['B', 'A']).map((l) => l.id)).toEqual(once);
  });
});

describe('changing a decision', () => {
  const entry = { decisionKind: null, createdItemId: null, orderId: null, itemId: 'i1' };
  it('any kind first; the kind is fixed once it produced an item or an order place', () => {
    expect(decisionChange(entry, 'item')).toBe('ok');
    expect(decisionChange({ ...entry, decisionKind: 'note' }, 'order')).toBe('ok');
    expect(decisionChange({ ...entry, decisionKind: 'item', createdItemId: 'n1' }, 'note')).toBe('kind_locked');
    expect(decisionChange({ ...entry, decisionKind: 'item', createdItemId: 'n1' }, 'item')).toBe('ok');
    expect(decisionChange({ ...entry, decisionKind: 'order', orderId: 'o1' }, 'item')).toBe('kind_locked');
  });
  it('an order decision needs an entry with an item', () => {
    expect(decisionChange({ ...entry, itemId: null }, 'order')).toBe('no_item');
  });
});
