/**
 * Producing notifications: one set-based INSERT … SELECT per event, inside the caller's transaction, idempotent by
 * (user, dedupe key) — so a sweep run twice, or by two processes, never tells anyone twice. The same event is queued
 * for the units' group robots (DingTalk / WeCom), delivered later by the job runner.
 */
import type { NotificationEvent, Role } from '@zaitun/contracts';
import { sql } from 'kysely';
import type { DbOrTx } from '../../db/database';

export interface NotifyInput {
  event: NotificationEvent;
  entityType: string;
  entityId: string;
  params: Record<string, unknown>;
  /** Unique per occurrence, e.g. `item:<id>:event:<eventId>` or `item:<id>:red:<deadline>`. */
  dedupeKey: string;
  at: Date;
  /** Every active user of these units … */
  units?: readonly string[];
  /** … these users … */
  users?: readonly string[];
  /** … and every active user holding one of these roles. */
  roles?: readonly Role[];
  /** Never the user who caused it. */
  exceptUserId?: string | null;
}

export async function notify(db: DbOrTx, n: NotifyInput): Promise<void> {
  const units = [...(n.units ?? [])].filter(Boolean);
  const users = [...(n.users ?? [])].filter(Boolean);
  const roles = [...(n.roles ?? [])];
  if (!units.length && !users.length && !roles.length) return;
  const params = JSON.stringify(n.params);
  await sql`
    INSERT INTO notifications (user_id, event_type, entity_type, entity_id, params, dedupe_key, created_at)
    SELECT u.id, ${n.event}, ${n.entityType}, ${n.entityId}, ${params}::jsonb, ${n.dedupeKey}, ${n.at}
    FROM users u
    WHERE u.status IN ('active', 'pending')
      AND (u.unit_id = ANY(${units}::uuid[]) OR u.id = ANY(${users}::uuid[]) OR u.roles && ${roles}::text[])
      AND u.id IS DISTINCT FROM ${n.exceptUserId ?? null}::uuid
      AND NOT EXISTS (
        SELECT 1 FROM notification_prefs p WHERE p.user_id = u.id AND p.event_type = ${n.event} AND NOT p.in_app
      )
    ON CONFLICT (user_id, dedupe_key) DO NOTHING
  `.execute(db);
  if (units.length) {
    await sql`
      INSERT INTO webhook_deliveries (webhook_id, dedupe_key, event_type, payload, next_attempt_at, created_at)
      SELECT w.id, ${n.dedupeKey}, ${n.event},
             jsonb_build_object('event', ${n.event}::text, 'params', ${params}::jsonb, 'entityType', ${n.entityType}::text,
                                'entityId', ${n.entityId}::text),
             ${n.at}, ${n.at}
      FROM unit_webhooks w
      WHERE w.active AND w.unit_id = ANY(${units}::uuid[])
        AND (cardinality(w.event_types) = 0 OR ${n.event} = ANY(w.event_types))
      ON CONFLICT (webhook_id, dedupe_key) DO NOTHING
    `.execute(db);
  }
}

/**
 * The set-based form for sweeps: INSERT … SELECT fragments to use as CTEs of one statement, fed by another CTE
 * `source` with the columns (item_id uuid, unit_id uuid, dedupe_key text, params jsonb) — typically the rows an
 * `UPDATE … RETURNING` just claimed. Recipients: the active users of each row's unit, plus every holder of `roles`.
 */
export interface ItemRowsNotify {
  event: NotificationEvent;
  at: Date;
  /** Name of the CTE with the rows. */
  source: string;
  roles?: readonly Role[];
}

export function notifyItemRowsSql(n: ItemRowsNotify) {
  const src = sql.id(n.source);
  const roles = [...(n.roles ?? [])];
  return sql`
    INSERT INTO notifications (user_id, event_type, entity_type, entity_id, params, dedupe_key, created_at)
    SELECT r.user_id, ${n.event}, 'item', r.item_id::text, r.params, r.dedupe_key, ${n.at}::timestamptz
    FROM (
      SELECT u.id AS user_id, s.item_id, s.params, s.dedupe_key
      FROM ${src} s JOIN users u ON u.unit_id = s.unit_id
      WHERE u.status IN ('active', 'pending')
      UNION
      SELECT u.id, s.item_id, s.params, s.dedupe_key
      FROM ${src} s CROSS JOIN users u
      WHERE u.status IN ('active', 'pending') AND u.roles && ${roles}::text[]
    ) r
    WHERE NOT EXISTS (
      SELECT 1 FROM notification_prefs p WHERE p.user_id = r.user_id AND p.event_type = ${n.event} AND NOT p.in_app
    )
    ON CONFLICT (user_id, dedupe_key) DO NOTHING
    RETURNING 1`;
}

/** The robots' share of `notifyItemRowsSql`: one queued delivery per row and active robot of its unit. */
export function queueItemRowsSql(n: ItemRowsNotify) {
  const src = sql.id(n.source);
  return sql`
    INSERT INTO webhook_deliveries (webhook_id, dedupe_key, event_type, payload, next_attempt_at, created_at)
    SELECT w.id, s.dedupe_key, ${n.event},
           jsonb_build_object('event', ${n.event}::text, 'params', s.params, 'entityType', 'item',
                              'entityId', s.item_id::text),
           ${n.at}::timestamptz, ${n.at}::timestamptz
    FROM ${src} s JOIN unit_webhooks w ON w.unit_id = s.unit_id
    WHERE w.active AND (cardinality(w.event_types) = 0 OR ${n.event} = ANY(w.event_types))
    ON CONFLICT (webhook_id, dedupe_key) DO NOTHING
    RETURNING 1`;
}
