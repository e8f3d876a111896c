/**
 * Pure rules of the group robots (DingTalk / WeCom): which addresses are allowed, how an address is shown, how a
 * DingTalk request is signed, what a message looks like, when a failed delivery is retried. No I/O, no clock reads.
 */
import { createHmac } from 'node:crypto';
import { type NotificationEvent, renderNotification } from '@zaitun/contracts';

export type WebhookKind = 'dingtalk' | 'wecom';

/** The platform's name, in front of every robot message (the groups also hear from other systems). */
export const PLATFORM_NAME_ZH = '刺桐·泉州内外贸调度平台';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * https anywhere; plain http only to this machine (tests, an on-premises gateway that forwards to the Internet).
 * No credentials in the address, no fragment.
 */
export function isAllowedWebhookUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.username || url.password || url.hash) return false;
  if (url.protocol === 'https:') return url.hostname.length > 0;
  return url.protocol === 'http:' && LOOPBACK.has(url.hostname);
}

/** Query parameters that carry the robot's credential: DingTalk `access_token`, WeCom `key`. */
const TOKEN_PARAMS = ['access_token', 'key'];

/** The address as shown in the UI and the API: the robot's token reduced to its first four characters. */
export function maskWebhookUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return '***';
  }
  for (const name of TOKEN_PARAMS) {
    const value = url.searchParams.get(name);
    if (value !== null) url.searchParams.set(name, `${value.slice(0, 4)}****`);
  }
  return url.toString();
}

/**
 * DingTalk "加签": `timestamp` (ms) and `sign` = base64(HMAC-SHA256(secret, timestamp + "\n" + secret)), URL-encoded
 * (URLSearchParams does the encoding).
 */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

export function signedUrl(kind: WebhookKind, raw: string, secret: string | null, timestampMs: number): string {
  if (kind !== 'dingtalk' || !secret) return raw;
  const url = new URL(raw);
  url.searchParams.set('timestamp', String(timestampMs));
  url.searchParams.set('sign', dingtalkSign(secret, timestampMs));
  return url.toString();
}

/** The text sent to the group: Chinese (the groups are Chinese), prefixed with the platform's name. */
export function robotText(event: string, params: Record<string, unknown>): string {
  return `【${PLATFORM_NAME_ZH}】${renderNotification(event as NotificationEvent, params, 'zh-CN')}`;
}

export const TEST_MESSAGE_ZH = '测试消息：机器人配置正确，本群将收到相关调度事项提醒。';

/** Both robots accept the same plain-text message. */
export function robotBody(_kind: WebhookKind, content: string): { msgtype: 'text'; text: { content: string } } {
  return { msgtype: 'text', text: { content } };
}

/** A robot took the message: HTTP 200 and `errcode` 0 in its JSON answer. */
export function robotAccepted(status: number, body: string): { ok: boolean; error: string | null } {
  if (status !== 200) return { ok: false, error: `HTTP ${status}${body ? `: ${body.slice(0, 200)}` : ''}` };
  try {
    const parsed = JSON.parse(body) as { errcode?: unknown; errmsg?: unknown };
    if (parsed.errcode === 0) return { ok: true, error: null };
    return { ok: false, error: `errcode ${String(parsed.errcode)}: ${String(parsed.errmsg ?? '').slice(0, 200)}` };
  } catch {
    return { ok: false, error: `not JSON: ${body.slice(0, 200)}` };
  }
}

/** Attempts before a delivery is given up as failed. */
export const MAX_ATTEMPTS = 6;

/**
 * When to try again after the n-th failed attempt: 1, 2, 4, 8, 16 minutes; null once `MAX_ATTEMPTS` have failed.
 */
export function retryDelayMs(failedAttempts: number): number | null {
  if (failedAttempts >= MAX_ATTEMPTS) return null;
  return 60_000 * 2 ** Math.max(0, failedAttempts - 1);
}
