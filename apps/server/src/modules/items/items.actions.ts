/**
 * The dispatch item's workflow: one action of the state machine (dispatch, sign, return, extensions, progress,
 * co-unit parts, resolve, verify, reject, reopen, urge, escalate, flag, rate) applied under the item's row lock.
 */
import {
  type DispatchSettingsT,
  decide,
  type ItemAction,
  type ItemState,
  type ItemT,
  type NotificationEvent,
  type RouteBody,
  relationsOf,
} from '@zaitun/contracts';
import type { Updateable } from 'kysely';
import type { Db, Tx } from '../../db/database';
import type { ItemRow, ItemsTable } from '../../db/types';
import type { AuthedContext } from '../../http/context';
import { appendAudit } from '../../lib/audit';
import { DomainError, notFound, versionConflict } from '../../lib/errors';
import type { CalendarData } from '../calendar/calendar.domain';
import { loadCalendar } from '../calendar/calendar.repository';
import { FINISHED_ITEM_STATES } from '../orders/orders.domain';
import { completeOrdersOf, reopenOrderOf } from '../orders/orders.service';
import { loadDispatchSettings } from '../settings/settings.repository';
import { clocksFor, defaultDeadline, formatItemNumber, nextEscalation } from './items.domain';
import { auditItem, lockItem, presentItem, visibleTo } from './items.repository';
import { addEvent, checkUnits, detail, factsOf, findVisible, notifyItem, partiesOf } from './items.service';

/** Everything an action needs beyond the item row; the clock rules are read only by the actions that set clocks. */
interface ActEnv {
  tx: Tx;
  ctx: AuthedContext;
  now: Date;
  clockRules: () => Promise<{ settings: DispatchSettingsT; cal: CalendarData }>;
}

/** Runs one action of the state machine on an item, in one transaction, under the item's row lock. */
export async function act(db: Db, ctx: AuthedContext, id: string, body: RouteBody<'itemAction'>, now: Date) {
  await db.transaction().execute((tx) => runAction(tx, ctx, id, body, now));
  return detail(db, ctx, id, now, true);
}

/**
 * One action inside the caller's transaction (a meeting decision dispatches the item it has just created): the row
 * lock, the checks, the effect, the timeline, the audit event, the notifications and the orders that follow.
 */
export async function runAction(
  tx: Tx,
  ctx: AuthedContext,
  id: string,
  body: RouteBody<'itemAction'>,
  now: Date,
): Promise<void> {
  // Lock first, then read it with its co-units: everything below sees one consistent item.
  const row = await lockItem(tx, id);
  if (!row) throw notFound();
  const visible = await findVisible(tx, ctx, id);
  if (row.version !== body.version) throw versionConflict(row.version);
  const item = presentItem(visible, now);
  const pending = await tx
    .selectFrom('item_extensions')
    .selectAll()
    .where('item_id', '=', id)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  const relations = relationsOf(ctx.actor, partiesOf(item));
  const decision = decide(factsOf(item, !!pending, ctx.actor.unitId), body.action, relations, body);
  if (!decision.ok) throw new DomainError(decision.code, decision.details);
  // Read in the transaction (the embedded database has one connection, held by it).
  const clockRules = async () => {
    const [{ settings }, cal] = await Promise.all([loadDispatchSettings(tx), loadCalendar(tx)]);
    return { settings, cal };
  };
  const env: ActEnv = { tx, ctx, now, clockRules };
  const from = row.state as ItemState;
  const to = decision.to;
  const effect = await applyAction(env, row, item, body, pending ?? null);
  const updated = await tx
    .updateTable('items')
    .set({
      ...effect.set,
      state: to,
      ...(decision.rule.redo ? { redo_count: row.redo_count + 1 } : {}),
      version: row.version + 1,
      updated_at: now,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const eventId = await addEvent(tx, ctx, id, {
    action: body.action,
    from,
    to,
    note: effect.note ?? body.reason ?? body.note ?? '',
    data: effect.data ?? null,
    public: effect.public ?? false,
  });
  const coAfter = await tx.selectFrom('item_co_units').select('unit_id').where('item_id', '=', id).execute();
  await appendAudit(tx, ctx.audit, {
    action: `item.${body.action}`,
    entityType: 'item',
    entityId: id,
    unitId: updated.lead_unit_id ?? updated.raised_by_unit_id,
    before: auditItem(
      row,
      item.coUnits.map((c) => c.unitId),
    ),
    after: {
      ...auditItem(
        updated,
        coAfter.map((c) => c.unit_id),
      ),
      ...(effect.data ? { detail: effect.data } : {}),
    },
  });
  for (const n of effect.notify ?? []) {
    await notifyItem(
      tx,
      updated,
      n.event,
      `${id}:${body.action}:${eventId}`,
      now,
      {
        ...n.to,
        exceptUserId: ctx.actor.userId,
      },
      n.params,
    );
  }
  // An assignment order is complete once every item of it is closed or cancelled; a closed item reopened brings
  // its completed order back to issued (a reject starts from resolved: that order was never complete).
  if (FINISHED_ITEM_STATES.includes(to)) await completeOrdersOf(tx, ctx.audit, id, now);
  else if (FINISHED_ITEM_STATES.includes(from)) await reopenOrderOf(tx, ctx.audit, id, now);
}

interface Effect {
  set: Updateable<ItemsTable>;
  note?: string;
  data?: Record<string, unknown>;
  public?: boolean;
  notify?: {
    event: NotificationEvent;
    to: { units?: (string | null)[]; users?: string[]; roles?: ('hq_dispatcher' | 'leader')[] };
    params?: Record<string, unknown>;
  }[];
}

const DISPATCHERS = { roles: ['hq_dispatcher' as const] };

function futureDeadline(value: string | undefined, now: Date): Date | null {
  if (!value) return null;
  const d = new Date(value);
  if (d.getTime() <= now.getTime()) throw new DomainError('DEADLINE_IN_PAST', { deadline: value });
  return d;
}

async function applyAction(
  env: ActEnv,
  row: ItemRow,
  item: ItemT,
  body: RouteBody<'itemAction'>,
  pending: { id: string; requested_deadline: Date } | null,
): Promise<Effect> {
  const { tx, ctx, now } = env;
  const action: ItemAction = body.action;
  const leadOf = (r: ItemRow) => ({ units: [r.lead_unit_id] });
  switch (action) {
    case 'submit':
      return { set: {}, notify: [{ event: 'item_submitted', to: DISPATCHERS }] };

    case 'dispatch': {
      const lead = body.leadUnitId as string;
      const co = body.coUnitIds ?? [];
      if (co.includes(lead)) throw new DomainError('LEAD_UNIT_INVALID', { leadUnitId: lead });
      await checkUnits(tx, [lead, ...co], 'LEAD_UNIT_INVALID');
      const { settings, cal } = await env.clockRules();
      const deadline = futureDeadline(body.deadline, now) ?? defaultDeadline(cal, settings, now, row.priority as never);
      const clocks = clocksFor(cal, settings, now, deadline);
      await tx.deleteFrom('item_co_units').where('item_id', '=', row.id).execute();
      if (co.length) {
        await tx
          .insertInto('item_co_units')
          .values(co.map((unit_id) => ({ item_id: row.id, unit_id })))
          .execute();
      }
      return {
        set: {
          lead_unit_id: lead,
          dispatched_at: now,
          signed_at: null,
          sign_by: clocks.signBy,
          deadline,
          original_deadline: deadline,
          yellow_at: clocks.yellowAt,
          escalate_yellow_at: clocks.escalateYellowAt,
          escalate_red_at: clocks.escalateRedAt,
          light_notified: 'green',
          sign_overdue_notified: false,
        },
        data: { leadUnitId: lead, coUnitIds: co, deadline: deadline.toISOString() },
        notify: [{ event: 'item_dispatched', to: { units: [lead, ...co] } }],
      };
    }

    case 'cancel':
      return { set: { cancelled_at: now, cancel_reason: body.reason } };

    case 'merge': {
      const targetId = body.mergeIntoId as string;
      const target =
        targetId === row.id
          ? undefined
          : await tx
              .selectFrom('items')
              .select(['id', 'state', 'year', 'seq'])
              .where('id', '=', targetId)
              .where(visibleTo(ctx.actor))
              .executeTakeFirst();
      if (!target || ['closed', 'cancelled', 'draft'].includes(target.state)) {
        throw new DomainError('MERGE_TARGET_INVALID', { mergeIntoId: targetId });
      }
      await addEvent(tx, ctx, target.id, {
        action: 'merged_in',
        from: null,
        to: null,
        note: `${item.number} ${item.title}`,
        data: { itemId: row.id },
      });
      const reason = body.reason ?? '';
      return {
        set: {
          cancelled_at: now,
          merged_into_id: target.id,
          cancel_reason: reason || `→ ${formatItemNumber(target.year, target.seq)}`,
        },
        data: { mergeIntoId: target.id },
      };
    }

    case 'sign':
      return { set: { signed_at: now }, notify: [] };

    case 'return':
      // Back to the office: the clocks stop and the unit no longer holds it.
      await tx.deleteFrom('item_co_units').where('item_id', '=', row.id).execute();
      return {
        set: {
          lead_unit_id: null,
          dispatched_at: null,
          sign_by: null,
          deadline: null,
          yellow_at: null,
          escalate_yellow_at: null,
          escalate_red_at: null,
        },
        data: { previousLeadUnitId: row.lead_unit_id },
        notify: [{ event: 'item_returned', to: DISPATCHERS, params: { reason: body.reason } }],
      };

    case 'request_extension': {
      const requested = futureDeadline(body.deadline, now) as Date;
      if (row.deadline && requested.getTime() <= new Date(row.deadline).getTime()) {
        throw new DomainError('VALIDATION_FAILED', [
          { path: '/deadline', message: 'must be later than the current deadline' },
        ]);
      }
      await tx
        .insertInto('item_extensions')
        .values({
          item_id: row.id,
          requested_by: ctx.actor.userId,
          requested_at: now,
          reason: body.reason as string,
          requested_deadline: requested,
        })
        .execute();
      return {
        set: {},
        data: { requestedDeadline: requested.toISOString() },
        notify: [{ event: 'item_extension_requested', to: DISPATCHERS }],
      };
    }

    case 'approve_extension':
    case 'deny_extension': {
      const ext = pending as { id: string; requested_deadline: Date };
      const approved = action === 'approve_extension';
      await tx
        .updateTable('item_extensions')
        .set({
          state: approved ? 'approved' : 'denied',
          decided_by: ctx.actor.userId,
          decided_at: now,
          decision_note: body.reason ?? body.note ?? null,
        })
        .where('id', '=', ext.id)
        .execute();
      const notifyLead = [
        {
          event: 'item_extension_decided' as const,
          to: leadOf(row),
          params: { decision: approved ? 'approved' : 'denied' },
        },
      ];
      if (!approved) return { set: {}, data: { extensionId: ext.id }, notify: notifyLead };
      const deadline = new Date(ext.requested_deadline);
      const { settings, cal } = await env.clockRules();
      const clocks = clocksFor(cal, settings, new Date(row.dispatched_at ?? now), deadline);
      return {
        set: {
          deadline,
          yellow_at: clocks.yellowAt,
          escalate_yellow_at: clocks.escalateYellowAt,
          escalate_red_at: clocks.escalateRedAt,
          extension_count: row.extension_count + 1,
          light_notified: 'green',
        },
        data: { extensionId: ext.id, deadline: deadline.toISOString() },
        notify: notifyLead,
      };
    }

    case 'progress':
      return { set: {}, public: body.public ?? false };

    case 'contribute': {
      await tx
        .updateTable('item_co_units')
        .set({ status: 'done', contribution: body.note ?? '', done_at: now, done_by: ctx.actor.userId })
        .where('item_id', '=', row.id)
        .where('unit_id', '=', ctx.actor.unitId as string)
        .execute();
      return { set: {}, data: { unitId: ctx.actor.unitId } };
    }

    case 'waive': {
      const unitId = body.unitId as string;
      const res = await tx
        .updateTable('item_co_units')
        .set({ status: 'waived', done_at: now, done_by: ctx.actor.userId })
        .where('item_id', '=', row.id)
        .where('unit_id', '=', unitId)
        .where('status', '=', 'open')
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) {
        throw new DomainError('ITEM_INVALID_TRANSITION', { action, failed: 'co_part_not_open', unitId });
      }
      return { set: {}, data: { unitId } };
    }

    case 'resolve':
      return {
        set: { answer: body.answer, resolved_at: now },
        note: body.answer,
        public: true,
        notify: [{ event: 'item_resolved', to: DISPATCHERS }],
      };

    case 'verify':
      return {
        set: { closed_at: now },
        public: true,
        notify: [{ event: 'item_verified', to: { users: [row.raised_by_user_id], units: [row.raised_by_unit_id] } }],
      };

    case 'reject':
    case 'reopen': {
      // A redo may come with a new deadline; otherwise the old one stands (and may already be red).
      const deadline = futureDeadline(body.deadline, now);
      const rules = deadline ? await env.clockRules() : null;
      const clocks = deadline && rules ? clocksFor(rules.cal, rules.settings, now, deadline) : null;
      return {
        set: {
          resolved_at: null,
          closed_at: null,
          ...(action === 'reopen' ? { rating: null, rating_comment: null, rated_at: null } : {}),
          ...(deadline && clocks
            ? {
                deadline,
                yellow_at: clocks.yellowAt,
                escalate_yellow_at: clocks.escalateYellowAt,
                escalate_red_at: clocks.escalateRedAt,
                light_notified: 'green',
              }
            : {}),
        },
        data: deadline ? { deadline: deadline.toISOString() } : undefined,
        notify: [
          {
            event: action === 'reject' ? 'item_rejected' : 'item_reopened',
            to: leadOf(row),
            params: { reason: body.reason },
          },
        ],
      };
    }

    case 'urge':
      await tx
        .insertInto('item_urges')
        .values({
          item_id: row.id,
          unit_id: row.lead_unit_id as string,
          by_user: ctx.actor.userId,
          at: now,
          note: body.note ?? '',
        })
        .execute();
      return { set: { urge_count: row.urge_count + 1 }, notify: [{ event: 'item_urged', to: leadOf(row) }] };

    case 'escalate': {
      const current = row.escalation as 'yellow' | 'red' | null;
      const level = body.level ?? nextEscalation(current);
      if (current === level || (current === 'red' && level === 'yellow')) {
        throw new DomainError('ITEM_INVALID_TRANSITION', { action, failed: 'level_not_higher', level });
      }
      await tx
        .insertInto('item_escalations')
        .values({
          item_id: row.id,
          level,
          auto: false,
          by_user: ctx.actor.userId,
          at: now,
          reason: body.reason ?? body.note ?? '',
        })
        .onConflict((oc) => oc.columns(['item_id', 'level']).doNothing())
        .execute();
      return {
        set: { escalation: level },
        data: { level },
        notify: [
          {
            event: 'item_escalated',
            to: { units: [row.lead_unit_id], roles: level === 'red' ? ['leader'] : [] },
            params: { level },
          },
        ],
      };
    }

    case 'flag':
      return { set: { flagged_for_meeting: true } };
    case 'unflag':
      return { set: { flagged_for_meeting: false } };

    case 'rate': {
      const rating = body.rating as number;
      return {
        set: { rating, rating_comment: body.note ?? null, rated_at: now },
        data: { rating },
        public: true,
        notify: rating <= 2 ? [{ event: 'item_low_rating', to: DISPATCHERS, params: { rating } }] : [],
      };
    }
  }
}
