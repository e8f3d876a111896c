import type { FastifyInstance } from 'fastify';
import { registerRoute } from '../../http/register';
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
    const [units, categories] = await Promise.all([
      db().selectFrom('units').select(['id', 'name_zh', 'name_en']).execute(),
      db()
        .selectFrom('dictionary_entries')
        .select(['code', 'name_zh', 'name_en'])
        .where('dict', '=', 'item_category')
        .execute(),
    ]);
    const names = {
      units: new Map(units.map((u) => [u.id, { nameZh: u.name_zh, nameEn: u.name_en }])),
      categories: new Map(categories.map((c) => [c.code, { nameZh: c.name_zh, nameEn: c.name_en }])),
    };
    // Built in memory page by page (bounded by the scope of the list); streamed to the client when done, so an
    // error half-way answers with a clean error instead of a truncated file.
    const file = await xlsxBuffer([itemSheet(items.allItems(db(), ctx, query, now), names, ctx.locale)]);
    const stamp = shanghaiDate(now).replaceAll('-', '');
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header(
        'content-disposition',
        contentDisposition(`${ctx.locale === 'en-US' ? 'dispatch-items' : '调度事项'}-${stamp}.xlsx`),
      )
      .send(file);
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
