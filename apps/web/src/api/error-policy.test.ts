import { describe, expect, it } from 'vitest';
import { ApiError, NETWORK_ERROR } from './client';
import { errorText, reactionTo } from './error-policy';

describe('request-error policy', () => {
  it('sends an expired or missing session to sign-in', () => {
    expect(reactionTo(new ApiError(401, 'UNAUTHENTICATED', 'x'), 'zh-CN')).toEqual({ kind: 'signIn', text: null });
    expect(reactionTo(new ApiError(401, 'SESSION_EXPIRED', ''), 'en-US')).toEqual({
      kind: 'signIn',
      text: 'Your session has expired; please sign in again',
    });
  });

  it('does not treat a wrong password at sign-in as a lost session', () => {
    expect(reactionTo(new ApiError(401, 'INVALID_CREDENTIALS', '用户名或密码错误'), 'zh-CN')).toEqual({
      kind: 'toast',
      text: '用户名或密码错误',
    });
  });

  it('sends an account that must change its password to the change screen', () => {
    expect(reactionTo(new ApiError(403, 'PASSWORD_CHANGE_REQUIRED', ''), 'zh-CN')).toEqual({ kind: 'changePassword' });
  });

  it('reports a stale version as a conflict to refetch', () => {
    expect(reactionTo(new ApiError(409, 'VERSION_CONFLICT', ''), 'zh-CN')).toEqual({
      kind: 'conflict',
      text: '数据已被他人修改，请刷新后重试',
    });
  });

  it("prefers the server's message, which is already in the UI language", () => {
    expect(errorText(new ApiError(409, 'UNIT_IN_USE', 'Unit has users'), 'en-US')).toBe('Unit has users');
  });

  it('has texts for network failures and unknown errors in both languages', () => {
    expect(errorText(new ApiError(0, NETWORK_ERROR, 'Failed to fetch'), 'zh-CN')).toBe(
      '网络连接失败，请检查网络后重试',
    );
    expect(errorText(new ApiError(0, NETWORK_ERROR, ''), 'en-US')).toMatch(/Cannot reach the server/);
    expect(errorText(new Error('boom'), 'zh-CN')).toBe('操作失败，请稍后再试');
    expect(errorText(new ApiError(418, 'HTTP_418', ''), 'en-US')).toBe('Something went wrong; try again later');
  });
});
