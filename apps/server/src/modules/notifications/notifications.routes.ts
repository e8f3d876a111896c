import type { FastifyInstance } from 'fastify';
import { registerRoute } from '../../http/register';
import * as notifications from './notifications.service';
import * as webhooks from './webhooks.service';

export function notificationRoutes(app: FastifyInstance): void {
  const { database, clock } = app.services;
  const db = () => database.db;
  registerRoute(app, 'listNotifications', async ({ query, ctx }) => notifications.listNotifications(db(), ctx, query));
  registerRoute(app, 'unreadNotifications', async ({ ctx }) => notifications.unread(db(), ctx));
  registerRoute(app, 'markNotificationsRead', async ({ body, ctx }) =>
    notifications.markNotificationsRead(db(), ctx, body),
  );
  registerRoute(app, 'getNotificationPrefs', async ({ ctx }) => notifications.getPrefs(db(), ctx));
  registerRoute(app, 'putNotificationPrefs', async ({ body, ctx }) => notifications.putPrefs(db(), ctx, body));

  registerRoute(app, 'listWebhooks', async ({ query, ctx }) => webhooks.listWebhooks(db(), ctx, query));
  registerRoute(app, 'createWebhook', async ({ body, ctx }) => webhooks.createWebhook(db(), ctx, body, clock.now()));
  registerRoute(app, 'updateWebhook', async ({ params, body, ctx }) =>
    webhooks.updateWebhook(db(), ctx, params.id, body, clock.now()),
  );
  registerRoute(app, 'deleteWebhook', async ({ params, query, ctx }) => {
    await webhooks.deleteWebhook(db(), ctx, params.id, query.version);
    return undefined;
  });
  registerRoute(app, 'testWebhook', async ({ params, ctx }) => webhooks.testWebhook(db(), ctx, params.id, clock));
  registerRoute(app, 'listWebhookDeliveries', async ({ params, query, ctx }) =>
    webhooks.listDeliveries(db(), ctx, params.id, query),
  );
}
