import { describe, expect, it } from 'vitest';
import {
  availableOrderActions,
  decideOrder,
  deriveAddressees,
  formatOrderNumber,
  itemIneligibility,
  type OrderFacts,
  orderToReopen,
  parseOrderNumberQuery,
} from './orders.domain';

describe('order number', () => {
  it('is the prefix, the year in hexagonal brackets (U+3014/U+3015), the sequence and 号', () => {
    const n = formatOrderNumber('泉内外贸交', 2026, 12);
    expect(n).toBe('泉内外贸交〔2026〕12号');
    expect(n.codePointAt(5)).toBe(0x3014);
    expect(n.codePointAt(10)).toBe(0x3015);
    expect(formatOrderNumber('X', 2027, 1)).toBe('X〔2027〕1号');
  });

  it('is found from what a user types', () => {
    expect(parseOrderNumberQuery('12')).toEqual({ year: null, seq: 12 });
    expect(parseOrderNumberQuery('12号')).toEqual({ year: null, seq: 12 });
    expect(parseOrderNumberQuery('泉内外贸交〔2026〕12号')).toEqual({ year: 2026, seq: 12 });
    expect(parseOrderNumberQuery('[2026]7')).toEqual({ year: 2026, seq: 7 });
    expect(parseOrderNumberQuery('退税')).toBeNull();
  });
});

describe('addressees', () => {
  it('are the lead units and the co-units; a unit that leads one item and helps another is lead', () => {
    expect(
      deriveAddressees([
        { leadUnitId: 'jinjiang', coUnitIds: ['customs', 'tax'] },
        { leadUnitId: 'customs', coUnitIds: ['jinjiang', 'shishi'] },
        { leadUnitId: null, coUnitIds: [] },
      ]),
    ).toEqual([
      { unitId: 'jinjiang', role: 'lead' },
      { unitId: 'customs', role: 'lead' },
      { unitId: 'tax', role: 'co' },
      { unitId: 'shishi', role: 'co' },
    ]);
    expect(deriveAddressees([])).toEqual([]);
  });
});

describe('which items an order may take', () => {
  it('dispatched and open, not in another live order', () => {
    expect(itemIneligibility({ state: 'assigned', leadUnitId: 'u' }, false)).toBeNull();
    expect(itemIneligibility({ state: 'in_progress', leadUnitId: 'u' }, false)).toBeNull();
    expect(itemIneligibility({ state: 'resolved', leadUnitId: 'u' }, false)).toBeNull();
    expect(itemIneligibility({ state: 'pending_dispatch', leadUnitId: null }, false)).toBe('not_dispatched');
    expect(itemIneligibility({ state: 'draft', leadUnitId: null }, false)).toBe('not_dispatched');
    expect(itemIneligibility({ state: 'closed', leadUnitId: 'u' }, false)).toBe('finished');
    expect(itemIneligibility({ state: 'cancelled', leadUnitId: null }, false)).toBe('finished');
    expect(itemIneligibility({ state: 'assigned', leadUnitId: 'u' }, true)).toBe('in_other_order');
  });
});

describe('the order state machine', () => {
  const facts = (over: Partial<OrderFacts> = {}): OrderFacts => ({
    state: 'draft',
    itemCount: 2,
    hasFeedbackDue: true,
    writer: true,
    unconfirmedAddressee: false,
    ...over,
  });

  it('issues a draft with items and a feedback date, by the office only', () => {
    expect(decideOrder(facts(), 'issue', {})).toEqual({ ok: true, to: 'issued' });
    expect(decideOrder(facts({ writer: false }), 'issue', {})).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(decideOrder(facts({ itemCount: 0 }), 'issue', {})).toMatchObject({
      ok: false,
      code: 'ORDER_INVALID_TRANSITION',
    });
    expect(decideOrder(facts({ hasFeedbackDue: false }), 'issue', {})).toMatchObject({ code: 'FIELD_REQUIRED' });
    expect(decideOrder(facts({ state: 'issued' }), 'issue', {})).toMatchObject({ code: 'ORDER_INVALID_TRANSITION' });
  });

  it('withdraws a draft or an issued order with a reason; a finished one not', () => {
    expect(decideOrder(facts(), 'withdraw', { reason: '重复' })).toEqual({ ok: true, to: 'withdrawn' });
    expect(decideOrder(facts({ state: 'issued' }), 'withdraw', { reason: '重复' })).toEqual({
      ok: true,
      to: 'withdrawn',
    });
    expect(decideOrder(facts(), 'withdraw', { reason: '  ' })).toMatchObject({ code: 'REASON_REQUIRED' });
    for (const state of ['completed', 'withdrawn'] as const) {
      expect(decideOrder(facts({ state }), 'withdraw', { reason: 'x' })).toMatchObject({
        code: 'ORDER_INVALID_TRANSITION',
      });
    }
  });

  it('lets an addressee confirm receipt once, after issue', () => {
    const addressee = facts({ state: 'issued', writer: false, unconfirmedAddressee: true });
    expect(decideOrder(addressee, 'confirm', {})).toEqual({ ok: true, to: 'issued' });
    expect(decideOrder({ ...addressee, state: 'completed' }, 'confirm', {})).toEqual({ ok: true, to: 'completed' });
    expect(decideOrder({ ...addressee, unconfirmedAddressee: false }, 'confirm', {})).toMatchObject({
      code: 'ORDER_INVALID_TRANSITION',
    });
    expect(decideOrder({ ...addressee, state: 'draft' }, 'confirm', {})).toMatchObject({
      code: 'ORDER_INVALID_TRANSITION',
    });
  });

  it('offers the actions the caller may take; "issue" even while a field is missing', () => {
    expect(availableOrderActions(facts({ hasFeedbackDue: false, itemCount: 0 }))).toEqual(['issue', 'withdraw']);
    expect(availableOrderActions(facts({ state: 'issued', writer: false, unconfirmedAddressee: true }))).toEqual([
      'confirm',
    ]);
    expect(availableOrderActions(facts({ state: 'completed', writer: false }))).toEqual([]);
  });
});

describe('the order a reopened item brings back', () => {
  const at = (d: string) => new Date(`${d}T10:00:00+08:00`);
  it('is the latest completed order holding the item', () => {
    expect(orderToReopen([])).toBeNull();
    expect(orderToReopen([{ id: 'w', state: 'withdrawn', completedAt: null }])).toBeNull();
    expect(
      orderToReopen([
        { id: 'old', state: 'completed', completedAt: at('2026-01-05') },
        { id: 'w', state: 'withdrawn', completedAt: null },
        { id: 'new', state: 'completed', completedAt: at('2026-02-05') },
      ]),
    ).toBe('new');
  });
  it('is none while a draft or issued order holds the item (one live order per item)', () => {
    for (const live of ['draft', 'issued'] as const) {
      expect(
        orderToReopen([
          { id: 'done', state: 'completed', completedAt: at('2026-01-05') },
          { id: 'live', state: live, completedAt: null },
        ]),
      ).toBeNull();
    }
  });
});
