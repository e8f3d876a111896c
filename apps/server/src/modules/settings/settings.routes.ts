import type { FastifyInstance } from 'fastify';
import { registerRoute } from '../../http/register';
import * as settings from './settings.service';

export function settingsRoutes(app: FastifyInstance): void {
  const db = () => app.services.database.db;
  registerRoute(app, 'getDispatchSettings', async () => settings.getDispatchSettings(db()));
  registerRoute(app, 'updateDispatchSettings', async ({ body, ctx }) =>
    settings.updateDispatchSettings(db(), ctx, body),
  );
  registerRoute(app, 'getDocumentSettings', async () => settings.getDocumentSettings(db()));
  registerRoute(app, 'updateDocumentSettings', async ({ body, ctx }) =>
    settings.updateDocumentSettings(db(), ctx, body),
  );
  registerRoute(app, 'listDictionary', async ({ params, query }) =>
    settings.listDictionary(db(), params.dict, query.includeInactive ?? false),
  );
  registerRoute(app, 'createDictEntry', async ({ params, body, ctx }) =>
    settings.createDictEntry(db(), ctx, params.dict, body),
  );
  registerRoute(app, 'updateDictEntry', async ({ params, body, ctx }) =>
    settings.updateDictEntry(db(), ctx, params.dict, params.id, body),
  );
}
