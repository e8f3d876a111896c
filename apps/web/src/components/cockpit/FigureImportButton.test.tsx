import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import '../../i18n';
import { FigureImportButton } from './FigureImportButton';

const RETAIL = '00000000-0000-4000-8000-000000000001';
const WAREHOUSES = '00000000-0000-4000-8000-000000000002';

const indicator = (id: string, nameZh: string, frequency: string, kind: string) => ({
  id,
  code: id === RETAIL ? 'retail_sales' : 'overseas_warehouses',
  nameZh,
  nameEn: nameZh,
  measureUnit: '亿元',
  frequency,
  kind,
  direction: 'higher',
  decimals: 2,
  additive: true,
  responsibleUnitId: null,
  definition: '',
  source: '',
  sortOrder: 0,
  active: true,
  version: 1,
  updatedAt: '2026-01-01T00:00:00.000Z',
});

const PREVIEW = {
  id: '00000000-0000-4000-8000-0000000000aa',
  type: 'bureau_sheet',
  fileName: '社零.xlsx',
  fileHash: 'x',
  state: 'previewed',
  rowsTotal: 15,
  rowsInvalid: 1,
  errors: [{ rowNumber: 16, column: 'unit', code: 'UNKNOWN_UNIT', message: '找不到单位「鲤城县」' }],
  changes: { create: 14, update: 0, unchanged: 0 },
  groups: [],
  sample: [
    { row: 5, unit: '全市', indicator: '社会消费品零售总额', period: '2026-10', value: 5390.25, change: 'create' },
  ],
  params: { indicatorId: RETAIL, year: 2026, month: 10 },
  createdAt: '2026-11-05T02:00:00.000Z',
  committedAt: null,
};

/** Records what the dialog uploads and answers with the preview above. */
class FakeXhr {
  static opened: { method: string; url: string }[] = [];
  upload: { onprogress?: unknown } = {};
  status = 0;
  responseText = '';
  withCredentials = false;
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  open(method: string, url: string) {
    FakeXhr.opened.push({ method, url });
  }
  setRequestHeader() {}
  send() {
    this.status = 201;
    this.responseText = JSON.stringify(PREVIEW);
    setTimeout(() => this.onload?.(), 0);
  }
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  FakeXhr.opened = [];
});

function renderButton() {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () =>
      Response.json({
        items: [
          indicator(RETAIL, '社会消费品零售总额', 'monthly', 'ytd_cumulative'),
          indicator(WAREHOUSES, '海外仓', 'quarterly', 'stock'),
        ],
      }),
    ),
  );
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  render(
    <QueryClientProvider client={new QueryClient()}>
      <App>
        <FigureImportButton />
      </App>
    </QueryClientProvider>,
  );
}

async function choose(testId: string, option: string) {
  const select = screen.getByTestId(testId);
  fireEvent.mouseDown(select.querySelector('.ant-select-selector') ?? select);
  const items = await screen.findAllByText(option);
  fireEvent.click(items[items.length - 1] as HTMLElement);
}

describe('the figure import button', () => {
  it('asks for the bureau sheet’s indicator and period first, then uploads with them and previews the errors', async () => {
    renderButton();
    fireEvent.click(screen.getByTestId('figure-import'));
    fireEvent.click(await screen.findByText('导入统计局报表（按县排列）'));
    const next = await screen.findByRole('button', { name: '下一步' });
    expect((next as HTMLButtonElement).disabled).toBe(true);

    await choose('bureau-indicator', '社会消费品零售总额（亿元）');
    await screen.findByText('累计指标：导入“1-本月累计”及“累计同比%”');
    await choose('bureau-year', '2026');
    await choose('bureau-month', '10 月');
    await waitFor(() =>
      expect((screen.getByRole('button', { name: '下一步' }) as HTMLButtonElement).disabled).toBe(false),
    );
    fireEvent.click(screen.getByRole('button', { name: '下一步' }));

    await screen.findByText('社会消费品零售总额，2026 年 10 月');
    const input = document.querySelector('input[type=file]') as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File(['PK'], '社零.xlsx')] } });

    await screen.findByText('找不到单位「鲤城县」');
    expect(FakeXhr.opened[0]).toEqual({
      method: 'POST',
      url: `/api/v1/imports/bureau_sheet?indicatorId=${RETAIL}&year=2026&month=10`,
    });
    expect(screen.getByRole('button', { name: /下载错误报告/ })).toBeTruthy();
    expect((screen.getByRole('button', { name: '确认导入' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('import-sample').textContent).toContain('5390.25');
  }, 30_000);

  it('offers a quarterly indicator only its reporting months', async () => {
    renderButton();
    fireEvent.click(screen.getByTestId('figure-import'));
    fireEvent.click(await screen.findByText('导入统计局报表（按县排列）'));
    await choose('bureau-indicator', '海外仓（亿元）');
    fireEvent.mouseDown(
      screen.getByTestId('bureau-month').querySelector('.ant-select-selector') ?? screen.getByTestId('bureau-month'),
    );
    await screen.findAllByText('3 月');
    expect(screen.queryByText('4 月')).toBeNull();
  }, 30_000);
});
