/**
 * Dispatch meetings (调度会): scheduling (numbered per year, attending units told), reading and listing, edits
 * (minutes included) and marking the meeting held. The agenda is in meetings.agenda.ts, the decisions taken on it
 * (new items, orders) in meetings.decisions.ts.
 */
import { can, type MeetingDetailT, type RouteBody, type RouteQuery } from '@zaitun/contracts';
import type { Updateable } from 'kysely';
import type { Db, DbOrTx, Tx } from '../../db/database';
import type { MeetingRow, MeetingsTable } from '../../db/types';
import type { AuthedContext } from '../../http/context';
import { appendAudit } from '../../lib/audit';
import { DomainError, notFound, versionConflict } from '../../lib/errors';
import { shanghaiDate } from '../calendar/calendar.domain';
import { nextNumber } from '../items/items.repository';
import { checkUnits } from '../items/items.service';
import { notify } from '../notifications/notify';
import { formatMeetingNumber } from './meetings.domain';
import {
  agendaOf,
  auditMeeting,
  lockMeeting,
  meetingListFilter,
  meetingListOrder,
  meetingVisibleTo,
  presentMeeting,
  selectMeetings,
} from './meetings.repository';

const shanghaiYear = (d: Date) => Number(shanghaiDate(d).slice(0, 4));

/** The meeting as `ctx` may see it; out of scope reads as missing (404). */
export async function findVisible(db: DbOrTx, ctx: AuthedContext, id: string) {
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
export async function changeMeeting(
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
