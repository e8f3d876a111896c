import type { FastifyInstance } from 'fastify';
import { registerRoute } from '../../http/register';
import * as tokens from './tokens.service';

export function tokenRoutes(app: FastifyInstance): void {
  const db = () => app.services.database.db;
  registerRoute(app, 'listTokens', async ({ ctx }) => tokens.listTokens(db(), ctx));
  registerRoute(app, 'createToken', async ({ body, ctx }) => tokens.createToken(db(), ctx, body));
  registerRoute(app, 'revokeToken', async ({ params, ctx }) => tokens.revokeToken(db(), ctx, params.id));
}
