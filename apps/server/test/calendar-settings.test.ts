import { DEFAULT_DISPATCH_SETTINGS, type DispatchSettingsT } from '@zaitun/contracts';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCalendar } from '../src/modules/calendar/calendar.repository';
import { clocksFor } from '../src/modules/items/items.domain';
import { type Client, createTestApp, domainSnapshot, signIn, type TestApp } from './harness';

type Err = { error: { code: string; message: string; details?: unknown } };
interface Day {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
}
interface Year {
  year: number;
  covered: boolean;
  source: string | null;
  notice: string;
  version: number | null;
  days: Day[];
}
interface YearList {
  items: { year: number; covered: boolean; source: string | null; holidays: number; workdays: number }[];
  missingYears: number[];
}
interface SettingsDoc {
  settings: DispatchSettingsT;
  version: number;
}
interface Entry {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  sortOrder: number;
  active: boolean;
  version: number;
}

let t: TestApp;
let admin: Client;
let hq: Client;
let staff: Client;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-06-15T02:00:00Z'));
  admin = await signIn(t.app, 'admin');
  hq = await signIn(t.app, 'hq');
  staff = await signIn(t.app, 'shishi');
});
afterAll(() => t?.close());

async function auditOf(action: string, entityId: string) {
  const { rows } = await t.database.pool.query<{ before: unknown; after: Record<string, unknown> }>(
    'SELECT before, after FROM audit_events WHERE action = $1 AND entity_id = $2 ORDER BY id DESC LIMIT 1',
    [action, entityId],
  );
  return rows[0];
}

/** The 2027 notice as entered in the editor: New Year, a short Spring Festival with one make-up Saturday. */
const NOTICE_2027: Day[] = [
  { date: '2027-01-01', kind: 'holiday', name: '元旦' },
  { date: '2027-02-08', kind: 'holiday', name: '春节' },
  { date: '2027-02-09', kind: 'holiday', name: '春节' },
  { date: '2027-02-13', kind: 'workday', name: '春节' },
];

describe('the working-day calendar', () => {
  it('lists the seeded years and names next year as missing', async () => {
    const list = await hq.get<YearList>('/api/v1/calendar');
    expect(list.status).toBe(200);
    const y2025 = list.body.items.find((y) => y.year === 2025);
    expect(y2025).toMatchObject({ covered: true, source: 'seed' });
    expect(y2025?.holidays).toBeGreaterThan(10);
    expect(list.body.items.map((y) => y.year)).toContain(2004);
    expect(list.body.missingYears).toEqual([2027]);
  });

  it('shows a year with its National Day holidays and make-up working days', async () => {
    const year = await staff.get<Year>('/api/v1/calendar/2025');
    expect(year.status).toBe(200);
    expect(year.body.covered).toBe(true);
    const byDate = new Map(year.body.days.map((d) => [d.date, d]));
    for (const date of ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08']) {
      expect(byDate.get(date)?.kind).toBe('holiday');
    }
    expect(byDate.get('2025-09-28')?.kind).toBe('workday');
    expect(byDate.get('2025-10-11')?.kind).toBe('workday');
    const unknown = await hq.get<Year>('/api/v1/calendar/2031');
    expect(unknown.body).toMatchObject({ covered: false, version: null, days: [] });
  });

  it('takes a new year’s notice, versioned, and audits it', async () => {
    const created = await hq.put<Year>('/api/v1/calendar/2027', {
      notice: ' 国办发明电〔2026〕9号 ',
      days: NOTICE_2027,
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      covered: true,
      source: 'manual',
      notice: '国办发明电〔2026〕9号',
      version: 1,
    });
    expect(created.body.days.map((d) => d.date)).toEqual(NOTICE_2027.map((d) => d.date));
    expect((await hq.get<YearList>('/api/v1/calendar')).body.missingYears).toEqual([]);

    // Creating it again (no version) and a stale version are conflicts.
    const again = await hq.put<Err>('/api/v1/calendar/2027', { notice: 'x', days: [] });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('VERSION_CONFLICT');
    const stale = await admin.put<Err>('/api/v1/calendar/2027', { version: 7, notice: 'x', days: [] });
    expect(stale.status).toBe(409);

    const replaced = await admin.put<Year>('/api/v1/calendar/2027', {
      version: 1,
      notice: '国办发明电〔2026〕9号',
      days: [...NOTICE_2027, { date: '2027-10-01', kind: 'holiday', name: '国庆节' }],
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body.version).toBe(2);
    expect(replaced.body.days).toHaveLength(5);
    const audit = await auditOf('calendar.update', '2027');
    // Only what changed is kept: the holiday count; the first entry has everything.
    expect(audit?.after).toEqual({ holidays: 4 });
    expect(audit?.before).toEqual({ holidays: 3 });
    const { rows } = await t.database.pool.query<{ before: unknown; after: unknown }>(
      `SELECT before, after FROM audit_events WHERE action = 'calendar.update' AND entity_id = '2027' ORDER BY id`,
    );
    expect(rows[0]).toMatchObject({
      before: null,
      after: { notice: '国办发明电〔2026〕9号', source: 'manual', holidays: 3, workdays: 1 },
    });
  });

  it('refuses dates outside the year, dates entered twice, and users without calendar.manage', async () => {
    const before = await domainSnapshot(t.database);
    const outside = await hq.put<Err>('/api/v1/calendar/2028', {
      notice: 'x',
      days: [{ date: '2027-12-31', kind: 'holiday', name: '元旦' }],
    });
    expect(outside.status).toBe(400);
    expect(outside.body.error.code).toBe('CALENDAR_DATE_OUT_OF_YEAR');
    expect(outside.body.error.details).toMatchObject({ dates: ['2027-12-31'] });
    const twice = await hq.put<Err>('/api/v1/calendar/2028', {
      notice: 'x',
      days: [
        { date: '2028-01-03', kind: 'holiday', name: '元旦' },
        { date: '2028-01-03', kind: 'workday', name: '元旦' },
      ],
    });
    expect(twice.status).toBe(400);
    expect(twice.body.error.code).toBe('VALIDATION_FAILED');
    const bad = await hq.put<Err>('/api/v1/calendar/2028', {
      notice: 'x',
      days: [{ date: '2028-02-30', kind: 'holiday', name: '' }],
    });
    expect(bad.status).toBe(400);
    const refused = await staff.put<Err>('/api/v1/calendar/2028', { notice: 'x', days: [] });
    expect(refused.status).toBe(403);
    expect(await domainSnapshot(t.database)).toEqual(before);
  });

  it('re-times the yellow light and escalation of open items, never their deadline', async () => {
    const { rows: users } = await t.database.pool.query<{ id: string }>(`SELECT id FROM users WHERE username = 'hq'`);
    const dispatchedAt = new Date('2026-12-21T02:00:00Z');
    const deadline = new Date('2027-01-08T10:00:00Z'); // Friday 18:00 Shanghai
    const insert = async (seq: number, state: string) =>
      (
        await t.database.pool.query<{ id: string }>(
          `INSERT INTO items (year, seq, title, category, source, priority, state, raised_by_user_id,
                              dispatched_at, deadline, original_deadline, sign_by, yellow_at, escalate_yellow_at,
                              escalate_red_at)
           VALUES (2026, $1, '测试事项', 'other', 'unit_report', 'normal', $2, $3, $4, $5, $5, $4, $4, $5, $5)
           RETURNING id`,
          [seq, state, users[0]?.id, dispatchedAt, deadline],
        )
      ).rows[0]?.id as string;
    const open = await insert(9001, 'in_progress');
    const closed = await insert(9002, 'closed');

    const current = await hq.get<Year>('/api/v1/calendar/2027');
    const changed = await hq.put<Year>('/api/v1/calendar/2027', {
      version: current.body.version,
      notice: current.body.notice,
      days: [...current.body.days, { date: '2027-01-11', kind: 'holiday', name: '测试假日' }],
    });
    expect(changed.status).toBe(200);

    const read = async (id: string) =>
      (
        await t.database.pool.query<{
          deadline: Date;
          yellow_at: Date;
          escalate_yellow_at: Date;
          escalate_red_at: Date;
        }>('SELECT deadline, yellow_at, escalate_yellow_at, escalate_red_at FROM items WHERE id = $1', [id])
      ).rows[0];
    const cal = await loadCalendar(t.database.db);
    const expected = clocksFor(cal, DEFAULT_DISPATCH_SETTINGS, dispatchedAt, deadline);
    const row = await read(open);
    expect(row?.deadline.toISOString()).toBe(deadline.toISOString());
    expect(row?.yellow_at.toISOString()).toBe(expected.yellowAt.toISOString());
    // One working day after Friday's deadline: Monday the 11th is now off, so Tuesday 18:00.
    expect(row?.escalate_yellow_at.toISOString()).toBe('2027-01-12T10:00:00.000Z');
    expect(row?.escalate_red_at.toISOString()).toBe(expected.escalateRedAt.toISOString());
    const untouched = await read(closed);
    expect(untouched?.escalate_yellow_at.toISOString()).toBe(deadline.toISOString());
  });

  it('exports every override as xlsx in the import layout', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/calendar/export',
      headers: { cookie: hq.auth.cookie as string, 'accept-language': 'zh-CN' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.getRow(1).values).toEqual([undefined, '日期', '类型', '名称']);
    const rows: string[][] = [];
    sheet?.eachRow((row, n) => {
      const date = row.getCell(1).value;
      const iso = date instanceof Date ? date.toISOString().slice(0, 10) : String(date);
      if (n > 1) rows.push([iso, String(row.getCell(2).text), String(row.getCell(3).text)]);
    });
    expect(rows).toContainEqual(['2025-10-01', '放假', '国庆节']);
    expect(rows).toContainEqual(['2027-02-13', '调休上班', '春节']);
    const dates = rows.map((r) => r[0] as string);
    expect(dates).toEqual([...dates].sort());
  });
});

describe('dispatch settings', () => {
  it('are read by any signed-in user and changed only with settings.manage', async () => {
    const read = await hq.get<SettingsDoc>('/api/v1/settings/dispatch');
    expect(read.status).toBe(200);
    expect(read.body.settings).toEqual(DEFAULT_DISPATCH_SETTINGS);
    const refused = await hq.put<Err>('/api/v1/settings/dispatch', read.body);
    expect(refused.status).toBe(403);
  });

  it('are versioned, checked across fields, and audited', async () => {
    const { body: current } = await admin.get<SettingsDoc>('/api/v1/settings/dispatch');
    const next = { ...current.settings, deadlineDays: { ...current.settings.deadlineDays, normal: 12 }, signDays: 2 };
    const saved = await admin.put<SettingsDoc>('/api/v1/settings/dispatch', {
      settings: next,
      version: current.version,
    });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(current.version + 1);
    expect(saved.body.settings.deadlineDays.normal).toBe(12);
    const stale = await admin.put<Err>('/api/v1/settings/dispatch', { settings: next, version: current.version });
    expect(stale.status).toBe(409);
    const crossed = await admin.put<Err>('/api/v1/settings/dispatch', {
      settings: { ...next, escalateYellowAfterDays: 5, escalateRedAfterDays: 5 },
      version: saved.body.version,
    });
    expect(crossed.status).toBe(400);
    const unknownField = await admin.put<Err>('/api/v1/settings/dispatch', {
      settings: { ...next, colour: 'red' },
      version: saved.body.version,
    });
    expect(unknownField.status).toBe(400);
    const audit = await auditOf('settings.update', 'dispatch');
    expect(audit?.before).toMatchObject({ signDays: 1 });
    expect(audit?.after).toMatchObject({ signDays: 2 });
  });
});

describe('the item category dictionary', () => {
  it('lists, adds, renames, reorders and deactivates entries', async () => {
    const list = await staff.get<{ items: Entry[]; total: number }>('/api/v1/dictionaries/item_category');
    expect(list.status).toBe(200);
    expect(list.body.items[0]?.code).toBe('financing');
    const taken = await admin.post<Err>('/api/v1/dictionaries/item_category', {
      code: 'financing',
      nameZh: '融资二',
      nameEn: 'Financing 2',
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('DICTIONARY_CODE_TAKEN');
    const refused = await hq.post<Err>('/api/v1/dictionaries/item_category', {
      code: 'export_credit',
      nameZh: '出口信保',
      nameEn: 'Export credit insurance',
    });
    expect(refused.status).toBe(403);

    const created = await admin.post<Entry>('/api/v1/dictionaries/item_category', {
      code: 'export_credit',
      nameZh: '出口信保',
      nameEn: 'Export credit insurance',
    });
    expect(created.status).toBe(201);
    expect(created.body.sortOrder).toBeGreaterThan(Math.max(...list.body.items.map((e) => e.sortOrder)));

    const url = `/api/v1/dictionaries/item_category/${created.body.id}`;
    const renamed = await admin.patch<Entry>(url, { version: 1, nameZh: '出口信用保险', sortOrder: 5 });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ nameZh: '出口信用保险', sortOrder: 5, version: 2 });
    const first = await staff.get<{ items: Entry[] }>('/api/v1/dictionaries/item_category');
    expect(first.body.items[0]?.code).toBe('export_credit');

    const stale = await admin.patch<Err>(url, { version: 1, active: false });
    expect(stale.status).toBe(409);
    const off = await admin.patch<Entry>(url, { version: 2, active: false });
    expect(off.body.active).toBe(false);
    const active = await staff.get<{ items: Entry[] }>('/api/v1/dictionaries/item_category');
    expect(active.body.items.map((e) => e.code)).not.toContain('export_credit');
    const all = await admin.get<{ items: Entry[] }>('/api/v1/dictionaries/item_category?includeInactive=true');
    expect(all.body.items.map((e) => e.code)).toContain('export_credit');
    expect((await auditOf('dictionary.update', created.body.id))?.after).toMatchObject({ active: false });

    const missing = await admin.patch<Err>('/api/v1/dictionaries/item_category/00000000-0000-4000-8000-000000000000', {
      version: 1,
      nameZh: '无',
    });
    expect(missing.status).toBe(404);
  });
});
