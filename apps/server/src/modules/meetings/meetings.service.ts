/**
 * Dispatch meetings (调度会): scheduling (numbered per year, attending units told), the agenda prepared from the
 * open items, manual entries, decisions that become items or orders, minutes, and marking the meeting held.
 */
import {
  type AgendaReason,
  can,
  type MeetingDetailT,
  type MeetingState,
  type RouteBody,
  type RouteQuery,
} from '@zaitun/contracts';
import type { Updateable } from 'kysely';
import type { Db, DbOrTx, Tx } from '../../db/database';
import type { MeetingRow, MeetingsTable } from '../../db/types';
import type { AuthedContext } from '../../http/context';
import { appendAudit } from '../../lib/audit';
import { DomainError, forbidden, notFound, versionConflict } from '../../lib/errors';
import { shanghaiDate } from '../calendar/calendar.domain';
import { runAction } from '../items/items.actions';
import { formatItemNumber } from '../items/items.domain';
import { nextNumber } from '../items/items.repository';
import { insertItem } from '../items/items.service';
import { notify } from '../notifications/notify';
import { addItemToDraft, insertDraftOrder } from '../orders/orders.service';
import {
  type AgendaLine,
  agendaReason,
  agendaUnitOf,
  canChangeAgenda,
  decisionChange,
  formatMeetingNumber,
  meetingSourceRef,
  orderAgenda,
} from './meetings.domain';
import {
  agendaCandidates,
  agendaOf,
  auditMeeting,
  lockEntry,
  lockMeeting,
  meetingListFilter,
  meetingListOrder,
  meetingVisibleTo,
  presentMeeting,
  reorderAgenda,
  selectMeetings,
  unitDisplayOrder,
} from './meetings.repository';

const shanghaiYear = (d: Date) => Number(shanghaiDate(d).slice(0, 4));

async function findVisible(db: DbOrTx, ctx: AuthedContext, id: string) {
  const row = await selectMeetings(db)
    .where('meetings.id', '=', id)
    .where(meetingVisibleTo(ctx.actor))
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

export async function getMeeting(db: DbOrTx, ctx: AuthedContext, id: string, now: Date): Promise<MeetingDetailT> {
  const row = await findVisible(db, ctx, id);
  return {
    meeting: presentMeeting(row),
    agenda: await agendaOf(db, id, now),
    editable: can(ctx.actor, 'meeting.write'),
  };
}

export async function listMeetings(db: Db, ctx: AuthedContext, query: RouteQuery<'listMeetings'>) {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const where = meetingListFilter(ctx.actor, query);
  const [rows, count] = await Promise.all([
    selectMeetings(db)
      .where(where)
      .orderBy(meetingListOrder)
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    db
      .selectFrom('meetings')
      .where(where)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(presentMeeting), total: Number(count.n), page, pageSize };
}

async function checkUnits(db: DbOrTx, ids: readonly string[], code: 'VALIDATION_FAILED' | 'LEAD_UNIT_INVALID') {
  if (!ids.length) return;
  const rows = await db
    .selectFrom('units')
    .select('id')
    .where('id', 'in', [...ids])
    .where('active', '=', true)
    .execute();
  if (rows.length !== new Set(ids).size) throw new DomainError(code, { unitIds: ids });
}

/** Tells the attending units; a unit already told about this meeting is not told again. */
async function notifyAttending(tx: DbOrTx, ctx: AuthedContext, row: MeetingRow, now: Date) {
  await notify(tx, {
    event: 'meeting_scheduled',
    entityType: 'meeting',
    entityId: row.id,
    params: {
      number: formatMeetingNumber(row.year, row.seq),
      title: row.title,
      heldAt: new Date(row.held_at).toISOString(),
      place: row.place,
    },
    dedupeKey: `meeting:${row.id}:scheduled`,
    at: now,
    units: row.attending_unit_ids,
    exceptUserId: ctx.actor.userId,
  });
}

export async function createMeeting(db: Db, ctx: AuthedContext, body: RouteBody<'createMeeting'>, now: Date) {
  const attending = body.attendingUnitIds ?? [];
  await checkUnits(db, attending, 'VALIDATION_FAILED');
  const heldAt = new Date(body.heldAt);
  const id = await db.transaction().execute(async (tx) => {
    const year = shanghaiYear(heldAt);
    const seq = await nextNumber(tx, 'meeting', year);
    const row = await tx
      .insertInto('meetings')
      .values({
        year,
        seq,
        type: body.type,
        title: body.title.trim(),
        held_at: heldAt,
        place: body.place ?? '',
        chair: body.chair ?? '',
        attending_unit_ids: attending,
        created_by: ctx.actor.userId,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(tx, ctx.audit, {
      action: 'meeting.create',
      entityType: 'meeting',
      entityId: row.id,
      unitId: ctx.actor.unitId,
      after: auditMeeting(row),
    });
    await notifyAttending(tx, ctx, row, now);
    return row.id;
  });
  return getMeeting(db, ctx, id, now);
}

/**
 * A versioned change of the meeting row under its lock, audited; `apply` checks the rules, may change the agenda,
 * and returns the columns to set.
 */
async function changeMeeting(
  db: Db,
  ctx: AuthedContext,
  id: string,
  version: number,
  action: string,
  now: Date,
  apply: (tx: Tx, before: MeetingRow) => Promise<Updateable<MeetingsTable>>,
): Promise<MeetingDetailT> {
  await findVisible(db, ctx, id);
  await db.transaction().execute(async (tx) => {
    const before = await lockMeeting(tx, id);
    if (!before) throw notFound();
    if (before.version !== version) throw versionConflict(before.version);
    const set = await apply(tx, before);
    const after = await tx
      .updateTable('meetings')
      .set({ ...set, version: before.version + 1, updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(tx, ctx.audit, {
      action: `meeting.${action}`,
      entityType: 'meeting',
      entityId: id,
      unitId: ctx.actor.unitId,
      before: auditMeeting(before),
      after: auditMeeting(after),
    });
    if (action === 'update') await notifyAttending(tx, ctx, after, now);
  });
  return getMeeting(db, ctx, id, now);
}

export async function updateMeeting(
  db: Db,
  ctx: AuthedContext,
  id: string,
  body: RouteBody<'updateMeeting'>,
  now: Date,
) {
  if (body.attendingUnitIds) await checkUnits(db, body.attendingUnitIds, 'VALIDATION_FAILED');
  return changeMeeting(db, ctx, id, body.version, 'update', now, async () => ({
    ...(body.type !== undefined ? { type: body.type } : {}),
    ...(body.title !== undefined ? { title: body.title.trim() } : {}),
    ...(body.heldAt !== undefined ? { held_at: new Date(body.heldAt) } : {}),
    ...(body.place !== undefined ? { place: body.place } : {}),
    ...(body.chair !== undefined ? { chair: body.chair } : {}),
    ...(body.attendingUnitIds !== undefined ? { attending_unit_ids: body.attendingUnitIds } : {}),
    ...(body.minutes !== undefined ? { minutes: body.minutes } : {}),
  }));
}

export async function holdMeeting(db: Db, ctx: AuthedContext, id: string, version: number, now: Date) {
  return changeMeeting(db, ctx, id, version, 'hold', now, async (_tx, before) => {
    if (before.state !== 'planned') throw new DomainError('MEETING_INVALID', { state: before.state, action: 'hold' });
    return { state: 'held' };
  });
}

function requirePlanned(before: MeetingRow, action: string) {
  if (!canChangeAgenda(before.state as MeetingState)) {
    throw new DomainError('MEETING_INVALID', { state: before.state, action });
  }
}

/** Puts every entry in the agenda's order (grouped by unit, red → yellow → flagged → coordination, then manual). */
async function renumber(tx: Tx, meetingId: string, reasons: Map<string, AgendaReason> = new Map()) {
  const rows = await tx
    .selectFrom('meeting_agenda as a')
    .leftJoin('items as i', 'i.id', 'a.item_id')
    .select(['a.id', 'a.unit_id', 'a.reason', 'a.position', 'i.deadline', 'i.year', 'i.seq'])
    .where('a.meeting_id', '=', meetingId)
    .execute();
  const lines: AgendaLine[] = rows.map((r) => ({
    id: r.id,
    unitId: r.unit_id,
    reason: reasons.get(r.id) ?? (r.reason as AgendaReason),
    deadline: r.deadline ? new Date(r.deadline) : null,
    year: r.year,
    seq: r.seq,
    position: r.position,
  }));
  const unitOrder = await unitDisplayOrder(tx, [...new Set(lines.map((l) => l.unitId).filter((u) => u !== null))]);
  const ordered = orderAgenda(lines, unitOrder);
  await reorderAgenda(
    tx,
    ordered.map((l, i) => ({ id: l.id, position: i + 1, reason: l.reason })),
  );
}

/**
 * Prepares the agenda from the open items: red, yellow, flagged, coordination. Preparing again adds what is new
 * and refreshes the reasons of entries already there (an item on the agenda is never added twice).
 */
export async function prepareAgenda(db: Db, ctx: AuthedContext, id: string, version: number, now: Date) {
  return changeMeeting(db, ctx, id, version, 'prepare_agenda', now, async (tx, before) => {
    requirePlanned(before, 'prepare_agenda');
    const candidates = await agendaCandidates(tx, now);
    const existing = await tx
      .selectFrom('meeting_agenda')
      .select(['id', 'item_id', 'reason'])
      .where('meeting_id', '=', id)
      .execute();
    const byItem = new Map(existing.filter((e) => e.item_id).map((e) => [e.item_id as string, e]));
    const reasons = new Map<string, AgendaReason>();
    const fresh: { item: (typeof candidates)[number]; reason: AgendaReason }[] = [];
    for (const item of candidates) {
      const reason = agendaReason(item, now);
      if (!reason) continue;
      const present = byItem.get(item.id);
      if (!present) fresh.push({ item, reason });
      else if (present.reason !== 'manual') reasons.set(present.id, reason);
    }
    if (fresh.length) {
      await tx
        .insertInto('meeting_agenda')
        .values(
          fresh.map(({ item, reason }, i) => ({
            meeting_id: id,
            position: existing.length + i + 1,
            item_id: item.id,
            unit_id: agendaUnitOf(item),
            topic: item.title,
            reason,
          })),
        )
        .execute();
    }
    await renumber(tx, id, reasons);
    return {};
  });
}

export async function addAgendaEntry(
  db: Db,
  ctx: AuthedContext,
  id: string,
  body: RouteBody<'addAgendaEntry'>,
  now: Date,
) {
  return changeMeeting(db, ctx, id, body.version, 'add_agenda', now, async (tx, before) => {
    requirePlanned(before, 'add_agenda');
    let unitId = body.unitId ?? null;
    if (body.itemId) {
      const item = await tx
        .selectFrom('items')
        .select(['id', 'lead_unit_id', 'raised_by_unit_id', 'state'])
        .where('id', '=', body.itemId)
        .executeTakeFirst();
      if (!item || item.state === 'draft') throw new DomainError('VALIDATION_FAILED', { itemId: body.itemId });
      const dup = await tx
        .selectFrom('meeting_agenda')
        .select('id')
        .where('meeting_id', '=', id)
        .where('item_id', '=', body.itemId)
        .executeTakeFirst();
      if (dup) throw new DomainError('MEETING_INVALID', { failed: 'already_on_agenda', itemId: body.itemId });
      unitId ??= item.lead_unit_id ?? item.raised_by_unit_id;
    }
    if (unitId) await checkUnits(tx, [unitId], 'VALIDATION_FAILED');
    const count = await tx
      .selectFrom('meeting_agenda')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('meeting_id', '=', id)
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('meeting_agenda')
      .values({
        meeting_id: id,
        position: Number(count.n) + 1,
        item_id: body.itemId ?? null,
        unit_id: unitId,
        topic: body.topic.trim(),
        reason: 'manual',
      })
      .execute();
    return {};
  });
}

export async function removeAgendaEntry(
  db: Db,
  ctx: AuthedContext,
  id: string,
  entryId: string,
  version: number,
  now: Date,
) {
  await findVisible(db, ctx, id);
  await db.transaction().execute(async (tx) => {
    const meeting = await lockMeeting(tx, id);
    if (!meeting) throw notFound();
    requirePlanned(meeting, 'remove_agenda');
    const entry = await lockEntry(tx, id, entryId);
    if (!entry) throw notFound();
    if (entry.version !== version) throw versionConflict(entry.version);
    if (entry.decision_kind) throw new DomainError('MEETING_INVALID', { failed: 'decided', entryId });
    await tx.deleteFrom('meeting_agenda').where('id', '=', entryId).execute();
    await tx
      .updateTable('meetings')
      .set({ version: meeting.version + 1, updated_at: now })
      .where('id', '=', id)
      .execute();
    await appendAudit(tx, ctx.audit, {
      action: 'meeting.remove_agenda',
      entityType: 'meeting',
      entityId: id,
      unitId: ctx.actor.unitId,
      before: { entry: { topic: entry.topic, itemId: entry.item_id, reason: entry.reason } },
      after: null,
    });
    await renumber(tx, id);
  });
  return getMeeting(db, ctx, id, now);
}

/**
 * Records the decision on an agenda entry. `item`: a new item (source meeting_decision, source_ref 第N次调度会),
 * dispatched at once when a lead unit is given; `order`: the entry's item goes into this meeting's draft order
 * (created when there is none); `note`: the text only. The entry's item, if flagged for a meeting, is unflagged,
 * and its timeline records the decision. All in one transaction: a new item that cannot be created or dispatched
 * leaves no decision behind, and a decision that cannot be recorded leaves no item.
 */
export async function decideAgendaEntry(
  db: Db,
  ctx: AuthedContext,
  id: string,
  entryId: string,
  body: RouteBody<'decideAgendaEntry'>,
  now: Date,
) {
  const meeting = await findVisible(db, ctx, id);
  if (!can(ctx.actor, 'meeting.write')) throw forbidden();
  const current = await db
    .selectFrom('meeting_agenda')
    .selectAll()
    .where('id', '=', entryId)
    .where('meeting_id', '=', id)
    .executeTakeFirst();
  if (!current) throw notFound();
  if (current.version !== body.version) throw versionConflict(current.version);
  const check = (e: typeof current) => {
    const verdict = decisionChange(
      { decisionKind: e.decision_kind, createdItemId: e.created_item_id, orderId: e.order_id, itemId: e.item_id },
      body.kind,
    );
    if (verdict !== 'ok') throw new DomainError('MEETING_INVALID', { failed: verdict, entryId });
  };
  check(current);
  const sourceRef = meetingSourceRef(meeting.seq);

  await db.transaction().execute(async (tx) => {
    // Meeting, then entry, then items, then orders: one lock order for every decision of this meeting.
    await lockMeeting(tx, id);
    const entry = await lockEntry(tx, id, entryId);
    if (!entry) throw notFound();
    if (entry.version !== body.version) throw versionConflict(entry.version);
    check(entry);
    // "item": the new item is registered (and dispatched, with a lead unit) in this same transaction.
    const createdItemId =
      entry.created_item_id ??
      (body.kind === 'item' ? await createItemOfDecision(tx, ctx, entry, body, sourceRef, now) : null);
    let orderId = entry.order_id;
    if (body.kind === 'order' && !orderId) {
      const itemId = entry.item_id as string;
      const draft = await tx
        .selectFrom('orders')
        .select('id')
        .where('meeting_id', '=', id)
        .where('state', '=', 'draft')
        .orderBy('created_at')
        .executeTakeFirst();
      if (draft) {
        await addItemToDraft(tx, ctx, draft.id, itemId, now);
        orderId = draft.id;
      } else {
        const order = await insertDraftOrder(
          tx,
          ctx,
          {
            title: `${formatMeetingNumber(meeting.year, meeting.seq)}交办事项`,
            itemIds: [itemId],
            meetingId: id,
          },
          now,
        );
        orderId = order.id;
      }
    }
    const updated = await tx
      .updateTable('meeting_agenda')
      .set({
        decision_kind: body.kind,
        decision: body.decision,
        created_item_id: createdItemId,
        order_id: orderId,
        version: entry.version + 1,
      })
      .where('id', '=', entryId)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (entry.item_id) await recordOnItem(tx, ctx, entry.item_id, `${sourceRef}：${body.decision}`, now);
    await appendAudit(tx, ctx.audit, {
      action: 'meeting.decide',
      entityType: 'meeting',
      entityId: id,
      unitId: ctx.actor.unitId,
      before: { entryId, decisionKind: entry.decision_kind, decision: entry.decision },
      after: {
        entryId,
        decisionKind: updated.decision_kind,
        decision: updated.decision,
        createdItemId: updated.created_item_id,
        orderId: updated.order_id,
      },
    });
  });
  return getMeeting(db, ctx, id, now);
}

/** The item discussed: unflagged if it was flagged for a meeting, and the decision noted on its timeline. */
async function recordOnItem(tx: Tx, ctx: AuthedContext, itemId: string, note: string, now: Date) {
  const item = await tx.selectFrom('items').selectAll().where('id', '=', itemId).forUpdate().executeTakeFirst();
  if (!item) return;
  if (item.flagged_for_meeting) {
    await tx
      .updateTable('items')
      .set({ flagged_for_meeting: false, version: item.version + 1, updated_at: now })
      .where('id', '=', itemId)
      .execute();
    await appendAudit(tx, ctx.audit, {
      action: 'item.unflag',
      entityType: 'item',
      entityId: itemId,
      unitId: item.lead_unit_id ?? item.raised_by_unit_id,
      before: { number: formatItemNumber(item.year, item.seq), flaggedForMeeting: true },
      after: { number: formatItemNumber(item.year, item.seq), flaggedForMeeting: false },
    });
  }
  await tx
    .insertInto('item_events')
    .values({
      item_id: itemId,
      at: now,
      actor_user_id: ctx.actor.userId,
      actor_unit_id: ctx.actor.unitId,
      action: 'meeting_decision',
      from_state: null,
      to_state: null,
      note: note.slice(0, 5000),
      data: item.flagged_for_meeting ? JSON.stringify({ unflagged: true }) : null,
      public: false,
    })
    .execute();
}

/** An "item" decision's new item (source meeting_decision), dispatched at once when the decision names a lead unit. */
async function createItemOfDecision(
  tx: Tx,
  ctx: AuthedContext,
  entry: { topic: string; item_id: string | null },
  body: RouteBody<'decideAgendaEntry'>,
  sourceRef: string,
  now: Date,
): Promise<string> {
  const source = entry.item_id
    ? await tx.selectFrom('items').select(['category', 'priority']).where('id', '=', entry.item_id).executeTakeFirst()
    : undefined;
  const row = await insertItem(
    tx,
    ctx,
    {
      title: body.title ?? entry.topic.slice(0, 200),
      description: body.decision,
      category: body.category ?? source?.category ?? 'other',
      source: 'meeting_decision',
      sourceRef,
      priority: body.priority ?? (source?.priority as 'normal' | undefined) ?? 'normal',
      submit: true,
    },
    now,
  );
  if (body.leadUnitId) {
    await runAction(
      tx,
      ctx,
      row.id,
      {
        action: 'dispatch',
        version: row.version,
        leadUnitId: body.leadUnitId,
        ...(body.coUnitIds ? { coUnitIds: body.coUnitIds } : {}),
        ...(body.deadline ? { deadline: body.deadline } : {}),
      },
      now,
    );
  }
  return row.id;
}
