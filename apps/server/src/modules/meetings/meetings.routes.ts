import type { FastifyInstance } from 'fastify';
import { registerRoute } from '../../http/register';
import { sendXlsx } from '../../http/xlsx-download';
import { xlsxBuffer } from '../../lib/xlsx';
import { shanghaiDate } from '../calendar/calendar.domain';
import * as agenda from './meetings.agenda';
import { decideAgendaEntry } from './meetings.decisions';
import { meetingSheet } from './meetings.export';
import * as meetings from './meetings.service';

export function meetingRoutes(app: FastifyInstance): void {
  const { database, clock } = app.services;
  const db = () => database.db;
  registerRoute(app, 'listMeetings', async ({ query, ctx }) => meetings.listMeetings(db(), ctx, query));
  registerRoute(app, 'exportMeetings', async ({ query, ctx, reply }) => {
    // Complete before it is sent, like the other list exports: an error half-way is a clean error, not half a file.
    const file = await xlsxBuffer([meetingSheet(db(), ctx, query)]);
    const name = ctx.locale === 'en-US' ? 'dispatch-meetings' : '调度会';
    return sendXlsx(reply, file, `${name}-${shanghaiDate(clock.now()).replaceAll('-', '')}.xlsx`);
  });
  registerRoute(app, 'createMeeting', async ({ body, ctx }) => meetings.createMeeting(db(), ctx, body, clock.now()));
  registerRoute(app, 'getMeeting', async ({ params, ctx }) => meetings.getMeeting(db(), ctx, params.id, clock.now()));
  registerRoute(app, 'updateMeeting', async ({ params, body, ctx }) =>
    meetings.updateMeeting(db(), ctx, params.id, body, clock.now()),
  );
  registerRoute(app, 'holdMeeting', async ({ params, body, ctx }) =>
    meetings.holdMeeting(db(), ctx, params.id, body.version, clock.now()),
  );
  registerRoute(app, 'prepareAgenda', async ({ params, body, ctx }) =>
    agenda.prepareAgenda(db(), ctx, params.id, body.version, clock.now()),
  );
  registerRoute(app, 'addAgendaEntry', async ({ params, body, ctx }) =>
    agenda.addAgendaEntry(db(), ctx, params.id, body, clock.now()),
  );
  registerRoute(app, 'removeAgendaEntry', async ({ params, query, ctx }) =>
    agenda.removeAgendaEntry(db(), ctx, params.id, params.entryId, query.version, clock.now()),
  );
  registerRoute(app, 'decideAgendaEntry', async ({ params, body, ctx }) =>
    decideAgendaEntry(db(), ctx, params.id, params.entryId, body, clock.now()),
  );
}
