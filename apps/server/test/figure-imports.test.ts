/**
 * The cockpit's figure imports (issue 5) over the demo figures (seedDemoIndicators, clock at 2026-11-05: October
 * 2026 has ended and its deadline, 10 November, is ahead; September's has passed). The bureau's wide sheet with a
 * title row and a two-level header, and the long layout, are built here with exceljs: errors (unknown county,
 * duplicate row, non-number, period mismatch, a unit outside a county user's scope, an indicator not due) are
 * reported per row with an error report, nothing is applied until commit, the fixed file commits, the cockpit shows
 * the new value and the drill-down its file and row; importing over a county's different entry flags it; the same
 * file twice changes nothing.
 */
import type { FigureDetailT, FigureT, IndicatorT, IndicatorTableT, UnitT } from '@zaitun/contracts';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../src/lib/audit';
import { seedDemoIndicators } from '../src/seed/demo-indicators';
import { type Client, createTestApp, signIn, type TestApp } from './harness';

type Err = { error: { code: string; message: string; details?: Record<string, unknown> } };
interface Preview {
  id: string;
  type: string;
  fileName: string;
  state: string;
  rowsTotal: number;
  rowsInvalid: number;
  errors: { rowNumber: number; column: string | null; code: string; message: string }[];
  changes: { create: number; update: number; unchanged: number };
  sample: Record<string, unknown>[];
  params: Record<string, unknown> | null;
  committedAt: string | null;
}

let t: TestApp;
let hq: Client;
let leader: Client;
let jinjiang: Client;
let indicators: Map<string, IndicatorT>;
let units: Map<string, UnitT>;
const ind = (code: string) => (indicators.get(code) as IndicatorT).id;
const unit = (code: string) => (units.get(code) as UnitT).id;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-11-05T10:00:00+08:00'));
  await seedDemoIndicators(t.database.db, systemContext(t.clock, 'seed'));
  hq = await signIn(t.app, 'hq');
  leader = await signIn(t.app, 'leader');
  jinjiang = await signIn(t.app, 'jinjiang');
  const list = await leader.get<{ items: IndicatorT[] }>('/api/v1/indicators');
  indicators = new Map(list.body.items.map((i) => [i.code, i]));
  const u = await hq.get<{ items: UnitT[] }>('/api/v1/units?pageSize=100');
  units = new Map(u.body.items.map((x) => [x.code, x]));
}, 120_000);
afterAll(() => t?.close());

type Cell = string | number | null;

/** The bureau's layout: a title row, a unit note, a two-level header (county merged over two rows), county rows. */
async function bureauSheet(rows: Cell[][], title = '2026年1-10月各县（市、区）社会消费品零售总额'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('社零');
  sheet.addRow([title]);
  sheet.mergeCells('A1:E1');
  sheet.addRow(['单位：亿元，%']);
  sheet.addRow(['县（市、区）', '社会消费品零售总额', null, null, null]);
  sheet.addRow([null, '本月', '同比%', '1-10月累计', '累计同比%']);
  sheet.mergeCells('A3:A4');
  sheet.mergeCells('B3:E3');
  for (const row of rows) sheet.addRow(row);
  sheet.addRow(['注：本表数据为快报数。']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function longSheet(rows: Cell[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('指标数据');
  sheet.addRow(['单位', '指标', '年', '月', '数值', '同比%']);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function multipart(fileName: string, bytes: Buffer) {
  const boundary = `----zaitun${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
      'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n',
  );
  return {
    payload: Buffer.concat([head, bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

async function upload<T = Preview>(client: Client, url: string, bytes: Buffer, fileName: string) {
  const body = multipart(fileName, bytes);
  const res = await t.app.inject({
    method: 'POST',
    url,
    headers: {
      cookie: client.auth.cookie as string,
      'x-csrf-token': client.auth.csrf as string,
      'accept-language': client.locale,
      'content-type': body.contentType,
    },
    payload: body.payload,
  });
  return { status: res.statusCode, body: JSON.parse(res.body) as T };
}

const bureauUrl = (month = 10, indicator = 'retail_sales') =>
  `/api/v1/imports/bureau_sheet?indicatorId=${ind(indicator)}&year=2026&month=${month}`;

async function sheetRows(bytes: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  workbook.worksheets[0]?.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
}

const count = async (table: string) =>
  Number((await t.database.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n);

/** The 13 counties and the city as the bureau names them (short names, 台商区, 经开区), October 2026. */
const COUNTY_ROWS: Cell[][] = [
  ['全市', 610.5, 4.2, 5390.25, 4.0],
  ['鲤城区', 40.1, 3.1, 350.2, 3.3],
  ['丰泽区', 60.2, 4.5, 520.8, 4.1],
  ['洛江区', 12.3, 2.0, 101.4, 2.2],
  ['泉港区', 15.4, 3.9, 130.6, 3.5],
  ['惠安县', 45.5, 4.4, 390.7, 4.2],
  ['安溪县', 40.6, 5.1, 350.9, 4.8],
  ['永春县', 20.7, 3.3, 180.1, 3.0],
  ['德化县', 15.8, 2.9, 140.2, 2.8],
  ['石狮市', 70.9, 4.0, 620.3, 3.9],
  ['晋江市', 150.1, 4.6, 1300.4, 4.4],
  ['南安市', 100.2, 4.1, 880.5, 4.0],
  ['台商区', 18.3, 6.0, 160.6, 5.5],
  ['经开区', 20.4, 5.2, 160.4, 5.0],
];

describe('the bureau’s wide sheet', () => {
  it('reports every bad row (unknown county, duplicate, non-number) with a report; nothing is applied', async () => {
    const figuresBefore = await count('indicator_figures');
    const rows = [
      ...COUNTY_ROWS.slice(0, 11),
      ['鲤城县', 1, 1, 1, 1],
      ['晋江市', 1, 1, 2, 1],
      ['南安市', 1, 1, 'abc', 1],
    ];
    const res = await upload(hq, bureauUrl(), await bureauSheet(rows), '社零-2026-10.xlsx');
    expect(res.status).toBe(201);
    expect(res.body.params).toEqual({ indicatorId: ind('retail_sales'), year: 2026, month: 10 });
    // Rows: title 1, note 2, header 3–4, data from 5.
    const byRow = new Map(res.body.errors.map((e) => [e.rowNumber, e]));
    expect(byRow.get(16)).toMatchObject({ code: 'UNKNOWN_UNIT', column: 'unit' });
    expect(byRow.get(16)?.message).toContain('鲤城县');
    expect(byRow.get(17)).toMatchObject({ code: 'DUPLICATE' });
    expect(byRow.get(17)?.message).toContain('第 15 行');
    expect(byRow.get(18)).toMatchObject({ code: 'NOT_A_NUMBER', column: 'ytd' });
    expect(byRow.get(18)?.message).toContain('abc');
    expect(res.body.rowsInvalid).toBe(3);
    expect(await count('indicator_figures')).toBe(figuresBefore);

    const report = await t.app.inject({
      method: 'GET',
      url: `/api/v1/imports/${res.body.id}/errors`,
      headers: { cookie: hq.auth.cookie as string, 'accept-language': 'zh-CN' },
    });
    expect(report.statusCode).toBe(200);
    const lines = (await sheetRows(report.rawPayload)).map((r) => r.join(' '));
    expect(lines.some((l) => l.includes('16') && l.includes('鲤城县'))).toBe(true);
    expect(lines.some((l) => l.includes('17') && l.includes('第 15 行'))).toBe(true);

    const commit = await hq.post<Err>(`/api/v1/imports/${res.body.id}/commit`);
    expect(commit.status).toBe(422);
    expect(commit.body.error.code).toBe('IMPORT_HAS_ERRORS');
    expect(await count('indicator_figures')).toBe(figuresBefore);
  });

  it('refuses a sheet whose title names another period, and a request without the indicator and period', async () => {
    const imports = await count('imports');
    const bytes = await bureauSheet(COUNTY_ROWS);
    const mismatch = await upload<Err>(hq.withLocale('en-US'), bureauUrl(9), bytes, 'x.xlsx');
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error.code).toBe('IMPORT_PERIOD_MISMATCH');
    expect(mismatch.body.error.message).toMatch(/period/);
    expect(mismatch.body.error.details).toMatchObject({ chosen: { year: 2026, month: 9 }, named: { month: 10 } });
    const header = await upload<Err>(hq, bureauUrl(9), await bureauSheet(COUNTY_ROWS, '各县社零'), 'x.xlsx');
    // No period in the title: the header's 1-10月累计 still names October.
    expect(header.body.error.code).toBe('IMPORT_PERIOD_MISMATCH');
    // A quarter in the title names its last month: 第三季度 is September, not the October chosen.
    const quarter = await upload<Err>(
      hq,
      bureauUrl(10),
      await bureauSheet(COUNTY_ROWS, '2026年第三季度各县社零'),
      'x.xlsx',
    );
    expect(quarter.body.error.code).toBe('IMPORT_PERIOD_MISMATCH');
    expect(quarter.body.error.details).toMatchObject({ named: { year: 2026, month: 9 } });
    const missing = await upload<Err>(hq, '/api/v1/imports/bureau_sheet?year=2026&month=10', bytes, 'x.xlsx');
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('VALIDATION_FAILED');
    const extra = await upload<Err>(hq, `/api/v1/imports/indicator_figures?year=2026`, bytes, 'x.xlsx');
    expect(extra.status).toBe(400);
    const notDue = await upload<Err>(hq, bureauUrl(10, 'overseas_warehouses'), bytes, 'x.xlsx');
    expect(notDue.body.error.code).toBe('INDICATOR_NOT_DUE');
    expect(await count('imports')).toBe(imports);
  });

  it('refuses an empty sheet, a file that is not xlsx, and callers without figure.report', async () => {
    const empty = await upload<Err>(hq, bureauUrl(), await bureauSheet([]), 'empty.xlsx');
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('IMPORT_EMPTY');
    const text = await upload<Err>(hq, bureauUrl(), Buffer.from('县,本月\n晋江市,1\n'), 'fake.xlsx');
    expect(text.status).toBe(400);
    expect(text.body.error.code).toBe('XLSX_NOT_XLSX');
    const many = Array.from({ length: 501 }, (_, n): Cell[] => [`县${n}`, 1, 1, 1, 1]);
    const tooMany = await upload<Err>(hq, bureauUrl(), await bureauSheet(many), 'many.xlsx');
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.code).toBe('XLSX_TOO_MANY_ROWS');
    // Located: the limit and the row where reading stopped (title and header take rows 1–4).
    expect(tooMany.body.error.details).toMatchObject({ limit: 500, atRow: 505 });
    const leaderTry = await upload<Err>(leader, bureauUrl(), await bureauSheet(COUNTY_ROWS), 'x.xlsx');
    expect(leaderTry.status).toBe(403);
    const template = await t.app.inject({
      method: 'GET',
      url: '/api/v1/imports/templates/bureau_sheet',
      headers: { cookie: hq.auth.cookie as string, 'accept-language': 'zh-CN' },
    });
    expect(template.statusCode).toBe(200);
    expect((await sheetRows(template.rawPayload))[0]).toEqual([
      '县（市、区）',
      '本月',
      '同比%',
      '1-本月累计',
      '累计同比%',
    ]);
  });

  it('commits the fixed sheet: the cockpit shows the cumulative, the drill-down the file and row; twice changes nothing', async () => {
    const bytes = await bureauSheet(COUNTY_ROWS);
    const preview = await upload(hq, bureauUrl(), bytes, '社零-2026-10.xlsx');
    expect(preview.status).toBe(201);
    expect(preview.body.errors).toEqual([]);
    expect(preview.body.changes).toEqual({ create: 14, update: 0, unchanged: 0 });
    expect(preview.body.sample[0]).toMatchObject({
      row: 5,
      unit: '泉州市内外贸高质量发展总指挥部',
      indicator: '社会消费品零售总额',
      period: '2026-10',
      value: 5390.25,
      reportedYoy: 4,
      change: 'create',
    });
    const done = await hq.post<Preview>(`/api/v1/imports/${preview.body.id}/commit`);
    expect(done.status).toBe(200);
    expect(done.body.state).toBe('committed');
    expect(done.body.changes).toEqual({ create: 14, update: 0, unchanged: 0 });

    const table = await leader.get<IndicatorTableT>(
      `/api/v1/cockpit/indicator?indicatorId=${ind('retail_sales')}&year=2026&month=10`,
    );
    expect(table.status).toBe(200);
    const jj = table.body.rows.find((r) => r.unit.code === 'JINJIANG');
    expect(jj?.cell.value).toBeCloseTo(1300.4, 5);
    const etdz = table.body.rows.find((r) => r.unit.code === 'ETDZ');
    expect(etdz?.cell.value).toBeCloseTo(160.4, 5);

    const list = await hq.get<{ items: FigureT[] }>(
      `/api/v1/indicator-figures?year=2026&month=10&indicatorId=${ind('retail_sales')}&unitId=${unit('JINJIANG')}`,
    );
    const figure = list.body.items[0] as FigureT;
    const detail = await leader.get<FigureDetailT>(`/api/v1/indicator-figures/${figure.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.figure).toMatchObject({
      source: 'import',
      importId: preview.body.id,
      importFileName: '社零-2026-10.xlsx',
      importRow: 15,
      value: 1300.4,
      reportedYoy: 4.4,
    });
    expect(detail.body.history[0]).toMatchObject({
      source: 'import',
      importFileName: '社零-2026-10.xlsx',
      importRow: 15,
    });

    const again = await upload(hq, bureauUrl(), bytes, '社零-2026-10.xlsx');
    expect(again.body.changes).toEqual({ create: 0, update: 0, unchanged: 14 });
    const second = await hq.post<Preview>(`/api/v1/imports/${again.body.id}/commit`);
    expect(second.body.changes).toEqual({ create: 0, update: 0, unchanged: 14 });
    const after = await leader.get<FigureDetailT>(`/api/v1/indicator-figures/${figure.id}`);
    expect(after.body.figure.version).toBe(1);
    expect(after.body.figure.importId).toBe(preview.body.id);
  });
});

describe('the bureau sheet for a stock indicator', () => {
  it('stores 本月 and its 同比%, not the cumulative', async () => {
    const bytes = await bureauSheet([['晋江市', 321, 2.5, 9999, 1]], '2026年10月各县（市、区）有进出口实绩企业');
    const preview = await upload(hq, bureauUrl(10, 'trade_enterprises'), bytes, '实绩企业.xlsx');
    expect(preview.body.errors).toEqual([]);
    expect(preview.body.sample[0]).toMatchObject({ unit: '晋江市', value: 321, reportedYoy: 2.5 });
    await hq.post(`/api/v1/imports/${preview.body.id}/commit`);
    const list = await hq.get<{ items: FigureT[] }>(
      `/api/v1/indicator-figures?year=2026&month=10&indicatorId=${ind('trade_enterprises')}&unitId=${unit('JINJIANG')}`,
    );
    expect(list.body.items[0]).toMatchObject({ value: 321, reportedYoy: 2.5, source: 'import', importRow: 5 });
  });
});

describe('the long layout', () => {
  it('a county user: out-of-scope units, an indicator not due and duplicates are row errors', async () => {
    const rows: Cell[][] = [
      ['晋江市', '进出口总额', 2026, 10, 210.5, 3.2],
      ['石狮市', 'trade_total', 2026, 10, 90, 1],
      ['JINJIANG', '海外仓', 2026, 10, 12, null],
      ['晋江', 'trade_total', 2026, 10, 211, null],
      ['晋江市', '不存在的指标', 2026, 10, 1, null],
      ['晋江市', 'exports', 2026, 9, 1, null],
    ];
    const res = await upload(jinjiang, '/api/v1/imports/indicator_figures', await longSheet(rows), '晋江.xlsx');
    expect(res.status).toBe(201);
    const byRow = new Map(res.body.errors.map((e) => [e.rowNumber, e]));
    expect(byRow.get(2)).toBeUndefined();
    expect(byRow.get(3)).toMatchObject({ code: 'OUT_OF_SCOPE' });
    expect(byRow.get(3)?.message).toContain('石狮市');
    expect(byRow.get(4)).toMatchObject({ code: 'INDICATOR_NOT_DUE' });
    expect(byRow.get(5)).toMatchObject({ code: 'DUPLICATE' });
    expect(byRow.get(5)?.message).toContain('第 2 行');
    expect(byRow.get(6)?.message).toContain('不存在的指标');
    expect(byRow.get(7)).toMatchObject({ code: 'FIGURE_DEADLINE_PASSED' });
    expect(res.body.changes).toEqual({ create: 1, update: 0, unchanged: 0 });

    const fixed = await upload(
      jinjiang,
      '/api/v1/imports/indicator_figures',
      await longSheet(rows.slice(0, 1)),
      '晋江.xlsx',
    );
    expect(fixed.body.rowsInvalid).toBe(0);
    const done = await jinjiang.post<Preview>(`/api/v1/imports/${fixed.body.id}/commit`);
    expect(done.status).toBe(200);
    expect(done.body.changes.create).toBe(1);
  });

  it('an import over a county’s different entry keeps the entry as the conflict; the same file again changes nothing', async () => {
    const entry = await jinjiang.put('/api/v1/figure-entry', {
      unitId: unit('JINJIANG'),
      year: 2026,
      month: 10,
      entries: [{ indicatorId: ind('exports'), value: 300 }],
    });
    expect(entry.status).toBe(200);
    const bytes = await longSheet([
      ['晋江市', '出口额', 2026, 10, 310, 5],
      ['南安市', 'exports', 2026, 10, 120, 2],
    ]);
    const preview = await upload(hq, '/api/v1/imports/indicator_figures', bytes, '出口.xlsx');
    expect(preview.body.errors).toEqual([]);
    expect(preview.body.changes).toEqual({ create: 1, update: 1, unchanged: 0 });
    expect(preview.body.sample[0]).toMatchObject({ unit: '晋江市', period: '2026-10', value: 310, previous: 300 });
    await hq.post(`/api/v1/imports/${preview.body.id}/commit`);
    const list = await hq.get<{ items: FigureT[] }>(
      `/api/v1/indicator-figures?year=2026&month=10&indicatorId=${ind('exports')}&unitId=${unit('JINJIANG')}`,
    );
    expect(list.body.items[0]).toMatchObject({ value: 310, conflictValue: 300, source: 'import', importRow: 2 });

    const again = await upload(hq, '/api/v1/imports/indicator_figures', bytes, '出口.xlsx');
    expect(again.body.changes).toEqual({ create: 0, update: 0, unchanged: 2 });
  });

  it('a county cannot import over a figure HQ verified with another value; HQ can', async () => {
    const verified = await hq.post('/api/v1/indicator-figures/verify', {
      year: 2026,
      month: 10,
      unitId: unit('JINJIANG'),
    });
    expect(verified.status).toBe(200);
    const other = await longSheet([['晋江市', '出口额', 2026, 10, 999, 5]]);
    const county = await upload(jinjiang, '/api/v1/imports/indicator_figures', other, '晋江.xlsx');
    expect(county.body.errors).toMatchObject([{ rowNumber: 2, column: 'unit', code: 'FIGURE_VERIFIED' }]);
    expect(county.body.changes).toEqual({ create: 0, update: 0, unchanged: 0 });
    // The same value is no change of the figure, but the import makes it reported again: an update.
    const same = await longSheet([['晋江市', '出口额', 2026, 10, 310, 5]]);
    const sameValue = await upload(jinjiang, '/api/v1/imports/indicator_figures', same, '晋江.xlsx');
    expect(sameValue.body.errors).toEqual([]);
    expect(sameValue.body.changes).toEqual({ create: 0, update: 1, unchanged: 0 });
    const byHq = await upload(hq, '/api/v1/imports/indicator_figures', other, '出口.xlsx');
    expect(byHq.body.errors).toEqual([]);
    expect(byHq.body.changes).toEqual({ create: 0, update: 1, unchanged: 0 });
    expect(byHq.body.sample[0]).toMatchObject({ value: 999, previous: 310, change: 'update' });
  });
});
