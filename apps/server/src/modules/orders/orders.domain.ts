/**
 * Pure rules of the assignment order (交办单): its number, its addressees, which items it may take, and which
 * actions its state allows. No I/O.
 */
import type { ItemState, OrderAction, OrderState, OrderUnitRole } from '@zaitun/contracts';

/** `泉内外贸交〔2026〕12号`: the prefix, the year in hexagonal brackets (GB/T 9704), the sequence, 号. */
export function formatOrderNumber(prefix: string, year: number, seq: number): string {
  return `${prefix}\u3014${year}\u3015${seq}号`;
}

/** Reads a sequence out of what a user types to find an order: `12`, `12号`, `〔2026〕12号`, `[2026]12`. */
export function parseOrderNumberQuery(q: string): { year: number | null; seq: number } | null {
  const m = q.trim().match(/^(?:.*?[〔[(（](\d{4})[〕\])）])?\s*(\d{1,6})\s*号?$/);
  if (!m) return null;
  return { year: m[1] ? Number(m[1]) : null, seq: Number(m[2]) };
}

/** Item states an order may bundle: dispatched and still open. */
export const ORDERABLE_ITEM_STATES: readonly ItemState[] = ['assigned', 'in_progress', 'resolved'];
/** Order states that hold their items (an item is in at most one of these). */
export const LIVE_ORDER_STATES: readonly OrderState[] = ['draft', 'issued'];
/** An order is complete when every item is in one of these. */
export const FINISHED_ITEM_STATES: readonly ItemState[] = ['closed', 'cancelled'];

export interface AddresseeSource {
  leadUnitId: string | null;
  coUnitIds: readonly string[];
}

/**
 * The addressees of an order from its items: every lead unit (role lead) and every co-unit (role co); a unit
 * that leads one item and helps with another is addressed as lead. Order: leads first, then co-units, each in
 * the order the items list them.
 */
export function deriveAddressees(items: readonly AddresseeSource[]): { unitId: string; role: OrderUnitRole }[] {
  const roles = new Map<string, OrderUnitRole>();
  for (const item of items) if (item.leadUnitId) roles.set(item.leadUnitId, 'lead');
  for (const item of items) for (const co of item.coUnitIds) if (!roles.has(co)) roles.set(co, 'co');
  const all = [...roles.entries()].map(([unitId, role]) => ({ unitId, role }));
  return [...all.filter((a) => a.role === 'lead'), ...all.filter((a) => a.role === 'co')];
}

/** Why an item cannot go into an order, or null when it can. */
export function itemIneligibility(
  item: { state: ItemState; leadUnitId: string | null },
  otherLiveOrder: boolean,
): 'not_dispatched' | 'finished' | 'in_other_order' | null {
  if (FINISHED_ITEM_STATES.includes(item.state)) return 'finished';
  if (!ORDERABLE_ITEM_STATES.includes(item.state) || !item.leadUnitId) return 'not_dispatched';
  if (otherLiveOrder) return 'in_other_order';
  return null;
}

/**
 * The order to issue again when one of its items is reopened: the most recently completed order holding the item —
 * none when a draft or issued order already holds it (an item sits in at most one live order).
 */
export function orderToReopen(
  orders: readonly { id: string; state: OrderState; completedAt: Date | null }[],
): string | null {
  if (orders.some((o) => LIVE_ORDER_STATES.includes(o.state))) return null;
  let latest: (typeof orders)[number] | null = null;
  for (const o of orders) {
    if (o.state !== 'completed') continue;
    if (!latest || (o.completedAt?.getTime() ?? 0) > (latest.completedAt?.getTime() ?? 0)) latest = o;
  }
  return latest?.id ?? null;
}

export interface OrderFacts {
  state: OrderState;
  itemCount: number;
  hasFeedbackDue: boolean;
  /** The caller holds order.write. */
  writer: boolean;
  /** The caller's unit is an addressee that has not confirmed yet. */
  unconfirmedAddressee: boolean;
}

export type OrderDecision =
  | { ok: true; to: OrderState }
  | {
      ok: false;
      code: 'ORDER_INVALID_TRANSITION' | 'FORBIDDEN' | 'FIELD_REQUIRED' | 'REASON_REQUIRED';
      details?: unknown;
    };

/** The order's state machine: who may do what in which state, and what it needs. */
export function decideOrder(facts: OrderFacts, action: OrderAction, input: { reason?: string }): OrderDecision {
  const invalid = (failed?: string): OrderDecision => ({
    ok: false,
    code: 'ORDER_INVALID_TRANSITION',
    details: { state: facts.state, action, ...(failed ? { failed } : {}) },
  });
  switch (action) {
    case 'issue':
      if (!facts.writer) return { ok: false, code: 'FORBIDDEN' };
      if (facts.state !== 'draft') return invalid();
      if (facts.itemCount === 0) return invalid('no_items');
      if (!facts.hasFeedbackDue) return { ok: false, code: 'FIELD_REQUIRED', details: { field: 'feedbackDue' } };
      return { ok: true, to: 'issued' };
    case 'withdraw':
      if (!facts.writer) return { ok: false, code: 'FORBIDDEN' };
      if (facts.state !== 'draft' && facts.state !== 'issued') return invalid();
      if (!input.reason?.trim()) return { ok: false, code: 'REASON_REQUIRED' };
      return { ok: true, to: 'withdrawn' };
    case 'confirm':
      if (facts.state !== 'issued' && facts.state !== 'completed') return invalid();
      if (!facts.unconfirmedAddressee) return invalid('not_an_unconfirmed_addressee');
      return { ok: true, to: facts.state };
  }
}

/** The actions the caller may take now (for the UI; the server decides again on each request). */
export function availableOrderActions(facts: OrderFacts): OrderAction[] {
  // Missing fields of a draft do not hide "issue": the answer to trying says what is missing.
  const lenient = { ...facts, itemCount: Math.max(facts.itemCount, 1), hasFeedbackDue: true };
  return (['issue', 'withdraw', 'confirm'] as const).filter((a) => decideOrder(lenient, a, { reason: 'x' }).ok);
}
