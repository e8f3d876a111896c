/**
 * Assignment orders (交办单): drafting from items, issuing with a gapless number per year, receipts by the
 * addressed units, withdrawal, and completion when every item is closed or cancelled.
 */
import {
  can,
  type OrderDetailT,
  type OrderListQueryT,
  type OrderState,
  type RouteBody,
  type RouteQuery,
} from '@zaitun/contracts';
import type { Db, DbOrTx, Tx } from '../../db/database';
import type { OrderRow } from '../../db/types';
import type { AuthedContext } from '../../http/context';
import { type AuditContext, appendAudit } from '../../lib/audit';
import { DomainError, forbidden, notFound, versionConflict } from '../../lib/errors';
import { shanghaiDate } from '../calendar/calendar.domain';
import { formatItemNumber } from '../items/items.domain';
import { nextNumber } from '../items/items.repository';
import { notify } from '../notifications/notify';
import { loadDispatchSettings } from '../settings/settings.repository';
import {
  availableOrderActions,
  decideOrder,
  formatOrderNumber,
  itemIneligibility,
  type OrderFacts,
  orderToReopen,
} from './orders.domain';
import {
  auditOrder,
  candidateItems,
  currentItemsOf,
  lockCompletableOrders,
  lockItemsForOrder,
  lockOrder,
  lockOrdersHolding,
  type OrderWithParts,
  orderItems,
  orderListFilter,
  orderListOrder,
  orderVisibleTo,
  presentOrder,
  replaceOrderItems,
  selectOrders,
  writeAddressees,
} from './orders.repository';

const shanghaiYear = (d: Date) => Number(shanghaiDate(d).slice(0, 4));

async function findVisible(db: DbOrTx, ctx: AuthedContext, id: string): Promise<OrderWithParts> {
  const row = await selectOrders(db).where('orders.id', '=', id).where(orderVisibleTo(ctx.actor)).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

function factsOf(ctx: AuthedContext, row: OrderWithParts): OrderFacts {
  const own = row.units.find((u) => u.unitId === ctx.actor.unitId);
  return {
    state: row.state as OrderState,
    itemCount: Number(row.item_count),
    hasFeedbackDue: !!row.feedback_due,
    writer: can(ctx.actor, 'order.write'),
    unconfirmedAddressee: !!own && own.confirmedAt === null,
  };
}

export async function getOrder(db: DbOrTx, ctx: AuthedContext, id: string, now: Date): Promise<OrderDetailT> {
  const row = await findVisible(db, ctx, id);
  const facts = factsOf(ctx, row);
  return {
    order: presentOrder(row),
    items: await orderItems(db, id, now),
    actions: availableOrderActions(facts),
    editable: facts.writer && facts.state === 'draft',
  };
}

export async function listOrders(db: Db, ctx: AuthedContext, query: OrderListQueryT) {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const where = orderListFilter(ctx.actor, query);
  const [rows, count] = await Promise.all([
    selectOrders(db)
      .where(where)
      .orderBy(orderListOrder)
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    db
      .selectFrom('orders')
      .where(where)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(presentOrder), total: Number(count.n), page, pageSize };
}

export async function orderCandidates(db: Db, query: RouteQuery<'orderCandidates'>, now: Date) {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const res = await candidateItems(db, { q: query.q?.trim() || undefined, page, pageSize }, now);
  return { ...res, page, pageSize };
}

/** Locks and checks the items an order is to hold; refuses the lot when one of them may not go in. */
async function eligibleItems(tx: Tx, itemIds: readonly string[], orderId: string | null) {
  const rows = await lockItemsForOrder(tx, itemIds, orderId);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const refused: { itemId: string; reason: string }[] = [];
  for (const id of itemIds) {
    const r = byId.get(id);
    const reason = r
      ? itemIneligibility({ state: r.state as never, leadUnitId: r.lead_unit_id }, r.in_other_order)
      : 'not_found';
    if (reason) refused.push({ itemId: id, reason });
  }
  if (refused.length) throw new DomainError('ORDER_ITEMS_INVALID', { items: refused });
  return itemIds.map((id) => byId.get(id) as NonNullable<ReturnType<typeof byId.get>>);
}

/** Creates a draft order inside the caller's transaction (a meeting decision uses this too). */
export async function insertDraftOrder(
  tx: Tx,
  ctx: AuthedContext,
  input: {
    title: string;
    requirements?: string;
    feedbackDue?: string | null;
    itemIds?: readonly string[];
    meetingId?: string | null;
  },
  now: Date,
): Promise<OrderRow> {
  const items = await eligibleItems(tx, input.itemIds ?? [], null);
  const row = await tx
    .insertInto('orders')
    .values({
      year: shanghaiYear(now),
      title: input.title.trim(),
      requirements: input.requirements ?? '',
      feedback_due: input.feedbackDue ?? null,
      state: 'draft',
      issuer_user_id: ctx.actor.userId,
      issuer_unit_id: ctx.actor.unitId,
      meeting_id: input.meetingId ?? null,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await replaceOrderItems(tx, row.id, items);
  await appendAudit(tx, ctx.audit, {
    action: 'order.create',
    entityType: 'order',
    entityId: row.id,
    unitId: row.issuer_unit_id,
    after: auditOrder(row, { itemIds: items.map((i) => i.id) }),
  });
  return row;
}

export async function createOrder(db: Db, ctx: AuthedContext, body: RouteBody<'createOrder'>, now: Date) {
  const row = await db.transaction().execute((tx) => insertDraftOrder(tx, ctx, body, now));
  return getOrder(db, ctx, row.id, now);
}

/**
 * Adds one item to a draft order inside the caller's transaction (a meeting's "order" decision). Already in it:
 * nothing to do.
 */
export async function addItemToDraft(tx: Tx, ctx: AuthedContext, orderId: string, itemId: string, now: Date) {
  const [item] = await eligibleItems(tx, [itemId], orderId);
  const order = await lockOrder(tx, orderId);
  if (order?.state !== 'draft') throw new DomainError('ORDER_INVALID_TRANSITION', { orderId });
  const current = await currentItemsOf(tx, orderId);
  if (current.some((c) => c.id === itemId)) return order;
  const next = [...current, item as NonNullable<typeof item>];
  await replaceOrderItems(tx, orderId, next);
  const updated = await tx
    .updateTable('orders')
    .set({ version: order.version + 1, updated_at: now })
    .where('id', '=', orderId)
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendAudit(tx, ctx.audit, {
    action: 'order.update',
    entityType: 'order',
    entityId: orderId,
    unitId: order.issuer_unit_id,
    before: { itemIds: current.map((c) => c.id) },
    after: { itemIds: next.map((c) => c.id) },
  });
  return updated;
}

export async function updateOrder(db: Db, ctx: AuthedContext, id: string, body: RouteBody<'updateOrder'>, now: Date) {
  await findVisible(db, ctx, id);
  await db.transaction().execute(async (tx) => {
    // Items first, then the order: the same lock order as the item workflow (item, then its orders).
    const items = body.itemIds ? await eligibleItems(tx, body.itemIds, id) : null;
    const row = await lockOrder(tx, id);
    if (!row) throw notFound();
    if (row.version !== body.version) throw versionConflict(row.version);
    if (row.state !== 'draft') throw new DomainError('ORDER_INVALID_TRANSITION', { state: row.state, action: 'edit' });
    const before = await currentItemsOf(tx, id);
    if (items) await replaceOrderItems(tx, id, items);
    const updated = await tx
      .updateTable('orders')
      .set({
        ...(body.title !== undefined ? { title: body.title.trim() } : {}),
        ...(body.requirements !== undefined ? { requirements: body.requirements } : {}),
        ...(body.feedbackDue !== undefined ? { feedback_due: body.feedbackDue } : {}),
        version: row.version + 1,
        updated_at: now,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(tx, ctx.audit, {
      action: 'order.update',
      entityType: 'order',
      entityId: id,
      unitId: row.issuer_unit_id,
      before: auditOrder(row, { itemIds: before.map((i) => i.id) }),
      after: auditOrder(updated, { itemIds: (items ?? before).map((i) => i.id) }),
    });
  });
  return getOrder(db, ctx, id, now);
}

export async function orderAction(
  db: Db,
  ctx: AuthedContext,
  id: string,
  body: RouteBody<'orderAction'>,
  now: Date,
): Promise<OrderDetailT> {
  const { settings } = await loadDispatchSettings(db);
  await db.transaction().execute(async (tx) => {
    const row = await lockOrder(tx, id);
    if (!row) throw notFound();
    const visible = await findVisible(tx, ctx, id);
    if (row.version !== body.version) throw versionConflict(row.version);
    const decision = decideOrder(factsOf(ctx, visible), body.action, body);
    if (!decision.ok) {
      if (decision.code === 'FORBIDDEN') throw forbidden();
      throw new DomainError(decision.code, decision.details);
    }
    const audit = (action: string, after: OrderRow, extra: Record<string, unknown> = {}) =>
      appendAudit(tx, ctx.audit, {
        action: `order.${action}`,
        entityType: 'order',
        entityId: id,
        unitId: row.issuer_unit_id,
        before: auditOrder(row),
        after: auditOrder(after, extra),
      });
    switch (body.action) {
      case 'issue': {
        // The items as they are now: each still open and dispatched; the addressees follow their current units.
        const items = await currentItemsOf(tx, id);
        const refused = items
          .map((r) => ({
            itemId: r.id,
            reason: itemIneligibility({ state: r.state as never, leadUnitId: r.lead_unit_id }, r.in_other_order),
          }))
          .filter((r) => r.reason !== null);
        if (refused.length) throw new DomainError('ORDER_ITEMS_INVALID', { items: refused });
        await writeAddressees(
          tx,
          id,
          items.map((r) => ({ leadUnitId: r.lead_unit_id, coUnitIds: r.co_unit_ids })),
        );
        // Numbered now, in the year of issue: the counter row stays locked until commit (no gaps, no twins).
        const year = shanghaiYear(now);
        const seq = await nextNumber(tx, 'order', year);
        const number = formatOrderNumber(settings.orderPrefix, year, seq);
        const updated = await tx
          .updateTable('orders')
          .set({ state: 'issued', year, seq, number, issued_at: now, version: row.version + 1, updated_at: now })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit('issue', updated);
        const units = await tx.selectFrom('order_units').select('unit_id').where('order_id', '=', id).execute();
        await notify(tx, {
          event: 'order_issued',
          entityType: 'order',
          entityId: id,
          params: { number, title: updated.title, feedbackDue: updated.feedback_due },
          dedupeKey: `order:${id}:issued`,
          at: now,
          units: units.map((u) => u.unit_id),
          exceptUserId: ctx.actor.userId,
        });
        return;
      }
      case 'withdraw': {
        const updated = await tx
          .updateTable('orders')
          .set({
            state: 'withdrawn',
            withdrawn_at: now,
            withdraw_reason: body.reason?.trim() ?? '',
            version: row.version + 1,
            updated_at: now,
          })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit('withdraw', updated);
        return;
      }
      case 'confirm': {
        const unitId = ctx.actor.unitId as string;
        const res = await tx
          .updateTable('order_units')
          .set({ confirmed_at: now, confirmed_by: ctx.actor.userId })
          .where('order_id', '=', id)
          .where('unit_id', '=', unitId)
          .where('confirmed_at', 'is', null)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw new DomainError('ORDER_INVALID_TRANSITION', { action: 'confirm' });
        const updated = await tx
          .updateTable('orders')
          .set({ version: row.version + 1, updated_at: now })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit('confirm', updated, { confirmedUnitId: unitId });
        return;
      }
    }
  });
  return getOrder(db, ctx, id, now);
}

/**
 * Called by the item workflow inside its transaction when an item is closed or cancelled: every issued order whose
 * items are now all closed or cancelled becomes complete, audited with the same actor.
 */
export async function completeOrdersOf(tx: DbOrTx, audit: AuditContext, itemId: string, now: Date): Promise<void> {
  const done = await lockCompletableOrders(tx, itemId);
  for (const row of done) {
    const updated = await tx
      .updateTable('orders')
      .set({ state: 'completed', completed_at: now, version: row.version + 1, updated_at: now })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(tx, audit, {
      action: 'order.complete',
      entityType: 'order',
      entityId: row.id,
      unitId: row.issuer_unit_id,
      before: auditOrder(row),
      after: auditOrder(updated, { completedBy: itemId }),
    });
  }
}

/**
 * Called by the item workflow inside its transaction when a closed item is reopened: the completed order holding it
 * is issued again (its number, addressees and receipts kept) and completes itself again once all its items are
 * closed or cancelled; audited `order.reopen` with the same actor. Every unit the order is addressed to is told
 * (`order_reopened`), not only the reopened item's lead unit: they all answer to the order.
 */
export async function reopenOrderOf(tx: DbOrTx, audit: AuditContext, itemId: string, now: Date): Promise<void> {
  const held = await lockOrdersHolding(tx, itemId);
  const id = orderToReopen(
    held.map((o) => ({
      id: o.id,
      state: o.state as OrderState,
      completedAt: o.completed_at ? new Date(o.completed_at) : null,
    })),
  );
  const row = held.find((o) => o.id === id);
  if (!row) return;
  const updated = await tx
    .updateTable('orders')
    .set({ state: 'issued', completed_at: null, version: row.version + 1, updated_at: now })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await appendAudit(tx, audit, {
    action: 'order.reopen',
    entityType: 'order',
    entityId: row.id,
    unitId: row.issuer_unit_id,
    before: auditOrder(row),
    after: auditOrder(updated, { reopenedBy: itemId }),
  });
  const item = await tx.selectFrom('items').select(['year', 'seq']).where('id', '=', itemId).executeTakeFirstOrThrow();
  const units = await tx.selectFrom('order_units').select('unit_id').where('order_id', '=', row.id).execute();
  await notify(tx, {
    event: 'order_reopened',
    entityType: 'order',
    entityId: row.id,
    params: { number: updated.number, title: updated.title, item: formatItemNumber(item.year, item.seq) },
    // One per reopening: the version this reopening gave the order.
    dedupeKey: `order:${row.id}:reopened:${updated.version}`,
    at: now,
    units: units.map((u) => u.unit_id),
    exceptUserId: audit.actor.id,
  });
}
