/** SQL of the in-app notifications: always narrowed to one user (nobody reads or marks another's). */
import { NOTIFICATION_EVENTS, type NotificationEvent } from '@zaitun/contracts';
import { sql } from 'kysely';
import type { DbOrTx } from '../../db/database';

export interface NotificationRowOut {
  id: string;
  event_type: string;
  entity_type: string;
  entity_id: string | null;
  params: unknown;
  created_at: Date;
  read_at: Date | null;
}

export async function pageOfNotifications(
  db: DbOrTx,
  userId: string,
  opts: { unreadOnly: boolean; limit: number; offset: number },
): Promise<{ rows: NotificationRowOut[]; total: number; unread: number }> {
  let q = db.selectFrom('notifications').where('user_id', '=', userId);
  if (opts.unreadOnly) q = q.where('read_at', 'is', null);
  const [rows, counts] = await Promise.all([
    q
      .select(['id', 'event_type', 'entity_type', 'entity_id', 'params', 'created_at', 'read_at'])
      .orderBy('id', 'desc')
      .limit(opts.limit)
      .offset(opts.offset)
      .execute(),
    db
      .selectFrom('notifications')
      .where('user_id', '=', userId)
      .select([
        sql<number>`count(*)::int`.as('total'),
        sql<number>`count(*) FILTER (WHERE read_at IS NULL)::int`.as('unread'),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: opts.unreadOnly ? counts.unread : counts.total, unread: counts.unread };
}

/** Uses the partial index on unread rows. */
export async function unreadCount(db: DbOrTx, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Marks the given notifications (or all) of this user read; ids of other users' notifications match nothing. */
export async function markRead(db: DbOrTx, userId: string, ids: readonly string[] | null, at: Date): Promise<number> {
  let q = db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (ids) q = q.where('id', 'in', [...ids]);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export async function loadPrefs(db: DbOrTx, userId: string): Promise<Map<string, boolean>> {
  const rows = await db
    .selectFrom('notification_prefs')
    .select(['event_type', 'in_app'])
    .where('user_id', '=', userId)
    .execute();
  return new Map(rows.map((r) => [r.event_type, r.in_app]));
}

export async function upsertPrefs(
  db: DbOrTx,
  userId: string,
  items: readonly { eventType: NotificationEvent; inApp: boolean }[],
): Promise<void> {
  const known = new Set<string>(NOTIFICATION_EVENTS);
  const values = items
    .filter((i) => known.has(i.eventType))
    .map((i) => ({ user_id: userId, event_type: i.eventType, in_app: i.inApp }));
  if (!values.length) return;
  await db
    .insertInto('notification_prefs')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['user_id', 'event_type']).doUpdateSet({ in_app: (eb) => eb.ref('excluded.in_app') }),
    )
    .execute();
}
