/** The dispatch item: registration, reading, editing, timeline, attachments (the workflow: items.actions.ts). */
import { createHash } from 'node:crypto';
import {
  type AttachmentT,
  availableActions,
  can,
  EDITABLE_STATES,
  type ItemBucket,
  type ItemDetailT,
  type ItemFacts,
  type ItemState,
  type ItemT,
  isItemEditor,
  type Light,
  type NotificationEvent,
  type RouteBody,
  type RouteQuery,
  type RouteResponse,
  relationsOf,
} from '@zaitun/contracts';
import type { Db, DbOrTx, Tx } from '../../db/database';
import type { ItemRow } from '../../db/types';
import type { AuthedContext } from '../../http/context';
import { appendAudit } from '../../lib/audit';
import { DomainError, notFound, versionConflict } from '../../lib/errors';
import { detectFileKind, FILE_KIND_TYPES, type FileStorage, sanitizeFileName } from '../../lib/storage';
import type { Upload } from '../../lib/upload';
import { yearsNotCovered } from '../calendar/calendar.domain';
import { loadCalendar } from '../calendar/calendar.repository';
import { notify } from '../notifications/notify';
import { loadDispatchSettings } from '../settings/settings.repository';
import { clockRules } from './clock-rules';
import { clocksFor, defaultDeadline, formatItemNumber } from './items.domain';
import {
  auditItem,
  countItems,
  type ItemViewer,
  type ItemWithParts,
  listFilter,
  lockItem,
  NO_COUNT_KEYS,
  nextNumber,
  orderBy,
  presentItem,
  runsClock,
  selectItems,
  visibleTo,
} from './items.repository';

/** Shanghai calendar year of an instant (items are numbered per year). */
const shanghaiYear = (d: Date) => new Date(d.getTime() + 8 * 3600_000).getUTCFullYear();

export async function findVisible(db: DbOrTx, ctx: AuthedContext, id: string): Promise<ItemWithParts> {
  const row = await selectItems(db).where('items.id', '=', id).where(visibleTo(ctx.actor)).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

export async function listItems(db: Db, ctx: AuthedContext, query: RouteQuery<'listItems'>, now: Date) {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const where = listFilter(ctx.actor, query, now);
  const [rows, count] = await Promise.all([
    selectItems(db)
      .where(where)
      .orderBy(orderBy(query))
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    countItems(db, ctx.actor, query, NO_COUNT_KEYS, now),
  ]);
  const viewer = await viewerFor(db, ctx, rows);
  return { items: rows.map((r) => presentItem(r, now, viewer)), total: count.total, page, pageSize };
}

/** The counts of a list view's buckets, lights and states (tabs and tiles), in one query. */
export async function itemCounts(
  db: Db,
  ctx: AuthedContext,
  query: RouteQuery<'itemCounts'>,
  now: Date,
): Promise<RouteResponse<'itemCounts'>> {
  const { buckets, lights, states, ...filters } = query;
  const keys = {
    buckets: csv<ItemBucket>(buckets),
    lights: csv<Light>(lights),
    states: csv<ItemState>(states),
  };
  const counts = await countItems(db, ctx.actor, filters, keys, now);
  return {
    total: counts.total,
    buckets: Object.fromEntries(counts.buckets),
    lights: Object.fromEntries(counts.lights),
    states: Object.fromEntries(counts.states),
  };
}

/** The distinct values of a comma-separated query parameter (the schema has checked each one). */
const csv = <T extends string>(value: string | undefined): T[] =>
  value ? [...new Set(value.split(','))].map((v) => v as T) : [];

/** The caller's view of some items; the clock rules are read once, and only when one of them has a running clock. */
export async function viewerFor(db: DbOrTx, ctx: AuthedContext, rows: readonly ItemWithParts[]): Promise<ItemViewer> {
  return { actor: ctx.actor, clock: rows.some(runsClock) ? await clockRules(db) : null };
}

export async function deadlinePreview(
  db: Db,
  query: RouteQuery<'deadlinePreview'>,
  now: Date,
): Promise<RouteResponse<'deadlinePreview'>> {
  const [cal, { settings }] = await Promise.all([loadCalendar(db), loadDispatchSettings(db)]);
  const from = query.from ? new Date(query.from) : now;
  const deadline = defaultDeadline(cal, settings, from, query.priority);
  const { signBy } = clocksFor(cal, settings, from, deadline);
  return {
    from: from.toISOString(),
    deadline: deadline.toISOString(),
    signBy: signBy.toISOString(),
    workingDays: settings.deadlineDays[query.priority],
    uncoveredYears: yearsNotCovered(cal, from, deadline),
  };
}

/**
 * The item as the caller sees it. `afterAction`: the caller has just acted on it and may have handed it away
 * (a return): answer with the item anyway, with no actions left.
 */
export async function detail(
  db: DbOrTx,
  ctx: AuthedContext,
  id: string,
  now: Date,
  afterAction = false,
): Promise<ItemDetailT> {
  const row = afterAction
    ? await selectItems(db).where('items.id', '=', id).executeTakeFirstOrThrow()
    : await findVisible(db, ctx, id);
  const clocked = !!(row.dispatched_at && row.deadline);
  const [extensions, attachments, clock] = await Promise.all([
    db
      .selectFrom('item_extensions as e')
      .innerJoin('users as u', 'u.id', 'e.requested_by')
      .selectAll('e')
      .select('u.display_name')
      .where('e.item_id', '=', id)
      .orderBy('e.requested_at', 'desc')
      .execute(),
    db
      .selectFrom('item_attachments as a')
      .innerJoin('users as u', 'u.id', 'a.uploaded_by')
      .selectAll('a')
      .select('u.display_name')
      .where('a.item_id', '=', id)
      .orderBy('a.created_at')
      .execute(),
    // The calendar only matters for an item whose clock has been set.
    clocked ? clockRules(db) : null,
  ]);
  const item = presentItem(row, now, { actor: ctx.actor, clock });
  const relations = relationsOf(ctx.actor, partiesOf(item));
  const facts = factsOf(
    item,
    extensions.some((e) => e.state === 'pending'),
    ctx.actor.unitId,
  );
  return {
    item,
    relations,
    actions: availableActions(facts, relations),
    extensions: extensions.map((e) => ({
      id: e.id,
      requestedBy: e.requested_by,
      requestedByName: e.display_name,
      requestedAt: new Date(e.requested_at).toISOString(),
      reason: e.reason,
      requestedDeadline: new Date(e.requested_deadline).toISOString(),
      state: e.state as 'pending' | 'approved' | 'denied',
      decidedAt: e.decided_at ? new Date(e.decided_at).toISOString() : null,
      decisionNote: e.decision_note,
    })),
    attachments: attachments.map(
      (a): AttachmentT => ({
        id: a.id,
        fileName: a.file_name,
        contentType: a.content_type,
        size: Number(a.size),
        uploadedBy: a.uploaded_by,
        uploadedByName: a.display_name,
        unitId: a.unit_id,
        eventId: a.event_id,
        createdAt: new Date(a.created_at).toISOString(),
      }),
    ),
    uncoveredYears:
      clock && item.dispatchedAt && item.deadline
        ? yearsNotCovered(clock.cal, new Date(item.dispatchedAt), new Date(item.deadline))
        : [],
  };
}

export const getItem = (db: Db, ctx: AuthedContext, id: string, now: Date) => detail(db, ctx, id, now);

export function partiesOf(item: ItemT) {
  return {
    leadUnitId: item.leadUnitId,
    coUnitIds: item.coUnits.map((c) => c.unitId),
    raisedByUserId: item.raisedByUserId,
    raisedByUnitId: item.raisedByUnitId,
  };
}

export function factsOf(item: ItemT, pendingExtension: boolean, actorUnitId: string | null): ItemFacts {
  return {
    state: item.state,
    pendingExtension,
    openCoUnits: item.coUnits.filter((c) => c.status === 'open').map((c) => c.unitId),
    ownCoPartOpen: item.coUnits.some((c) => c.unitId === actorUnitId && c.status === 'open'),
    rated: item.rating !== null,
    flagged: item.flaggedForMeeting,
    escalation: item.escalation,
  };
}

async function checkCategory(db: DbOrTx, code: string) {
  const row = await db
    .selectFrom('dictionary_entries')
    .select('id')
    .where('dict', '=', 'item_category')
    .where('code', '=', code)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!row) throw new DomainError('CATEGORY_INVALID', { category: code });
}

export async function checkUnits(db: DbOrTx, ids: readonly string[], code: 'LEAD_UNIT_INVALID' | 'VALIDATION_FAILED') {
  if (!ids.length) return;
  const rows = await db.selectFrom('units').select('id').where('id', 'in', ids).where('active', '=', true).execute();
  if (rows.length !== new Set(ids).size) throw new DomainError(code, { unitIds: ids });
}

export interface EventInput {
  action: string;
  from: ItemState | null;
  to: ItemState | null;
  note?: string;
  data?: Record<string, unknown> | null;
  public?: boolean;
}

export async function addEvent(tx: DbOrTx, ctx: AuthedContext, itemId: string, e: EventInput): Promise<string> {
  const row = await tx
    .insertInto('item_events')
    .values({
      item_id: itemId,
      at: ctx.audit.clock.now(),
      actor_user_id: ctx.actor.userId,
      actor_unit_id: ctx.actor.unitId,
      action: e.action,
      from_state: e.from,
      to_state: e.to,
      note: e.note ?? '',
      data: e.data ? JSON.stringify(e.data) : null,
      public: e.public ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Registers an item: number, row, timeline, audit and notification in one transaction. */
export async function createItem(db: Db, ctx: AuthedContext, body: RouteBody<'createItem'>, now: Date) {
  const row = await db.transaction().execute((tx) => insertItem(tx, ctx, body, now));
  return detail(db, ctx, row.id, now);
}

/**
 * Registers an item inside the caller's transaction (a meeting decision creates its item in its own): the checks,
 * the number, the row, its timeline, audit event and notification. Returns the new row.
 */
export async function insertItem(
  tx: Tx,
  ctx: AuthedContext,
  body: RouteBody<'createItem'>,
  now: Date,
): Promise<ItemRow> {
  await checkCategory(tx, body.category);
  if (body.countyUnitId) await checkUnits(tx, [body.countyUnitId], 'VALIDATION_FAILED');
  // Only a leader gives a leader's instruction; a meeting decision comes from the office.
  if (body.source === 'leader_instruction' && !ctx.actor.roles.includes('leader') && !can(ctx.actor, 'item.dispatch')) {
    throw new DomainError('FORBIDDEN', { source: body.source });
  }
  if (body.source === 'meeting_decision' && !can(ctx.actor, 'item.dispatch')) {
    throw new DomainError('FORBIDDEN', { source: body.source });
  }
  if (body.source === 'enterprise_demand' && !can(ctx.actor, 'item.dispatch') && !can(ctx.actor, 'item.handle')) {
    throw new DomainError('FORBIDDEN', { source: body.source });
  }
  const year = shanghaiYear(now);
  const coordination = body.source === 'coordination';
  const state: ItemState = body.submit || coordination ? 'pending_dispatch' : 'draft';
  const seq = await nextNumber(tx, 'item', year);
  const row = await tx
    .insertInto('items')
    .values({
      year,
      seq,
      title: body.title.trim(),
      description: body.description,
      category: body.category,
      source: body.source,
      source_ref: body.sourceRef ?? '',
      priority: body.priority,
      state,
      county_unit_id: body.countyUnitId ?? null,
      raised_by_user_id: ctx.actor.userId,
      raised_by_unit_id: ctx.actor.unitId,
      tags: body.tags ?? [],
      // A coordination request (一协调) goes on the agenda of the next meeting.
      flagged_for_meeting: coordination,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await addEvent(tx, ctx, row.id, { action: 'create', from: null, to: state });
  await appendAudit(tx, ctx.audit, {
    action: 'item.create',
    entityType: 'item',
    entityId: row.id,
    unitId: ctx.actor.unitId,
    after: auditItem(row),
  });
  if (state === 'pending_dispatch')
    await notifyItem(tx, row, 'item_submitted', `${row.id}:submitted`, now, {
      roles: ['hq_dispatcher'],
      exceptUserId: ctx.actor.userId,
    });
  return row;
}

export async function updateItem(db: Db, ctx: AuthedContext, id: string, body: RouteBody<'updateItem'>, now: Date) {
  await db.transaction().execute(async (tx) => {
    const row = await lockItem(tx, id);
    if (!row) throw notFound();
    const visible = await findVisible(tx, ctx, id);
    if (row.version !== body.version) throw versionConflict(row.version);
    const relations = relationsOf(ctx.actor, partiesOf(presentItem(visible, now)));
    // The same rule as the item's `canEdit` (canEditItem), told apart: the wrong state, or not an editor.
    if (!EDITABLE_STATES.includes(row.state as ItemState)) {
      throw new DomainError('ITEM_INVALID_TRANSITION', { state: row.state, action: 'edit' });
    }
    if (!isItemEditor(relations)) throw new DomainError('FORBIDDEN');
    if (body.category) await checkCategory(tx, body.category);
    if (body.countyUnitId) await checkUnits(tx, [body.countyUnitId], 'VALIDATION_FAILED');
    const updated = await tx
      .updateTable('items')
      .set({
        ...(body.title !== undefined ? { title: body.title.trim() } : {}),
        ...(body.description !== undefined ? { description: body.description } : {}),
        ...(body.category !== undefined ? { category: body.category } : {}),
        ...(body.sourceRef !== undefined ? { source_ref: body.sourceRef } : {}),
        ...(body.priority !== undefined ? { priority: body.priority } : {}),
        ...(body.countyUnitId !== undefined ? { county_unit_id: body.countyUnitId } : {}),
        ...(body.tags !== undefined ? { tags: body.tags } : {}),
        version: row.version + 1,
        updated_at: now,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await addEvent(tx, ctx, id, { action: 'edit', from: row.state as ItemState, to: row.state as ItemState });
    await appendAudit(tx, ctx.audit, {
      action: 'item.update',
      entityType: 'item',
      entityId: id,
      unitId: row.lead_unit_id ?? row.raised_by_unit_id,
      before: auditItem(row),
      after: auditItem(updated),
    });
  });
  return detail(db, ctx, id, now);
}

export async function notifyItem(
  tx: DbOrTx,
  row: ItemRow,
  event: NotificationEvent,
  key: string,
  now: Date,
  to: { units?: (string | null)[]; users?: string[]; roles?: ('hq_dispatcher' | 'leader')[]; exceptUserId?: string },
  extra: Record<string, unknown> = {},
) {
  await notify(tx, {
    event,
    entityType: 'item',
    entityId: row.id,
    params: { number: formatItemNumber(row.year, row.seq), title: row.title, ...extra },
    dedupeKey: `item:${key}`,
    at: now,
    units: (to.units ?? []).filter((u): u is string => !!u),
    users: to.users ?? [],
    roles: to.roles ?? [],
    exceptUserId: to.exceptUserId ?? null,
  });
}

export async function itemEvents(db: Db, ctx: AuthedContext, id: string) {
  await findVisible(db, ctx, id);
  const rows = await db
    .selectFrom('item_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_user_id')
    .selectAll('e')
    .select('u.display_name')
    .where('e.item_id', '=', id)
    .orderBy('e.id')
    .limit(1000)
    .execute();
  return {
    items: rows.map((e) => ({
      id: e.id,
      at: new Date(e.at).toISOString(),
      actorUserId: e.actor_user_id,
      actorName: e.display_name ?? '',
      actorUnitId: e.actor_unit_id,
      action: e.action,
      fromState: e.from_state as ItemState | null,
      toState: e.to_state as ItemState | null,
      note: e.note,
      data: (e.data ?? null) as Record<string, unknown> | null,
      public: e.public,
    })),
    total: rows.length,
  };
}

/** Who may add files: the dispatcher, the lead and co-units, the raiser — while the item is not finished. */
export async function uploadAttachment(
  db: Db,
  storage: FileStorage,
  ctx: AuthedContext,
  id: string,
  upload: Upload,
  now: Date,
): Promise<AttachmentT> {
  const visible = await findVisible(db, ctx, id);
  const item = presentItem(visible, now);
  if (relationsOf(ctx.actor, partiesOf(item)).length === 0) throw new DomainError('FORBIDDEN');
  if (['closed', 'cancelled'].includes(item.state)) {
    throw new DomainError('ITEM_INVALID_TRANSITION', { state: item.state, action: 'attach' });
  }
  const kind = detectFileKind(upload.bytes, upload.fileName);
  if (!kind) throw new DomainError('ATTACHMENT_TYPE_NOT_ALLOWED', { fileName: upload.fileName.slice(0, 100) });
  const fileName = sanitizeFileName(upload.fileName, kind);
  const key = await storage.put(upload.bytes);
  try {
    const row = await db.transaction().execute(async (tx) => {
      const eventId = await addEvent(tx, ctx, id, {
        action: 'attach',
        from: null,
        to: null,
        note: fileName,
      });
      const inserted = await tx
        .insertInto('item_attachments')
        .values({
          item_id: id,
          event_id: eventId,
          file_name: fileName,
          content_type: FILE_KIND_TYPES[kind],
          size: upload.bytes.length,
          sha256: createHash('sha256').update(upload.bytes).digest('hex'),
          storage_key: key,
          uploaded_by: ctx.actor.userId,
          unit_id: ctx.actor.unitId,
          created_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await appendAudit(tx, ctx.audit, {
        action: 'item.attach',
        entityType: 'item',
        entityId: id,
        unitId: item.leadUnitId ?? item.raisedByUnitId,
        after: { fileName, size: upload.bytes.length, sha256: inserted.sha256 },
      });
      return inserted;
    });
    return {
      id: row.id,
      fileName: row.file_name,
      contentType: row.content_type,
      size: Number(row.size),
      uploadedBy: row.uploaded_by,
      uploadedByName: ctx.actor.displayName,
      unitId: row.unit_id,
      eventId: row.event_id,
      createdAt: new Date(row.created_at).toISOString(),
    };
  } catch (err) {
    // Nothing was recorded: do not keep an orphan file.
    await storage.remove(key);
    throw err;
  }
}

export async function findAttachment(db: Db, ctx: AuthedContext, id: string, attachmentId: string) {
  await findVisible(db, ctx, id);
  const row = await db
    .selectFrom('item_attachments')
    .selectAll()
    .where('id', '=', attachmentId)
    .where('item_id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}
