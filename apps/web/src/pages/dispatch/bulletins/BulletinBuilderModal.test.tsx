import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ERROR_MESSAGES } from '@zaitun/contracts';
import { App } from 'antd';
import dayjs from 'dayjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import '../../../i18n';
import { DISPLAY_TZ } from '../../../lib/datetime';
import { BulletinBuilderModal } from './BulletinBuilderModal';

const BULLETIN = '00000000-0000-4000-8000-0000000000b1';
const TASK = '00000000-0000-4000-8000-0000000000c1';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function task(state: 'running' | 'succeeded', progress: number, step: string) {
  const at = new Date().toISOString();
  return {
    id: TASK,
    kind: 'bulletin.create',
    state,
    progress,
    step,
    result: state === 'succeeded' ? { bulletinId: BULLETIN } : null,
    error: null,
    createdAt: at,
    updatedAt: at,
    finishedAt: state === 'succeeded' ? at : null,
  };
}

function renderBuilder(onCreated = vi.fn()) {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <App>
        <BulletinBuilderModal onClose={() => {}} onCreated={onCreated} />
      </App>
    </QueryClientProvider>,
  );
  return onCreated;
}

describe('the bulletin builder', () => {
  it('asks for this month by default, follows the task with its step named, and opens the new draft', async () => {
    const polls = [task('running', 40, 'overdue'), task('succeeded', 100, 'done')];
    const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
      if (init?.method === 'POST') return Response.json(task('running', 0, 'start'), { status: 202 });
      expect(url).toBe(`/api/v1/tasks/${TASK}`);
      return Response.json(polls.length > 1 ? polls.shift() : polls[0]);
    });
    vi.stubGlobal('fetch', fetchMock);
    const onCreated = renderBuilder();
    fireEvent.click(screen.getByRole('button', { name: /生成草稿/ }));
    await waitFor(() => expect(fetchMock).toHaveBeenCalled());
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/v1/bulletins');
    expect(JSON.parse(String(init.body))).toEqual({
      periodKind: 'month',
      anchor: dayjs().tz(DISPLAY_TZ).format('YYYY-MM-DD'),
    });
    await screen.findByText('汇总超期事项');
    // Polling at 300 ms and antd's rendering take a few seconds on a loaded machine.
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(BULLETIN), { timeout: 5_000 });
  }, 20_000);

  it('shows a period the server refuses on the period field', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        Response.json(
          {
            error: {
              code: 'BULLETIN_PERIOD_INVALID',
              message: ERROR_MESSAGES.BULLETIN_PERIOD_INVALID['zh-CN'],
              details: [{ in: 'body', path: '/anchor', keyword: 'future', message: 'the period has not begun yet' }],
            },
          },
          { status: 400 },
        ),
      ),
    );
    const onCreated = renderBuilder();
    fireEvent.click(screen.getByRole('button', { name: /生成草稿/ }));
    expect(await screen.findByText('期间尚未开始')).toBeTruthy();
    expect(onCreated).not.toHaveBeenCalled();
  }, 20_000);
});
