import type { FastifyInstance } from 'fastify';
import { registerRoute } from '../../http/register';
import * as meetings from './meetings.service';

export function meetingRoutes(app: FastifyInstance): void {
  const { database, clock } = app.services;
  const db = () => database.db;
  registerRoute(app, 'listMeetings', async ({ query, ctx }) => meetings.listMeetings(db(), ctx, query));
  registerRoute(app, 'createMeeting', async ({ body, ctx }) => meetings.createMeeting(db(), ctx, body, clock.now()));
  registerRoute(app, 'getMeeting', async ({ params, ctx }) => meetings.getMeeting(db(), ctx, params.id, clock.now()));
  registerRoute(app, 'updateMeeting', async ({ params, body, ctx }) =>
    meetings.updateMeeting(db(), ctx, params.id, body, clock.now()),
  );
  registerRoute(app, 'holdMeeting', async ({ params, body, ctx }) =>
    meetings.holdMeeting(db(), ctx, params.id, body.version, clock.now()),
  );
  registerRoute(app, 'prepareAgenda', async ({ params, body, ctx }) =>
    meetings.prepareAgenda(db(), ctx, params.id, body.version, clock.now()),
  );
  registerRoute(app, 'addAgendaEntry', async ({ params, body, ctx }) =>
    meetings.addAgendaEntry(db(), ctx, params.id, body, clock.now()),
  );
  registerRoute(app, 'removeAgendaEntry', async ({ params, query, ctx }) =>
    meetings.removeAgendaEntry(db(), ctx, params.id, params.entryId, query.version, clock.now()),
  );
  registerRoute(app, 'decideAgendaEntry', async ({ params, body, ctx }) =>
    meetings.decideAgendaEntry(db(), ctx, params.id, params.entryId, body, clock.now()),
  );
}
