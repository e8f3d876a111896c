import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  isAllowedWebhookUrl,
  MAX_ATTEMPTS,
  maskWebhookUrl,
  retryDelayMs,
  robotAccepted,
  robotText,
  signedUrl,
} from './webhooks.domain';

describe('robot addresses', () => {
  it('allows https anywhere and http only to this machine', () => {
    expect(isAllowedWebhookUrl('https://oapi.dingtalk.com/robot/send?access_token=abc')).toBe(true);
    expect(isAllowedWebhookUrl('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k')).toBe(true);
    expect(isAllowedWebhookUrl('http://127.0.0.1:8080/robot?access_token=a')).toBe(true);
    expect(isAllowedWebhookUrl('http://localhost/robot')).toBe(true);
    expect(isAllowedWebhookUrl('http://oapi.dingtalk.com/robot/send')).toBe(false);
    expect(isAllowedWebhookUrl('http://127.0.0.1.example.com/robot')).toBe(false);
    expect(isAllowedWebhookUrl('ftp://127.0.0.1/x')).toBe(false);
    expect(isAllowedWebhookUrl('https://user:pw@example.com/x')).toBe(false);
    expect(isAllowedWebhookUrl('not a url')).toBe(false);
  });

  it('masks the robot token (DingTalk access_token, WeCom key)', () => {
    expect(maskWebhookUrl('https://oapi.dingtalk.com/robot/send?access_token=abcdef123456')).toBe(
      'https://oapi.dingtalk.com/robot/send?access_token=abcd****',
    );
    expect(maskWebhookUrl('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx')).toBe(
      'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a****',
    );
  });
});

describe('DingTalk signing', () => {
  it('adds timestamp and the URL-encoded base64 HMAC-SHA256 of "timestamp\\nsecret"', () => {
    const url = signedUrl('dingtalk', 'https://oapi.dingtalk.com/robot/send?access_token=t', 'SECxyz', 1700000000000);
    const parsed = new URL(url);
    expect(parsed.searchParams.get('access_token')).toBe('t');
    expect(parsed.searchParams.get('timestamp')).toBe('1700000000000');
    const expected = createHmac('sha256', 'SECxyz').update('1700000000000\nSECxyz').digest('base64');
    expect(parsed.searchParams.get('sign')).toBe(expected);
    expect(url).toContain(`sign=${encodeURIComponent(expected)}`);
  });

  it('leaves unsigned robots and WeCom alone', () => {
    expect(signedUrl('dingtalk', 'https://x.test/r?access_token=t', null, 1)).toBe('https://x.test/r?access_token=t');
    expect(signedUrl('wecom', 'https://x.test/w?key=k', 'SEC', 1)).toBe('https://x.test/w?key=k');
  });
});

describe('messages and answers', () => {
  it('writes Chinese text with the platform name', () => {
    const text = robotText('item_overdue', { number: '2026-0007', title: '融资对接' });
    expect(text).toBe('【刺桐·泉州内外贸调度平台】已超期（红灯）：2026-0007 融资对接');
  });

  it('accepts only HTTP 200 with errcode 0', () => {
    expect(robotAccepted(200, '{"errcode":0,"errmsg":"ok"}').ok).toBe(true);
    expect(robotAccepted(200, '{"errcode":310000,"errmsg":"sign not match"}')).toEqual({
      ok: false,
      error: 'errcode 310000: sign not match',
    });
    expect(robotAccepted(500, 'oops').ok).toBe(false);
    expect(robotAccepted(200, '<html>').ok).toBe(false);
  });
});

describe('retries', () => {
  it('backs off 1, 2, 4, 8, 16 minutes and gives up after the sixth attempt', () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n))).toEqual([1, 2, 4, 8, 16].map((m) => m * 60_000));
    expect(retryDelayMs(MAX_ATTEMPTS)).toBeNull();
  });
});
