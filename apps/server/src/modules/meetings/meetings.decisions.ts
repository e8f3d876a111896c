/**
 * Decisions on a dispatch meeting's agenda entries: a new item (dispatched at once with a lead unit), the entry's
 * item put into the meeting's draft assignment order, or a note; the item discussed records the decision.
 */
import { can, type RouteBody } from '@zaitun/contracts';
import type { Db, Tx } from '../../db/database';
import type { AuthedContext } from '../../http/context';
import { appendAudit } from '../../lib/audit';
import { DomainError, forbidden, notFound, versionConflict } from '../../lib/errors';
import { runAction } from '../items/items.actions';
import { formatItemNumber } from '../items/items.domain';
import { insertItem } from '../items/items.service';
import { addItemToDraft, insertDraftOrder } from '../orders/orders.service';
import { decisionChange, formatMeetingNumber, meetingSourceRef } from './meetings.domain';
import { lockEntry, lockMeeting } from './meetings.repository';
import { findVisible, getMeeting } from './meetings.service';

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
