/**
 * Writes the generated dispatch history (demo-dispatch.plan.ts) into an empty dispatch schema, in one transaction,
 * with one audit event summarising it. Runs on the first start of a demo installation (not with
 * SEED_DEMO_ACCOUNTS=false).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Tx } from '../db/database';
import { type AuditContext, appendAudit } from '../lib/audit';
import { loadCalendar } from '../modules/calendar/calendar.repository';
import { loadDispatchSettings } from '../modules/settings/settings.repository';
import { type DemoPlan, planDemoDispatch } from './demo-dispatch.plan';

const CHUNK = 500;

async function insertChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

export async function seedDemoDispatch(db: Db, ctx: AuditContext): Promise<DemoPlan | null> {
  if (await db.selectFrom('items').select('id').limit(1).executeTakeFirst()) return null;
  const now = ctx.clock.now();
  const [units, users, cal, { settings }] = await Promise.all([
    db.selectFrom('units').select(['id', 'code', 'type', 'name_zh']).where('active', '=', true).execute(),
    db.selectFrom('users').select(['id', 'username', 'unit_id', 'roles']).execute(),
    loadCalendar(db),
    loadDispatchSettings(db),
  ]);
  const dispatcher = users.find((u) => u.roles.includes('hq_dispatcher'));
  const leader = users.find((u) => u.roles.includes('leader'));
  if (!dispatcher || !leader) return null;
  const unitUsers = new Map<string, string>();
  for (const u of users) {
    if (u.unit_id && (u.roles.includes('unit_staff') || u.roles.includes('unit_admin')) && !unitUsers.has(u.unit_id)) {
      unitUsers.set(u.unit_id, u.id);
    }
  }
  const plan = planDemoDispatch({
    now,
    cal,
    settings,
    units: units.map((u) => ({ id: u.id, code: u.code, type: u.type, nameZh: u.name_zh })),
    dispatcherId: dispatcher.id,
    leaderId: leader.id,
    unitUsers,
  });
  await db.transaction().execute((tx) => write(tx, ctx, plan, dispatcher.id));
  return plan;
}

async function write(tx: Tx, ctx: AuditContext, plan: DemoPlan, dispatcherId: string) {
  const ids = new Map(plan.items.map((it) => [it.id, randomUUID()]));
  const idOf = (n: number) => ids.get(n) as string;
  await insertChunks(plan.items, (chunk) =>
    tx
      .insertInto('items')
      .values(
        chunk.map((it) => ({
          id: idOf(it.id),
          year: it.year,
          seq: it.seq,
          title: it.title,
          description: it.description,
          category: it.category,
          source: it.source,
          source_ref: it.sourceRef,
          priority: it.priority,
          state: it.state,
          county_unit_id: it.countyUnitId,
          lead_unit_id: it.leadUnitId,
          raised_by_user_id: it.raisedByUserId,
          raised_by_unit_id: it.raisedByUnitId,
          dispatched_at: it.dispatchedAt,
          sign_by: it.signBy,
          signed_at: it.signedAt,
          deadline: it.deadline,
          original_deadline: it.originalDeadline,
          yellow_at: it.yellowAt,
          escalate_yellow_at: it.escalateYellowAt,
          escalate_red_at: it.escalateRedAt,
          resolved_at: it.resolvedAt,
          closed_at: it.closedAt,
          cancelled_at: it.cancelledAt,
          light_notified: it.lightNotified,
          sign_overdue_notified: it.signOverdueNotified,
          escalation: it.escalation,
          urge_count: it.urges.length,
          redo_count: it.redoCount,
          extension_count: it.extensions.filter((x) => x.state === 'approved').length,
          flagged_for_meeting: it.flagged,
          answer: it.answer,
          rating: it.rating,
          rating_comment: it.ratingComment,
          rated_at: it.ratedAt,
          cancel_reason: it.cancelReason,
          created_at: it.registeredAt,
          updated_at: it.updatedAt,
        })),
      )
      .execute(),
  );
  const co = plan.items.flatMap((it) =>
    it.coUnits.map((c) => ({
      item_id: idOf(it.id),
      unit_id: c.unitId,
      status: c.status,
      contribution: c.contribution,
      done_at: c.doneAt,
    })),
  );
  await insertChunks(co, (chunk) => tx.insertInto('item_co_units').values(chunk).execute());
  const events = plan.items
    .flatMap((it) => it.events.map((e) => ({ ...e, itemId: idOf(it.id) })))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  await insertChunks(events, (chunk) =>
    tx
      .insertInto('item_events')
      .values(
        chunk.map((e) => ({
          item_id: e.itemId,
          at: e.at,
          actor_user_id: e.actorUserId,
          actor_unit_id: e.actorUnitId,
          action: e.action,
          from_state: e.from,
          to_state: e.to,
          note: e.note,
          data: e.data ? JSON.stringify(e.data) : null,
          public: e.public,
        })),
      )
      .execute(),
  );
  const urges = plan.items.flatMap((it) =>
    it.urges.map((u) => ({ item_id: idOf(it.id), unit_id: u.unitId, by_user: dispatcherId, at: u.at })),
  );
  await insertChunks(urges, (chunk) => tx.insertInto('item_urges').values(chunk).execute());
  const escalations = plan.items.flatMap((it) =>
    it.escalations.map((e) => ({ item_id: idOf(it.id), level: e.level, auto: e.auto, by_user: null, at: e.at })),
  );
  await insertChunks(escalations, (chunk) =>
    tx
      .insertInto('item_escalations')
      .values(chunk)
      .onConflict((oc) => oc.columns(['item_id', 'level']).doNothing())
      .execute(),
  );
  const extensions = plan.items.flatMap((it) =>
    it.extensions.map((x) => ({
      item_id: idOf(it.id),
      requested_by: it.events.find((e) => e.action === 'request_extension')?.actorUserId ?? it.raisedByUserId,
      requested_at: x.requestedAt,
      reason: x.reason,
      requested_deadline: x.requested,
      state: x.state,
      decided_by: x.decidedAt ? dispatcherId : null,
      decided_at: x.decidedAt,
    })),
  );
  await insertChunks(extensions, (chunk) => tx.insertInto('item_extensions').values(chunk).execute());

  const meetingIds = new Map<string, string>();
  for (const m of plan.meetings) meetingIds.set(`${m.year}:${m.seq}`, randomUUID());
  if (plan.meetings.length) {
    await tx
      .insertInto('meetings')
      .values(
        plan.meetings.map((m) => ({
          id: meetingIds.get(`${m.year}:${m.seq}`) as string,
          year: m.year,
          seq: m.seq,
          type: m.type,
          title: m.title,
          held_at: m.heldAt,
          place: '市商务局三楼会议室',
          chair: '总指挥部副指挥长',
          attending_unit_ids: m.attendingUnitIds,
          state: m.state,
          minutes: m.minutes,
          created_by: dispatcherId,
          created_at: new Date(m.heldAt.getTime() - 3 * 24 * 3600_000),
          updated_at: m.heldAt,
        })),
      )
      .execute();
  }
  const orderIds = new Map<string, string>();
  for (const o of plan.orders) orderIds.set(`${o.year}:${o.seq}`, randomUUID());
  if (plan.orders.length) {
    await tx
      .insertInto('orders')
      .values(
        plan.orders.map((o) => ({
          id: orderIds.get(`${o.year}:${o.seq}`) as string,
          year: o.year,
          seq: o.seq,
          number: o.number,
          title: o.title,
          requirements: o.requirements,
          feedback_due: o.feedbackDue,
          state: o.state,
          issuer_user_id: dispatcherId,
          meeting_id: o.meetingSeq ? (meetingIds.get(`${o.year}:${o.meetingSeq}`) ?? null) : null,
          issued_at: o.issuedAt,
          completed_at: o.completedAt,
          created_at: new Date(o.issuedAt.getTime() - 2 * 3600_000),
          updated_at: o.completedAt ?? o.issuedAt,
        })),
      )
      .execute();
    await insertChunks(
      plan.orders.flatMap((o) =>
        o.itemIds.map((itemId, position) => ({
          order_id: orderIds.get(`${o.year}:${o.seq}`) as string,
          item_id: idOf(itemId),
          position: position + 1,
        })),
      ),
      (chunk) => tx.insertInto('order_items').values(chunk).execute(),
    );
    await insertChunks(
      plan.orders.flatMap((o) =>
        o.units.map((u) => ({
          order_id: orderIds.get(`${o.year}:${o.seq}`) as string,
          unit_id: u.unitId,
          role: u.role,
          confirmed_at: u.confirmedAt,
        })),
      ),
      (chunk) => tx.insertInto('order_units').values(chunk).execute(),
    );
  }
  const orderOfMeeting = new Map<string, string>();
  for (const o of plan.orders) {
    if (o.meetingSeq) orderOfMeeting.set(`${o.year}:${o.meetingSeq}`, orderIds.get(`${o.year}:${o.seq}`) as string);
  }
  const agenda = plan.meetings.flatMap((m) =>
    m.agenda.map((a, i) => ({
      meeting_id: meetingIds.get(`${m.year}:${m.seq}`) as string,
      position: i + 1,
      item_id: a.itemId === null ? null : idOf(a.itemId),
      unit_id: a.unitId,
      topic: a.topic,
      reason: a.reason,
      decision_kind: a.decisionKind,
      decision: a.decision,
      created_item_id: a.createdItemId === null ? null : idOf(a.createdItemId),
      order_id: a.decisionKind === 'order' ? (orderOfMeeting.get(`${m.year}:${m.seq}`) ?? null) : null,
    })),
  );
  await insertChunks(agenda, (chunk) => tx.insertInto('meeting_agenda').values(chunk).execute());

  // The counters continue after the generated numbers.
  const counters = new Map<string, number>();
  const bump = (scope: string, year: number, seq: number) =>
    counters.set(`${scope}:${year}`, Math.max(counters.get(`${scope}:${year}`) ?? 0, seq));
  for (const it of plan.items) bump('item', it.year, it.seq);
  for (const o of plan.orders) bump('order', o.year, o.seq);
  for (const m of plan.meetings) bump('meeting', m.year, m.seq);
  for (const [key, value] of counters) {
    const [scope, year] = key.split(':') as [string, string];
    await sql`INSERT INTO counters (scope, year, value) VALUES (${scope}, ${Number(year)}, ${value})
      ON CONFLICT (scope, year) DO UPDATE SET value = GREATEST(counters.value, EXCLUDED.value)`.execute(tx);
  }
  await appendAudit(tx, ctx, {
    action: 'seed.demo_dispatch',
    entityType: 'system',
    entityId: null,
    unitId: null,
    after: {
      items: plan.items.length,
      events: events.length,
      meetings: plan.meetings.length,
      orders: plan.orders.length,
    },
  });
}
