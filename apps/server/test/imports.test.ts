/**
 * The spreadsheet import framework through the `calendar` type, with real .xlsx files built here: template,
 * preview (nothing stored in the register), error report, commit (all or nothing, audited with the file hash),
 * the same file twice, and files refused as a whole with a clear 4xx and nothing stored; previews nobody commits
 * are deleted by the cleanup job once older than the configured age.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportCleanupSummary } from '../src/jobs/import-cleanup';
import { runJob } from '../src/jobs/runner';
import { type Client, createTestApp, domainSnapshot, signIn, type TestApp } from './harness';

type Err = { error: { code: string; message: string; details?: Record<string, unknown> } };
interface Preview {
  id: string;
  type: string;
  fileName: string;
  fileHash: string;
  state: string;
  rowsTotal: number;
  rowsInvalid: number;
  errors: { rowNumber: number; column: string | null; code: string; message: string }[];
  changes: { create: number; update: number; unchanged: number };
  groups: { key: string; isNew: boolean; create: number; update: number; unchanged: number; remove: number }[];
  sample: Record<string, unknown>[];
  committedAt: string | null;
}

let t: TestApp;
let admin: Client;
let hq: Client;
let staff: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, 'admin');
  hq = await signIn(t.app, 'hq');
  staff = await signIn(t.app, 'shishi');
});
afterAll(() => t?.close());

type Cell = string | Date | number | null;

async function xlsx(rows: Cell[][], header: string[] = ['日期', '类型', '名称']): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('工作日历');
  sheet.addRow(header);
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

async function upload<T = Preview>(client: Client, bytes: Buffer, fileName = 'calendar.xlsx', app = t.app) {
  const body = multipart(fileName, bytes);
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/imports/calendar',
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

async function download(client: Client, url: string) {
  const res = await t.app.inject({
    method: 'GET',
    url,
    headers: { cookie: client.auth.cookie as string, 'accept-language': client.locale },
  });
  return res;
}

async function sheetRows(bytes: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  workbook.worksheets[0]?.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
}

const importsCount = async () =>
  Number((await t.database.pool.query<{ n: string }>('SELECT count(*) AS n FROM imports')).rows[0]?.n);

const NOTICE_2027: Cell[][] = [
  ['2027-01-01', '放假', '元旦'],
  [new Date(Date.UTC(2027, 1, 8)), '放假', '春节'],
  ['2027-02-09', '放假', '春节'],
  ['2027-02-13', '调休上班', '春节'],
  ['2027-10-01', 'Holiday', '国庆节'],
];

describe('the import template', () => {
  it('is an xlsx with the columns in the caller’s language, for those allowed to import', async () => {
    const zh = await download(hq, '/api/v1/imports/templates/calendar');
    expect(zh.statusCode).toBe(200);
    expect(zh.headers['content-disposition']).toContain(encodeURIComponent('工作日历'));
    expect((await sheetRows(zh.rawPayload))[0]).toEqual(['日期', '类型', '名称']);
    const en = await download(hq.withLocale('en-US'), '/api/v1/imports/templates/calendar');
    expect((await sheetRows(en.rawPayload))[0]).toEqual(['Date', 'Kind', 'Name']);
    expect((await download(staff, '/api/v1/imports/templates/calendar')).statusCode).toBe(403);
  });
});

describe('a calendar import', () => {
  let preview: Preview;
  const file = () => xlsx(NOTICE_2027);

  it('previews what a file would change, storing nothing in the calendar', async () => {
    const before = await t.database.pool.query('SELECT count(*) FROM calendar_days');
    const res = await upload(hq, await file(), 'notice-2027.xlsx');
    expect(res.status).toBe(201);
    preview = res.body;
    expect(preview).toMatchObject({
      type: 'calendar',
      fileName: 'notice-2027.xlsx',
      state: 'previewed',
      rowsTotal: 5,
      rowsInvalid: 0,
      errors: [],
      changes: { create: 5, update: 0, unchanged: 0 },
      groups: [{ key: '2027', isNew: true, create: 5, update: 0, unchanged: 0, remove: 0 }],
    });
    expect(preview.fileHash).toMatch(/^[0-9a-f]{64}$/);
    expect(preview.sample[0]).toEqual({ date: '2027-01-01', kind: 'holiday', name: '元旦' });
    expect(preview.sample[4]).toEqual({ date: '2027-10-01', kind: 'holiday', name: '国庆节' });
    expect((await t.database.pool.query('SELECT count(*) FROM calendar_days')).rows).toEqual(before.rows);
    expect((await hq.get<{ covered: boolean }>('/api/v1/calendar/2027')).body.covered).toBe(false);
  });

  it('belongs to whoever uploaded it', async () => {
    expect((await admin.get<Err>(`/api/v1/imports/${preview.id}`)).status).toBe(404);
    expect((await admin.post<Err>(`/api/v1/imports/${preview.id}/commit`)).status).toBe(404);
    expect((await download(admin, `/api/v1/imports/${preview.id}/errors`)).statusCode).toBe(404);
    expect((await hq.get<Preview>(`/api/v1/imports/${preview.id}`)).body.id).toBe(preview.id);
  });

  it('commits all at once, audited with the file hash, and only once', async () => {
    const committed = await hq.post<Preview>(`/api/v1/imports/${preview.id}/commit`);
    expect(committed.status).toBe(200);
    expect(committed.body.state).toBe('committed');
    expect(committed.body.committedAt).not.toBeNull();
    const year = await hq.get<{ covered: boolean; source: string; notice: string; days: unknown[] }>(
      '/api/v1/calendar/2027',
    );
    expect(year.body).toMatchObject({ covered: true, source: 'import', notice: 'notice-2027.xlsx' });
    expect(year.body.days).toHaveLength(5);
    const { rows } = await t.database.pool.query<{ after: Record<string, unknown> }>(
      `SELECT after FROM audit_events WHERE action = 'import.commit' AND entity_id = $1`,
      [preview.id],
    );
    expect(rows[0]?.after).toMatchObject({ type: 'calendar', fileHash: preview.fileHash, create: 5 });
    const { rows: payload } = await t.database.pool.query('SELECT payload FROM imports WHERE id = $1', [preview.id]);
    expect(payload[0]).toEqual({ payload: null });

    const again = await hq.post<Err>(`/api/v1/imports/${preview.id}/commit`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('IMPORT_NOT_PENDING');
  });

  it('changes nothing when the same file comes again', async () => {
    const versionBefore = (await hq.get<{ version: number }>('/api/v1/calendar/2027')).body.version;
    const res = await upload(hq, await file(), 'notice-2027.xlsx');
    expect(res.body.changes).toEqual({ create: 0, update: 0, unchanged: 5 });
    expect(res.body.groups[0]).toMatchObject({ key: '2027', isNew: false, remove: 0 });
    expect((await hq.post<Preview>(`/api/v1/imports/${res.body.id}/commit`)).status).toBe(200);
    const after = await hq.get<{ version: number; days: unknown[] }>('/api/v1/calendar/2027');
    expect(after.body.version).toBe(versionBefore);
    expect(after.body.days).toHaveLength(5);
  });

  it('replaces a year from a file: days it lacks are removed, and the preview says so', async () => {
    const res = await upload(
      hq,
      await xlsx([
        ['2027-01-01', '放假', '元旦'],
        ['2027-02-13', '放假', '春节'],
      ]),
    );
    expect(res.body.groups).toEqual([{ key: '2027', isNew: false, create: 0, update: 1, unchanged: 1, remove: 3 }]);
    await hq.post(`/api/v1/imports/${res.body.id}/commit`);
    const year = await hq.get<{ days: { date: string; kind: string }[] }>('/api/v1/calendar/2027');
    expect(year.body.days).toEqual([
      { date: '2027-01-01', kind: 'holiday', name: '元旦' },
      { date: '2027-02-13', kind: 'holiday', name: '春节' },
    ]);
  });

  it('round-trips the export: every year unchanged', async () => {
    const exported = await download(hq, '/api/v1/calendar/export');
    const res = await upload(hq, exported.rawPayload, 'export.xlsx');
    expect(res.status).toBe(201);
    expect(res.body.rowsInvalid).toBe(0);
    expect(res.body.changes.create + res.body.changes.update).toBe(0);
    expect(res.body.groups.every((g) => !g.isNew && g.remove === 0)).toBe(true);
    expect(res.body.groups.map((g) => g.key)).toContain('2025');
  });
});

describe('rows with errors', () => {
  it('are listed with row numbers, downloadable as a report, and block the commit', async () => {
    const res = await upload(
      hq,
      await xlsx([
        ['2028-01-03', '放假', '元旦'],
        ['2028-01-03', '放假', '元旦'],
        ['2028-13-01', '放假', ''],
        ['2028-02-05', '随便', '春节'],
        ['', '放假', '春节'],
        ['1999-01-01', '放假', '元旦'],
      ]),
    );
    expect(res.status).toBe(201);
    expect(res.body.rowsTotal).toBe(6);
    expect(res.body.rowsInvalid).toBe(5);
    expect(res.body.errors.map((e) => [e.rowNumber, e.column, e.code])).toEqual([
      [3, 'date', 'DUPLICATE'],
      [4, 'date', 'NOT_A_DATE'],
      [5, 'kind', 'NOT_IN_LIST'],
      [6, 'date', 'REQUIRED'],
      [7, 'date', 'YEAR_OUT_OF_RANGE'],
    ]);
    expect(res.body.errors[0]?.message).toContain('第 2 行');

    const report = await download(hq, `/api/v1/imports/${res.body.id}/errors`);
    expect(report.statusCode).toBe(200);
    const rows = await sheetRows(report.rawPayload);
    expect(rows[0]).toEqual(['行号', '列', '原因']);
    expect(rows.slice(1).map((r) => r[0])).toEqual([3, 4, 5, 6, 7]);
    expect(rows[1]?.[1]).toBe('日期');

    const before = await domainSnapshot(t.database);
    const commit = await hq.post<Err>(`/api/v1/imports/${res.body.id}/commit`);
    expect(commit.status).toBe(422);
    expect(commit.body.error.code).toBe('IMPORT_HAS_ERRORS');
    expect(await domainSnapshot(t.database)).toEqual(before);
  });

  it('come in the caller’s language', async () => {
    const res = await upload(hq.withLocale('en-US'), await xlsx([['2028-02-05', 'whatever', 'x']]));
    expect(res.body.errors[0]?.message).toMatch(/must be one of/);
  });
});

describe('files refused as a whole', () => {
  const refused = async (bytes: Buffer, code: string, status = 400, app = t.app, client = hq) => {
    const before = await importsCount();
    const res = await upload<Err>(client, bytes, 'bad.xlsx', app);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(await importsCount()).toBe(before);
    return res.body.error;
  };

  it('not a spreadsheet, an old .xls, a zip without a workbook', async () => {
    await refused(Buffer.from('日期,类型,名称\n2027-01-01,放假,元旦\n'), 'XLSX_NOT_XLSX');
    await refused(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), 'XLSX_NOT_XLSX');
    const error = await refused(Buffer.from('PK\u0003\u0004 not really a zip'), 'XLSX_NOT_XLSX');
    expect(error.details).not.toHaveProperty('reason');
  });

  it('a header that is not the template’s', async () => {
    const error = await refused(await xlsx([['2027-01-01', '放假']], ['Day', 'Type']), 'XLSX_HEADER_MISMATCH');
    expect(error.details).toMatchObject({ missing: expect.arrayContaining(['date', 'kind']) });
  });

  it('more rows than the type takes', async () => {
    const rows: Cell[][] = Array.from({ length: 5001 }, (_, i) => [
      new Date(Date.UTC(2030, 0, 1 + (i % 365))),
      '放假',
      '',
    ]);
    await refused(await xlsx(rows), 'XLSX_TOO_MANY_ROWS');
  });

  it('a user without the type’s permission, and a body that is not multipart', async () => {
    await refused(await xlsx(NOTICE_2027), 'FORBIDDEN', 403, t.app, staff);
    const json = await hq.post<Err>('/api/v1/imports/calendar', { rows: [] });
    expect(json.status).toBe(415);
    const wrongType = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports/enterprises',
      headers: { cookie: hq.auth.cookie as string, 'x-csrf-token': hq.auth.csrf as string },
    });
    expect(wrongType.statusCode).toBe(400);
  });

  it('a file larger than the configured limit', async () => {
    const small = await createTestApp({ importMaxBytes: 4096 });
    try {
      const who = await signIn(small.app, 'hq');
      const big = await xlsx(
        Array.from({ length: 400 }, (_, i) => [`2027-01-${String((i % 28) + 1).padStart(2, '0')}`, '放假', `${i}`]),
      );
      expect(big.length).toBeGreaterThan(4096);
      const res = await upload<Err>(who, big, 'big.xlsx', small.app);
      expect(res.status).toBe(413);
      expect(res.body.error.code).toBe('XLSX_TOO_LARGE');
    } finally {
      await small.close();
    }
  });
});

describe('previews nobody commits', () => {
  const HOUR = 3_600_000;
  const previewed = async () =>
    (await t.database.pool.query<{ id: string }>(`SELECT id FROM imports WHERE state = 'previewed'`)).rows.map(
      (r) => r.id,
    );
  const committed = async () =>
    Number(
      (await t.database.pool.query<{ n: string }>(`SELECT count(*) AS n FROM imports WHERE state = 'committed'`))
        .rows[0]?.n,
    );
  const cleanup = async (ttlHours?: number) => {
    const deps = { db: t.database.db, clock: t.clock, ...(ttlHours ? { importPreviewTtlHours: ttlHours } : {}) };
    return ((await runJob('import_preview_cleanup', deps)) as ImportCleanupSummary).deleted;
  };

  it('are deleted by the cleanup job once older than the age (24 h by default); committed imports stay', async () => {
    const old = await upload(hq, await xlsx(NOTICE_2027), 'abandoned.xlsx');
    expect(old.status).toBe(201);
    const before = await previewed();
    expect(before).toContain(old.body.id);
    const committedBefore = await committed();
    expect(committedBefore).toBeGreaterThan(0);

    t.clock.set(new Date(t.clock.now().getTime() + 23 * HOUR));
    const who = await signIn(t.app, 'hq'); // the earlier session has expired
    const recent = await upload(who, await xlsx(NOTICE_2027), 'recent.xlsx');
    expect(recent.status).toBe(201);
    expect(await cleanup()).toBe(0);

    t.clock.set(new Date(t.clock.now().getTime() + 2 * HOUR));
    expect(await cleanup()).toBe(before.length);
    expect(await previewed()).toEqual([recent.body.id]);
    expect(await committed()).toBe(committedBefore);
    const again = await signIn(t.app, 'hq');
    expect((await again.get<Err>(`/api/v1/imports/${old.body.id}`)).status).toBe(404);
    expect((await again.get<Preview>(`/api/v1/imports/${recent.body.id}`)).body.state).toBe('previewed');

    // A shorter configured age (IMPORT_PREVIEW_TTL_HOURS=1) takes the two-hour-old one too.
    expect(await cleanup(1)).toBe(1);
    expect(await previewed()).toEqual([]);
    expect(await committed()).toBe(committedBefore);
  });
});
