/**
 * The bulletin builder (通报) on the real database: a week with known figures (items seeded row by row for three
 * counties created here, so demo data cannot change their figures) gives the headline, the unit table with its top
 * and bottom, the overdue and red-card lists and the commendations; bad periods are refused with nothing written;
 * edits are versioned (a stale one is 409); publishing numbers without gaps, also five at once, and tells the units;
 * a unit reads only published bulletins and leaves a receipt; the Word document carries the number, the units and the
 * on-time chart (SVG, and a PNG when Chromium is installed), whose text the PDF holds.
 * Drafting and refreshing are background tasks (202), followed over GET /api/v1/tasks/:id as the web does.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BulletinDetailT, BulletinReceiptsT, BulletinT, TaskT, UnitT } from '@zaitun/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { chromiumPath, closePdfRenderer } from '../src/lib/documents/pdf';
import { run, toolsAvailable } from '../src/lib/documents/test-tools';
import { type Client, createTestApp, signIn, type TestApp } from './harness';

type Err = { error: { code: string; message: string; details?: { path: string; keyword: string }[] } };
let t: TestApp;
let hq: Client;
let leader: Client;
let jinjiang: Client;
let shishi: Client;
let units: Map<string, UnitT>;
const unit = (code: string) => (units.get(code) as UnitT).id;
const NOBODY = '00000000-0000-4000-8000-000000000000';
const at = (local: string) => new Date(`${local}+08:00`);
let seq = 9000;

/** One item row as the workflow would have left it (the figures only read these columns). */
async function seedItem(f: {
  lead: string;
  state: 'in_progress' | 'closed';
  deadline: string;
  resolved?: string;
  closed?: string;
  rating?: number;
  ratedAt?: string;
  redo?: number;
  created?: string;
}): Promise<string> {
  const raiser = (await t.database.pool.query<{ id: string }>(`SELECT id FROM users WHERE username = 'hq'`)).rows[0]
    ?.id;
  seq += 1;
  const { rows } = await t.database.pool.query<{ id: string }>(
    `INSERT INTO items (year, seq, title, category, source, priority, state, lead_unit_id, raised_by_user_id,
       dispatched_at, sign_by, signed_at, deadline, original_deadline, resolved_at, closed_at, rating, rated_at,
       redo_count, created_at, updated_at)
     VALUES (2025, $1, $2, 'other', 'unit_report', 'normal', $3, $4, $5, $6, $7, $6, $8, $8, $9, $10, $11, $12, $13,
       $14, $14)
     RETURNING id`,
    [
      seq,
      `通报测试事项${seq}`,
      f.state,
      unit(f.lead),
      raiser,
      at('2025-06-09T10:00:00'),
      at('2025-06-10T18:00:00'),
      at(f.deadline),
      f.resolved ? at(f.resolved) : null,
      f.closed ? at(f.closed) : null,
      f.rating ?? null,
      f.ratedAt ? at(f.ratedAt) : null,
      f.redo ?? 0,
      at(f.created ?? '2025-06-09T09:00:00'),
    ],
  );
  return rows[0]?.id as string;
}

async function closedItem(lead: string, onTime: boolean, extra: Partial<Parameters<typeof seedItem>[0]> = {}) {
  return seedItem({
    lead,
    state: 'closed',
    deadline: '2025-06-11T18:00:00',
    resolved: onTime ? '2025-06-11T12:00:00' : '2025-06-12T12:00:00',
    closed: '2025-06-12T15:00:00',
    ...extra,
  });
}

let overdueItem: string;

beforeAll(async () => {
  t = await createTestApp({ sessionIdleMinutes: 24 * 60, sessionAbsoluteHours: 24 * 30 });
  t.clock.set(at('2025-06-20T10:00:00'));
  hq = await signIn(t.app, 'hq');
  leader = await signIn(t.app, 'leader');
  jinjiang = await signIn(t.app, 'jinjiang');
  shishi = await signIn(t.app, 'shishi');
  const admin = await signIn(t.app, 'admin');
  const tree = async () => (await hq.get<{ items: UnitT[] }>('/api/v1/units/tree')).body.items;
  const hqUnit = (await tree()).find((u) => u.code === 'HQ');
  for (const [code, nameZh] of [
    ['BT-A', '通报甲县'],
    ['BT-B', '通报乙县'],
    ['BT-C', '通报丙县'],
  ] as const) {
    const created = await admin.post('/api/v1/units', {
      code,
      nameZh,
      nameEn: code,
      shortName: nameZh,
      type: 'county',
      parentId: hqUnit?.id,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
  }
  units = new Map((await tree()).map((u) => [u.code, u] as const));

  // 甲: 3 closed on time, rated 5, 5, 4, one redone, one urged. 乙: 1 on time, 2 late, one rated 2, and one open
  // past its deadline (red card). 丙: 1 on time (too few to rank).
  const a1 = await closedItem('BT-A', true, { rating: 5, ratedAt: '2025-06-12T16:00:00', redo: 1 });
  await closedItem('BT-A', true, { rating: 5, ratedAt: '2025-06-12T16:00:00' });
  await closedItem('BT-A', true, { rating: 4, ratedAt: '2025-06-12T16:00:00' });
  await t.database.pool.query('INSERT INTO item_urges (item_id, unit_id, at) VALUES ($1, $2, $3)', [
    a1,
    unit('BT-A'),
    at('2025-06-10T09:00:00'),
  ]);
  await t.database.pool.query('UPDATE items SET urge_count = 1 WHERE id = $1', [a1]);
  await closedItem('BT-B', true);
  await closedItem('BT-B', false, { rating: 2, ratedAt: '2025-06-13T10:00:00' });
  await closedItem('BT-B', false);
  overdueItem = await seedItem({ lead: 'BT-B', state: 'in_progress', deadline: '2025-06-11T18:00:00' });
  await t.database.pool.query(`INSERT INTO item_escalations (item_id, level, auto, at) VALUES ($1, 'red', true, $2)`, [
    overdueItem,
    at('2025-06-12T09:00:00'),
  ]);
  await closedItem('BT-C', true);
});
afterAll(async () => {
  await closePdfRenderer();
  await t?.close();
});

const get = (by: Client, id: string) => by.get<BulletinDetailT & Err>(`/api/v1/bulletins/${id}`);
/** Starts drafting: 202 with a task, or the refusal. */
const create = (by: Client, body: Record<string, unknown>) => by.post<TaskT & Err>('/api/v1/bulletins', body);

/** Polls a task until it is no longer running, as the web does. */
async function follow(by: Client, task: TaskT): Promise<TaskT> {
  for (let i = 0; i < 500; i++) {
    const res = await by.get<TaskT>(`/api/v1/tasks/${task.id}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    if (res.body.state !== 'running') return res.body;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`task ${task.id} still running`);
}

/** Drafts a bulletin through its task and returns the draft. */
async function draft(by: Client, body: Record<string, unknown>): Promise<BulletinDetailT> {
  const started = await create(by, body);
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  expect(started.body).toMatchObject({ kind: 'bulletin.create', state: 'running', result: null, error: null });
  const done = await follow(by, started.body);
  expect(done, JSON.stringify(done)).toMatchObject({ state: 'succeeded', progress: 100, step: 'done', error: null });
  const res = await get(by, done.result?.bulletinId as string);
  expect(res.status).toBe(200);
  return res.body;
}
const count = async (table: string) =>
  Number((await t.database.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n);
const rowOf = (d: BulletinDetailT, code: string) => d.sections.units.find((u) => u.unitId === unit(code));

/** `word/document.xml` of a .docx with the XML tags removed. */
function documentText(docx: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(docx, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== 'word/document.xml') return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            resolve(
              Buffer.concat(chunks)
                .toString('utf8')
                .replace(/<[^>]+>/g, ''),
            );
            zip.close();
          });
        });
      });
      zip.on('end', () => reject(new Error('no word/document.xml')));
      zip.readEntry();
    });
  });
}

/** The names and sizes of a zip's entries. */
function zipEntries(zip: Buffer): Promise<Map<string, number>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (err, file) => {
      if (err || !file) return reject(err);
      const entries = new Map<string, number>();
      file.on('entry', (entry: yauzl.Entry) => {
        entries.set(entry.fileName, entry.uncompressedSize);
        file.readEntry();
      });
      file.on('end', () => resolve(entries));
      file.on('error', reject);
      file.readEntry();
    });
  });
}

let week: BulletinDetailT;

describe('a week with known figures', () => {
  it('computes the headline, the unit table, the overdue and red-card lists and the commendations', async () => {
    week = await draft(hq, { periodKind: 'week', anchor: '2025-06-11' });
    const b = week.bulletin;
    expect([b.from, b.to, b.state, b.number, b.version]).toEqual(['2025-06-09', '2025-06-15', 'draft', null, 1]);
    expect(b.title).toBe('关于2025年第24周内外贸发展工作推进情况的通报');
    const h = week.sections.headline;
    expect(h.opened).toBe(8);
    expect(h.resolved).toBe(7);
    expect(h.resolvedOnTime).toEqual({ numerator: 5, denominator: 7, rate: 5 / 7 });
    expect(h.satisfaction).toEqual({ numerator: 3, denominator: 4, rate: 0.75 });

    const a = rowOf(week, 'BT-A');
    const bb = rowOf(week, 'BT-B');
    const c = rowOf(week, 'BT-C');
    expect(a).toMatchObject({ received: 3, resolved: 3, urged: 1, redone: 1, position: 1, mark: 'top' });
    expect(a?.resolvedOnTime).toMatchObject({ numerator: 3, denominator: 3 });
    expect(a?.satisfaction).toMatchObject({ numerator: 3, denominator: 3 });
    expect(bb).toMatchObject({ received: 4, resolved: 3, urged: 0, redone: 0, position: 2, mark: 'bottom' });
    expect(bb?.resolvedOnTime).toMatchObject({ numerator: 1, denominator: 3 });
    expect(bb?.satisfaction).toMatchObject({ numerator: 0, denominator: 1 });
    expect(c).toMatchObject({ received: 1, resolved: 1, mark: null });
    expect(c?.position).toBeGreaterThan(2);

    expect(week.sections.overdue.map((i) => [i.itemId, i.leadUnitNameZh, i.daysOverdue])).toEqual([
      [overdueItem, '通报乙县', 4],
    ]);
    expect(week.sections.redCards.map((i) => [i.itemId, i.at])).toEqual([
      [overdueItem, at('2025-06-12T09:00:00').toISOString()],
    ]);
    expect(week.sections.commended.map((u) => u.nameZh)).toEqual(['通报甲县']);
    expect(week.text.commendation).toContain('通报甲县');
    expect(week.text.criticism).toContain('通报乙县');
    expect(week.text.criticism).toContain('1项事项超期未办结');
    expect(week.actions).toEqual(['edit', 'refresh', 'publish']);
  });

  it('takes a new figure in on refresh, keeping the edited text', async () => {
    await closedItem('BT-C', true, { created: '2025-06-10T09:00:00' });
    const edited = await hq.patch<BulletinDetailT>(`/api/v1/bulletins/${week.bulletin.id}`, {
      version: week.bulletin.version,
      text: { ...week.text, opening: '本周调度事项办理情况通报如下：' },
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    const started = await hq.post<TaskT>(`/api/v1/bulletins/${week.bulletin.id}/refresh`, {
      version: edited.body.bulletin.version,
    });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    const done = await follow(hq, started.body);
    expect(done).toMatchObject({
      kind: 'bulletin.refresh',
      state: 'succeeded',
      result: { bulletinId: week.bulletin.id },
    });
    const res = await get(hq, week.bulletin.id);
    expect(res.body.sections.headline.opened).toBe(9);
    expect(rowOf(res.body, 'BT-C')?.resolved).toBe(2);
    expect(res.body.text.opening).toBe('本周调度事项办理情况通报如下：');
    week = res.body;
  });
});

describe('bad periods', () => {
  it('refuses an inverted, empty or future period with 400 BULLETIN_PERIOD_INVALID and writes nothing', async () => {
    const before = [await count('bulletins'), await count('audit_events')];
    for (const [body, path] of [
      [{ periodKind: 'custom', from: '2025-06-10', to: '2025-06-09' }, '/to'],
      [{ periodKind: 'custom', to: '2025-06-09' }, '/from'],
      [{ periodKind: 'custom', from: '2025-06-31', to: '2025-07-09' }, '/from'],
      [{ periodKind: 'month', anchor: '2025-07-01' }, '/from'],
    ] as const) {
      const res = await create(hq, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('BULLETIN_PERIOD_INVALID');
      expect(res.body.error.message).toContain('通报期间无效');
      expect(res.body.error.details?.[0]?.path).toBe(path);
    }
    const en = await create(hq.withLocale('en-US'), { periodKind: 'custom', from: '2025-06-10', to: '2025-06-09' });
    expect(en.body.error.message).toMatch(/^Invalid bulletin period/);
    expect([await count('bulletins'), await count('audit_events')]).toEqual(before);
  });
});

describe('editing', () => {
  it('keeps every saved text as a version and refuses a stale version with 409', async () => {
    const id = week.bulletin.id;
    const ok = await hq.patch<BulletinDetailT>(`/api/v1/bulletins/${id}`, {
      version: week.bulletin.version,
      title: '关于2025年第24周调度事项办理情况的通报',
    });
    expect(ok.status).toBe(200);
    const stale = await hq.patch<Err>(`/api/v1/bulletins/${id}`, { version: week.bulletin.version, title: '旧版本' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    const versions = await hq.get<{ items: { version: number; title: string; text: { opening: string } }[] }>(
      `/api/v1/bulletins/${id}/versions`,
    );
    expect(versions.body.items.map((v) => v.title)).toEqual([
      '关于2025年第24周调度事项办理情况的通报',
      '关于2025年第24周内外贸发展工作推进情况的通报',
      '关于2025年第24周内外贸发展工作推进情况的通报',
    ]);
    expect(versions.body.items[1]?.text.opening).toBe('本周调度事项办理情况通报如下：');
    const audits = await t.database.pool.query<{ action: string }>(
      `SELECT action FROM audit_events WHERE entity_type = 'bulletin' AND entity_id = $1 ORDER BY id`,
      [id],
    );
    expect(audits.rows.map((r) => r.action)).toEqual([
      'bulletin.create',
      'bulletin.update',
      'bulletin.refresh',
      'bulletin.update',
    ]);
    week = ok.body;
  });

  it('hides a draft from a unit (404 like missing) and from its archive; a leader reads it but may not edit', async () => {
    const id = week.bulletin.id;
    const seen = await get(jinjiang, id);
    expect(seen.status).toBe(404);
    expect(seen.body).toEqual((await get(jinjiang, NOBODY)).body);
    const list = await jinjiang.get<{ items: BulletinT[] }>('/api/v1/bulletins');
    expect(list.body.items.map((b) => b.id)).not.toContain(id);
    expect((await get(leader, id)).status).toBe(200);
    expect((await leader.patch(`/api/v1/bulletins/${id}`, { version: 9, title: 'x' })).status).toBe(403);
    expect(await count('bulletin_reads')).toBe(0);
  });
});

describe('publishing', () => {
  it('numbers the bulletin, tells every unit, and records each unit user’s first read as a receipt', async () => {
    const res = await hq.post<BulletinDetailT>(`/api/v1/bulletins/${week.bulletin.id}/publish`, {
      version: week.bulletin.version,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const b = res.body.bulletin;
    expect(b.number).toBe(`泉内外贸通〔2025〕${b.seq}号`);
    expect(b.seq).toBe(1);
    expect(res.body.actions).toEqual(['withdraw']);
    const told = await jinjiang.get<{ items: { eventType: string; entityId: string; text: string }[] }>(
      '/api/v1/notifications',
    );
    const notice = told.body.items.find((n) => n.eventType === 'bulletin_published' && n.entityId === b.id);
    expect(notice?.text).toBe(`收到通报：${b.number} ${b.title}`);

    const read = await get(jinjiang, b.id);
    expect(read.status).toBe(200);
    expect(read.body.actions).toEqual([]);
    t.clock.set(at('2025-06-20T11:00:00'));
    await get(jinjiang, b.id); // a second read keeps the first time
    const receipts = await hq.get<BulletinReceiptsT>(`/api/v1/bulletins/${b.id}/receipts`);
    expect(receipts.status).toBe(200);
    expect(receipts.body.reads.map((r) => [r.unitId, r.firstReadAt])).toEqual([
      [unit('JINJIANG'), at('2025-06-20T10:00:00').toISOString()],
    ]);
    const unread = receipts.body.unreadUnits.map((u) => u.unitId);
    expect(unread).toContain(unit('SHISHI'));
    expect(unread).not.toContain(unit('JINJIANG'));
    // An HQ read is no receipt.
    await get(hq, b.id);
    expect(await count('bulletin_reads')).toBe(1);
    const list = await shishi.get<{ items: BulletinT[] }>('/api/v1/bulletins?year=2025');
    expect(list.body.items.map((x) => x.id)).toContain(b.id);
    week = res.body;
  });

  it('numbers five drafts published at once 2…6, without gaps or twins', async () => {
    const drafts = await Promise.all(
      [1, 2, 3, 4, 5].map(async (i) => {
        const d = await draft(hq, { periodKind: 'custom', from: '2025-06-01', to: `2025-06-0${i + 1}` });
        return d.bulletin;
      }),
    );
    const published = await Promise.all(
      drafts.map((d) => hq.post<BulletinDetailT>(`/api/v1/bulletins/${d.id}/publish`, { version: d.version })),
    );
    for (const p of published) expect(p.status, JSON.stringify(p.body)).toBe(200);
    expect(published.map((p) => p.body.bulletin.seq).sort()).toEqual([2, 3, 4, 5, 6]);
    const archive = await hq.get<{ items: BulletinT[]; total: number }>('/api/v1/bulletins?state=published&pageSize=3');
    expect(archive.body.total).toBe(6);
    expect(archive.body.items.map((x) => x.seq)).toEqual([6, 5, 4]);
    const byNumber = await hq.get<{ items: BulletinT[] }>(`/api/v1/bulletins?q=${encodeURIComponent('〔2025〕1号')}`);
    expect(byNumber.body.items.map((x) => x.id)).toEqual([week.bulletin.id]);
  });

  it('downloads as a .docx with the number, the unit table and the edited text', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/bulletins/${week.bulletin.id}/document?format=docx`,
      headers: { cookie: shishi.auth.cookie as string },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(String(res.headers['content-disposition'])).toContain(
      encodeURIComponent(`通报-${week.bulletin.number}.docx`),
    );
    const text = await documentText(res.rawPayload);
    for (const s of [
      week.bulletin.number as string,
      week.bulletin.title,
      '通报甲县',
      '通报乙县',
      '按时办结率',
      '本周调度事项办理情况通报如下：',
      '超期未办结事项',
      '红牌督办事项',
      '各单位按时办结率',
    ]) {
      expect(text).toContain(s);
    }
    // The on-time chart: with Chromium installed a real PNG (what every Word and WPS draws alike), else its SVG.
    const media = [...(await zipEntries(res.rawPayload))].filter(([name]) => name.startsWith('word/media/'));
    const png = media.find(([name]) => name.endsWith('.png'));
    if (existsSync(chromiumPath())) {
      expect(png?.[1] ?? 0).toBeGreaterThan(1000);
      expect(media.some(([name]) => name.endsWith('.svg'))).toBe(false);
    } else {
      expect(media.some(([name]) => name.endsWith('.svg'))).toBe(true);
    }
  });

  it.runIf(toolsAvailable(chromiumPath(), 'pdftotext'))(
    'downloads as a PDF whose text holds the chart: its title, its labels and the city-wide line',
    { timeout: 120_000 },
    async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/bulletins/${week.bulletin.id}/document?format=pdf`,
        headers: { cookie: hq.auth.cookie as string },
      });
      expect(res.statusCode, res.body).toBe(200);
      const dir = mkdtempSync(path.join(tmpdir(), 'zaitun-bulletin-'));
      try {
        writeFileSync(path.join(dir, 'b.pdf'), res.rawPayload);
        const text = run('pdftotext', [path.join(dir, 'b.pdf'), '-']).replace(/[ \t]+/g, ' ');
        // the chart's text is text in the PDF (inlined SVG): the city-wide line, 乙's 1 of 3; 丙 (one item) left out
        for (const s of ['各单位按时办结率', '33.3%', '办结事项少于']) expect(text).toContain(s);
        expect(text).toMatch(/全市 \d+(\.\d)?%/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it('withdraws: the units no longer see it', async () => {
    const res = await hq.post<BulletinDetailT>(`/api/v1/bulletins/${week.bulletin.id}/withdraw`, {
      version: week.bulletin.version,
      reason: '数据有误',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.bulletin.state).toBe('withdrawn');
    expect((await get(jinjiang, week.bulletin.id)).status).toBe(404);
    const again = await hq.post<Err>(`/api/v1/bulletins/${week.bulletin.id}/publish`, {
      version: res.body.bulletin.version,
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('BULLETIN_INVALID_TRANSITION');
  });
});
