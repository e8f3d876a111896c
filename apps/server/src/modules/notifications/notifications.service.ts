/** My notifications: the list (rendered in my language), the unread count, marking read, and my preferences. */
import {
  type Locale,
  NOTIFICATION_EVENTS,
  type NotificationEvent,
  type RouteBody,
  type RouteQuery,
  type RouteResponse,
  renderNotification,
} from '@zaitun/contracts';
import type { Db } from '../../db/database';
import type { AuthedContext } from '../../http/context';
import { DomainError } from '../../lib/errors';
import { loadPrefs, markRead, pageOfNotifications, unreadCount, upsertPrefs } from './notifications.repository';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export async function listNotifications(
  db: Db,
  ctx: AuthedContext,
  query: RouteQuery<'listNotifications'>,
): Promise<RouteResponse<'listNotifications'>> {
  const page = query.page ?? 1;
  const pageSize = Math.min(query.pageSize ?? 20, 100);
  const { rows, total, unread } = await pageOfNotifications(db, ctx.actor.userId, {
    unreadOnly: query.unread === true,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  return {
    items: rows.map((r) => presentNotification(r, ctx.locale)),
    total,
    unread,
    page,
    pageSize,
  };
}

function presentNotification(
  r: Awaited<ReturnType<typeof pageOfNotifications>>['rows'][number],
  locale: Locale,
): RouteResponse<'listNotifications'>['items'][number] {
  const params = (r.params ?? {}) as Record<string, unknown>;
  const event = r.event_type as NotificationEvent;
  return {
    id: String(r.id),
    eventType: event,
    entityType: r.entity_type,
    entityId: r.entity_id,
    params,
    text: NOTIFICATION_EVENTS.includes(event) ? renderNotification(event, params, locale) : event,
    createdAt: iso(r.created_at) as string,
    readAt: iso(r.read_at),
  };
}

export async function unread(db: Db, ctx: AuthedContext) {
  return { unread: await unreadCount(db, ctx.actor.userId) };
}

export async function markNotificationsRead(db: Db, ctx: AuthedContext, body: RouteBody<'markNotificationsRead'>) {
  await markRead(db, ctx.actor.userId, body.ids ?? null, ctx.audit.clock.now());
  return { unread: await unreadCount(db, ctx.actor.userId) };
}

/** Every event type, in the contract's order; an event I never chose is on (in_app = true). */
export async function getPrefs(db: Db, ctx: AuthedContext): Promise<RouteResponse<'getNotificationPrefs'>> {
  const prefs = await loadPrefs(db, ctx.actor.userId);
  return { items: NOTIFICATION_EVENTS.map((eventType) => ({ eventType, inApp: prefs.get(eventType) ?? true })) };
}

export async function putPrefs(db: Db, ctx: AuthedContext, body: RouteBody<'putNotificationPrefs'>) {
  const seen = new Set<string>();
  for (const item of body.items) {
    if (seen.has(item.eventType)) throw new DomainError('VALIDATION_FAILED', { duplicate: item.eventType });
    seen.add(item.eventType);
  }
  await upsertPrefs(db, ctx.actor.userId, body.items);
  return getPrefs(db, ctx);
}
