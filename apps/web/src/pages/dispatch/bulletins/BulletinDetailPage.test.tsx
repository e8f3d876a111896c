import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, within } from '@testing-library/react';
import type { BulletinDetailT, BulletinUnitRowT, MeT, RateT } from '@zaitun/contracts';
import { App } from 'antd';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import '../../../i18n';
import { CurrentUserContext } from '../../../api/session';
import { BulletinDetailPage } from './BulletinDetailPage';

const ID = '00000000-0000-4000-8000-0000000000b1';
const USER = '00000000-0000-4000-8000-0000000000a1';
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const rate = (numerator: number, denominator: number): RateT => ({
  numerator,
  denominator,
  rate: denominator ? numerator / denominator : null,
});

const row = (n: number, name: string, resolved: number, onTime: number): BulletinUnitRowT => ({
  unitId: uuid(n),
  nameZh: name,
  nameEn: name,
  received: resolved,
  resolved,
  resolvedOnTime: rate(onTime, resolved),
  urged: 0,
  redone: 0,
  satisfaction: rate(0, 0),
  position: n,
  mark: null,
});

const at = '2026-11-20T10:00:00.000Z';
const detail: BulletinDetailT = {
  bulletin: {
    id: ID,
    number: '泉内外贸通〔2026〕3号',
    year: 2026,
    seq: 3,
    periodKind: 'custom',
    from: '2026-11-02',
    to: '2026-11-20',
    title: '关于2026年11月2日至11月20日内外贸发展工作推进情况的通报',
    state: 'published',
    version: 2,
    computedAt: at,
    createdBy: USER,
    createdAt: at,
    updatedBy: USER,
    updatedAt: at,
    publishedBy: USER,
    publishedAt: at,
    withdrawnAt: null,
    withdrawReason: null,
  },
  sections: {
    headline: { opened: 5, resolved: 4, resolvedOnTime: rate(3, 4), satisfaction: rate(1, 1) },
    // 甲县 closed three items and is ranked; the other two closed fewer than three and are not.
    units: [row(1, '甲县', 3, 2), row(2, '乙县', 1, 1), row(3, '丙县', 0, 0)],
    overdue: [
      {
        itemId: uuid(11),
        number: '2026-0144',
        title: '超期四天的事项',
        leadUnitId: uuid(2),
        leadUnitNameZh: '乙县',
        leadUnitNameEn: '乙县',
        deadline: '2026-11-16T10:00:00.000Z',
        daysOverdue: 4,
        at: null,
      },
      {
        itemId: uuid(12),
        number: '2026-0147',
        title: '当天到期的事项',
        leadUnitId: uuid(3),
        leadUnitNameZh: '丙县',
        leadUnitNameEn: '丙县',
        deadline: '2026-11-20T10:00:00.000Z',
        daysOverdue: 0,
        at: null,
      },
    ],
    redCards: [],
    commended: [],
    commendationMinResolved: 3,
  },
  text: { title: '', opening: '总体', commendation: '表扬', criticism: '批评', requirements: '要求' },
  actions: [],
} as BulletinDetailT;

const me = {
  id: USER,
  username: 'shishi',
  displayName: '蔡石狮',
  unit: { id: uuid(2), nameZh: '乙县', nameEn: '乙县' },
  enterprise: null,
  institute: null,
  roles: ['unit_staff'],
  permissions: [],
  locale: 'zh-CN',
  mustChangePassword: false,
  lastLoginAt: null,
  csrfToken: 'x',
  version: 1,
} as unknown as MeT;

function renderPage(shown: BulletinDetailT = detail) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => Response.json(shown)),
  );
  render(
    <QueryClientProvider client={new QueryClient()}>
      <App>
        <CurrentUserContext.Provider value={me}>
          <MemoryRouter initialEntries={[`/dispatch/bulletins/${ID}`]}>
            <Routes>
              <Route path="/dispatch/bulletins/:id" element={<BulletinDetailPage />} />
            </Routes>
          </MemoryRouter>
        </CurrentUserContext.Provider>
      </App>
    </QueryClientProvider>,
  );
}

// The first render loads antd's table and tooltip: seconds on a loaded machine.
describe('the bulletin page', { timeout: 30_000 }, () => {
  it('ranks only units with enough items closed, the others marked 样本不足 with the rule stated', async () => {
    renderPage();
    const table = await screen.findByRole('table', { name: '各单位情况' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[0]?.textContent)).toEqual(['1', '样本不足', '样本不足']);
    expect(screen.getByText('本期办结少于 3 件的单位不参与排名')).toBeTruthy();
  });

  it('says “under a day” for an item overdue by less than a whole day, and names a custom period once', async () => {
    renderPage();
    const overdue = await screen.findByRole('table', { name: '超期未办结事项' });
    expect(within(overdue).getByText('4 天')).toBeTruthy();
    expect(within(overdue).getByText('不足 1 天')).toBeTruthy();
    expect(screen.getAllByText('2026-11-02 至 2026-11-20')).toHaveLength(1);
  });

  it('shows the county league table it carries: rank, score, values coloured by light, the data month', async () => {
    const cell = (value: number | null, rank: number | null, light: 'green' | 'red' | null = null) => ({
      value,
      rank,
      light,
      figureId: null,
    });
    const unitRef = (n: number, name: string) => ({
      unitId: uuid(n),
      code: name,
      nameZh: name,
      nameEn: name,
      divisionCode: null,
    });
    renderPage({
      ...detail,
      sections: {
        ...detail.sections,
        league: {
          board: 'county',
          year: 2026,
          month: 9,
          timeProgress: 75,
          columns: [
            {
              key: 'retail_sales.completion',
              kind: 'indicator',
              indicatorId: uuid(40),
              measure: 'completion',
              labelZh: '社会消费品零售总额完成率',
              labelEn: 'Retail sales (completion)',
              unit: '%',
              decimals: 1,
              weight: 20,
            },
          ],
          rows: [
            { unit: unitRef(1, '甲县'), rank: 1, score: 100, cells: [cell(80.25, 1, 'green')] },
            { unit: unitRef(2, '乙县'), rank: 2, score: 0, cells: [cell(60, 2, 'red')] },
            { unit: unitRef(3, '丙县'), rank: null, score: null, cells: [cell(null, null)] },
          ],
        },
      },
    } as BulletinDetailT);
    const table = await screen.findByRole('table', { name: '各县（市、区）争先榜' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      ),
    ).toEqual([
      ['1', '甲县', '100.0', '80.3第 1 名'],
      ['2', '乙县', '0.0', '60.0第 2 名'],
      ['—', '丙县', '—', '—'],
    ]);
    expect(within(rows[1] as HTMLElement).getByText('60.0').style.color).toBe('#cf1322');
    expect(screen.getByText('数据截至 2026 年 9 月 · 序时进度 75.0%')).toBeTruthy();
  });
});
