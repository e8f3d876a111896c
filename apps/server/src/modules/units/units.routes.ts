import type { FastifyInstance } from 'fastify';
import { registerRoute } from '../../http/register';
import * as units from './units.service';

export function unitRoutes(app: FastifyInstance): void {
  const db = () => app.services.database.db;
  registerRoute(app, 'listUnits', async ({ query }) => units.listUnits(db(), query));
  registerRoute(app, 'unitTree', async ({ query }) => units.unitTree(db(), query.includeInactive ?? false));
  registerRoute(app, 'getUnit', async ({ params }) => units.getUnit(db(), params.id));
  registerRoute(app, 'createUnit', async ({ body, ctx }) => units.createUnit(db(), ctx, body));
  registerRoute(app, 'updateUnit', async ({ params, body, ctx }) => units.updateUnit(db(), ctx, params.id, body));
  registerRoute(app, 'moveUnit', async ({ params, body, ctx }) => units.moveUnit(db(), ctx, params.id, body));
  registerRoute(app, 'deactivateUnit', async ({ params, body, ctx }) =>
    units.setUnitActive(db(), ctx, params.id, body.version, false),
  );
  registerRoute(app, 'activateUnit', async ({ params, body, ctx }) =>
    units.setUnitActive(db(), ctx, params.id, body.version, true),
  );
  registerRoute(app, 'deleteUnit', async ({ params, query, ctx }) => {
    await units.deleteUnit(db(), ctx, params.id, query.version);
    return undefined;
  });
}
