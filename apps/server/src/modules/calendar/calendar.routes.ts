import type { FastifyInstance } from 'fastify';
import { registerRoute } from '../../http/register';
import { contentDisposition } from '../../lib/storage';
import * as calendar from './calendar.service';

export function calendarRoutes(app: FastifyInstance): void {
  const db = () => app.services.database.db;
  registerRoute(app, 'listCalendarYears', async ({ ctx }) => calendar.listCalendarYears(db(), ctx.audit.clock.now()));
  registerRoute(app, 'getCalendarYear', async ({ params }) => calendar.getCalendarYear(db(), params.year));
  registerRoute(app, 'putCalendarYear', async ({ params, body, ctx }) =>
    calendar.putCalendarYear(db(), ctx, params.year, body),
  );
  registerRoute(app, 'exportCalendar', async ({ ctx, reply }) => {
    const file = await calendar.exportCalendar(db(), ctx.locale);
    reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', contentDisposition(file.fileName))
      .header('content-length', String(file.bytes.length));
    return reply.send(file.bytes) as never;
  });
}
