/**
 * Group robots of a unit: list in scope, create, edit (version), delete, send a test message, recent deliveries.
 * A unit admin manages their own unit's robots; the system admin every unit's. A robot outside the actor's scope
 * is answered as not found.
 */
import { randomUUID } from 'node:crypto';
import { can, type RouteBody, type RouteQuery, type RouteResponse, scopeOf } from '@zaitun/contracts';
import type { Db, DbOrTx } from '../../db/database';
import type { AuthedContext } from '../../http/context';
import { appendAudit } from '../../lib/audit';
import type { Clock } from '../../lib/clock';
import { DomainError, forbidden, notFound, versionConflict } from '../../lib/errors';
import { sendToRobot } from './robot-client';
import {
  isAllowedWebhookUrl,
  maskWebhookUrl,
  PLATFORM_NAME_ZH,
  TEST_MESSAGE_ZH,
  type WebhookKind,
} from './webhooks.domain';
import {
  abandonPending,
  auditWebhook,
  deliveryText,
  lockWebhook,
  pageOfDeliveries,
  presentWebhook,
  selectWebhooks,
} from './webhooks.repository';

type WebhookT = RouteResponse<'createWebhook'>;

/** The unit the actor is limited to, or null for every unit. */
function scopeUnit(ctx: AuthedContext): string | null {
  const scope = scopeOf(ctx.actor, 'webhook.manage');
  if (scope === 'all') return null;
  if (!ctx.actor.unitId || scope === null) throw forbidden();
  return ctx.actor.unitId;
}

function checkUrl(url: string) {
  if (!isAllowedWebhookUrl(url)) throw new DomainError('WEBHOOK_URL_INVALID', { url: maskWebhookUrl(url) });
}

async function findVisible(db: DbOrTx, ctx: AuthedContext, id: string) {
  const row = await selectWebhooks(db, scopeUnit(ctx)).where('w.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

export async function listWebhooks(db: Db, ctx: AuthedContext, query: RouteQuery<'listWebhooks'>) {
  let q = selectWebhooks(db, scopeUnit(ctx));
  if (query.unitId) q = q.where('w.unit_id', '=', query.unitId);
  const rows = await q.orderBy('w.unit_id').orderBy('w.created_at').limit(500).execute();
  return { items: rows.map(presentWebhook), total: rows.length };
}

export async function createWebhook(
  db: Db,
  ctx: AuthedContext,
  body: RouteBody<'createWebhook'>,
  now: Date,
): Promise<WebhookT> {
  if (!can(ctx.actor, 'webhook.manage', { unitId: body.unitId })) throw forbidden();
  checkUrl(body.url);
  const unit = await db.selectFrom('units').select('id').where('id', '=', body.unitId).executeTakeFirst();
  if (!unit) throw new DomainError('VALIDATION_FAILED', { unitId: body.unitId });
  const id = randomUUID();
  await db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('unit_webhooks')
      .values({
        id,
        unit_id: body.unitId,
        kind: body.kind,
        name: body.name.trim(),
        url: body.url,
        secret: body.secret ?? null,
        event_types: body.eventTypes ?? [],
        active: body.active ?? true,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(tx, ctx.audit, {
      action: 'webhook.create',
      entityType: 'webhook',
      entityId: id,
      unitId: row.unit_id,
      after: auditWebhook(row),
    });
  });
  return presentWebhook(await findVisible(db, ctx, id));
}

export async function updateWebhook(
  db: Db,
  ctx: AuthedContext,
  id: string,
  body: RouteBody<'updateWebhook'>,
  now: Date,
): Promise<WebhookT> {
  await db.transaction().execute(async (tx) => {
    const row = await lockWebhook(tx, id);
    if (!row || !can(ctx.actor, 'webhook.manage', { unitId: row.unit_id })) throw notFound();
    if (row.version !== body.version) throw versionConflict(row.version);
    // The UI shows the masked address; sending it back unchanged keeps the real one.
    const url = body.url !== undefined && body.url !== maskWebhookUrl(row.url) ? body.url : undefined;
    if (url !== undefined) checkUrl(url);
    const updated = await tx
      .updateTable('unit_webhooks')
      .set({
        ...(body.kind !== undefined ? { kind: body.kind } : {}),
        ...(body.name !== undefined ? { name: body.name.trim() } : {}),
        ...(url !== undefined ? { url } : {}),
        ...(body.secret !== undefined ? { secret: body.secret } : {}),
        ...(body.eventTypes !== undefined ? { event_types: body.eventTypes } : {}),
        ...(body.active !== undefined ? { active: body.active } : {}),
        version: row.version + 1,
        updated_at: now,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (row.active && !updated.active) await abandonPending(tx, id, 'robot switched off');
    await appendAudit(tx, ctx.audit, {
      action: 'webhook.update',
      entityType: 'webhook',
      entityId: id,
      unitId: row.unit_id,
      before: { ...auditWebhook(row), secretChanged: false },
      after: { ...auditWebhook(updated), secretChanged: body.secret !== undefined },
    });
  });
  return presentWebhook(await findVisible(db, ctx, id));
}

export async function deleteWebhook(db: Db, ctx: AuthedContext, id: string, version: number): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const row = await lockWebhook(tx, id);
    if (!row || !can(ctx.actor, 'webhook.manage', { unitId: row.unit_id })) throw notFound();
    if (row.version !== version) throw versionConflict(row.version);
    await tx.deleteFrom('webhook_deliveries').where('webhook_id', '=', id).execute();
    await tx.deleteFrom('unit_webhooks').where('id', '=', id).execute();
    await appendAudit(tx, ctx.audit, {
      action: 'webhook.delete',
      entityType: 'webhook',
      entityId: id,
      unitId: row.unit_id,
      before: auditWebhook(row),
    });
  });
}

/**
 * Sends a test message now (outside any transaction) and records it among the robot's deliveries, so the result
 * shows up in the delivery list like any other message. A failed test is not retried.
 */
export async function testWebhook(db: Db, ctx: AuthedContext, id: string, clock: Clock) {
  await findVisible(db, ctx, id);
  const hook = await db.selectFrom('unit_webhooks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const text = `【${PLATFORM_NAME_ZH}】${TEST_MESSAGE_ZH}`;
  const sentAt = clock.now();
  const result = await sendToRobot(
    { kind: hook.kind as WebhookKind, url: hook.url, secret: hook.secret },
    text,
    sentAt,
  );
  const now = clock.now();
  await db
    .insertInto('webhook_deliveries')
    .values({
      webhook_id: id,
      dedupe_key: `test:${randomUUID()}`,
      event_type: 'test',
      payload: JSON.stringify({ event: 'test', text, by: ctx.actor.userId }),
      state: result.ok ? 'sent' : 'failed',
      attempts: 1,
      next_attempt_at: now,
      last_error: result.error,
      last_status: result.status,
      sent_at: result.ok ? now : null,
      created_at: sentAt,
    })
    .execute();
  return result;
}

export async function listDeliveries(
  db: Db,
  ctx: AuthedContext,
  id: string,
  query: RouteQuery<'listWebhookDeliveries'>,
): Promise<RouteResponse<'listWebhookDeliveries'>> {
  await findVisible(db, ctx, id);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const { rows, total } = await pageOfDeliveries(db, id, {
    ...(query.state ? { state: query.state } : {}),
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  return {
    items: rows.map((d) => ({
      id: String(d.id),
      eventType: d.event_type,
      text: deliveryText(d.payload),
      state: d.state as 'pending' | 'sent' | 'failed',
      attempts: d.attempts,
      nextAttemptAt: d.state === 'pending' ? new Date(d.next_attempt_at).toISOString() : null,
      lastStatus: d.last_status,
      lastError: d.last_error,
      sentAt: d.sent_at ? new Date(d.sent_at).toISOString() : null,
      createdAt: new Date(d.created_at).toISOString(),
    })),
    total,
    page,
    pageSize,
  };
}
