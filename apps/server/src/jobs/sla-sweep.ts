/**
 * The SLA sweep: turns passing time into notifications and automatic escalations, for every open item at once.
 *
 * Each branch is one statement: a `SELECT … FOR UPDATE SKIP LOCKED` claims the rows whose condition holds now, an
 * `UPDATE … RETURNING` records that they were dealt with (the flag the condition tests), and `INSERT … SELECT`
 * CTEs fed by the returned rows write the notifications and queue the robot deliveries. A row is claimed by at
 * most one transaction and its flag is re-checked under the lock, so two processes sweeping at once never handle
 * an item twice (and the notifications' dedupe keys would absorb it if they did). Rows a user's request holds
 * locked right now are skipped and caught by the next sweep, so the sweep never waits on a request.
 *
 * Every branch's predicate matches a partial index of migration 0002 (items_open_yellow_idx,
 * items_open_deadline_idx, items_sign_by_idx), so a sweep reads only the open items that are due; the claimed ids
 * reach the UPDATE as an array (`id = ANY(ARRAY(…))`) so that it goes through the primary key instead of a hash
 * join over the whole table.
 */
import type { Role } from '@zaitun/contracts';
import { type RawBuilder, sql } from 'kysely';
import type { Db, Tx } from '../db/database';
import { appendAudit, systemContext } from '../lib/audit';
import type { Clock } from '../lib/clock';
import { notifyItemRowsSql, queueItemRowsSql } from '../modules/notifications/notify';

export interface SweepSummary {
  dueSoon: number;
  overdue: number;
  signOverdue: number;
  escalatedYellow: number;
  escalatedRed: number;
  notifications: number;
  deliveries: number;
}

/** The item number as formatItemNumber() writes it: `2026-0042`. */
const ITEM_NUMBER = sql`(i.year::text || '-' || CASE WHEN i.seq < 10000 THEN lpad(i.seq::text, 4, '0') ELSE i.seq::text END)`;
const EPOCH_MS = (col: string) => sql`floor(extract(epoch FROM ${sql.ref(col)}) * 1000)::bigint::text`;
const CLOCK_STATES = sql`i.state IN ('assigned', 'in_progress')`;

interface Branch {
  event: 'item_due_soon' | 'item_overdue' | 'item_sign_overdue';
  /** Which rows are due now (against the partial indexes). */
  where: RawBuilder<unknown>;
  /** What marks them as dealt with. */
  set: RawBuilder<unknown>;
  /** Dedupe key suffix: the instant the notification is about, so a moved deadline can notify again. */
  keyPart: string;
  instant: string;
  roles: Role[];
}

async function lightBranch(tx: Tx, b: Branch, now: Date): Promise<{ items: number; n: number; w: number }> {
  const n = { event: b.event, at: now, source: 'hit', roles: b.roles };
  const { rows } = await sql<{ items: number; n: number; w: number }>`
    WITH due AS (
      SELECT i.id FROM items i WHERE ${b.where} FOR UPDATE SKIP LOCKED
    ), hit AS (
      UPDATE items i SET ${b.set} FROM due WHERE i.id = due.id AND i.id = ANY(ARRAY(SELECT id FROM due))
      RETURNING i.id AS item_id, i.lead_unit_id AS unit_id,
        'item:' || i.id::text || ':' || ${b.keyPart} || ':' || ${EPOCH_MS(`i.${b.instant}`)} AS dedupe_key,
        jsonb_build_object('number', ${ITEM_NUMBER}, 'title', i.title) AS params
    ), n AS (${notifyItemRowsSql(n)}), w AS (${queueItemRowsSql(n)})
    SELECT (SELECT count(*) FROM hit)::int AS items, (SELECT count(*) FROM n)::int AS n,
           (SELECT count(*) FROM w)::int AS w`.execute(tx);
  return rows[0] ?? { items: 0, n: 0, w: 0 };
}

interface EscalatedRow {
  item_id: string;
  unit_id: string | null;
  level: 'yellow' | 'red';
  prev_level: 'yellow' | 'red' | null;
  n: number;
  w: number;
}

/**
 * Automatic escalation: a red card once `escalate_red_at` has passed (straight from none if both have), else a
 * yellow card once `escalate_yellow_at` has. The escalation instants are never before the deadline (clocksFor),
 * so `deadline <= now` is implied — stated anyway so the planner can use items_open_deadline_idx.
 */
async function escalationBranch(tx: Tx, now: Date): Promise<EscalatedRow[]> {
  const common = { event: 'item_escalated' as const, at: now };
  const { rows } = await sql<EscalatedRow>`
    WITH due AS (
      SELECT i.id, i.escalation AS prev_level FROM items i
      WHERE ${CLOCK_STATES} AND i.deadline <= ${now} AND i.escalation IS DISTINCT FROM 'red'
        AND ((i.escalate_red_at <= ${now} AND i.escalation IS DISTINCT FROM 'red')
          OR (i.escalate_yellow_at <= ${now} AND i.escalation IS NULL))
      FOR UPDATE SKIP LOCKED
    ), upd AS (
      UPDATE items i
      SET escalation = CASE WHEN i.escalate_red_at <= ${now} THEN 'red' ELSE 'yellow' END,
          version = i.version + 1, updated_at = ${now}
      FROM due WHERE i.id = due.id AND i.id = ANY(ARRAY(SELECT id FROM due))
      RETURNING i.id AS item_id, i.lead_unit_id AS unit_id, i.escalation AS level, due.prev_level, i.state,
        'item:' || i.id::text || ':auto_escalate:' || i.escalation || ':' || ${EPOCH_MS('i.deadline')} AS dedupe_key,
        jsonb_build_object('number', ${ITEM_NUMBER}, 'title', i.title, 'level', i.escalation) AS params
    ), esc AS (
      INSERT INTO item_escalations (item_id, level, auto, by_user, at, reason)
      SELECT item_id, level, true, NULL, ${now}, '' FROM upd
      ON CONFLICT (item_id, level) DO NOTHING
    ), ev AS (
      INSERT INTO item_events (item_id, at, actor_user_id, actor_unit_id, action, from_state, to_state, note, data, public)
      SELECT item_id, ${now}, NULL, NULL, 'escalate', state, state, '', jsonb_build_object('level', level, 'auto', true), false
      FROM upd
    ), red AS (SELECT * FROM upd WHERE level = 'red'),
       yellow AS (SELECT * FROM upd WHERE level = 'yellow'),
       n_red AS (${notifyItemRowsSql({ ...common, source: 'red', roles: ['leader'] })}),
       n_yellow AS (${notifyItemRowsSql({ ...common, source: 'yellow' })}),
       w_all AS (${queueItemRowsSql({ ...common, source: 'upd' })})
    SELECT item_id, unit_id, level, prev_level,
      ((SELECT count(*) FROM n_red) + (SELECT count(*) FROM n_yellow))::int AS n,
      (SELECT count(*) FROM w_all)::int AS w
    FROM upd`.execute(tx);
  return rows;
}

const AUDIT_CHUNK = 500;

/** One sweep at `clock.now()`, in one transaction. */
export async function slaSweep(db: Db, clock: Clock): Promise<SweepSummary> {
  const now = clock.now();
  return db.transaction().execute(async (tx) => {
    const signOverdue = await lightBranch(
      tx,
      {
        event: 'item_sign_overdue',
        where: sql`i.state = 'assigned' AND i.sign_by < ${now} AND NOT i.sign_overdue_notified`,
        set: sql`sign_overdue_notified = true`,
        keyPart: 'sign_overdue',
        instant: 'sign_by',
        roles: ['hq_dispatcher'],
      },
      now,
    );
    const dueSoon = await lightBranch(
      tx,
      {
        event: 'item_due_soon',
        where: sql`${CLOCK_STATES} AND i.yellow_at <= ${now} AND i.deadline >= ${now} AND i.light_notified = 'green'`,
        set: sql`light_notified = 'yellow'`,
        keyPart: 'due_soon',
        instant: 'deadline',
        roles: [],
      },
      now,
    );
    const overdue = await lightBranch(
      tx,
      {
        event: 'item_overdue',
        where: sql`${CLOCK_STATES} AND i.deadline < ${now} AND i.light_notified <> 'red'`,
        set: sql`light_notified = 'red'`,
        keyPart: 'overdue',
        instant: 'deadline',
        roles: ['hq_dispatcher'],
      },
      now,
    );
    const escalated = await escalationBranch(tx, now);
    const ctx = systemContext(clock, 'sla_sweep');
    for (let i = 0; i < escalated.length; i += AUDIT_CHUNK) {
      await appendAudit(
        tx,
        ctx,
        ...escalated.slice(i, i + AUDIT_CHUNK).map((r) => ({
          action: 'item.escalate',
          entityType: 'item',
          entityId: r.item_id,
          unitId: r.unit_id,
          before: { escalation: r.prev_level },
          after: { escalation: r.level, detail: { level: r.level, auto: true } },
        })),
      );
    }
    const first = escalated[0];
    return {
      dueSoon: dueSoon.items,
      overdue: overdue.items,
      signOverdue: signOverdue.items,
      escalatedYellow: escalated.filter((r) => r.level === 'yellow').length,
      escalatedRed: escalated.filter((r) => r.level === 'red').length,
      notifications: signOverdue.n + dueSoon.n + overdue.n + (first?.n ?? 0),
      deliveries: signOverdue.w + dueSoon.w + overdue.w + (first?.w ?? 0),
    };
  });
}
