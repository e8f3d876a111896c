import type { FastifyInstance, FastifyReply } from 'fastify';
import { registerRoute } from '../../http/register';
import { contentDisposition } from '../../lib/storage';
import { minutesDocumentFile, orderDocumentFile, type RenderedDocument } from './official-docs.service';

const send = (reply: FastifyReply, r: RenderedDocument) =>
  reply
    .header('content-type', r.contentType)
    .header('content-disposition', contentDisposition(r.fileName))
    .send(r.file);

/** The assignment order and the meeting minutes as Word or PDF downloads. */
export function officialDocRoutes(app: FastifyInstance): void {
  const { database, clock } = app.services;
  const db = () => database.db;
  registerRoute(app, 'orderDocument', async ({ params, query, ctx, reply }) =>
    send(reply, await orderDocumentFile(db(), ctx, params.id, query.format ?? 'docx', clock.now())),
  );
  registerRoute(app, 'meetingMinutes', async ({ params, query, ctx, reply }) =>
    send(reply, await minutesDocumentFile(db(), ctx, params.id, query.format ?? 'docx', clock.now())),
  );
}
