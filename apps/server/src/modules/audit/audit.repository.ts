import type { Scope } from '@zaitun/contracts';
import { sql } from 'kysely';
import type { DbOrTx } from '../../db/database';

export interface AuditFilter {
  actorId?: string;
  actor?: string;
  entityType?: string;
  entityId?: string;
  /** An exact action, or a prefix ending with a dot (`auth.`). */
  action?: string;
  from?: string;
  to?: string;
}

/** Audit events within a data scope: everything, or the events of the actor's unit. */
export function scopedEvents(db: DbOrTx, scope: Scope | null, unitId: string | null) {
  const q = db.selectFrom('audit_events').selectAll();
  if (scope === 'all') return q;
  if (scope === 'unit' && unitId) return q.where('unit_id', '=', unitId);
  return q.where(sql<boolean>`false`);
}

export function filterEvents(q: ReturnType<typeof scopedEvents>, f: AuditFilter) {
  let out = q;
  if (f.actorId) out = out.where('actor_id', '=', f.actorId);
  if (f.actor) out = out.where('actor_name', '=', f.actor);
  if (f.entityType) out = out.where('entity_type', '=', f.entityType);
  if (f.entityId) out = out.where('entity_id', '=', f.entityId);
  if (f.action)
    out = f.action.endsWith('.') ? out.where('action', 'like', `${f.action}%`) : out.where('action', '=', f.action);
  if (f.from) out = out.where('at', '>=', new Date(f.from));
  if (f.to) out = out.where('at', '<', new Date(f.to));
  return out;
}
