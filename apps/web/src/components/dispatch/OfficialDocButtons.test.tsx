import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ERROR_MESSAGES } from '@zaitun/contracts';
import { App } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import '../../i18n';
import { OfficialDocButtons } from './OfficialDocButtons';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderButtons() {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <App>
        <OfficialDocButtons route="orderDocument" id="00000000-0000-4000-8000-000000000001" />
      </App>
    </QueryClientProvider>,
  );
}

describe('the official document download buttons', () => {
  it('ask for the Word file with format=docx', async () => {
    const fetchMock = vi.fn(async () => new Response(new Blob(['PK']), { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    URL.createObjectURL = vi.fn(() => 'blob:x');
    URL.revokeObjectURL = vi.fn();
    renderButtons();
    fireEvent.click(screen.getByRole('button', { name: /下载 Word/ }));
    await waitFor(() => expect(fetchMock).toHaveBeenCalled());
    expect(String((fetchMock.mock.calls[0] as unknown[])[0])).toBe(
      '/api/v1/orders/00000000-0000-4000-8000-000000000001/document?format=docx',
    );
  });

  it("show the server's whole PDF_UNAVAILABLE message in a dialog", async () => {
    const message = ERROR_MESSAGES.PDF_UNAVAILABLE['zh-CN'];
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Response.json({ error: { code: 'PDF_UNAVAILABLE', message, details: {} } }, { status: 503 })),
    );
    renderButtons();
    fireEvent.click(screen.getByRole('button', { name: /下载 PDF/ }));
    await waitFor(() => expect(document.querySelectorAll('.ant-modal-confirm-warning')).toHaveLength(1));
    const dialog = document.querySelector('.ant-modal-confirm-warning')?.textContent ?? '';
    expect(dialog).toContain('暂时无法生成 PDF');
    expect(dialog).toContain(message);
  });
});
