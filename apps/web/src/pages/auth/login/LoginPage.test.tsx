import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../App';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('sign-in page', () => {
  it('shows when a locked account may try again, in Beijing time', async () => {
    window.history.pushState({}, '', '/login');
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        if (url === '/api/v1/me') return json(401, { error: { code: 'UNAUTHENTICATED', message: '请先登录' } });
        return json(423, {
          error: {
            code: 'ACCOUNT_LOCKED',
            message: '登录失败次数过多，账号已临时锁定，请稍后再试',
            details: { lockedUntil: '2026-03-01T02:15:00Z' },
          },
        });
      }),
    );
    render(<App />);

    fireEvent.change(await screen.findByLabelText('用户名', {}, { timeout: 5000 }), { target: { value: 'admin' } });
    fireEvent.change(screen.getByLabelText('密码'), { target: { value: 'wrong-password' } });
    fireEvent.click(screen.getByRole('button', { name: /登\s*录/ }));

    const alert = await screen.findByText(
      '登录失败次数过多，账号已锁定，请于 2026-03-01 10:15 后再试',
      {},
      { timeout: 5000 },
    );
    expect(alert).toBeTruthy();
    expect(window.location.pathname).toBe('/login');
  });
});
