/**
 * The audit trail: one append-only, hash-chained row per change, written in the same transaction as the change.
 * Appends are serialised with a transaction-scoped advisory lock so that the chain stays one line even with
 * several server processes on one database.
 */
import { sql } from 'kysely';
import type { DbOrTx } from '../db/database';
import type { AuditRow } from '../db/types';
import { canonicalJson } from './canonical';
import type { Clock } from './clock';
import { sha256 } from './crypto';

export const GENESIS_HASH = '0'.repeat(64);
const AUDIT_LOCK = 74280002;

export interface AuditActor {
  type: 'user' | 'token' | 'system' | 'anonymous';
  id: string | null;
  name: string | null;
  tokenId: string | null;
}

/** Who and where, passed to every mutation. */
export interface AuditContext {
  actor: AuditActor;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  clock: Clock;
}

export const systemContext = (clock: Clock, name = 'system'): AuditContext => ({
  actor: { type: 'system', id: null, name, tokenId: null },
  ip: null,
  userAgent: null,
  requestId: null,
  clock,
});

type Plain = Record<string, unknown>;

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string | null;
  unitId: string | null;
  /** The entity before and after, as presented (camelCase, no secrets); only changed fields are kept. */
  before?: Plain | null;
  after?: Plain | null;
}

const IGNORED_FIELDS = new Set(['updatedAt', 'createdAt', 'version']);

/** Keeps only the fields that changed; a create keeps all of `after`, a delete all of `before`. */
export function diff(
  before: Plain | null | undefined,
  after: Plain | null | undefined,
): { before: Plain | null; after: Plain | null } {
  const clean = (o: Plain) =>
    Object.fromEntries(Object.entries(o).filter(([k, v]) => !IGNORED_FIELDS.has(k) && v !== undefined));
  if (!before) return { before: null, after: after ? clean(after) : null };
  if (!after) return { before: clean(before), after: null };
  const b: Plain = {};
  const a: Plain = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (IGNORED_FIELDS.has(key)) continue;
    if (canonicalJson(before[key]) !== canonicalJson(after[key])) {
      b[key] = before[key] ?? null;
      a[key] = after[key] ?? null;
    }
  }
  return { before: b, after: a };
}

/** The hashed form of an event: every column but the hash itself, in canonical JSON. */
export function hashEvent(e: Omit<AuditRow, 'hash'>): string {
  return sha256(
    canonicalJson({
      id: String(e.id),
      at: new Date(e.at).toISOString(),
      actorType: e.actor_type,
      actorId: e.actor_id,
      actorName: e.actor_name,
      tokenId: e.token_id,
      action: e.action,
      entityType: e.entity_type,
      entityId: e.entity_id,
      unitId: e.unit_id,
      before: e.before,
      after: e.after,
      ip: e.ip,
      userAgent: e.user_agent,
      requestId: e.request_id,
      prevHash: e.prev_hash,
    }),
  );
}

/** Appends events to the chain. Call inside the transaction that makes the change. */
export async function appendAudit(tx: DbOrTx, ctx: AuditContext, ...entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(tx);
  const last = await tx
    .selectFrom('audit_events')
    .select(['id', 'hash'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  let id = last ? BigInt(last.id) : 0n;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const at = ctx.clock.now();
  const rows: AuditRow[] = [];
  for (const entry of entries) {
    id += 1n;
    const changes = diff(entry.before, entry.after);
    // Round-trip through JSON so the hash covers exactly what jsonb will hand back (dates as strings etc.).
    const before = changes.before ? (JSON.parse(JSON.stringify(changes.before)) as Plain) : null;
    const after = changes.after ? (JSON.parse(JSON.stringify(changes.after)) as Plain) : null;
    const row: Omit<AuditRow, 'hash'> = {
      id: id.toString(),
      at,
      actor_type: ctx.actor.type,
      actor_id: ctx.actor.id,
      actor_name: ctx.actor.name,
      token_id: ctx.actor.tokenId,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      unit_id: entry.unitId,
      before,
      after,
      ip: ctx.ip,
      user_agent: ctx.userAgent,
      request_id: ctx.requestId,
      prev_hash: prevHash,
    };
    const hash = hashEvent(row);
    rows.push({ ...row, hash });
    prevHash = hash;
  }
  await tx
    .insertInto('audit_events')
    .values(
      rows.map((r) => ({
        ...r,
        before: r.before === null ? null : JSON.stringify(r.before),
        after: r.after === null ? null : JSON.stringify(r.after),
      })),
    )
    .execute();
}

export interface VerifyResult {
  intact: boolean;
  checked: number;
  firstBrokenId: string | null;
  reason: string | null;
}

/** Recomputes the whole chain in id order, in batches; names the first event that does not fit. */
export async function verifyAuditChain(db: DbOrTx, onProgress?: (checked: number) => void): Promise<VerifyResult> {
  let prevHash = GENESIS_HASH;
  let expectedId = 1n;
  let checked = 0;
  for (;;) {
    const batch = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('id', '>=', expectedId.toString())
      .orderBy('id')
      .limit(2000)
      .execute();
    if (batch.length === 0) return { intact: true, checked, firstBrokenId: null, reason: null };
    for (const row of batch) {
      if (BigInt(row.id) !== expectedId) {
        return { intact: false, checked, firstBrokenId: expectedId.toString(), reason: 'missing event' };
      }
      if (row.prev_hash !== prevHash)
        return { intact: false, checked, firstBrokenId: row.id, reason: 'previous hash differs' };
      if (hashEvent(row) !== row.hash)
        return { intact: false, checked, firstBrokenId: row.id, reason: 'content altered' };
      prevHash = row.hash;
      expectedId += 1n;
      checked += 1;
    }
    onProgress?.(checked);
  }
}
