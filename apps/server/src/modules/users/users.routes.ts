import type { FastifyInstance } from 'fastify';
import { registerRoute } from '../../http/register';
import * as users from './users.service';

export function userRoutes(app: FastifyInstance): void {
  const db = () => app.services.database.db;
  registerRoute(app, 'listUsers', async ({ query, ctx }) => users.listUsers(db(), ctx, query));
  registerRoute(app, 'getUser', async ({ params, ctx }) => users.getUser(db(), ctx, params.id));
  registerRoute(app, 'createUser', async ({ body, ctx }) => users.createUser(db(), ctx, body));
  registerRoute(app, 'updateUser', async ({ params, body, ctx }) => users.updateUser(db(), ctx, params.id, body));
  registerRoute(app, 'setUserRoles', async ({ params, body, ctx }) => users.setUserRoles(db(), ctx, params.id, body));
  registerRoute(app, 'setUserStatus', async ({ params, body, ctx }) => users.setUserStatus(db(), ctx, params.id, body));
  registerRoute(app, 'resetUserPassword', async ({ params, body, ctx }) =>
    users.resetUserPassword(db(), ctx, params.id, body.version),
  );
  registerRoute(app, 'revokeUserSessions', async ({ params, ctx }) => {
    await users.revokeUserSessions(db(), ctx, params.id);
    return undefined;
  });
}
