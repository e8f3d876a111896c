import { Type } from 'typebox';
import { DateTime, Nullable, PageQuery, StringEnum, Uuid } from '../common';

/** Events a user can be told about; each has a zh-CN / en-US template in the web and for the robots. */
export const NOTIFICATION_EVENTS = [
  'item_dispatched',
  'item_returned',
  'item_signed',
  'item_resolved',
  'item_verified',
  'item_rejected',
  'item_reopened',
  'item_urged',
  'item_escalated',
  'item_extension_requested',
  'item_extension_decided',
  'item_low_rating',
  'item_due_soon',
  'item_overdue',
  'item_sign_overdue',
  'item_submitted',
  'order_issued',
  'order_reopened',
  'meeting_scheduled',
  'bulletin_published',
  'figures_due',
] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

export const Notification = Type.Object({
  id: Type.String(),
  eventType: StringEnum(NOTIFICATION_EVENTS),
  entityType: Type.String(),
  entityId: Nullable(Type.String()),
  /** Values for the message template (item number and title, unit, level …). */
  params: Type.Record(Type.String(), Type.Unknown()),
  /** The message in the caller's language. */
  text: Type.String(),
  createdAt: DateTime,
  readAt: Nullable(DateTime),
});
export const NotificationListQuery = Type.Object(
  { ...PageQuery, unread: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export const NotificationPage = Type.Object({
  items: Type.Array(Notification),
  total: Type.Integer(),
  unread: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
export const UnreadCount = Type.Object({ unread: Type.Integer() });
export const MarkReadBody = Type.Object(
  {
    /** The notifications to mark read; omit to mark all of mine read. */
    ids: Type.Optional(Type.Array(Type.String({ pattern: '^[0-9]{1,18}$' }), { minItems: 1, maxItems: 100 })),
  },
  { additionalProperties: false },
);
export const NotificationPrefs = Type.Object({
  items: Type.Array(Type.Object({ eventType: StringEnum(NOTIFICATION_EVENTS), inApp: Type.Boolean() })),
});
export const PutNotificationPrefsBody = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        { eventType: StringEnum(NOTIFICATION_EVENTS), inApp: Type.Boolean() },
        { additionalProperties: false },
      ),
      { maxItems: 50 },
    ),
  },
  { additionalProperties: false },
);

export const WEBHOOK_KINDS = ['dingtalk', 'wecom'] as const;
export const Webhook = Type.Object({
  id: Uuid,
  unitId: Uuid,
  kind: StringEnum(WEBHOOK_KINDS),
  name: Type.String(),
  /** The robot address with its access token masked. */
  url: Type.String(),
  hasSecret: Type.Boolean(),
  eventTypes: Type.Array(StringEnum(NOTIFICATION_EVENTS)),
  active: Type.Boolean(),
  version: Type.Integer(),
  createdAt: DateTime,
  updatedAt: DateTime,
  /** Delivery status. */
  sent: Type.Integer(),
  pending: Type.Integer(),
  failed: Type.Integer(),
  lastError: Nullable(Type.String()),
});

/**
 * Message templates per event, in both languages; `{number}`, `{title}`, `{level}`, `{rating}`, `{reason}` are
 * filled from the notification's params. Used by the in-app list and by the group robots.
 */
export const NOTIFICATION_TEMPLATES: Record<NotificationEvent, { 'zh-CN': string; 'en-US': string }> = {
  item_submitted: { 'zh-CN': '新事项待分派：{number} {title}', 'en-US': 'New item to dispatch: {number} {title}' },
  item_dispatched: {
    'zh-CN': '收到交办事项，请及时签收：{number} {title}',
    'en-US': 'Item dispatched to you, please sign: {number} {title}',
  },
  item_returned: {
    'zh-CN': '事项被退回：{number} {title}（理由：{reason}）',
    'en-US': 'Item returned: {number} {title} (reason: {reason})',
  },
  item_signed: { 'zh-CN': '事项已签收：{number} {title}', 'en-US': 'Item signed for: {number} {title}' },
  item_resolved: {
    'zh-CN': '事项已办结，待审核：{number} {title}',
    'en-US': 'Item resolved, to verify: {number} {title}',
  },
  item_verified: {
    'zh-CN': '事项已办结销号，请评价：{number} {title}',
    'en-US': 'Item closed, please rate the answer: {number} {title}',
  },
  item_rejected: {
    'zh-CN': '办结被驳回，请重办：{number} {title}（理由：{reason}）',
    'en-US': 'Resolution rejected, redo: {number} {title} (reason: {reason})',
  },
  item_reopened: {
    'zh-CN': '事项已重新打开：{number} {title}（理由：{reason}）',
    'en-US': 'Item reopened: {number} {title} (reason: {reason})',
  },
  item_urged: { 'zh-CN': '催办：{number} {title}', 'en-US': 'Reminder from the office: {number} {title}' },
  item_escalated: {
    'zh-CN': '督办（{level}）：{number} {title}',
    'en-US': 'Escalated ({level} card): {number} {title}',
  },
  item_extension_requested: {
    'zh-CN': '延期申请待审批：{number} {title}',
    'en-US': 'Extension requested: {number} {title}',
  },
  item_extension_decided: {
    'zh-CN': '延期申请已{decision}：{number} {title}',
    'en-US': 'Extension {decision}: {number} {title}',
  },
  item_low_rating: {
    'zh-CN': '事项评价较低（{rating} 分）：{number} {title}',
    'en-US': 'Low rating ({rating}/5): {number} {title}',
  },
  item_due_soon: { 'zh-CN': '即将到期（黄灯）：{number} {title}', 'en-US': 'Due soon (yellow): {number} {title}' },
  item_overdue: { 'zh-CN': '已超期（红灯）：{number} {title}', 'en-US': 'Overdue (red): {number} {title}' },
  item_sign_overdue: { 'zh-CN': '超时未签收：{number} {title}', 'en-US': 'Not signed in time: {number} {title}' },
  order_issued: { 'zh-CN': '收到交办单：{number} {title}', 'en-US': 'Assignment order received: {number} {title}' },
  order_reopened: {
    'zh-CN': '交办单重新办理：{number} {title}（事项 {item} 已重新打开）',
    'en-US': 'Assignment order reopened: {number} {title} (item {item} reopened)',
  },
  meeting_scheduled: { 'zh-CN': '调度会通知：{number} {title}', 'en-US': 'Dispatch meeting: {number} {title}' },
  bulletin_published: { 'zh-CN': '收到通报：{number} {title}', 'en-US': 'Bulletin published: {number} {title}' },
  figures_due: {
    'zh-CN': '请于 {deadline} 前报送 {year} 年 {month} 月统计数据（尚缺 {missing} 项）',
    'en-US': 'Report the figures of {year}-{month} by {deadline} ({missing} still missing)',
  },
};

const PARAM_WORDS: Record<string, { 'zh-CN': string; 'en-US': string }> = {
  yellow: { 'zh-CN': '黄牌', 'en-US': 'yellow' },
  red: { 'zh-CN': '红牌', 'en-US': 'red' },
  approved: { 'zh-CN': '批准', 'en-US': 'approved' },
  denied: { 'zh-CN': '驳回', 'en-US': 'denied' },
};

/** The message of a notification in a language. */
export function renderNotification(
  event: NotificationEvent,
  params: Record<string, unknown>,
  locale: 'zh-CN' | 'en-US',
): string {
  return NOTIFICATION_TEMPLATES[event][locale].replace(/\{(\w+)\}/g, (_, key: string) => {
    const v = params[key];
    if (v === undefined || v === null) return '';
    const word = PARAM_WORDS[String(v)];
    return word ? word[locale] : String(v);
  });
}
