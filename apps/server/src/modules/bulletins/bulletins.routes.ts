import type { FastifyInstance } from 'fastify';
import { registerRoute } from '../../http/register';
import { contentDisposition } from '../../lib/storage';
import * as bulletins from './bulletins.service';

/** The bulletin builder: archive, drafts from a period, edits, refresh, publish, withdraw, receipts, document. */
export function bulletinRoutes(app: FastifyInstance): void {
  const { database, clock, tasks } = app.services;
  const db = () => database.db;
  registerRoute(app, 'listBulletins', async ({ query, ctx }) => bulletins.listBulletins(db(), ctx, query));
  registerRoute(app, 'createBulletin', async ({ body, ctx }) =>
    bulletins.createBulletin(db(), ctx, body, clock.now(), tasks),
  );
  registerRoute(app, 'getBulletin', async ({ params, ctx }) =>
    bulletins.getBulletin(db(), ctx, params.id, clock.now()),
  );
  registerRoute(app, 'updateBulletin', async ({ params, body, ctx }) =>
    bulletins.updateBulletin(db(), ctx, params.id, body, clock.now()),
  );
  registerRoute(app, 'refreshBulletin', async ({ params, body, ctx }) =>
    bulletins.refreshBulletin(db(), ctx, params.id, body.version, clock.now(), tasks),
  );
  registerRoute(app, 'publishBulletin', async ({ params, body, ctx }) =>
    bulletins.publishBulletin(db(), ctx, params.id, body.version, clock.now()),
  );
  registerRoute(app, 'withdrawBulletin', async ({ params, body, ctx }) =>
    bulletins.withdrawBulletin(db(), ctx, params.id, body, clock.now()),
  );
  registerRoute(app, 'bulletinVersions', async ({ params, ctx }) => bulletins.bulletinVersions(db(), ctx, params.id));
  registerRoute(app, 'bulletinReceipts', async ({ params, ctx }) => bulletins.bulletinReceipts(db(), ctx, params.id));
  registerRoute(app, 'bulletinDocument', async ({ params, query, ctx, reply }) => {
    const r = await bulletins.bulletinDocumentFile(db(), ctx, params.id, query.format ?? 'docx', clock.now());
    return reply
      .header('content-type', r.contentType)
      .header('content-disposition', contentDisposition(r.fileName))
      .send(r.file);
  });
}
