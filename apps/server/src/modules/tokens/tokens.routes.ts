import { permissionsOfRoles } from '@zaitun/contracts';
import type { FastifyInstance } from 'fastify';
import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import type { ApiTokensTable } from '../../db/types';
import { registerRoute } from '../../http/register';
import { appendAudit } from '../../lib/audit';
import { randomSecret, sha256 } from '../../lib/crypto';
import { DomainError, notFound } from '../../lib/errors';
import { TOKEN_PREFIX } from '../auth/auth.service';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const present = (t: Selectable<ApiTokensTable>) => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  permissions: t.permissions as ReturnType<typeof permissionsOfRoles>,
  expiresAt: new Date(t.expires_at).toISOString(),
  createdAt: new Date(t.created_at).toISOString(),
  lastUsedAt: iso(t.last_used_at),
  revokedAt: iso(t.revoked_at),
});
const auditToken = (t: Selectable<ApiTokensTable>) => ({
  name: t.name,
  prefix: t.prefix,
  permissions: t.permissions,
  expiresAt: new Date(t.expires_at).toISOString(),
  revokedAt: iso(t.revoked_at),
});

export function tokenRoutes(app: FastifyInstance): void {
  const db = () => app.services.database.db;

  registerRoute(app, 'listTokens', async ({ ctx }) => {
    const rows = await db()
      .selectFrom('api_tokens')
      .selectAll()
      .where('user_id', '=', ctx.actor.userId)
      .orderBy('created_at', 'desc')
      .limit(100)
      .execute();
    return { items: rows.map(present) };
  });

  registerRoute(app, 'createToken', async ({ body, ctx }) => {
    const held = permissionsOfRoles(ctx.actor.roles);
    const extra = body.permissions.filter((p) => !held.includes(p));
    if (extra.length) throw new DomainError('TOKEN_PERMISSION_NOT_HELD', { permissions: extra });
    const secret = `${TOKEN_PREFIX}${randomSecret(32)}`;
    const now = ctx.audit.clock.now();
    const row = await db()
      .transaction()
      .execute(async (tx) => {
        const inserted = await tx
          .insertInto('api_tokens')
          .values({
            user_id: ctx.actor.userId,
            name: body.name.trim(),
            prefix: secret.slice(0, 10),
            token_hash: sha256(secret),
            permissions: body.permissions,
            expires_at: new Date(now.getTime() + body.expiresInDays * 86_400_000),
            created_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await appendAudit(tx, ctx.audit, {
          action: 'token.create',
          entityType: 'api_token',
          entityId: inserted.id,
          unitId: ctx.actor.unitId,
          after: auditToken(inserted),
        });
        return inserted;
      });
    return { token: present(row), secret };
  });

  registerRoute(app, 'revokeToken', async ({ params, ctx }) => {
    const row = await db()
      .transaction()
      .execute(async (tx) => {
        const before = await tx
          .selectFrom('api_tokens')
          .selectAll()
          .where('id', '=', params.id)
          .where('user_id', '=', ctx.actor.userId)
          .forUpdate()
          .executeTakeFirst();
        if (!before) throw notFound();
        if (before.revoked_at) return before;
        const after = await tx
          .updateTable('api_tokens')
          .set({ revoked_at: sql<Date>`${ctx.audit.clock.now()}` })
          .where('id', '=', params.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await appendAudit(tx, ctx.audit, {
          action: 'token.revoke',
          entityType: 'api_token',
          entityId: params.id,
          unitId: ctx.actor.unitId,
          before: auditToken(before),
          after: auditToken(after),
        });
        return after;
      });
    return present(row);
  });
}
