/** SQL of the assignment orders: selection with addressees, visibility scope, items, addressees, completion. */
import {
  type Actor,
  type ItemState,
  type OrderItemT,
  type OrderListQueryT,
  type OrderState,
  type OrderT,
  scopeOf,
} from '@zaitun/contracts';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { DbOrTx } from '../../db/database';
import type { OrderRow } from '../../db/types';
import { formatItemNumber, lightOf } from '../items/items.domain';
import { likeEscape } from '../users/users.repository';
import { deriveAddressees, FINISHED_ITEM_STATES, LIVE_ORDER_STATES, parseOrderNumberQuery } from './orders.domain';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const isoSql = (col: string) => sql.raw(`to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

export type OrderWithParts = OrderRow & {
  issuer_name: string;
  item_count: number;
  units: {
    unitId: string;
    role: 'lead' | 'co';
    confirmedAt: string | null;
    confirmedBy: string | null;
    confirmedByName: string | null;
  }[];
};

export function selectOrders(db: DbOrTx) {
  return db
    .selectFrom('orders')
    .innerJoin('users as issuer', 'issuer.id', 'orders.issuer_user_id')
    .selectAll('orders')
    .select('issuer.display_name as issuer_name')
    .select(sql<number>`(SELECT count(*)::int FROM order_items oi WHERE oi.order_id = orders.id)`.as('item_count'))
    .select(
      sql<OrderWithParts['units']>`(
        SELECT coalesce(json_agg(json_build_object('unitId', ou.unit_id, 'role', ou.role,
                 'confirmedAt', ${isoSql('ou.confirmed_at')}, 'confirmedBy', ou.confirmed_by,
                 'confirmedByName', cu.display_name)
               ORDER BY ou.role DESC, un.sort_order, un.code), '[]'::json)
        FROM order_units ou
        JOIN units un ON un.id = ou.unit_id
        LEFT JOIN users cu ON cu.id = ou.confirmed_by
        WHERE ou.order_id = orders.id)`.as('units'),
    );
}

/** The list's selection plus what the export adds: how many of each order's items are closed. */
export function selectOrdersForExport(db: DbOrTx) {
  return selectOrders(db).select(
    sql<number>`(SELECT count(*)::int FROM order_items oi JOIN items i ON i.id = oi.item_id
      WHERE oi.order_id = orders.id AND i.state = 'closed')`.as('closed_count'),
  );
}

/**
 * What the actor may see: HQ and leaders every order; a unit the orders addressed to it once they have been
 * issued (a draft, and a draft withdrawn before issue, stay in the office).
 */
export function orderVisibleTo(actor: Actor): Expression<SqlBool> {
  const scope = scopeOf(actor, 'order.read');
  if (scope === 'all') return sql<SqlBool>`true`;
  if (scope === null || !actor.unitId) return sql<SqlBool>`false`;
  return sql<SqlBool>`(orders.issued_at IS NOT NULL AND EXISTS (
    SELECT 1 FROM order_units ou WHERE ou.order_id = orders.id AND ou.unit_id = ${actor.unitId}))`;
}

export function orderListFilter(actor: Actor, q: OrderListQueryT): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [orderVisibleTo(actor)];
  if (q.state) parts.push(sql<SqlBool>`orders.state = ${q.state}`);
  if (q.year) parts.push(sql<SqlBool>`orders.year = ${q.year}`);
  if (q.meetingId) parts.push(sql<SqlBool>`orders.meeting_id = ${q.meetingId}`);
  if (q.unitId) {
    parts.push(
      sql<SqlBool>`EXISTS (SELECT 1 FROM order_units ou WHERE ou.order_id = orders.id AND ou.unit_id = ${q.unitId})`,
    );
  }
  if (q.q) {
    const like = `%${likeEscape(q.q.trim())}%`;
    const number = parseOrderNumberQuery(q.q);
    const byNumber = number
      ? number.year
        ? sql<SqlBool>`(orders.year = ${number.year} AND orders.seq = ${number.seq})`
        : sql<SqlBool>`orders.seq = ${number.seq}`
      : sql<SqlBool>`false`;
    parts.push(sql<SqlBool>`(orders.title ILIKE ${like} OR orders.number ILIKE ${like} OR ${byNumber})`);
  }
  return sql<SqlBool>`${sql.join(parts, sql` AND `)}`;
}

/** Newest first: issued orders by number, drafts by creation. */
export const orderListOrder = sql`orders.year DESC, orders.seq DESC NULLS FIRST, orders.created_at DESC, orders.id`;

export const lockOrder = (db: DbOrTx, id: string) =>
  db.selectFrom('orders').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export function presentOrder(r: OrderWithParts): OrderT {
  return {
    id: r.id,
    year: r.year,
    seq: r.seq,
    number: r.number,
    title: r.title,
    requirements: r.requirements,
    feedbackDue: r.feedback_due,
    state: r.state as OrderState,
    issuerUserId: r.issuer_user_id,
    issuerName: r.issuer_name,
    issuerUnitId: r.issuer_unit_id,
    meetingId: r.meeting_id,
    issuedAt: iso(r.issued_at),
    completedAt: iso(r.completed_at),
    withdrawnAt: iso(r.withdrawn_at),
    withdrawReason: r.withdraw_reason,
    itemCount: Number(r.item_count),
    units: r.units,
    version: r.version,
    createdAt: iso(r.created_at) as string,
    updatedAt: iso(r.updated_at) as string,
  };
}

/** The audited form of an order. */
export const auditOrder = (r: OrderRow, extra: Record<string, unknown> = {}) => ({
  number: r.number,
  title: r.title,
  requirements: r.requirements,
  feedbackDue: r.feedback_due,
  state: r.state,
  meetingId: r.meeting_id,
  withdrawReason: r.withdraw_reason,
  ...extra,
});

type ItemPart = {
  id: string;
  year: number;
  seq: number;
  title: string;
  description: string;
  state: string;
  lead_unit_id: string | null;
  deadline: Date | null;
  yellow_at: Date | null;
  co_unit_ids: string[];
};

function selectItemParts(db: DbOrTx) {
  return db
    .selectFrom('items')
    .select([
      'items.id',
      'items.year',
      'items.seq',
      'items.title',
      'items.description',
      'items.state',
      'items.lead_unit_id',
      'items.deadline',
      'items.yellow_at',
    ])
    .select(
      sql<string[]>`coalesce((SELECT array_agg(c.unit_id ORDER BY c.unit_id) FROM item_co_units c
        WHERE c.item_id = items.id), '{}')`.as('co_unit_ids'),
    );
}

export function presentOrderItem(r: ItemPart, position: number, now: Date): OrderItemT {
  const state = r.state as ItemState;
  return {
    id: r.id,
    position,
    number: formatItemNumber(r.year, r.seq),
    title: r.title,
    description: r.description,
    state,
    light: lightOf(
      {
        state,
        deadline: r.deadline ? new Date(r.deadline) : null,
        yellowAt: r.yellow_at ? new Date(r.yellow_at) : null,
      },
      now,
    ),
    leadUnitId: r.lead_unit_id,
    coUnitIds: r.co_unit_ids,
    deadline: iso(r.deadline),
  };
}

/** The order's items in their position order. */
export async function orderItems(db: DbOrTx, orderId: string, now: Date): Promise<OrderItemT[]> {
  const rows = await selectItemParts(db)
    .innerJoin('order_items as oi', 'oi.item_id', 'items.id')
    .select('oi.position')
    .where('oi.order_id', '=', orderId)
    .orderBy('oi.position')
    .execute();
  return rows.map((r) => presentOrderItem(r, r.position, now));
}

/** Not in a draft or issued order other than `exceptOrderId`. */
const notInOtherLiveOrder = (exceptOrderId: string | null) => sql<SqlBool>`NOT EXISTS (
  SELECT 1 FROM order_items oi JOIN orders o ON o.id = oi.order_id
  WHERE oi.item_id = items.id AND o.state IN (${sql.join([...LIVE_ORDER_STATES])})
    AND o.id IS DISTINCT FROM ${exceptOrderId}::uuid)`;

/** Items an order may take, newest first. */
export async function candidateItems(db: DbOrTx, q: { q?: string; page: number; pageSize: number }, now: Date) {
  const where = [
    sql<SqlBool>`items.state IN ('assigned', 'in_progress', 'resolved') AND items.lead_unit_id IS NOT NULL`,
    notInOtherLiveOrder(null),
  ];
  if (q.q) {
    const number = q.q.match(/^(\d{4})-0*(\d{1,7})$/);
    where.push(
      number
        ? sql<SqlBool>`(items.year = ${Number(number[1])} AND items.seq = ${Number(number[2])})`
        : sql<SqlBool>`items.title ILIKE ${`%${likeEscape(q.q)}%`}`,
    );
  }
  const filter = sql<SqlBool>`${sql.join(where, sql` AND `)}`;
  const [rows, count] = await Promise.all([
    selectItemParts(db)
      .where(filter)
      .orderBy('items.year', 'desc')
      .orderBy('items.seq', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute(),
    db
      .selectFrom('items')
      .where(filter)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map((r, i) => presentOrderItem(r, i + 1, now)), total: Number(count.n) };
}

/**
 * Locks the items (in id order, the same order the item workflow takes its locks in) and reads what the order
 * rules need about each: state, lead unit, co-units, and whether another live order already holds it.
 */
export async function lockItemsForOrder(db: DbOrTx, itemIds: readonly string[], orderId: string | null) {
  if (!itemIds.length) return [];
  await db
    .selectFrom('items')
    .select('id')
    .where('id', 'in', [...itemIds])
    .orderBy('id')
    .forUpdate()
    .execute();
  return selectItemParts(db)
    .select(sql<boolean>`NOT ${notInOtherLiveOrder(orderId)}`.as('in_other_order'))
    .where('items.id', 'in', [...itemIds])
    .execute();
}

/** Replaces the order's items (positions follow `itemIds`) and its addressees (derived from the items). */
export async function replaceOrderItems(
  tx: DbOrTx,
  orderId: string,
  items: readonly { id: string; lead_unit_id: string | null; co_unit_ids: string[] }[],
) {
  await tx.deleteFrom('order_items').where('order_id', '=', orderId).execute();
  if (items.length) {
    await tx
      .insertInto('order_items')
      .values(items.map((it, i) => ({ order_id: orderId, item_id: it.id, position: i + 1 })))
      .execute();
  }
  await writeAddressees(
    tx,
    orderId,
    items.map((it) => ({ leadUnitId: it.lead_unit_id, coUnitIds: it.co_unit_ids })),
  );
}

/** Rewrites the addressees from the items (drafts only: nobody has confirmed yet). */
export async function writeAddressees(
  tx: DbOrTx,
  orderId: string,
  items: readonly { leadUnitId: string | null; coUnitIds: readonly string[] }[],
) {
  await tx.deleteFrom('order_units').where('order_id', '=', orderId).execute();
  const addressees = deriveAddressees(items);
  if (addressees.length) {
    await tx
      .insertInto('order_units')
      .values(addressees.map((a) => ({ order_id: orderId, unit_id: a.unitId, role: a.role })))
      .execute();
  }
}

/** The order's items as they are now (to re-derive addressees and re-check them at issue). */
export async function currentItemsOf(db: DbOrTx, orderId: string) {
  return selectItemParts(db)
    .innerJoin('order_items as oi', 'oi.item_id', 'items.id')
    .select(sql<boolean>`NOT ${notInOtherLiveOrder(orderId)}`.as('in_other_order'))
    .where('oi.order_id', '=', orderId)
    .orderBy('oi.position')
    .execute();
}

/** Every order holding this item, locked in id order (the item workflow calls it after changing the item). */
export function lockOrdersHolding(tx: DbOrTx, itemId: string) {
  return tx
    .selectFrom('orders')
    .selectAll()
    .where('orders.id', 'in', (eb) => eb.selectFrom('order_items').select('order_id').where('item_id', '=', itemId))
    .orderBy('orders.id')
    .forUpdate()
    .execute();
}

/**
 * Issued orders holding this item whose items are now all closed or cancelled, locked. The lock is taken after the
 * caller changed the item, so of two items of one order finished at once, the second to get the lock sees the
 * first one's change and completes the order.
 */
export async function lockCompletableOrders(tx: DbOrTx, itemId: string) {
  const held = await tx
    .selectFrom('orders')
    .select('orders.id')
    .where('orders.state', '=', 'issued')
    .where('orders.id', 'in', (eb) => eb.selectFrom('order_items').select('order_id').where('item_id', '=', itemId))
    .orderBy('orders.id')
    .forUpdate()
    .execute();
  if (!held.length) return [];
  return tx
    .selectFrom('orders')
    .selectAll()
    .where(
      'orders.id',
      'in',
      held.map((h) => h.id),
    )
    .where(
      sql<SqlBool>`NOT EXISTS (SELECT 1 FROM order_items oi JOIN items i ON i.id = oi.item_id
        WHERE oi.order_id = orders.id AND i.state NOT IN (${sql.join([...FINISHED_ITEM_STATES])}))`,
    )
    .execute();
}
