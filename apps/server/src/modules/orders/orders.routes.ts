import type { FastifyInstance } from 'fastify';
import { registerRoute } from '../../http/register';
import * as orders from './orders.service';

export function orderRoutes(app: FastifyInstance): void {
  const { database, clock } = app.services;
  const db = () => database.db;
  registerRoute(app, 'listOrders', async ({ query, ctx }) => orders.listOrders(db(), ctx, query));
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
