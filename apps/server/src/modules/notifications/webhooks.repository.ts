/** SQL of the group robots and their deliveries. Scope (all units, or the actor's own) is a unit filter here. */
import type { NOTIFICATION_EVENTS } from '@zaitun/contracts';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { DbOrTx } from '../../db/database';
import { maskWebhookUrl, robotText, type WebhookKind } from './webhooks.domain';

type EventType = (typeof NOTIFICATION_EVENTS)[number];

export interface WebhookWithStatus {
  id: string;
  unit_id: string;
  kind: string;
  name: string;
  url: string;
  secret: string | null;
  event_types: string[];
  active: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
  sent: number;
  pending: number;
  failed: number;
  last_error: string | null;
}

/** `null` unit: every unit (system admin); otherwise only that unit's robots. */
const inScope = (unitId: string | null): Expression<SqlBool> =>
  unitId === null ? sql<SqlBool>`true` : sql<SqlBool>`w.unit_id = ${unitId}`;

export function selectWebhooks(db: DbOrTx, scopeUnitId: string | null) {
  return db
    .selectFrom('unit_webhooks as w')
    .selectAll('w')
    .select([
      sql<number>`(SELECT count(*)::int FROM webhook_deliveries d WHERE d.webhook_id = w.id AND d.state = 'sent')`.as(
        'sent',
      ),
      sql<number>`(SELECT count(*)::int FROM webhook_deliveries d WHERE d.webhook_id = w.id AND d.state = 'pending')`.as(
        'pending',
      ),
      sql<number>`(SELECT count(*)::int FROM webhook_deliveries d WHERE d.webhook_id = w.id AND d.state = 'failed')`.as(
        'failed',
      ),
      sql<string | null>`(SELECT d.last_error FROM webhook_deliveries d
        WHERE d.webhook_id = w.id AND d.state <> 'sent' AND d.last_error IS NOT NULL ORDER BY d.id DESC LIMIT 1)`.as(
        'last_error',
      ),
    ])
    .where(inScope(scopeUnitId));
}

export const lockWebhook = (db: DbOrTx, id: string) =>
  db.selectFrom('unit_webhooks').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

/** Deliveries still waiting are given up when their robot is switched off or removed. */
export async function abandonPending(db: DbOrTx, webhookId: string, reason: string) {
  await db
    .updateTable('webhook_deliveries')
    .set({ state: 'failed', last_error: reason })
    .where('webhook_id', '=', webhookId)
    .where('state', '=', 'pending')
    .execute();
}

export function presentWebhook(w: WebhookWithStatus) {
  return {
    id: w.id,
    unitId: w.unit_id,
    kind: w.kind as WebhookKind,
    name: w.name,
    url: maskWebhookUrl(w.url),
    hasSecret: !!w.secret,
    eventTypes: w.event_types as EventType[],
    active: w.active,
    version: w.version,
    createdAt: new Date(w.created_at).toISOString(),
    updatedAt: new Date(w.updated_at).toISOString(),
    sent: w.sent,
    pending: w.pending,
    failed: w.failed,
    lastError: w.last_error,
  };
}

/** The audited form: never the secret, never the robot's token. */
export const auditWebhook = (
  w: Pick<WebhookWithStatus, 'unit_id' | 'kind' | 'name' | 'url' | 'secret' | 'event_types' | 'active'>,
) => ({
  unitId: w.unit_id,
  kind: w.kind,
  name: w.name,
  url: maskWebhookUrl(w.url),
  hasSecret: !!w.secret,
  eventTypes: w.event_types,
  active: w.active,
});

export async function pageOfDeliveries(
  db: DbOrTx,
  webhookId: string,
  opts: { state?: string; limit: number; offset: number },
) {
  let q = db.selectFrom('webhook_deliveries').where('webhook_id', '=', webhookId);
  if (opts.state) q = q.where('state', '=', opts.state);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('id', 'desc').limit(opts.limit).offset(opts.offset).execute(),
    q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.n };
}

export function deliveryText(payload: unknown): string {
  const p = (payload ?? {}) as { event?: string; params?: Record<string, unknown>; text?: string };
  if (typeof p.text === 'string') return p.text;
  return p.event ? robotText(p.event, p.params ?? {}) : '';
}
