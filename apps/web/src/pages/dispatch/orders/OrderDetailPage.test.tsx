import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { OrderDetailT, UnitT } from '@zaitun/contracts';
import { App } from 'antd';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { setLocale } from '../../../i18n';
import { OrderDetailPage } from './OrderDetailPage';

const ID = '00000000-0000-4000-8000-0000000000c1';
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const at = '2026-11-03T02:12:00.000Z'; // 10:12 in Quanzhou

const unit = (n: number, nameZh: string, nameEn: string): UnitT => ({
  id: uuid(n),
  code: `U${n}`,
  nameZh,
  nameEn,
  shortName: nameZh,
  type: 'county',
  parentId: null,
  divisionCode: null,
  sortOrder: n,
  active: true,
  depth: 1,
  userCount: 1,
  version: 1,
  createdAt: at,
  updatedAt: at,
});
const units = [unit(1, '晋江市', 'Jinjiang City'), unit(2, '石狮市', 'Shishi City'), unit(3, '南安市', "Nan'an City")];

const detail: OrderDetailT = {
  order: {
    id: ID,
    year: 2026,
    seq: 31,
    number: '泉内外贸交〔2026〕31号',
    title: '关于加快办理企业反映问题的交办单',
    requirements: '',
    feedbackDue: '2026-11-20',
    state: 'issued',
    issuerUserId: uuid(9),
    issuerName: '陈调度',
    issuerUnitId: null,
    meetingId: null,
    issuedAt: at,
    completedAt: null,
    withdrawnAt: null,
    withdrawReason: null,
    itemCount: 1,
    units: [
      { unitId: uuid(1), role: 'lead', confirmedAt: at, confirmedBy: uuid(8), confirmedByName: 'Chen' },
      // Confirmed before the platform kept who confirmed (the demo's history): no name to show.
      { unitId: uuid(2), role: 'co', confirmedAt: at, confirmedBy: null, confirmedByName: null },
      { unitId: uuid(3), role: 'co', confirmedAt: null, confirmedBy: null, confirmedByName: null },
    ],
    version: 2,
    createdAt: at,
    updatedAt: at,
  },
  items: [
    {
      id: uuid(21),
      position: 1,
      number: '2026-0167',
      title: '某企业反映用工成本上升',
      description: '',
      state: 'in_progress',
      light: 'green',
      leadUnitId: uuid(1),
      coUnitIds: [uuid(2), uuid(3)],
      deadline: at,
    },
  ],
  actions: [],
  editable: false,
};

beforeAll(() => setLocale('en-US'));
afterAll(() => setLocale('zh-CN'));
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** The page over a stubbed server; returns the writes it sent. */
function renderPage(shown: OrderDetailT = detail) {
  const writes: { url: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      if (url.includes('/units')) return Response.json({ items: units, total: units.length });
      if (init.method === 'POST') {
        writes.push({ url, body: JSON.parse(String(init.body)) });
        return Response.json({ ...shown, order: { ...shown.order, state: 'withdrawn', version: 3 }, actions: [] });
      }
      return Response.json(shown);
    }),
  );
  render(
    <QueryClientProvider client={new QueryClient()}>
      <App>
        <MemoryRouter initialEntries={[`/dispatch/orders/${ID}`]}>
          <Routes>
            <Route path="/dispatch/orders/:id" element={<OrderDetailPage />} />
          </Routes>
        </MemoryRouter>
      </App>
    </QueryClientProvider>,
  );
  return writes;
}

// The first render loads antd's table: seconds on a loaded machine.
describe('the order page in English', { timeout: 30_000 }, () => {
  it('names who confirmed and when, says only when without a name, and lists co-units with commas', async () => {
    renderPage();
    const addressees = await screen.findByRole('table', { name: 'Addressees and receipts' });
    const row = async (name: string) => (await within(addressees).findByText(name)).closest('tr') as HTMLElement;
    expect((await row('Jinjiang City')).textContent).toContain('Confirmed by Chen at 2026-11-03 10:12');
    expect((await row('Shishi City')).textContent).toContain('Confirmed at 2026-11-03 10:12');
    expect((await row('Shishi City')).textContent).not.toContain('by');
    expect((await row("Nan'an City")).textContent).toContain('Not confirmed');

    const items = screen.getByRole('table', { name: 'Items' });
    expect(await within(items).findByText("Shishi City, Nan'an City")).toBeTruthy();
    expect(items.textContent).not.toContain('、');
  });

  it('withdraws the order only with a reason, sent with the version shown', async () => {
    const writes = renderPage({ ...detail, actions: ['withdraw'] });
    fireEvent.click(await screen.findByRole('button', { name: 'Withdraw' }));
    const dialog = await screen.findByRole('dialog', { name: 'Withdraw the order' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    await waitFor(() => expect(dialog.querySelector('.ant-form-item-explain-error')).not.toBeNull());
    expect(writes).toEqual([]);

    fireEvent.change(within(dialog).getByRole('textbox'), { target: { value: 'Issued twice by mistake' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    await waitFor(() => expect(writes).toHaveLength(1));
    expect(writes[0]).toEqual({
      url: `/api/v1/orders/${ID}/actions`,
      body: { action: 'withdraw', version: 2, reason: 'Issued twice by mistake' },
    });
    expect(await screen.findByText('The order was withdrawn')).toBeTruthy();
  });
});
