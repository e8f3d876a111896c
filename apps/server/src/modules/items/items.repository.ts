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
import { type CompiledQuery, type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
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

/**
 * The item columns a predicate reads: the item row's own, or the copies a unit's co-unit part keeps of the ones the
 * queue filters on (migration 0004, kept by triggers in the transaction of every change). `row`: whether the rest of
 * the item row is at hand — it is not on a part, so a predicate on any other column has no form there.
 */
interface ItemColumns {
  state: RawBuilder<unknown>;
  deadline: RawBuilder<unknown>;
  yellowAt: RawBuilder<unknown>;
  row: boolean;
}
const ITEM_ROW: ItemColumns = {
  state: sql.ref('items.state'),
  deadline: sql.ref('items.deadline'),
  yellowAt: sql.ref('items.yellow_at'),
  row: true,
};
const CO_PART: ItemColumns = {
  state: sql.ref('c.item_state'),
  deadline: sql.ref('c.item_deadline'),
  yellowAt: sql.ref('c.item_yellow_at'),
  row: false,
};

const clockOn = (c: ItemColumns) => sql<SqlBool>`${c.state} IN ('assigned', 'in_progress')`;

/** A predicate that always has a form on the item row. */
function onItemRow(predicate: Expression<SqlBool> | null): Expression<SqlBool> {
  if (!predicate) throw new Error('every list predicate has a form on the item row');
  return predicate;
}

/** What a list and its counts are filtered on (the list query without paging and sorting). */
export type ItemListFilters = Omit<ItemListQueryT, 'page' | 'pageSize' | 'sort' | 'order'>;

/** A bucket's predicate on the given columns; null on a co-unit part when it reads a column the part has no copy of. */
function bucketOn(c: ItemColumns, bucket: ItemBucket, now: Date): Expression<SqlBool> | null {
  switch (bucket) {
    case 'open':
      return sql<SqlBool>`${c.state} IN ('pending_dispatch', 'assigned', 'in_progress', 'resolved')`;
    case 'to_sign':
      return sql<SqlBool>`${c.state} = 'assigned'`;
    case 'in_progress':
      return sql<SqlBool>`${c.state} = 'in_progress'`;
    case 'due_soon':
      return sql<SqlBool>`${clockOn(c)} AND ${c.yellowAt} <= ${now} AND ${c.deadline} >= ${now}`;
    case 'overdue':
      return sql<SqlBool>`${clockOn(c)} AND ${c.deadline} < ${now}`;
    case 'sign_overdue':
      return c.row ? sql<SqlBool>`items.state = 'assigned' AND items.sign_by < ${now}` : null;
    case 'to_verify':
      return sql<SqlBool>`${c.state} = 'resolved'`;
    case 'pending_dispatch':
      return sql<SqlBool>`${c.state} = 'pending_dispatch'`;
    case 'extension_pending':
      return c.row
        ? sql<SqlBool>`EXISTS (SELECT 1 FROM item_extensions e WHERE e.item_id = items.id AND e.state = 'pending')`
        : null;
    case 'red_card':
      return c.row ? sql<SqlBool>`items.escalation = 'red' AND items.state NOT IN ('closed', 'cancelled')` : null;
    case 'yellow_card':
      return c.row ? sql<SqlBool>`items.escalation = 'yellow' AND items.state NOT IN ('closed', 'cancelled')` : null;
    case 'urged':
      return c.row ? sql<SqlBool>`${clockOn(c)} AND items.urge_count > 0` : null;
    case 'closed':
      return sql<SqlBool>`${c.state} = 'closed'`;
  }
}

/** A light's predicate on the given columns: only items whose clock runs have one. */
function lightOn(c: ItemColumns, light: Light, now: Date): Expression<SqlBool> {
  switch (light) {
    case 'red':
      return sql<SqlBool>`${clockOn(c)} AND ${c.deadline} < ${now}`;
    case 'yellow':
      return sql<SqlBool>`${clockOn(c)} AND ${c.yellowAt} <= ${now} AND ${c.deadline} >= ${now}`;
    case 'green':
      return sql<SqlBool>`${clockOn(c)} AND ${c.yellowAt} > ${now}`;
  }
}

const stateOn = (c: ItemColumns, state: ItemState) => sql<SqlBool>`${c.state} = ${state}`;

/** The predicate of one bucket (a tab or tile of the list views); `now` drives the due and overdue ones. */
export const bucketFilter = (bucket: ItemBucket, now: Date) => onItemRow(bucketOn(ITEM_ROW, bucket, now));

/** The predicate of a light: only items whose clock runs have one. */
export const lightFilter = (light: Light, now: Date) => lightOn(ITEM_ROW, light, now);

export const stateFilter = (state: ItemState): Expression<SqlBool> => stateOn(ITEM_ROW, state);

/** The list query's keys a co-unit part answers from its copies (with paging and sorting, which filter nothing). */
const ANSWERED_ON_PART: ReadonlySet<string> = new Set([
  'view',
  'role',
  'bucket',
  'state',
  'light',
  'page',
  'pageSize',
  'sort',
  'order',
]);

/**
 * What a unit's open co-unit parts are narrowed by in its queue: the filters that read only the copied columns.
 * `exact`: every filter given is one of them, so the parts that pass stand exactly for the items that pass.
 */
function coPartFilter(q: ItemListFilters, now: Date): { where: Expression<SqlBool>; exact: boolean } {
  const parts: Expression<SqlBool>[] = [sql<SqlBool>`c.item_state <> 'draft'`];
  let exact = Object.entries(q).every(([key, value]) => value === undefined || ANSWERED_ON_PART.has(key));
  if (q.bucket) {
    const bucket = bucketOn(CO_PART, q.bucket, now);
    if (bucket) parts.push(bucket);
    else exact = false;
  }
  if (q.state) parts.push(stateOn(CO_PART, q.state));
  if (q.light) parts.push(lightOn(CO_PART, q.light, now));
  return { where: sql<SqlBool>`${sql.join(parts, sql` AND `)}`, exact };
}

/** The list filters as one predicate; `now` drives the light and due buckets. */
export function listFilter(actor: Actor, q: ItemListFilters, now: Date): Expression<SqlBool> {
  const unit = actor.unitId;
  const parts: Expression<SqlBool>[] = [];
  if (q.view === 'queue') {
    // The unit's own work: what it leads, and what it helps with while its part is open. Both are visible to it by
    // definition (and never drafts), so the wider visibility predicate is not needed on top. The parts are narrowed
    // first by what their copies of the item's columns answer (the item row is filtered below all the same), so
    // only parts that may pass are looked up in items.
    const lead = sql<SqlBool>`items.lead_unit_id = ${unit}`;
    const co = sql<SqlBool>`items.id = ANY(ARRAY(
      SELECT c.item_id FROM item_co_units c WHERE c.unit_id = ${unit} AND c.status = 'open'
        AND ${coPartFilter(q, now).where}))`;
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
    parts.push(sql<SqlBool>`${clockOn(ITEM_ROW)} AND (items.escalation IS NOT NULL OR items.deadline < ${now}
      OR items.urge_count > 0 OR (items.state = 'assigned' AND items.sign_by < ${now}))`);
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

export const NO_COUNT_KEYS: CountKeys = { buckets: [], lights: [], states: [] };

/** A counted key: its column alias and its predicate (null where a co-unit part cannot answer it). */
interface CountedKey {
  alias: string;
  predicate: Expression<SqlBool> | null;
}

const keyPredicates = (c: ItemColumns, keys: CountKeys, now: Date): CountedKey[] => [
  ...keys.buckets.map((b) => ({ alias: `bucket_${b}`, predicate: bucketOn(c, b, now) })),
  ...keys.lights.map((l) => ({ alias: `light_${l}`, predicate: lightOn(c, l, now) })),
  ...keys.states.map((st) => ({ alias: `state_${st}`, predicate: stateOn(c, st) })),
];

const countedColumns = (counted: CountedKey[]) =>
  sql.join([
    sql`count(*) AS total`,
    ...counted.map(({ alias, predicate }) => sql`count(*) FILTER (WHERE ${onItemRow(predicate)}) AS ${sql.ref(alias)}`),
  ]);

/**
 * A unit's queue counted in two disjoint parts — the items it leads (a range of items_lead_queue_idx) plus its open
 * parts of items other units lead (an index-only range of item_co_units_queue_idx, on the copies of the item's
 * columns) — when those copies answer every filter and key. The same numbers as counting the list's items, without
 * looking each open part's item up. Null when the list is not a queue or a filter or key needs the item row.
 */
function queueCountInParts(actor: Actor, filters: ItemListFilters, keys: CountKeys, now: Date) {
  const unit = actor.unitId;
  if (filters.view !== 'queue' || !unit || scopeOf(actor, 'item.read') === null) return null;
  const onPart = coPartFilter(filters, now);
  const partKeys = keyPredicates(CO_PART, keys, now);
  if (!onPart.exact || partKeys.some((k) => k.predicate === null)) return null;
  const parts: RawBuilder<unknown>[] = [];
  if (filters.role !== 'co') {
    parts.push(sql`SELECT ${countedColumns(keyPredicates(ITEM_ROW, keys, now))} FROM items
      WHERE ${listFilter(actor, { ...filters, role: 'lead' }, now)}`);
  }
  if (filters.role !== 'lead') {
    // With role=co the list wants items led by another unit; otherwise the items the unit leads are counted above,
    // so a part counts only when its item is not one of them (a null lead included).
    const notLed =
      filters.role === 'co' ? sql`c.item_lead_unit_id <> ${unit}` : sql`c.item_lead_unit_id IS DISTINCT FROM ${unit}`;
    parts.push(sql`SELECT ${countedColumns(partKeys)} FROM item_co_units c
      WHERE c.unit_id = ${unit} AND c.status = 'open' AND ${notLed} AND ${onPart.where}`);
  }
  const summed = ['total', ...partKeys.map((k) => k.alias)].map(
    (alias) => sql`coalesce(sum(${sql.ref(alias)}), 0) AS ${sql.ref(alias)}`,
  );
  return sql<
    Record<string, string | number>
  >`SELECT ${sql.join(summed)} FROM (${sql.join(parts, sql` UNION ALL `)}) AS parts`;
}

/**
 * The count of a list as one statement: its total and the count of each key within it, one
 * `count(*) FILTER (WHERE …)` per key over the same predicate the list uses (visibility included), so a count
 * always equals the total of the list it stands for. A unit's queue is counted in parts where it can be (see
 * queueCountInParts). The benchmark's thin route runs this very statement.
 */
export function countQuery(
  db: DbOrTx,
  actor: Actor,
  filters: ItemListFilters,
  keys: CountKeys,
  now: Date,
): CompiledQuery<Record<string, string | number>> {
  const inParts = queueCountInParts(actor, filters, keys, now);
  if (inParts) return inParts.compile(db);
  return db
    .selectFrom('items')
    .where(listFilter(actor, filters, now))
    .select([
      sql<string>`count(*)`.as('total'),
      ...keyPredicates(ITEM_ROW, keys, now).map(({ alias, predicate }) =>
        sql<string>`count(*) FILTER (WHERE ${onItemRow(predicate)})`.as(alias),
      ),
    ])
    .compile() as CompiledQuery<Record<string, string | number>>;
}

/** The total of a list and the count of each key within it (see countQuery). */
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
  const row = (await db.executeQuery(countQuery(db, actor, filters, keys, now))).rows[0] ?? {};
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
