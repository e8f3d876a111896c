import type { FastifyInstance } from 'fastify';
import { registerRoute } from '../../http/register';
import { getTask } from './tasks.service';

/** Background tasks: the caller follows a task it started (e.g. a bulletin's generation). */
export function taskRoutes(app: FastifyInstance): void {
  const { database, clock } = app.services;
  registerRoute(app, 'getTask', async ({ params, ctx }) => getTask(database.db, ctx, params.id, clock.now()));
}
