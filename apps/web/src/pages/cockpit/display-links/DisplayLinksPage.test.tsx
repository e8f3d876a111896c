import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { App } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import '../../../i18n';
import { displayLinkAddress } from '../../../api/display-links';
import { DisplayLinksPage } from './DisplayLinksPage';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const link = (n: number, over: Record<string, unknown> = {}) => ({
  id: `00000000-0000-4000-8000-00000000000${n}`,
  name: `会议室${n}`,
  prefix: `zdl_Prefix0${n}`,
  createdByName: '指挥部调度员',
  createdAt: '2026-11-01T02:00:00.000Z',
  expiresAt: '2099-01-01T00:00:00.000Z',
  lastUsedAt: null,
  revokedAt: null,
  ...over,
});

describe('the display links page', { timeout: 30_000 }, () => {
  it('lists the links with their state and shows a new link’s full address once', async () => {
    const token = `zdl_${'a'.repeat(43)}`;
    const calls: { method: string; url: string; body: unknown }[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit) => {
        calls.push({ method: init.method ?? 'GET', url, body: init.body ? JSON.parse(String(init.body)) : null });
        if (init.method === 'POST') {
          return Response.json({ link: link(3), token, url: `/display/${token}` }, { status: 201 });
        }
        return Response.json({ items: [link(1), link(2, { revokedAt: '2026-11-02T00:00:00.000Z' })] });
      }),
    );
    render(
      <QueryClientProvider client={new QueryClient()}>
        <App>
          <DisplayLinksPage />
        </App>
      </QueryClientProvider>,
    );
    const row1 = (await screen.findByText('会议室1')).closest('tr') as HTMLElement;
    expect(within(row1).getByText('有效')).toBeTruthy();
    expect(within(row1).getByText('撤销')).toBeTruthy();
    const row2 = screen.getByText('会议室2').closest('tr') as HTMLElement;
    expect(within(row2).getByText('已撤销')).toBeTruthy();
    expect(within(row2).queryByText('撤销')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: /新建大屏链接/ }));
    fireEvent.change(await screen.findByLabelText('名称'), { target: { value: '三楼会议室' } });
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: /^新\s*建$/ }));
    const address = (await screen.findByLabelText('大屏链接地址')) as HTMLInputElement;
    expect(address.value).toBe(`${window.location.origin}/display/${token}`);
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ name: '三楼会议室', expiresInDays: 90 });
  });

  it('keeps an absolute address as it is', () => {
    expect(displayLinkAddress('/display/zdl_x', 'https://zaitun.example')).toBe('https://zaitun.example/display/zdl_x');
    expect(displayLinkAddress('https://a.example/display/zdl_x', 'https://b.example')).toBe(
      'https://a.example/display/zdl_x',
    );
  });
});
