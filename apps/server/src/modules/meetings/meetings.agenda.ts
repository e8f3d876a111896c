/**
 * A dispatch meeting's agenda: prepared from the open items (red, yellow, flagged, coordination), manual entries,
 * removal of an undecided entry, and the order the entries are shown in. Changes only while the meeting is planned.
 */
import type { AgendaReason, MeetingState, RouteBody } from '@zaitun/contracts';
import type { Db, Tx } from '../../db/database';
import type { MeetingRow } from '../../db/types';
import type { AuthedContext } from '../../http/context';
import { appendAudit } from '../../lib/audit';
import { DomainError, notFound, versionConflict } from '../../lib/errors';
import { checkUnits } from '../items/items.service';
import { type AgendaLine, agendaReason, agendaUnitOf, canChangeAgenda, orderAgenda } from './meetings.domain';
import { agendaCandidates, lockEntry, lockMeeting, reorderAgenda, unitDisplayOrder } from './meetings.repository';
import { changeMeeting, findVisible, getMeeting } from './meetings.service';

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
