import type { FastifyInstance, FastifyReply } from 'fastify';
import { registerRoute } from '../../http/register';
import { contentDisposition } from '../../lib/storage';
import * as imports from './imports.service';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function sendXlsx(reply: FastifyReply, file: { fileName: string; bytes: Buffer }): never {
  reply
    .header('content-type', XLSX_TYPE)
    .header('content-disposition', contentDisposition(file.fileName))
    .header('content-length', String(file.bytes.length));
  return reply.send(file.bytes) as never;
}

export function importRoutes(app: FastifyInstance): void {
  const db = () => app.services.database.db;
  registerRoute(app, 'importTemplate', async ({ params, ctx, reply }) =>
    sendXlsx(reply, await imports.importTemplate(ctx, params.type)),
  );
  registerRoute(app, 'previewImport', async ({ params, query, ctx, request }) =>
    imports.previewImport(db(), ctx, app.services.config, params.type, query, request),
  );
  registerRoute(app, 'getImport', async ({ params, ctx }) => imports.getImport(db(), ctx, params.id));
  registerRoute(app, 'importErrors', async ({ params, ctx, reply }) =>
    sendXlsx(reply, await imports.importErrors(db(), ctx, params.id)),
  );
  registerRoute(app, 'commitImport', async ({ params, ctx }) => imports.commitImport(db(), ctx, params.id));
}
