import type { FastifyInstance } from 'fastify';
import { registerRoute } from '../../http/register';
import { sendXlsx } from '../../http/xlsx-download';
import { xlsxBuffer } from '../../lib/xlsx';
import { shanghaiDate } from '../calendar/calendar.domain';
import { orderSheet } from './orders.export';
import * as orders from './orders.service';

export function orderRoutes(app: FastifyInstance): void {
  const { database, clock } = app.services;
  const db = () => database.db;
  registerRoute(app, 'listOrders', async ({ query, ctx }) => orders.listOrders(db(), ctx, query));
  registerRoute(app, 'exportOrders', async ({ query, ctx, reply }) => {
    // Rows go through the streaming writer page by page into memory, and are sent once complete, so an error
    // half-way answers with a clean error instead of a truncated file (as the item export does).
    const file = await xlsxBuffer([await orderSheet(db(), ctx, query)]);
    const name = ctx.locale === 'en-US' ? 'assignment-orders' : '交办单';
    return sendXlsx(reply, file, `${name}-${shanghaiDate(clock.now()).replaceAll('-', '')}.xlsx`);
  });
  registerRoute(app, 'orderCandidates', async ({ query }) => orders.orderCandidates(db(), query, clock.now()));
  registerRoute(app, 'createOrder', async ({ body, ctx }) => orders.createOrder(db(), ctx, body, clock.now()));
  registerRoute(app, 'getOrder', async ({ params, ctx }) => orders.getOrder(db(), ctx, params.id, clock.now()));
  registerRoute(app, 'updateOrder', async ({ params, body, ctx }) =>
    orders.updateOrder(db(), ctx, params.id, body, clock.now()),
  );
  registerRoute(app, 'orderAction', async ({ params, body, ctx }) =>
    orders.orderAction(db(), ctx, params.id, body, clock.now()),
  );
}
