/**
 * The dispatch item on the real server and database: its whole life through the API, the rules the state machine
 * enforces on the server, scope, concurrency, numbering, attachments, the list views.
 */
import type { ItemDetailT, ItemT, UnitT } from '@zaitun/contracts';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, domainSnapshot, signIn, type TestApp } from './harness';
import { itemActOk, registerItem } from './item-helpers';

type Err = { error: { code: string; message: string; details?: unknown } };
type Page = { items: ItemT[]; total: number };
let t: TestApp;
let hq: Client;
let leader: Client;
let jinjiang: Client;
let shishi: Client;
let group: Client;
let units: Map<string, UnitT>;

beforeAll(async () => {
  t = await createTestApp();
  // A Monday morning in Quanzhou, so working-day arithmetic is easy to follow.
  t.clock.set(new Date('2026-03-02T09:00:00+08:00'));
  hq = await signIn(t.app, 'hq');
  leader = await signIn(t.app, 'leader');
  jinjiang = await signIn(t.app, 'jinjiang');
  shishi = await signIn(t.app, 'shishi');
  group = await signIn(t.app, 'group');
  units = new Map((await hq.get<{ items: UnitT[] }>('/api/v1/units/tree')).body.items.map((u) => [u.code, u] as const));
});
afterAll(() => t?.close());

const unit = (code: string) => (units.get(code) as UnitT).id;

const register = (by: Client, extra: Record<string, unknown> = {}): Promise<ItemDetailT> =>
  registerItem(by, {
    title: '晋江某鞋企出口退税慢',
    description: '企业反映出口退税到账周期长，影响资金周转。',
    category: 'policy',
    ...extra,
  });

/** An action that may be refused: the answer, whatever its status. */
async function act(by: Client, d: ItemDetailT, action: string, extra: Record<string, unknown> = {}) {
  return by.post<ItemDetailT & Err>(`/api/v1/items/${d.item.id}/actions`, {
    action,
    version: d.item.version,
    ...extra,
  });
}

const ok = itemActOk;

describe('the life of an item', () => {
  it('goes from registration to rating, with clocks in working days and a timeline', async () => {
    const created = await register(shishi, { countyUnitId: unit('SHISHI') });
    expect(created.item.state).toBe('pending_dispatch');
    expect(created.item.number).toMatch(/^2026-\d{4}$/);
    expect(created.relations).toEqual(['raiser']);

    const dispatched = await ok(hq, created, 'dispatch', {
      leadUnitId: unit('JINJIANG'),
      coUnitIds: [unit('WG-FOREIGN')],
    });
    expect(dispatched.item.state).toBe('assigned');
    // Normal priority: 10 working days after Mon 2 Mar → Mon 16 Mar 18:00; signing by Tue 3 Mar 18:00.
    expect(dispatched.item.deadline).toBe(new Date('2026-03-16T18:00:00+08:00').toISOString());
    expect(dispatched.item.signBy).toBe(new Date('2026-03-03T18:00:00+08:00').toISOString());
    expect(dispatched.item.light).toBe('green');

    // The lead unit sees it in its queue, to sign.
    const queue = await jinjiang.get<Page>('/api/v1/items?view=queue&bucket=to_sign');
    expect(queue.body.items.map((i) => i.id)).toContain(created.item.id);

    const detail = (await jinjiang.get<ItemDetailT>(`/api/v1/items/${created.item.id}`)).body;
    expect(detail.relations).toEqual(['lead']);
    expect(detail.actions).toEqual(expect.arrayContaining(['sign', 'return']));
    const signed = await ok(jinjiang, detail, 'sign');
    expect(signed.item.state).toBe('in_progress');

    // The co-unit's part is open: the lead cannot resolve yet.
    const early = await act(jinjiang, signed, 'resolve', { answer: '已协调税务部门加快办理' });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('CO_UNITS_OPEN');

    const asCo = (await group.get<ItemDetailT>(`/api/v1/items/${created.item.id}`)).body;
    expect(asCo.relations).toEqual(['co']);
    const contributed = await ok(group, asCo, 'contribute', { note: '已对接外贸企业，提供退税材料清单' });
    expect(contributed.item.coUnits[0]).toMatchObject({ status: 'done' });

    const progressed = await ok(jinjiang, contributed, 'progress', { note: '已召开协调会' });
    const resolved = await ok(jinjiang, progressed, 'resolve', { answer: '税务部门承诺 5 个工作日内办结退税' });
    expect(resolved.item.state).toBe('resolved');
    expect(resolved.item.answer).toContain('5 个工作日');

    const hqView = (await hq.get<ItemDetailT>(`/api/v1/items/${created.item.id}`)).body;
    const verified = await ok(hq, hqView, 'verify');
    expect(verified.item.state).toBe('closed');

    // Whoever raised it rates it (a unit raised it: its staff rate).
    const raiserView = (await shishi.get<ItemDetailT>(`/api/v1/items/${created.item.id}`)).body;
    expect(raiserView.actions).toEqual(['rate']);
    const rated = await ok(shishi, raiserView, 'rate', { rating: 5, note: '满意' });
    expect(rated.item.rating).toBe(5);
    const twice = await act(shishi, rated, 'rate', { rating: 4 });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('ITEM_INVALID_TRANSITION');

    const events = await hq.get<{ items: { action: string; fromState: string | null; toState: string | null }[] }>(
      `/api/v1/items/${created.item.id}/events`,
    );
    expect(events.body.items.map((e) => e.action)).toEqual([
      'create',
      'dispatch',
      'sign',
      'contribute',
      'progress',
      'resolve',
      'verify',
      'rate',
    ]);
    expect(events.body.items[2]).toMatchObject({ fromState: 'assigned', toState: 'in_progress' });

    // Audited in the same transactions.
    const audit = await t.database.pool.query<{ action: string }>(
      `SELECT action FROM audit_events WHERE entity_type = 'item' AND entity_id = $1 ORDER BY id`,
      [created.item.id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(events.body.items.map((e) => `item.${e.action}`));
  });

  it('a poor rating goes to the dispatcher, who reopens it as a redo', async () => {
    // A leader's instruction comes from a leader (or the office recording it), never from a unit.
    const fromUnit = await shishi.post<Err>('/api/v1/items', {
      title: '领导批示',
      description: '',
      category: 'other',
      source: 'leader_instruction',
      priority: 'normal',
    });
    expect(fromUnit.status).toBe(403);
    const created = await register(leader, { source: 'leader_instruction', priority: 'urgent' });
    let cur = await ok(hq, created, 'dispatch', { leadUnitId: unit('SHISHI') });
    // Urgent: 3 working days.
    expect(cur.item.deadline).toBe(new Date('2026-03-05T18:00:00+08:00').toISOString());
    cur = await ok(shishi, (await shishi.get<ItemDetailT>(`/api/v1/items/${cur.item.id}`)).body, 'sign');
    cur = await ok(shishi, cur, 'resolve', { answer: '已处理' });
    cur = await ok(hq, (await hq.get<ItemDetailT>(`/api/v1/items/${cur.item.id}`)).body, 'reject', {
      reason: '答复过于简单，请补充措施',
    });
    expect(cur.item).toMatchObject({ state: 'in_progress', redoCount: 1 });
    cur = await ok(shishi, (await shishi.get<ItemDetailT>(`/api/v1/items/${cur.item.id}`)).body, 'resolve', {
      answer: '已约谈企业并出具书面方案',
    });
    cur = await ok(hq, (await hq.get<ItemDetailT>(`/api/v1/items/${cur.item.id}`)).body, 'verify');
    cur = await ok(leader, (await leader.get<ItemDetailT>(`/api/v1/items/${cur.item.id}`)).body, 'rate', {
      rating: 2,
    });
    const note = await t.database.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM notifications n JOIN users u ON u.id = n.user_id
       WHERE u.username = 'hq' AND n.event_type = 'item_low_rating' AND n.entity_id = $1`,
      [cur.item.id],
    );
    expect(Number(note.rows[0]?.n)).toBe(1);
    const reopened = await ok(hq, (await hq.get<ItemDetailT>(`/api/v1/items/${cur.item.id}`)).body, 'reopen', {
      reason: '领导评价不满意',
    });
    expect(reopened.item).toMatchObject({ state: 'in_progress', redoCount: 2, rating: null });
  });

  it('return sends it back to the office; extension moves the deadline only when approved', async () => {
    const created = await register(hq, { source: 'unit_report' });
    let cur = await ok(hq, created, 'dispatch', { leadUnitId: unit('JINJIANG') });
    const asLead = (await jinjiang.get<ItemDetailT>(`/api/v1/items/${cur.item.id}`)).body;
    const noReason = await act(jinjiang, asLead, 'return', {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.code).toBe('REASON_REQUIRED');
    cur = await ok(jinjiang, asLead, 'return', { reason: '不属于本单位职责' });
    expect(cur.item).toMatchObject({ state: 'pending_dispatch', leadUnitId: null, deadline: null });
    // jinjiang no longer sees it (not lead, not raiser, not its county).
    expect((await jinjiang.get(`/api/v1/items/${cur.item.id}`)).status).toBe(404);

    cur = await ok(hq, (await hq.get<ItemDetailT>(`/api/v1/items/${cur.item.id}`)).body, 'dispatch', {
      leadUnitId: unit('JINJIANG'),
      deadline: new Date('2026-03-20T18:00:00+08:00').toISOString(),
    });
    cur = await ok(jinjiang, (await jinjiang.get<ItemDetailT>(`/api/v1/items/${cur.item.id}`)).body, 'sign');
    const noDate = await act(jinjiang, cur, 'request_extension', { reason: '需等待海关数据' });
    expect(noDate.status).toBe(400);
    expect(noDate.body.error.code).toBe('FIELD_REQUIRED');
    cur = await ok(jinjiang, cur, 'request_extension', {
      reason: '需等待海关数据',
      deadline: new Date('2026-03-31T18:00:00+08:00').toISOString(),
    });
    expect(cur.item.deadline).toBe(new Date('2026-03-20T18:00:00+08:00').toISOString());
    expect(cur.extensions[0]).toMatchObject({ state: 'pending', reason: '需等待海关数据' });
    const again = await act(jinjiang, cur, 'request_extension', {
      reason: '再次申请',
      deadline: new Date('2026-04-30T18:00:00+08:00').toISOString(),
    });
    expect(again.status).toBe(409);

    cur = await ok(hq, (await hq.get<ItemDetailT>(`/api/v1/items/${cur.item.id}`)).body, 'approve_extension');
    expect(cur.item).toMatchObject({
      deadline: new Date('2026-03-31T18:00:00+08:00').toISOString(),
      originalDeadline: new Date('2026-03-20T18:00:00+08:00').toISOString(),
      extensionCount: 1,
    });
    expect(cur.extensions[0]).toMatchObject({ state: 'approved' });
  });

  it('urges and escalates: counted, cards raised yellow then red, listed for supervision', async () => {
    const created = await register(hq, { source: 'unit_report', title: '德化陶瓷企业物流成本高' });
    let cur = await ok(hq, created, 'dispatch', { leadUnitId: unit('DEHUA') });
    cur = await ok(hq, cur, 'urge', { note: '请尽快签收' });
    cur = await ok(hq, cur, 'urge');
    expect(cur.item.urgeCount).toBe(2);
    cur = await ok(hq, cur, 'escalate', { reason: '久拖未办' });
    expect(cur.item.escalation).toBe('yellow');
    cur = await ok(hq, cur, 'escalate');
    expect(cur.item.escalation).toBe('red');
    const more = await act(hq, cur, 'escalate');
    expect(more.status).toBe(409);
    const reds = await leader.get<Page>('/api/v1/items?bucket=red_card');
    expect(reds.body.items.map((i) => i.id)).toContain(cur.item.id);
    const urges = await t.database.pool.query<{ n: string }>(
      'SELECT count(*) AS n FROM item_urges WHERE item_id = $1',
      [cur.item.id],
    );
    expect(Number(urges.rows[0]?.n)).toBe(2);
  });
});

describe('rules the server enforces', () => {
  it('an invalid transition is 409 ITEM_INVALID_TRANSITION, in the caller’s language; nothing changes', async () => {
    const created = await register(hq);
    const before = await domainSnapshot(t.database);
    const res = await act(hq.withLocale('en-US'), created, 'verify');
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('ITEM_INVALID_TRANSITION');
    expect(res.body.error.message).toMatch(/not allowed/);
    expect(await domainSnapshot(t.database)).toEqual(before);
  });

  it('a role without the relation is refused (403), a stale version is 409, a past deadline is 400', async () => {
    const created = await register(hq);
    const asLeader = await act(leader, created, 'dispatch', { leadUnitId: unit('JINJIANG') });
    expect(asLeader.status).toBe(403);
    const past = await act(hq, created, 'dispatch', {
      leadUnitId: unit('JINJIANG'),
      deadline: new Date('2026-03-01T18:00:00+08:00').toISOString(),
    });
    expect(past.status).toBe(400);
    expect(past.body.error.code).toBe('DEADLINE_IN_PAST');
    const leadAsCo = await act(hq, created, 'dispatch', {
      leadUnitId: unit('JINJIANG'),
      coUnitIds: [unit('JINJIANG')],
    });
    expect(leadAsCo.body.error.code).toBe('LEAD_UNIT_INVALID');
    await ok(hq, created, 'dispatch', { leadUnitId: unit('JINJIANG') });
    const stale = await act(hq, created, 'urge');
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
  });

  it('an item outside the caller’s scope answers exactly like a missing one', async () => {
    const created = await register(hq);
    await ok(hq, created, 'dispatch', { leadUnitId: unit('JINJIANG') });
    const hidden = await shishi.get<Err>(`/api/v1/items/${created.item.id}`);
    const missing = await shishi.get<Err>('/api/v1/items/00000000-0000-4000-8000-000000000000');
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual(missing.body);
    const action = await act(shishi, created, 'sign');
    expect(action.status).toBe(404);
    const list = await shishi.get<Page>('/api/v1/items?pageSize=100');
    expect(list.body.items.some((i) => i.id === created.item.id)).toBe(false);
  });

  it('a draft is seen only by whoever raised it until it is submitted', async () => {
    const draft = await register(jinjiang, { submit: false });
    expect(draft.item.state).toBe('draft');
    expect((await hq.get(`/api/v1/items/${draft.item.id}`)).status).toBe(404);
    const submitted = await ok(jinjiang, draft, 'submit');
    expect(submitted.item.state).toBe('pending_dispatch');
    expect((await hq.get(`/api/v1/items/${draft.item.id}`)).status).toBe(200);
  });

  it('a coordination request becomes an item flagged for the next meeting', async () => {
    const req = await register(group, {
      source: 'coordination',
      title: '跨境电商海外仓建设需多部门协调',
      submit: false,
    });
    expect(req.item).toMatchObject({ source: 'coordination', state: 'pending_dispatch', flaggedForMeeting: true });
  });

  it('20 parallel signs of one item: exactly one succeeds', async () => {
    const created = await register(hq);
    await ok(hq, created, 'dispatch', { leadUnitId: unit('JINJIANG') });
    const cur = (await jinjiang.get<ItemDetailT>(`/api/v1/items/${created.item.id}`)).body;
    const results = await Promise.all(Array.from({ length: 20 }, () => act(jinjiang, cur, 'sign')));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const events = await t.database.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM item_events WHERE item_id = $1 AND action = 'sign'`,
      [created.item.id],
    );
    expect(Number(events.rows[0]?.n)).toBe(1);
  });

  it('numbers items per year with no gaps and no duplicates under concurrency', async () => {
    const before = await t.database.pool.query<{ max: number }>('SELECT max(seq) AS max FROM items WHERE year = 2026');
    const start = Number(before.rows[0]?.max ?? 0);
    const made = await Promise.all(Array.from({ length: 12 }, (_, i) => register(i % 2 ? hq : jinjiang)));
    // A failing registration (unknown category) in the middle must not burn a number.
    const bad = await hq.post<Err>('/api/v1/items', {
      title: 'x',
      description: '',
      category: 'no_such',
      source: 'unit_report',
      priority: 'normal',
    });
    expect(bad.status).toBe(422);
    const after = await register(hq);
    const seqs = [...made.map((d) => d.item.seq), after.item.seq].sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 13 }, (_, i) => start + i + 1));
  });
});

describe('attachments', () => {
  const upload = (c: Client, id: string, name: string, bytes: Buffer) => {
    const boundary = '----zaitun';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return c.app.inject({
      method: 'POST',
      url: `/api/v1/items/${id}/attachments`,
      headers: {
        cookie: c.auth.cookie as string,
        'x-csrf-token': c.auth.csrf as string,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload: body,
    });
  };
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(2000, 0x20), Buffer.from('\n%%EOF\n')]);

  it('stores a checked file and serves it only to those who may read the item', async () => {
    const created = await register(hq);
    const res = await upload(hq, created.item.id, '../../etc/退税材料<1>.pdf', pdf);
    expect(res.statusCode, res.body).toBe(201);
    const att = JSON.parse(res.body) as { id: string; fileName: string; size: number };
    expect(att.fileName).toBe('退税材料1.pdf');
    expect(att.size).toBe(pdf.length);
    const down = await hq.request('GET', `/api/v1/items/${created.item.id}/attachments/${att.id}`);
    expect(down.status).toBe(200);
    expect(down.headers['content-disposition']).toContain("filename*=UTF-8''%E9%80%80");
    expect(down.headers['content-type']).toBe('application/pdf');
    expect((await shishi.get(`/api/v1/items/${created.item.id}/attachments/${att.id}`)).status).toBe(404);
    const detail = (await hq.get<ItemDetailT>(`/api/v1/items/${created.item.id}`)).body;
    expect(detail.attachments.map((a) => a.id)).toEqual([att.id]);
  });

  it('refuses a wrong type (even renamed), an oversized file and a non-multipart body; nothing is stored', async () => {
    const created = await register(hq);
    const before = await domainSnapshot(t.database);
    const exe = await upload(hq, created.item.id, 'evil.pdf', Buffer.from('MZ\x90\x00 not a pdf'));
    expect(exe.statusCode).toBe(400);
    expect(JSON.parse(exe.body).error.code).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
    const big = await upload(
      hq,
      created.item.id,
      'big.pdf',
      Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(t.config.attachmentMaxBytes + 10)]),
    );
    expect(big.statusCode).toBe(413);
    expect(JSON.parse(big.body).error.code).toBe('ATTACHMENT_TOO_LARGE');
    const json = await hq.post<Err>(`/api/v1/items/${created.item.id}/attachments`, { file: 'x' });
    expect(json.status).toBe(415);
    expect(await domainSnapshot(t.database)).toEqual(before);
  });
});

describe('lists', () => {
  it('filter by bucket, priority and number; page sizes are capped; export is within scope', async () => {
    const created = await register(hq, { priority: 'high', title: '永春香企业品牌推广需求' });
    const byNumber = await hq.get<Page>(`/api/v1/items?q=${created.item.number}`);
    expect(byNumber.body.items.map((i) => i.id)).toEqual([created.item.id]);
    const byTitle = await hq.get<Page>(`/api/v1/items?q=${encodeURIComponent('永春香')}`);
    expect(byTitle.body.items.map((i) => i.id)).toEqual([created.item.id]);
    const pending = await hq.get<Page>('/api/v1/items?view=board&bucket=pending_dispatch&priority=high');
    expect(pending.body.items.every((i) => i.state === 'pending_dispatch' && i.priority === 'high')).toBe(true);
    expect((await hq.get('/api/v1/items?pageSize=101')).status).toBe(400);
    expect((await hq.get('/api/v1/items?bucket=nonsense')).status).toBe(400);
  });

  it('my queue: what my unit leads, and separately its open co-unit parts', async () => {
    const created = await register(hq, { title: '晋江牵头、外贸拓市组配合的事项' });
    await ok(hq, created, 'dispatch', { leadUnitId: unit('JINJIANG'), coUnitIds: [unit('WG-FOREIGN')] });
    const ids = async (c: Client, role: string) =>
      (await c.get<Page>(`/api/v1/items?view=queue&role=${role}&pageSize=100`)).body.items.map((i) => i.id);
    expect(await ids(jinjiang, 'lead')).toContain(created.item.id);
    expect(await ids(jinjiang, 'co')).not.toContain(created.item.id);
    expect(await ids(group, 'co')).toContain(created.item.id);
    expect(await ids(group, 'lead')).not.toContain(created.item.id);
  });

  it('exports the list as xlsx in the caller’s language and scope', async () => {
    const mine = await register(shishi, { title: '石狮服装企业跨境物流需求' });
    const other = await register(hq, { title: '只有总指挥部可见的事项' });
    const read = async (c: Client) => {
      const res = await c.app.inject({
        method: 'GET',
        url: '/api/v1/items/export?view=all',
        headers: { cookie: c.auth.cookie as string, 'accept-language': c.locale },
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.worksheets[0];
      const rows: string[][] = [];
      ws?.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
      return rows;
    };
    const asShishi = await read(shishi);
    expect(asShishi[0]?.slice(0, 3)).toEqual(['编号', '事项', '类别']);
    expect(asShishi.some((r) => r[0] === mine.item.number && r[5] === '待分派')).toBe(true);
    expect(asShishi.some((r) => r[0] === other.item.number)).toBe(false);
    const asHq = await read(hq.withLocale('en-US'));
    expect(asHq[0]?.slice(0, 3)).toEqual(['Number', 'Title', 'Category']);
    expect(asHq.some((r) => r[0] === other.item.number && r[5] === 'To dispatch')).toBe(true);
  });

  it('the deadline preview counts working days from now by priority', async () => {
    const res = await hq.get<{ deadline: string; workingDays: number; uncoveredYears: number[] }>(
      '/api/v1/items/deadline-preview?priority=high',
    );
    expect(res.body).toMatchObject({
      deadline: new Date('2026-03-09T18:00:00+08:00').toISOString(),
      workingDays: 5,
      uncoveredYears: [],
    });
    const late = await hq.get<{ uncoveredYears: number[] }>(
      `/api/v1/items/deadline-preview?priority=normal&from=${encodeURIComponent('2026-12-28T09:00:00+08:00')}`,
    );
    expect(late.body.uncoveredYears).toEqual([2027]);
  });
});

// Last: moving the clock ahead ends the other clients' sessions.
describe('SLA clock', () => {
  it('the light turns yellow, then red, as the clock moves (and the list filters agree)', async () => {
    const created = await register(hq, { source: 'unit_report', title: '南安石材企业用地问题' });
    const cur = await ok(hq, created, 'dispatch', { leadUnitId: unit('NANAN') });
    const id = cur.item.id;
    const lightAt = async (iso: string) => {
      t.clock.set(new Date(iso));
      // Sessions expire as the clock jumps ahead: sign in again at each instant.
      const now = await signIn(t.app, 'hq');
      const one = (await now.get<ItemDetailT>(`/api/v1/items/${id}`)).body.item;
      const inList = async (light: string) =>
        (await now.get<Page>(`/api/v1/items?light=${light}&pageSize=100`)).body.items.some((i) => i.id === id);
      const lists = { green: await inList('green'), yellow: await inList('yellow'), red: await inList('red') };
      return { light: one.light, lists, signOverdue: one.signOverdue };
    };
    try {
      expect(await lightAt('2026-03-04T09:00:00+08:00')).toEqual({
        light: 'green',
        lists: { green: true, yellow: false, red: false },
        signOverdue: true,
      });
      // 2 working days before the deadline (Mon 16 Mar 18:00) → yellow.
      expect((await lightAt('2026-03-13T10:00:00+08:00')).light).toBe('yellow');
      expect((await lightAt('2026-03-13T10:00:00+08:00')).lists).toEqual({ green: false, yellow: true, red: false });
      expect(await lightAt('2026-03-16T18:01:00+08:00')).toMatchObject({
        light: 'red',
        lists: { green: false, yellow: false, red: true },
      });
    } finally {
      t.clock.set(new Date('2026-03-02T09:00:00+08:00'));
    }
  });
});
