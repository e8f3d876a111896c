import type { FastifyInstance } from 'fastify';
import { registerRoute } from '../../http/register';
import * as audit from './audit.service';

export function auditRoutes(app: FastifyInstance): void {
  const db = () => app.services.database.db;
  registerRoute(app, 'listAudit', async ({ query, ctx }) => audit.listAudit(db(), ctx, query));
  registerRoute(app, 'getAudit', async ({ params, ctx }) => audit.getAudit(db(), ctx, params.id));
  registerRoute(app, 'verifyAudit', async ({ ctx }) => audit.verifyAudit(db(), ctx));
}
