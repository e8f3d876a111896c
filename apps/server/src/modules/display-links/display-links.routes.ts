import type { FastifyInstance } from 'fastify';
import { registerRoute } from '../../http/register';
import * as links from './display-links.service';

/** Display links (大屏) for meeting-room screens: list, create (session only), revoke. */
export function displayLinkRoutes(app: FastifyInstance): void {
  const db = () => app.services.database.db;
  registerRoute(app, 'listDisplayLinks', async () => links.listDisplayLinks(db()));
  registerRoute(app, 'createDisplayLink', async ({ body, ctx }) => links.createDisplayLink(db(), ctx, body));
  registerRoute(app, 'revokeDisplayLink', async ({ params, ctx }) => links.revokeDisplayLink(db(), ctx, params.id));
}
