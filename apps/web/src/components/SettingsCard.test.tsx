import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { DEFAULT_DOCUMENT_SETTINGS } from '@zaitun/contracts';
import { App } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import '../i18n';
import { createQueryClient } from '../api/query-client';
import { DocumentSettingsForm } from '../pages/system/settings/DocumentSettingsForm';
import { ErrorPolicyBridge } from './ErrorPolicyBridge';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const conflict = () =>
  Response.json(
    { error: { code: 'VERSION_CONFLICT', message: '数据已被他人修改，请刷新后重试', details: {} } },
    { status: 409 },
  );

describe('a settings card (here the official documents)', { timeout: 30_000 }, () => {
  it('saves with the version it shows; a stale save reloads the other change and the next save sends its version', async () => {
    // The server: version 3 stored; someone else saves version 4 after our first save (version 3 → 4 is ours).
    let stored = { version: 3, settings: { ...DEFAULT_DOCUMENT_SETTINGS } };
    const puts: { version: number; printer: string }[] = [];
    let otherSaved = false;
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init: RequestInit) => {
        if (init.method !== 'PUT') {
          // A reload takes a moment over the network: the form must wait for it, not refill from what it had.
          if (otherSaved) await new Promise((resolve) => setTimeout(resolve, 300));
          return Response.json(stored);
        }
        const body = JSON.parse(String(init.body)) as { version: number; settings: typeof stored.settings };
        puts.push({ version: body.version, printer: body.settings.printer });
        if (body.version !== stored.version) return conflict();
        stored = { version: stored.version + 1, settings: body.settings };
        if (!otherSaved) {
          // Right after our first save another office changes the printer.
          otherSaved = true;
          stored = { version: stored.version + 1, settings: { ...stored.settings, printer: '他人修改的印发机关' } };
          return Response.json({ version: stored.version - 1, settings: body.settings });
        }
        return Response.json(stored);
      }),
    );
    render(
      <QueryClientProvider client={createQueryClient()}>
        <App>
          <ErrorPolicyBridge />
          <DocumentSettingsForm canEdit />
        </App>
      </QueryClientProvider>,
    );
    await screen.findByText('版本 3');
    const printer = screen.getByLabelText('印发机关') as HTMLInputElement;
    const save = () => fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));

    fireEvent.change(printer, { target: { value: '第一次保存' } });
    save();
    await screen.findByText('版本 4');
    // Our form still says version 4, the server has 5: the save is refused, the other change comes in.
    fireEvent.change(printer, { target: { value: '第二次保存' } });
    save();
    await screen.findByText('数据已被他人修改，表单已载入最新内容，请核对后再保存');
    await waitFor(() => expect(printer.value).toBe('他人修改的印发机关'));
    expect(screen.getByText('版本 5')).toBeTruthy();

    save();
    await waitFor(() => expect(puts).toHaveLength(3));
    expect(puts).toEqual([
      { version: 3, printer: '第一次保存' },
      { version: 4, printer: '第二次保存' },
      { version: 5, printer: '他人修改的印发机关' },
    ]);
  });
});
