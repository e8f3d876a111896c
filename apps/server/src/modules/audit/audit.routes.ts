import { can, scopeOf } from '@zaitun/contracts';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { AuditRow } from '../../db/types';
import type { AuthedContext } from '../../http/context';
import { registerRoute } from '../../http/register';
import { appendAudit, verifyAuditChain } from '../../lib/audit';
import { forbidden, notFound } from '../../lib/errors';
import { PII_FIELDS } from '../../lib/mask';

type Plain = Record<string, unknown> | null;

function maskPii(values: Plain): Plain {
  if (!values) return values;
  const out: Record<string, unknown> = { ...values };
  for (const [field, mask] of Object.entries(PII_FIELDS)) {
    if (typeof out[field] === 'string') out[field] = mask(out[field] as string);
  }
  return out;
}

function present(ctx: AuthedContext, e: AuditRow) {
  const showPii = can(ctx.actor, 'pii.read', { unitId: e.unit_id, unitPath: null });
  return {
    id: String(e.id),
    at: new Date(e.at).toISOString(),
    actorType: e.actor_type as 'user' | 'token' | 'system' | 'anonymous',
    actorId: e.actor_id,
    actorName: e.actor_name,
    tokenId: e.token_id,
    action: e.action,
    entityType: e.entity_type,
    entityId: e.entity_id,
    unitId: e.unit_id,
    before: showPii ? e.before : maskPii(e.before),
    after: showPii ? e.after : maskPii(e.after),
    ip: e.ip,
    userAgent: e.user_agent,
    requestId: e.request_id,
    hash: e.hash,
    prevHash: e.prev_hash,
  };
}

export function auditRoutes(app: FastifyInstance): void {
  const db = () => app.services.database.db;

  const scoped = (ctx: AuthedContext) => {
    const scope = scopeOf(ctx.actor, 'audit.read');
    let q = db().selectFrom('audit_events').selectAll();
    if (scope === 'all') return q;
    if (scope === 'unit' && ctx.actor.unitId) return q.where('unit_id', '=', ctx.actor.unitId);
    q = q.where(sql<boolean>`false`);
    return q;
  };

  registerRoute(app, 'listAudit', async ({ query, ctx }) => {
    if (!scopeOf(ctx.actor, 'audit.read')) throw forbidden();
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    let q = scoped(ctx);
    if (query.actorId) q = q.where('actor_id', '=', query.actorId);
    if (query.actor) q = q.where('actor_name', '=', query.actor);
    if (query.entityType) q = q.where('entity_type', '=', query.entityType);
    if (query.entityId) q = q.where('entity_id', '=', query.entityId);
    if (query.action)
      q = query.action.endsWith('.')
        ? q.where('action', 'like', `${query.action}%`)
        : q.where('action', '=', query.action);
    if (query.from) q = q.where('at', '>=', new Date(query.from));
    if (query.to) q = q.where('at', '<', new Date(query.to));
    const [rows, count] = await Promise.all([
      q
        .orderBy('id', 'desc')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute(),
      q
        .clearSelect()
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map((r) => present(ctx, r)), total: Number(count.n), page, pageSize };
  });

  registerRoute(app, 'getAudit', async ({ params, ctx }) => {
    const row = await scoped(ctx).where('id', '=', params.id).executeTakeFirst();
    if (!row) throw notFound();
    return present(ctx, row);
  });

  registerRoute(app, 'verifyAudit', async ({ ctx }) => {
    const result = await verifyAuditChain(db());
    await db()
      .transaction()
      .execute((tx) =>
        appendAudit(tx, ctx.audit, {
          action: 'audit.verified',
          entityType: 'audit_chain',
          entityId: null,
          unitId: null,
          after: { intact: result.intact, checked: result.checked, firstBrokenId: result.firstBrokenId },
        }),
      );
    return { intact: result.intact, checked: result.checked, firstBrokenId: result.firstBrokenId };
  });
}
