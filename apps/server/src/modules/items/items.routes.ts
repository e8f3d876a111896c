import type { FastifyInstance } from 'fastify';
import { registerRoute } from '../../http/register';
import { sendXlsx } from '../../http/xlsx-download';
import { contentDisposition } from '../../lib/storage';
import { readUpload } from '../../lib/upload';
import { xlsxBuffer } from '../../lib/xlsx';
import { shanghaiDate } from '../calendar/calendar.domain';
import { act } from './items.actions';
import { itemSheet } from './items.export';
import * as items from './items.service';

export function itemRoutes(app: FastifyInstance): void {
  const { database, clock, config, storage } = app.services;
  const db = () => database.db;
  registerRoute(app, 'listItems', async ({ query, ctx }) => items.listItems(db(), ctx, query, clock.now()));
  registerRoute(app, 'itemCounts', async ({ query, ctx }) => items.itemCounts(db(), ctx, query, clock.now()));
  registerRoute(app, 'exportItems', async ({ query, ctx, reply }) => {
    const now = clock.now();
    // Built in memory page by page (bounded by the scope of the list); sent when done, so an error half-way
    // answers with a clean error instead of a truncated file.
    const file = await xlsxBuffer([await itemSheet(db(), ctx, query, now)]);
    const name = ctx.locale === 'en-US' ? 'dispatch-items' : '调度事项';
    return sendXlsx(reply, file, `${name}-${shanghaiDate(now).replaceAll('-', '')}.xlsx`);
  });
  registerRoute(app, 'deadlinePreview', async ({ query }) => items.deadlinePreview(db(), query, clock.now()));
  registerRoute(app, 'createItem', async ({ body, ctx }) => items.createItem(db(), ctx, body, clock.now()));
  registerRoute(app, 'getItem', async ({ params, ctx }) => items.getItem(db(), ctx, params.id, clock.now()));
  registerRoute(app, 'updateItem', async ({ params, body, ctx }) =>
    items.updateItem(db(), ctx, params.id, body, clock.now()),
  );
  registerRoute(app, 'itemAction', async ({ params, body, ctx }) => act(db(), ctx, params.id, body, clock.now()));
  registerRoute(app, 'itemEvents', async ({ params, ctx }) => items.itemEvents(db(), ctx, params.id));
  registerRoute(app, 'uploadAttachment', async ({ params, ctx, request }) => {
    const upload = await readUpload(request, config.attachmentMaxBytes, 'ATTACHMENT_TOO_LARGE');
    return items.uploadAttachment(db(), storage, ctx, params.id, upload, clock.now());
  });
  registerRoute(app, 'downloadAttachment', async ({ params, ctx, reply }) => {
    const file = await items.findAttachment(db(), ctx, params.id, params.attachmentId);
    return reply
      .header('content-type', file.content_type)
      .header('content-disposition', contentDisposition(file.file_name))
      .header('x-content-type-options', 'nosniff')
      .send(storage.get(file.storage_key));
  });
}
