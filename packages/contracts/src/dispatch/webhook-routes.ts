/**
 * Group robots (DingTalk / WeCom) of a unit: the unit's chat group is told about its items. Managed by the system
 * admin for every unit and by a unit admin for their own unit (permission `webhook.manage`).
 */
import { Type } from 'typebox';
import { DateTime, IdParams, Name, Nullable, Page, PageQuery, StringEnum, Uuid, Version } from '../common';
import type { RouteDef } from '../route-def';
import { NOTIFICATION_EVENTS, WEBHOOK_KINDS, Webhook } from './notifications';

export const WEBHOOK_DELIVERY_STATES = ['pending', 'sent', 'failed'] as const;

const WebhookUrl = Type.String({
  minLength: 8,
  maxLength: 1000,
  description: 'The robot address: https, or http to this machine (127.0.0.1 / localhost) for tests and gateways',
});
const WebhookSecret = Type.String({
  minLength: 1,
  maxLength: 200,
  description: 'DingTalk signing secret (SEC…); never returned',
});
const EventTypes = Type.Array(StringEnum(NOTIFICATION_EVENTS), {
  maxItems: NOTIFICATION_EVENTS.length,
  uniqueItems: true,
  description: 'The events sent to the group; empty: every event',
});

export const WebhookList = Type.Object({ items: Type.Array(Webhook), total: Type.Integer() });
export const WebhookListQuery = Type.Object({ unitId: Type.Optional(Uuid) }, { additionalProperties: false });
export const CreateWebhookBody = Type.Object(
  {
    unitId: Uuid,
    kind: StringEnum(WEBHOOK_KINDS),
    name: Name(100),
    url: WebhookUrl,
    secret: Type.Optional(WebhookSecret),
    eventTypes: Type.Optional(EventTypes),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export const UpdateWebhookBody = Type.Object(
  {
    version: Version,
    kind: Type.Optional(StringEnum(WEBHOOK_KINDS)),
    name: Type.Optional(Name(100)),
    /** Omit (or send the masked address back unchanged) to keep the current address. */
    url: Type.Optional(WebhookUrl),
    /** Omit to keep the secret; null removes it. */
    secret: Type.Optional(Nullable(WebhookSecret)),
    eventTypes: Type.Optional(EventTypes),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export const DeleteWebhookQuery = Type.Object({ version: Version }, { additionalProperties: false });

export const WebhookTestResult = Type.Object({
  ok: Type.Boolean(),
  /** The robot's HTTP status (null: no answer). */
  status: Nullable(Type.Integer()),
  error: Nullable(Type.String()),
});

export const WebhookDelivery = Type.Object({
  id: Type.String(),
  eventType: Type.String(),
  /** The message as sent to the group (zh-CN). */
  text: Type.String(),
  state: StringEnum(WEBHOOK_DELIVERY_STATES),
  attempts: Type.Integer(),
  nextAttemptAt: Nullable(DateTime),
  lastStatus: Nullable(Type.Integer()),
  lastError: Nullable(Type.String()),
  sentAt: Nullable(DateTime),
  createdAt: DateTime,
});
export const WebhookDeliveryQuery = Type.Object(
  { ...PageQuery, state: Type.Optional(StringEnum(WEBHOOK_DELIVERY_STATES)) },
  { additionalProperties: false },
);
export const WebhookDeliveryPage = Page(WebhookDelivery);

export const webhookRoutes = {
  listWebhooks: {
    method: 'GET',
    path: '/api/v1/webhooks',
    summary: 'Group robots of the units in my scope, with their delivery status',
    tag: 'notifications',
    auth: 'user',
    permission: 'webhook.manage',
    query: WebhookListQuery,
    status: 200,
    response: WebhookList,
  },
  createWebhook: {
    method: 'POST',
    path: '/api/v1/webhooks',
    summary: 'Add a group robot to a unit',
    tag: 'notifications',
    auth: 'user',
    permission: 'webhook.manage',
    body: CreateWebhookBody,
    status: 201,
    response: Webhook,
  },
  updateWebhook: {
    method: 'PATCH',
    path: '/api/v1/webhooks/:id',
    summary: 'Edit a group robot',
    tag: 'notifications',
    auth: 'user',
    permission: 'webhook.manage',
    params: IdParams,
    body: UpdateWebhookBody,
    status: 200,
    response: Webhook,
  },
  deleteWebhook: {
    method: 'DELETE',
    path: '/api/v1/webhooks/:id',
    summary: 'Remove a group robot and its delivery history',
    tag: 'notifications',
    auth: 'user',
    permission: 'webhook.manage',
    params: IdParams,
    query: DeleteWebhookQuery,
    status: 204,
    response: null,
  },
  testWebhook: {
    method: 'POST',
    path: '/api/v1/webhooks/:id/test',
    summary: 'Send a test message to the group now',
    tag: 'notifications',
    auth: 'user',
    permission: 'webhook.manage',
    params: IdParams,
    status: 200,
    response: WebhookTestResult,
  },
  listWebhookDeliveries: {
    method: 'GET',
    path: '/api/v1/webhooks/:id/deliveries',
    summary: 'Recent deliveries of a group robot (newest first)',
    tag: 'notifications',
    auth: 'user',
    permission: 'webhook.manage',
    params: IdParams,
    query: WebhookDeliveryQuery,
    status: 200,
    response: WebhookDeliveryPage,
  },
} as const satisfies Record<string, RouteDef>;
