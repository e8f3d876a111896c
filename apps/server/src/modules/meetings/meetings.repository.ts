/** SQL of the dispatch meetings: selection, visibility scope, the agenda with its items and results. */
import {
  type Actor,
  type AgendaEntryT,
  type AgendaReason,
  type DecisionKind,
  type ItemState,
  type MeetingT,
  type OrderState,
  type RouteQuery,
  scopeOf,
} from '@zaitun/contracts';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { DbOrTx } from '../../db/database';
import type { MeetingRow } from '../../db/types';
import { formatItemNumber, lightOf } from '../items/items.domain';
import { likeEscape } from '../users/users.repository';
import { type AgendaCandidate, formatMeetingNumber } from './meetings.domain';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Most entries one preparation puts on an agenda (a meeting cannot discuss more). */
export const MAX_PREPARED = 500;

export type MeetingWithCounts = MeetingRow & { agenda_count: number; decided_count: number };

export function selectMeetings(db: DbOrTx) {
  return db
    .selectFrom('meetings')
    .selectAll('meetings')
    .select(
      sql<number>`(SELECT count(*)::int FROM meeting_agenda a WHERE a.meeting_id = meetings.id)`.as('agenda_count'),
    )
    .select(
      sql<number>`(SELECT count(*)::int FROM meeting_agenda a WHERE a.meeting_id = meetings.id
        AND a.decision_kind IS NOT NULL)`.as('decided_count'),
    );
}

/** The list's selection plus, for the export, the numbers of the meeting's orders (issued, not withdrawn). */
export function selectMeetingsForExport(db: DbOrTx) {
  return selectMeetings(db).select(
    sql<string[]>`coalesce((SELECT array_agg(o.number ORDER BY o.year, o.seq) FROM orders o
      WHERE o.meeting_id = meetings.id AND o.number IS NOT NULL AND o.state <> 'withdrawn'), '{}')`.as('order_numbers'),
  );
}

/** HQ and leaders see every meeting; a unit the meetings it attends. */
export function meetingVisibleTo(actor: Actor): Expression<SqlBool> {
  const scope = scopeOf(actor, 'meeting.read');
  if (scope === 'all') return sql<SqlBool>`true`;
  if (scope === null || !actor.unitId) return sql<SqlBool>`false`;
  return sql<SqlBool>`${actor.unitId}::uuid = ANY(meetings.attending_unit_ids)`;
}

export function meetingListFilter(actor: Actor, q: RouteQuery<'listMeetings'>): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [meetingVisibleTo(actor)];
  if (q.year) parts.push(sql<SqlBool>`meetings.year = ${q.year}`);
  if (q.state) parts.push(sql<SqlBool>`meetings.state = ${q.state}`);
  if (q.type) parts.push(sql<SqlBool>`meetings.type = ${q.type}`);
  if (q.q?.trim()) {
    const like = `%${likeEscape(q.q.trim())}%`;
    const seq = q.q.match(/^\s*第?\s*(\d{1,5})\s*次?/);
    parts.push(
      seq
        ? sql<SqlBool>`(meetings.title ILIKE ${like} OR meetings.seq = ${Number(seq[1])})`
        : sql<SqlBool>`meetings.title ILIKE ${like}`,
    );
  }
  return sql<SqlBool>`${sql.join(parts, sql` AND `)}`;
}

/** Latest first (the list and its export). */
export const meetingListOrder = sql`meetings.held_at DESC, meetings.id`;

export const lockMeeting = (db: DbOrTx, id: string) =>
  db.selectFrom('meetings').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const lockEntry = (db: DbOrTx, meetingId: string, entryId: string) =>
  db
    .selectFrom('meeting_agenda')
    .selectAll()
    .where('id', '=', entryId)
    .where('meeting_id', '=', meetingId)
    .forUpdate()
    .executeTakeFirst();

export function presentMeeting(r: MeetingWithCounts): MeetingT {
  return {
    id: r.id,
    year: r.year,
    seq: r.seq,
    number: formatMeetingNumber(r.year, r.seq),
    type: r.type as MeetingT['type'],
    title: r.title,
    heldAt: iso(r.held_at) as string,
    place: r.place,
    chair: r.chair,
    attendingUnitIds: r.attending_unit_ids,
    state: r.state as MeetingT['state'],
    minutes: r.minutes,
    createdBy: r.created_by,
    agendaCount: Number(r.agenda_count),
    decidedCount: Number(r.decided_count),
    version: r.version,
    createdAt: iso(r.created_at) as string,
    updatedAt: iso(r.updated_at) as string,
  };
}

export const auditMeeting = (r: MeetingRow) => ({
  number: formatMeetingNumber(r.year, r.seq),
  type: r.type,
  title: r.title,
  heldAt: iso(r.held_at),
  place: r.place,
  chair: r.chair,
  attendingUnitIds: r.attending_unit_ids,
  state: r.state,
  minutes: r.minutes,
});

/** The agenda in its order, with each entry's item (number, state, light) and what its decision produced. */
export async function agendaOf(db: DbOrTx, meetingId: string, now: Date): Promise<AgendaEntryT[]> {
  const rows = await db
    .selectFrom('meeting_agenda as a')
    .leftJoin('items as i', 'i.id', 'a.item_id')
    .leftJoin('items as ci', 'ci.id', 'a.created_item_id')
    .leftJoin('orders as o', 'o.id', 'a.order_id')
    .selectAll('a')
    .select([
      'i.year as item_year',
      'i.seq as item_seq',
      'i.state as item_state',
      'i.deadline as item_deadline',
      'i.yellow_at as item_yellow_at',
      'ci.year as created_year',
      'ci.seq as created_seq',
      'o.number as order_number',
      'o.state as order_state',
    ])
    .where('a.meeting_id', '=', meetingId)
    .orderBy('a.position')
    .orderBy('a.id')
    .execute();
  return rows.map((r) => {
    const state = (r.item_state ?? null) as ItemState | null;
    const deadline = r.item_deadline ? new Date(r.item_deadline) : null;
    return {
      id: r.id,
      position: r.position,
      itemId: r.item_id,
      itemNumber: r.item_year !== null && r.item_seq !== null ? formatItemNumber(r.item_year, r.item_seq) : null,
      itemState: state,
      itemLight: state
        ? lightOf({ state, deadline, yellowAt: r.item_yellow_at ? new Date(r.item_yellow_at) : null }, now)
        : null,
      itemDeadline: iso(deadline),
      unitId: r.unit_id,
      topic: r.topic,
      reason: r.reason as AgendaReason,
      decisionKind: r.decision_kind as DecisionKind | null,
      decision: r.decision,
      createdItemId: r.created_item_id,
      createdItemNumber:
        r.created_year !== null && r.created_seq !== null ? formatItemNumber(r.created_year, r.created_seq) : null,
      orderId: r.order_id,
      orderNumber: r.order_number ?? null,
      orderState: (r.order_state ?? null) as OrderState | null,
      version: r.version,
    };
  });
}

/**
 * Open items that belong on an agenda now: red or yellow on the resolving clock, flagged for a meeting, or a
 * coordination request — one indexed pass; the reason is decided by the pure `agendaReason`.
 */
export async function agendaCandidates(db: DbOrTx, now: Date): Promise<(AgendaCandidate & { title: string })[]> {
  const rows = await db
    .selectFrom('items')
    .select([
      'id',
      'state',
      'source',
      'flagged_for_meeting',
      'deadline',
      'yellow_at',
      'lead_unit_id',
      'raised_by_unit_id',
      'year',
      'seq',
      'title',
    ])
    .where(
      sql<SqlBool>`items.state NOT IN ('closed', 'cancelled', 'draft') AND (
        (items.state IN ('assigned', 'in_progress') AND (items.deadline < ${now} OR items.yellow_at <= ${now}))
        OR items.flagged_for_meeting OR items.source = 'coordination')`,
    )
    .orderBy('deadline')
    .orderBy('year')
    .orderBy('seq')
    .limit(MAX_PREPARED)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    state: r.state as ItemState,
    source: r.source,
    flagged: r.flagged_for_meeting,
    deadline: r.deadline ? new Date(r.deadline) : null,
    yellowAt: r.yellow_at ? new Date(r.yellow_at) : null,
    leadUnitId: r.lead_unit_id,
    raisedByUnitId: r.raised_by_unit_id,
    year: r.year,
    seq: r.seq,
    title: r.title,
  }));
}

/** Sets positions (and reasons) of many entries in one statement. */
export async function reorderAgenda(
  tx: DbOrTx,
  lines: readonly { id: string; position: number; reason: AgendaReason }[],
): Promise<void> {
  if (!lines.length) return;
  const values = sql.join(lines.map((l) => sql`(${l.id}::uuid, ${l.position}::int, ${l.reason}::text)`));
  await sql`UPDATE meeting_agenda a SET position = v.position, reason = v.reason
    FROM (VALUES ${values}) AS v(id, position, reason)
    WHERE a.id = v.id AND (a.position <> v.position OR a.reason <> v.reason)`.execute(tx);
}

/** Units in display order (the agenda groups follow it). */
export async function unitDisplayOrder(db: DbOrTx, ids: readonly string[]): Promise<string[]> {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom('units')
    .select('id')
    .where('id', 'in', [...ids])
    .orderBy('depth')
    .orderBy('sort_order')
    .orderBy('code')
    .execute();
  return rows.map((r) => r.id);
}
