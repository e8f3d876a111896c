import { permissionsOfRoles, type RouteBody } from '@zaitun/contracts';
import type { Db } from '../../db/database';
import type { AuthedContext } from '../../http/context';
import { appendAudit } from '../../lib/audit';
import { randomSecret, sha256 } from '../../lib/crypto';
import { DomainError, notFound } from '../../lib/errors';
import { TOKEN_PREFIX } from '../auth/auth.service';
import { insertToken, listTokensOf, lockOwnToken, markRevoked, type TokenRow } from './tokens.repository';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export const presentToken = (t: TokenRow) => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  permissions: t.permissions as ReturnType<typeof permissionsOfRoles>,
  expiresAt: new Date(t.expires_at).toISOString(),
  createdAt: new Date(t.created_at).toISOString(),
  lastUsedAt: iso(t.last_used_at),
  revokedAt: iso(t.revoked_at),
});

const auditToken = (t: TokenRow) => ({
  name: t.name,
  prefix: t.prefix,
  permissions: t.permissions,
  expiresAt: new Date(t.expires_at).toISOString(),
  revokedAt: iso(t.revoked_at),
});

export async function listTokens(db: Db, ctx: AuthedContext) {
  return { items: (await listTokensOf(db, ctx.actor.userId)).map(presentToken) };
}

/** Creates a token with a subset of the user's permissions; the secret is returned once and stored hashed. */
export async function createToken(db: Db, ctx: AuthedContext, body: RouteBody<'createToken'>) {
  const held = permissionsOfRoles(ctx.actor.roles);
  const extra = body.permissions.filter((p) => !held.includes(p));
  if (extra.length) throw new DomainError('TOKEN_PERMISSION_NOT_HELD', { permissions: extra });
  const secret = `${TOKEN_PREFIX}${randomSecret(32)}`;
  const now = ctx.audit.clock.now();
  const row = await db.transaction().execute(async (tx) => {
    const inserted = await insertToken(tx, {
      user_id: ctx.actor.userId,
      name: body.name.trim(),
      prefix: secret.slice(0, 10),
      token_hash: sha256(secret),
      permissions: body.permissions,
      expires_at: new Date(now.getTime() + body.expiresInDays * 86_400_000),
      created_at: now,
    });
    await appendAudit(tx, ctx.audit, {
      action: 'token.create',
      entityType: 'api_token',
      entityId: inserted.id,
      unitId: ctx.actor.unitId,
      after: auditToken(inserted),
    });
    return inserted;
  });
  return { token: presentToken(row), secret };
}

export async function revokeToken(db: Db, ctx: AuthedContext, id: string) {
  const row = await db.transaction().execute(async (tx) => {
    const before = await lockOwnToken(tx, id, ctx.actor.userId);
    if (!before) throw notFound();
    if (before.revoked_at) return before;
    const after = await markRevoked(tx, id, ctx.audit.clock.now());
    await appendAudit(tx, ctx.audit, {
      action: 'token.revoke',
      entityType: 'api_token',
      entityId: id,
      unitId: ctx.actor.unitId,
      before: auditToken(before),
      after: auditToken(after),
    });
    return after;
  });
  return presentToken(row);
}
