/** SQL of the dispatch items: selection with co-units, visibility scope, list filters, locking, numbering. */
import {
  type Actor,
  CLOCK_STATES,
  canEditItem,
  type ItemBucket,
  type ItemListQueryT,
  type ItemState,
  type ItemT,
  type Light,
  relationsOf,
  scopeOf,
} from '@zaitun/contracts';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { DbOrTx } from '../../db/database';
import type { ItemRow } from '../../db/types';
import { type CalendarData, workingDaysLeft } from '../calendar/calendar.domain';
import { likeEscape } from '../users/users.repository';
import { formatItemNumber, isSignOverdue, lightOf } from './items.domain';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const isoSql = (col: string) => sql.raw(`to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

export type ItemWithParts = ItemRow & {
  raised_by_name: string;
  co_units: { unitId: string; status: string; contribution: string | null; doneAt: string | null }[];
};

export function selectItems(db: DbOrTx) {
  return db
    .selectFrom('items')
    .innerJoin('users as raiser', 'raiser.id', 'items.raised_by_user_id')
    .selectAll('items')
    .select('raiser.display_name as raised_by_name')
    .select(
      sql<ItemWithParts['co_units']>`(
        SELECT coalesce(json_agg(json_build_object('unitId', c.unit_id, 'status', c.status,
                 'contribution', c.contribution, 'doneAt', ${isoSql('c.done_at')}) ORDER BY c.unit_id), '[]'::json)
        FROM item_co_units c WHERE c.item_id = items.id)`.as('co_units'),
    );
}

/**
 * What the actor may see (DESIGN.md "Who sees an item"): HQ and leaders everything; a unit what it leads, helps
 * with, raised, or what concerns its county area. A draft is seen only by whoever raised it.
 */
export function visibleTo(actor: Actor): Expression<SqlBool> {
  const scope = scopeOf(actor, 'item.read');
  const unit = actor.unitId;
  const raisedByMe = unit
    ? sql<SqlBool>`(items.raised_by_user_id = ${actor.userId} OR items.raised_by_unit_id = ${unit})`
    : sql<SqlBool>`items.raised_by_user_id = ${actor.userId}`;
  const notDraftOrMine = sql<SqlBool>`(items.state <> 'draft' OR ${raisedByMe})`;
  if (scope === 'all') return notDraftOrMine;
  if ((scope === 'unit' || scope === 'subtree') && unit) {
    // `id = ANY(ARRAY(…))` (an init plan evaluated once) rather than EXISTS: every branch of the OR can then use
    // an index, and PostgreSQL combines them with a BitmapOr instead of filtering every row.
    return sql<SqlBool>`(${notDraftOrMine} AND (items.lead_unit_id = ${unit} OR items.county_unit_id = ${unit}
      OR ${raisedByMe}
      OR items.id = ANY(ARRAY(SELECT c.item_id FROM item_co_units c WHERE c.unit_id = ${unit}))))`;
  }
  if (scope === null) return sql<SqlBool>`false`;
  return sql<SqlBool>`items.raised_by_user_id = ${actor.userId}`;
}

const CLOCK = sql.raw(`items.state IN ('assigned', 'in_progress')`);

/** What a list and its counts are filtered on (the list query without paging and sorting). */
export type ItemListFilters = Omit<ItemListQueryT, 'page' | 'pageSize' | 'sort' | 'order'>;

/** The predicate of one bucket (a tab or tile of the list views); `now` drives the due and overdue ones. */
export function bucketFilter(bucket: ItemBucket, now: Date): Expression<SqlBool> {
  switch (bucket) {
    case 'open':
      return sql<SqlBool>`items.state IN ('pending_dispatch', 'assigned', 'in_progress', 'resolved')`;
    case 'to_sign':
      return sql<SqlBool>`items.state = 'assigned'`;
    case 'in_progress':
      return sql<SqlBool>`items.state = 'in_progress'`;
    case 'due_soon':
      return sql<SqlBool>`${CLOCK} AND items.yellow_at <= ${now} AND items.deadline >= ${now}`;
    case 'overdue':
      return sql<SqlBool>`${CLOCK} AND items.deadline < ${now}`;
    case 'sign_overdue':
      return sql<SqlBool>`items.state = 'assigned' AND items.sign_by < ${now}`;
    case 'to_verify':
      return sql<SqlBool>`items.state = 'resolved'`;
    case 'pending_dispatch':
      return sql<SqlBool>`items.state = 'pending_dispatch'`;
    case 'extension_pending':
      return sql<SqlBool>`EXISTS (SELECT 1 FROM item_extensions e WHERE e.item_id = items.id AND e.state = 'pending')`;
    case 'red_card':
      return sql<SqlBool>`items.escalation = 'red' AND items.state NOT IN ('closed', 'cancelled')`;
    case 'yellow_card':
      return sql<SqlBool>`items.escalation = 'yellow' AND items.state NOT IN ('closed', 'cancelled')`;
    case 'urged':
      return sql<SqlBool>`${CLOCK} AND items.urge_count > 0`;
    case 'closed':
      return sql<SqlBool>`items.state = 'closed'`;
  }
}

/** The predicate of a light: only items whose clock runs have one. */
export function lightFilter(light: Light, now: Date): Expression<SqlBool> {
  switch (light) {
    case 'red':
      return sql<SqlBool>`${CLOCK} AND items.deadline < ${now}`;
    case 'yellow':
      return sql<SqlBool>`${CLOCK} AND items.yellow_at <= ${now} AND items.deadline >= ${now}`;
    case 'green':
      return sql<SqlBool>`${CLOCK} AND items.yellow_at > ${now}`;
  }
}

export const stateFilter = (state: ItemState): Expression<SqlBool> => sql<SqlBool>`items.state = ${state}`;

/** The list filters as one predicate; `now` drives the light and due buckets. */
export function listFilter(actor: Actor, q: ItemListFilters, now: Date): Expression<SqlBool> {
  const unit = actor.unitId;
  const parts: Expression<SqlBool>[] = [];
  if (q.view === 'queue') {
    // The unit's own work: what it leads, and what it helps with while its part is open. Both are visible to it by
    // definition (and never drafts), so the wider visibility predicate is not needed on top.
    const lead = sql<SqlBool>`items.lead_unit_id = ${unit}`;
    const co = sql<SqlBool>`items.id = ANY(ARRAY(
      SELECT c.item_id FROM item_co_units c WHERE c.unit_id = ${unit} AND c.status = 'open'))`;
    const mine =
      q.role === 'lead'
        ? lead
        : q.role === 'co'
          ? sql<SqlBool>`${co} AND items.lead_unit_id <> ${unit}`
          : sql<SqlBool>`(${lead} OR ${co})`;
    parts.push(
      unit && scopeOf(actor, 'item.read') !== null
        ? sql<SqlBool>`items.state <> 'draft' AND ${mine}`
        : sql<SqlBool>`false`,
    );
  } else {
    parts.push(visibleTo(actor));
  }
  if (q.view === 'board')
    parts.push(sql<SqlBool>`items.state IN ('pending_dispatch', 'assigned', 'in_progress', 'resolved')`);
  if (q.view === 'supervision') {
    parts.push(sql<SqlBool>`${CLOCK} AND (items.escalation IS NOT NULL OR items.deadline < ${now} OR items.urge_count > 0
      OR (items.state = 'assigned' AND items.sign_by < ${now}))`);
  }
  if (q.bucket) parts.push(bucketFilter(q.bucket, now));
  if (q.state) parts.push(stateFilter(q.state));
  if (q.light) parts.push(lightFilter(q.light, now));
  if (q.priority) parts.push(sql<SqlBool>`items.priority = ${q.priority}`);
  if (q.source) parts.push(sql<SqlBool>`items.source = ${q.source}`);
  if (q.category) parts.push(sql<SqlBool>`items.category = ${q.category}`);
  if (q.leadUnitId) parts.push(sql<SqlBool>`items.lead_unit_id = ${q.leadUnitId}`);
  if (q.countyUnitId) parts.push(sql<SqlBool>`items.county_unit_id = ${q.countyUnitId}`);
  if (q.year) parts.push(sql<SqlBool>`items.year = ${q.year}`);
  if (q.flagged !== undefined) parts.push(sql<SqlBool>`items.flagged_for_meeting = ${q.flagged}`);
  if (q.q) {
    const like = `%${likeEscape(q.q)}%`;
    const number = q.q.match(/^(\d{4})-0*(\d{1,7})$/);
    parts.push(
      number
        ? sql<SqlBool>`(items.year = ${Number(number[1])} AND items.seq = ${Number(number[2])})`
        : sql<SqlBool>`items.title ILIKE ${like}`,
    );
  }
  return sql<SqlBool>`${sql.join(parts, sql` AND `)}`;
}

/** What to count within a list: some buckets, lights and states. */
export interface CountKeys {
  buckets: readonly ItemBucket[];
  lights: readonly Light[];
  states: readonly ItemState[];
}

/**
 * The total of a list and the count of each key within it, in one scan: `count(*) FILTER (WHERE …)` per key over
 * the same predicate the list uses (visibility included), so a count always equals the total of the list it
 * stands for.
 */
export async function countItems(
  db: DbOrTx,
  actor: Actor,
  filters: ItemListFilters,
  keys: CountKeys,
  now: Date,
): Promise<{
  total: number;
  buckets: Map<ItemBucket, number>;
  lights: Map<Light, number>;
  states: Map<ItemState, number>;
}> {
  const counted = (predicate: Expression<SqlBool>, alias: string) =>
    sql<string>`count(*) FILTER (WHERE ${predicate})`.as(alias);
  const row = (await db
    .selectFrom('items')
    .where(listFilter(actor, filters, now))
    .select([
      sql<string>`count(*)`.as('total'),
      ...keys.buckets.map((b) => counted(bucketFilter(b, now), `bucket_${b}`)),
      ...keys.lights.map((l) => counted(lightFilter(l, now), `light_${l}`)),
      ...keys.states.map((st) => counted(stateFilter(st), `state_${st}`)),
    ])
    .executeTakeFirstOrThrow()) as Record<string, string | number>;
  const n = (alias: string) => Number(row[alias] ?? 0);
  return {
    total: n('total'),
    buckets: new Map(keys.buckets.map((b) => [b, n(`bucket_${b}`)])),
    lights: new Map(keys.lights.map((l) => [l, n(`light_${l}`)])),
    states: new Map(keys.states.map((st) => [st, n(`state_${st}`)])),
  };
}

export function orderBy(q: ItemListQueryT) {
  const sort = q.sort ?? (q.view === 'queue' || q.view === 'supervision' ? 'deadline' : 'createdAt');
  const dir = sql.raw(q.order === 'desc' || (!q.order && sort !== 'deadline') ? 'DESC' : 'ASC');
  switch (sort) {
    case 'deadline':
      return sql`items.deadline ${dir} NULLS LAST, items.year, items.seq`;
    case 'number':
      return sql`items.year ${dir}, items.seq ${dir}`;
    case 'updatedAt':
      return sql`items.updated_at ${dir}, items.id`;
    default:
      return sql`items.created_at ${dir}, items.id`;
  }
}

/** Locks the item row for an action (the version check and the change happen under the lock). */
export const lockItem = (db: DbOrTx, id: string) =>
  db.selectFrom('items').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

/**
 * The next number of a per-year sequence. The counter row stays locked until the transaction ends, so numbers
 * have no gaps (a rollback gives the number back) and no duplicates (concurrent callers queue on the row).
 */
export async function nextNumber(db: DbOrTx, scope: string, year: number): Promise<number> {
  const row = await sql<{ value: number }>`
    INSERT INTO counters (scope, year, value) VALUES (${scope}, ${year}, 1)
    ON CONFLICT (scope, year) DO UPDATE SET value = counters.value + 1
    RETURNING value`.execute(db);
  return Number(row.rows[0]?.value);
}

/** What the caller's own fields of an item are computed from: who asks, and the working-day clock. */
export interface ItemViewer {
  actor: Actor;
  /** The calendar and end of business; null when none of the items shown has a running clock. */
  clock: { cal: CalendarData; endHour: number } | null;
}

/** Whether an item's resolving clock runs (it then has a light and working days left). */
export const runsClock = (r: Pick<ItemRow, 'state' | 'deadline'>): boolean =>
  CLOCK_STATES.includes(r.state as ItemState) && r.deadline !== null;

/**
 * An item as JSON. `viewer` gives the caller's own fields (working days left, may edit); without one (reads
 * inside the workflow that never reach a caller) they are null and false.
 */
export function presentItem(r: ItemWithParts, now: Date, viewer?: ItemViewer): ItemT {
  const deadline = r.deadline ? new Date(r.deadline) : null;
  const state = r.state as ItemT['state'];
  const parties = {
    leadUnitId: r.lead_unit_id,
    coUnitIds: r.co_units.map((c) => c.unitId),
    raisedByUserId: r.raised_by_user_id,
    raisedByUnitId: r.raised_by_unit_id,
  };
  const clock = viewer?.clock;
  return {
    id: r.id,
    number: formatItemNumber(r.year, r.seq),
    year: r.year,
    seq: r.seq,
    title: r.title,
    description: r.description,
    category: r.category,
    source: r.source as ItemT['source'],
    sourceRef: r.source_ref,
    priority: r.priority as ItemT['priority'],
    state,
    countyUnitId: r.county_unit_id,
    leadUnitId: r.lead_unit_id,
    coUnits: r.co_units.map((c) => ({
      unitId: c.unitId,
      status: c.status as 'open' | 'done' | 'waived',
      contribution: c.contribution,
      doneAt: c.doneAt,
    })),
    raisedByUserId: r.raised_by_user_id,
    raisedByName: r.raised_by_name,
    raisedByUnitId: r.raised_by_unit_id,
    enterpriseId: r.enterprise_id,
    tags: r.tags,
    dispatchedAt: iso(r.dispatched_at),
    signBy: iso(r.sign_by),
    signedAt: iso(r.signed_at),
    deadline: iso(r.deadline),
    originalDeadline: iso(r.original_deadline),
    resolvedAt: iso(r.resolved_at),
    closedAt: iso(r.closed_at),
    cancelledAt: iso(r.cancelled_at),
    light: lightOf({ state, deadline, yellowAt: r.yellow_at ? new Date(r.yellow_at) : null }, now),
    signOverdue: isSignOverdue({ state, signBy: r.sign_by ? new Date(r.sign_by) : null }, now),
    workingDaysLeft:
      clock && deadline && runsClock(r) ? workingDaysLeft(clock.cal, now, deadline, clock.endHour) : null,
    canEdit: viewer ? canEditItem(state, relationsOf(viewer.actor, parties)) : false,
    escalation: r.escalation as ItemT['escalation'],
    urgeCount: r.urge_count,
    redoCount: r.redo_count,
    extensionCount: r.extension_count,
    flaggedForMeeting: r.flagged_for_meeting,
    answer: r.answer,
    rating: r.rating,
    ratingComment: r.rating_comment,
    ratedAt: iso(r.rated_at),
    mergedIntoId: r.merged_into_id,
    cancelReason: r.cancel_reason,
    version: r.version,
    createdAt: iso(r.created_at) as string,
    updatedAt: iso(r.updated_at) as string,
  };
}

/** The audited form of an item (what a change is compared on). */
export const auditItem = (r: ItemRow, coUnitIds?: readonly string[]) => ({
  number: formatItemNumber(r.year, r.seq),
  title: r.title,
  description: r.description,
  category: r.category,
  source: r.source,
  sourceRef: r.source_ref,
  priority: r.priority,
  state: r.state,
  countyUnitId: r.county_unit_id,
  leadUnitId: r.lead_unit_id,
  ...(coUnitIds ? { coUnitIds: [...coUnitIds] } : {}),
  tags: r.tags,
  deadline: iso(r.deadline),
  escalation: r.escalation,
  urgeCount: r.urge_count,
  redoCount: r.redo_count,
  flaggedForMeeting: r.flagged_for_meeting,
  answer: r.answer,
  rating: r.rating,
  mergedIntoId: r.merged_into_id,
  cancelReason: r.cancel_reason,
});
