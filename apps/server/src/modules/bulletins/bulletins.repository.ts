/**
 * SQL of the bulletin: its rows, the archive, read receipts, and the figures the metrics module does not already
 * count — items opened in the period, the overdue list at the period's end and the red cards of the period — each one
 * set-based statement. The per-unit figures come from the metrics module (metrics.service.ts `unitMetrics`).
 */
import type { BulletinItemRowT, BulletinListQueryT, BulletinT } from '@zaitun/contracts';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { DbOrTx } from '../../db/database';
import type { BulletinRow } from '../../db/types';
import { formatItemNumber } from '../items/items.domain';
import type { Period } from '../metrics/metrics.domain';
import { parseOrderNumberQuery } from '../orders/orders.domain';
import { likeEscape } from '../users/users.repository';
import { daysPast } from './bulletins.domain';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function presentBulletin(r: BulletinRow): BulletinT {
  return {
    id: r.id,
    number: r.number,
    year: r.year,
    seq: r.seq,
    periodKind: r.period_kind as BulletinT['periodKind'],
    from: r.period_from,
    to: r.period_to,
    title: r.title,
    state: r.state as BulletinT['state'],
    version: r.version,
    computedAt: new Date(r.computed_at).toISOString(),
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
    updatedBy: r.updated_by,
    updatedAt: new Date(r.updated_at).toISOString(),
    publishedBy: r.published_by,
    publishedAt: iso(r.published_at),
    withdrawnAt: iso(r.withdrawn_at),
    withdrawReason: r.withdraw_reason,
  };
}

/** The bulletin fields an audit entry keeps (no sections: they are figures, recomputable from the items). */
export const auditBulletin = (r: BulletinRow) => ({
  number: r.number,
  title: r.title,
  state: r.state,
  periodKind: r.period_kind,
  from: r.period_from,
  to: r.period_to,
  text: r.text as Record<string, unknown>,
  computedAt: new Date(r.computed_at).toISOString(),
});

export const findBulletin = (db: DbOrTx, id: string) =>
  db.selectFrom('bulletins').selectAll().where('id', '=', id).executeTakeFirst();

export const lockBulletin = (db: DbOrTx, id: string) =>
  db.selectFrom('bulletins').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

/** The archive's filter; `publishedOnly` for readers who see published bulletins alone (the units). */
export function bulletinListFilter(q: BulletinListQueryT, publishedOnly: boolean): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [sql<SqlBool>`true`];
  if (publishedOnly) parts.push(sql<SqlBool>`bulletins.state = 'published'`);
  if (q.state) parts.push(sql<SqlBool>`bulletins.state = ${q.state}`);
  // A draft has no year of publication yet: it files under the year its period ends in.
  if (q.year)
    parts.push(sql<SqlBool>`coalesce(bulletins.year, extract(year FROM bulletins.period_to)::int) = ${q.year}`);
  const text = q.q?.trim();
  if (text) {
    const like = `%${likeEscape(text)}%`;
    const number = parseOrderNumberQuery(text);
    const byNumber = number
      ? number.year
        ? sql<SqlBool>`(bulletins.year = ${number.year} AND bulletins.seq = ${number.seq})`
        : sql<SqlBool>`bulletins.seq = ${number.seq}`
      : sql<SqlBool>`false`;
    parts.push(sql<SqlBool>`(bulletins.title ILIKE ${like} OR bulletins.number ILIKE ${like} OR ${byNumber})`);
  }
  return sql<SqlBool>`(${sql.join(parts, sql` AND `)})`;
}

/** Newest first: published bulletins by number, drafts (no number yet) first by creation. */
export const bulletinListOrder = sql`bulletins.year DESC NULLS FIRST, bulletins.seq DESC NULLS FIRST, bulletins.created_at DESC, bulletins.id`;

/** Items raised in the period: registered (not a draft) with their creation inside it. */
export async function openedCount(db: DbOrTx, p: Period): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM items
    WHERE created_at >= ${p.start} AND created_at < ${p.end} AND state <> 'draft'`.execute(db);
  return rows[0]?.n ?? 0;
}

interface ItemListRow {
  id: string;
  year: number;
  seq: number;
  title: string;
  lead_unit_id: string | null;
  name_zh: string | null;
  name_en: string | null;
  deadline: Date | null;
  at: Date | null;
}

const itemRow = (r: ItemListRow, daysOverdue: number | null): BulletinItemRowT => ({
  itemId: r.id,
  number: formatItemNumber(r.year, r.seq),
  title: r.title,
  leadUnitId: r.lead_unit_id,
  leadUnitNameZh: r.name_zh ?? '',
  leadUnitNameEn: r.name_en ?? '',
  deadline: iso(r.deadline),
  daysOverdue,
  at: iso(r.at),
});

/**
 * Items that were open and past their deadline at `at` (the period's end, or now if earlier): dispatched before it,
 * due before it, and neither resolved nor cancelled by then. The deadline is the item's current one (an extension
 * approved later moves it); longest overdue first.
 */
export async function overdueAt(db: DbOrTx, at: Date, limit: number): Promise<BulletinItemRowT[]> {
  const { rows } = await sql<ItemListRow>`
    SELECT i.id, i.year, i.seq, i.title, i.lead_unit_id, u.name_zh, u.name_en, i.deadline, NULL::timestamptz AS at
    FROM items i LEFT JOIN units u ON u.id = i.lead_unit_id
    WHERE i.deadline < ${at} AND i.dispatched_at < ${at}
      AND i.state NOT IN ('draft', 'pending_dispatch')
      AND (i.resolved_at IS NULL OR i.resolved_at >= ${at})
      AND (i.cancelled_at IS NULL OR i.cancelled_at >= ${at})
    ORDER BY i.deadline, i.year, i.seq
    LIMIT ${limit}`.execute(db);
  return rows.map((r) => itemRow(r, daysPast(new Date(r.deadline as Date), at)));
}

/** Red cards (红牌督办) raised in the period, with their items; in the order raised. */
export async function redCardsIn(db: DbOrTx, p: Period, limit: number): Promise<BulletinItemRowT[]> {
  const { rows } = await sql<ItemListRow>`
    SELECT i.id, i.year, i.seq, i.title, i.lead_unit_id, u.name_zh, u.name_en, i.deadline, e.at
    FROM item_escalations e JOIN items i ON i.id = e.item_id LEFT JOIN units u ON u.id = i.lead_unit_id
    WHERE e.level = 'red' AND e.at >= ${p.start} AND e.at < ${p.end}
    ORDER BY e.at, i.year, i.seq
    LIMIT ${limit}`.execute(db);
  return rows.map((r) => itemRow(r, null));
}

/**
 * The units a published bulletin is sent to (and whose reads are expected): active units of a ranked type, in the
 * unit tree's display order.
 */
export async function addresseeUnits(db: DbOrTx): Promise<{ id: string; name_zh: string; name_en: string }[]> {
  const { rows } = await sql<{ id: string; name_zh: string; name_en: string }>`
    SELECT id, name_zh, name_en FROM units
    WHERE active AND type IN ('working_group', 'county', 'liaison_group', 'task_force', 'member_department')
    ORDER BY depth, sort_order, code`.execute(db);
  return rows;
}

/** Records a user's first read; a second read changes nothing. */
export async function recordRead(db: DbOrTx, bulletinId: string, userId: string, unitId: string | null, at: Date) {
  await sql`
    INSERT INTO bulletin_reads (bulletin_id, user_id, unit_id, first_read_at)
    VALUES (${bulletinId}, ${userId}, ${unitId}, ${at})
    ON CONFLICT (bulletin_id, user_id) DO NOTHING`.execute(db);
}

export async function readsOf(db: DbOrTx, bulletinId: string) {
  return db
    .selectFrom('bulletin_reads as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .leftJoin('units as n', 'n.id', 'r.unit_id')
    .select(['r.user_id', 'u.display_name', 'r.unit_id', 'n.name_zh', 'n.name_en', 'r.first_read_at'])
    .where('r.bulletin_id', '=', bulletinId)
    .orderBy('r.first_read_at')
    .orderBy('r.user_id')
    .execute();
}
