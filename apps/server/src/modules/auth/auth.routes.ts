import type { FastifyInstance, FastifyReply } from 'fastify';
import { sql } from 'kysely';
import { registerRoute } from '../../http/register';
import { appendAudit } from '../../lib/audit';
import { DomainError } from '../../lib/errors';
import { auditUser } from '../users/users.presenter';
import { findUserById, type UserWithOrg } from '../users/users.repository';
import { changePassword, login, logout, meOf, SESSION_COOKIE } from './auth.service';

export function authRoutes(app: FastifyInstance): void {
  const deps = () => ({ db: app.services.database.db, config: app.services.config });
  const cookieOptions = () =>
    ({ path: '/', httpOnly: true, sameSite: 'lax', secure: app.services.config.secureCookies }) as const;
  const clear = (reply: FastifyReply) => reply.clearCookie(SESSION_COOKIE, cookieOptions());

  registerRoute(app, 'login', async ({ body, ctx, reply }) => {
    const { secret, me, expiresAt } = await login(deps(), ctx.audit, body);
    reply.setCookie(SESSION_COOKIE, secret, { ...cookieOptions(), expires: expiresAt });
    return me;
  });
  registerRoute(app, 'logout', async ({ ctx, reply }) => {
    await logout(deps(), ctx.audit, ctx.actor, false);
    clear(reply);
    return undefined;
  });
  registerRoute(app, 'logoutEverywhere', async ({ ctx, reply }) => {
    await logout(deps(), ctx.audit, ctx.actor, true);
    clear(reply);
    return undefined;
  });
  registerRoute(app, 'changePassword', async ({ body, ctx }) => changePassword(deps(), ctx.audit, ctx.actor, body));
  registerRoute(app, 'me', async ({ ctx }) => {
    const user = await findUserById(app.services.database.db, ctx.actor.userId);
    if (!user) throw new DomainError('UNAUTHENTICATED');
    return meOf(user, ctx.actor, ctx.actor.csrfToken);
  });
  registerRoute(app, 'updateMe', async ({ body, ctx }) => {
    const db = app.services.database.db;
    await db.transaction().execute(async (tx) => {
      const before = (await findUserById(tx, ctx.actor.userId)) as UserWithOrg;
      if (before.version !== body.version)
        throw new DomainError('VERSION_CONFLICT', { currentVersion: before.version });
      await tx
        .updateTable('users')
        .set({
          ...(body.locale ? { locale: body.locale } : {}),
          ...(body.displayName ? { display_name: body.displayName.trim() } : {}),
          version: sql<number>`version + 1`,
          updated_at: ctx.audit.clock.now(),
        })
        .where('id', '=', ctx.actor.userId)
        .where('version', '=', body.version)
        .execute();
      const after = (await findUserById(tx, ctx.actor.userId)) as UserWithOrg;
      await appendAudit(tx, ctx.audit, {
        action: 'user.profile_updated',
        entityType: 'user',
        entityId: ctx.actor.userId,
        unitId: after.unit_id,
        before: auditUser(before),
        after: auditUser(after),
      });
    });
    const fresh = (await findUserById(db, ctx.actor.userId)) as UserWithOrg;
    return meOf(fresh, ctx.actor, ctx.actor.csrfToken);
  });
}
