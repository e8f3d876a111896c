import { can, type RouteQuery, scopeOf } from '@zaitun/contracts';
import type { Db } from '../../db/database';
import type { AuditRow } from '../../db/types';
import type { AuthedContext } from '../../http/context';
import { appendAudit, verifyAuditChain } from '../../lib/audit';
import { forbidden, notFound } from '../../lib/errors';
import { PII_FIELDS } from '../../lib/mask';
import { filterEvents, scopedEvents } from './audit.repository';

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

const scoped = (db: Db, ctx: AuthedContext) => scopedEvents(db, scopeOf(ctx.actor, 'audit.read'), ctx.actor.unitId);

export async function listAudit(db: Db, ctx: AuthedContext, query: RouteQuery<'listAudit'>) {
  if (!scopeOf(ctx.actor, 'audit.read')) throw forbidden();
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const q = filterEvents(scoped(db, ctx), query);
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
}

export async function getAudit(db: Db, ctx: AuthedContext, id: string) {
  const row = await scoped(db, ctx).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return present(ctx, row);
}

/** Recomputes the chain; the check itself is recorded too. */
export async function verifyAudit(db: Db, ctx: AuthedContext) {
  const result = await verifyAuditChain(db);
  await db.transaction().execute((tx) =>
    appendAudit(tx, ctx.audit, {
      action: 'audit.verified',
      entityType: 'audit_chain',
      entityId: null,
      unitId: null,
      after: { intact: result.intact, checked: result.checked, firstBrokenId: result.firstBrokenId },
    }),
  );
  return { intact: result.intact, checked: result.checked, firstBrokenId: result.firstBrokenId };
}
