/**
 * Every demo role × every route of the foundation × an object inside and outside the caller's scope. The expected
 * answer comes from the policy module (unit-tested on its own); the server must agree with it on every route, and a
 * refused read must look exactly like a read of something that does not exist.
 */
import {
  type Actor,
  can,
  type Permission,
  type Role,
  type RouteKey,
  routes,
  type ScopedResource,
  scopeOf,
} from '@zaitun/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../src/lib/audit';
import { seedDemoIndicators } from '../src/seed/demo-indicators';
import { type Client, createTestApp, signIn, TEST_PASSWORD, type TestApp } from './harness';

type Err = { error: { code: string } };
let t: TestApp;
let root: Client;
let unitIds: Map<string, { id: string; path: string }>;
let backupName: string;
let seq = 0;
const next = () => ++seq;
/** Years the calendar cases write (the contract's years end at 2100: a counter of their own, not `next`). */
let calendarYear = 2040;

beforeAll(async () => {
  t = await createTestApp();
  const admin = await signIn(t.app, 'admin');
  const office = (await t.database.pool.query<{ id: string }>(`SELECT id FROM units WHERE code = 'OFFICE'`)).rows[0]
    ?.id;
  const created = await admin.post<{ temporaryPassword: string }>('/api/v1/users', {
    username: 'matrix.root',
    displayName: '矩阵测试管理员',
    unitId: office,
    roles: ['sysadmin'],
  });
  const first = await signIn(t.app, 'matrix.root', created.body.temporaryPassword);
  await first.post('/api/v1/auth/password', {
    currentPassword: created.body.temporaryPassword,
    newPassword: 'Matrix-Root-2026',
  });
  root = first;
  const office2 = await root.post<{ temporaryPassword: string }>('/api/v1/users', {
    username: 'matrix.hq',
    displayName: '矩阵调度员',
    unitId: office,
    roles: ['hq_dispatcher'],
  });
  const d = await signIn(t.app, 'matrix.hq', office2.body.temporaryPassword);
  await d.post('/api/v1/auth/password', {
    currentPassword: office2.body.temporaryPassword,
    newPassword: 'Matrix-Hq-2026!',
  });
  dispatcher = d;
  const exported = await t.app.inject({
    method: 'GET',
    url: '/api/v1/calendar/export',
    headers: { cookie: root.auth.cookie as string },
  });
  expect(exported.statusCode).toBe(200);
  calendarXlsx = exported.rawPayload;
  const rootImport = await uploadFile(root, '/api/v1/imports/calendar', 'calendar.xlsx', calendarXlsx);
  expect(rootImport.status, JSON.stringify(rootImport.body)).toBe(201);
  rootImportId = (rootImport.body as { id: string }).id;
  const rows = await t.database.pool.query<{ code: string; id: string; path: string }>(
    'SELECT code, id, path FROM units',
  );
  unitIds = new Map(rows.rows.map((r) => [r.code, { id: r.id, path: r.path }]));
  backupName = (await root.post<{ name: string }>('/api/v1/system/backups')).body.name;
});
afterAll(() => t?.close());

const unitOf = (code: string) => unitIds.get(code) as { id: string; path: string };

async function makeUser(unitCode: string, roles: Role[] = ['unit_staff']) {
  const res = await root.post<{ user: { id: string } }>('/api/v1/users', {
    username: `m${next()}`,
    displayName: '矩阵对象',
    unitId: unitOf(unitCode).id,
    roles,
    phone: '13700000000',
  });
  expect(res.status).toBe(201);
  return { id: res.body.user.id, unitId: unitOf(unitCode).id, unitPath: unitOf(unitCode).path };
}
async function makeUnit() {
  const res = await root.post<{ id: string; path?: string }>('/api/v1/units', {
    code: `MX-${next()}`,
    nameZh: '矩阵单位',
    nameEn: 'Matrix unit',
    shortName: '矩阵',
    type: 'task_force',
    parentId: unitOf('HQ').id,
  });
  expect(res.status).toBe(201);
  const path = (await t.database.pool.query<{ path: string }>('SELECT path FROM units WHERE id = $1', [res.body.id]))
    .rows[0]?.path;
  return { id: res.body.id, unitId: res.body.id, unitPath: path as string };
}
const versionOf = async (
  table: 'users' | 'units' | 'orders' | 'meetings' | 'meeting_agenda' | 'unit_webhooks' | 'bulletins',
  id: string,
) =>
  (await t.database.pool.query<{ version: number }>(`SELECT version FROM ${table} WHERE id = $1`, [id])).rows[0]
    ?.version ?? 1;

const cockpitVersion = async (table: 'indicators', id: string) =>
  (await t.database.pool.query<{ version: number }>(`SELECT version FROM ${table} WHERE id = $1`, [id])).rows[0]
    ?.version ?? 1;

let cockpitSeeded: Promise<void> | null = null;
/** The demo indicators (seeded once), a scratch indicator, a target, and a figure per unit for the period asked. */
async function cockpitFixture() {
  cockpitSeeded ??= (async () => {
    await seedDemoIndicators(t.database.db, systemContext(t.clock, 'seed'));
    await t.database.pool.query(
      `INSERT INTO indicators (code, name_zh, name_en, measure_unit, frequency, kind, direction, decimals, additive,
                               created_at, updated_at)
       VALUES ('matrix_scratch', '矩阵草稿指标', 'Matrix scratch', '个', 'monthly', 'period', 'higher', 0, true, now(), now())`,
    );
  })();
  await cockpitSeeded;
  const q = async (text: string, values: unknown[] = []) =>
    (await t.database.pool.query<{ id: string }>(text, values)).rows[0]?.id as string;
  const ids = new Map(
    (await t.database.pool.query<{ id: string; code: string }>('SELECT id, code FROM indicators')).rows.map((r) => [
      r.code,
      r.id,
    ]),
  );
  // The period: the month before the clock's (Shanghai); its entry window is open on the 5th of the clock's month.
  const now = new Date(t.clock.now().getTime() + 8 * 3_600_000);
  const year = now.getUTCMonth() === 0 ? now.getUTCFullYear() - 1 : now.getUTCFullYear();
  const month = now.getUTCMonth() === 0 ? 12 : now.getUTCMonth();
  const withinDeadline = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 5, 2));
  const retail = ids.get('retail_sales') as string;
  return {
    year,
    month,
    withinDeadline,
    indicator: (code: string) => ids.get(code) as string,
    scratchIndicator: ids.get('matrix_scratch') as string,
    target: await q('SELECT id FROM indicator_targets ORDER BY year DESC LIMIT 1'),
    /** A figure of the unit (inserted when the demo has none, e.g. for a working group). */
    async figureOf(unitId: string) {
      const found = await q(
        'SELECT id FROM indicator_figures WHERE unit_id = $1 AND indicator_id = $2 ORDER BY year, month LIMIT 1',
        [unitId, retail],
      );
      if (found) return found;
      return q(
        `INSERT INTO indicator_figures (indicator_id, unit_id, year, month, value, source, state, updated_at)
         VALUES ($1, $2, 2024, 1, 1, 'seed', 'verified', now()) RETURNING id`,
        [retail, unitId],
      );
    },
  };
}

let calendarXlsx: Buffer;
let rootImportId: string;

/** A dispatcher of its own (the demo 'hq' changes its password during its own cases). */
let dispatcher: Client;
/** An item raised by the office; dispatched to `leadUnitId` (with a PDF attached unless `attach` is false) unless null. */
async function makeItem(leadUnitId: string | null, attach = true) {
  const created = await dispatcher.post<{ item: { id: string; version: number } }>('/api/v1/items', {
    title: `矩阵对象事项${next()}`,
    description: '',
    category: 'other',
    source: 'unit_report',
    priority: 'normal',
    submit: true,
  });
  expect(created.status).toBe(201);
  const id = created.body.item.id;
  if (!leadUnitId) return { id, attachmentId: NOBODY };
  const res = await dispatcher.post<{ item: { id: string } }>(`/api/v1/items/${id}/actions`, {
    action: 'dispatch',
    version: created.body.item.version,
    leadUnitId,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  if (!attach) return { id, attachmentId: NOBODY };
  const up = await uploadPdf(dispatcher, id);
  expect(up.status).toBe(201);
  return { id, attachmentId: (up.body as { id: string }).id };
}
const itemVersion = async (id: string) =>
  (await t.database.pool.query<{ version: number }>('SELECT version FROM items WHERE id = $1', [id])).rows[0]
    ?.version ?? 1;
/** An assignment order of the office holding one item dispatched to `leadUnitId` (its one addressee); a draft unless `issue`. */
/** A bulletin for last month drafted by the dispatcher, published unless `publish` is false. */
let dispatcherTask = '';
async function makeBulletin(publish: boolean) {
  const started = await dispatcher.post<{ id: string }>('/api/v1/bulletins', {
    periodKind: 'custom',
    from: '2026-01-01',
    to: '2026-01-31',
    title: `矩阵通报${next()}`,
  });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  dispatcherTask = started.body.id;
  await t.app.services.tasks.drain();
  const task = await dispatcher.get<{ result: { bulletinId: string } }>(`/api/v1/tasks/${started.body.id}`);
  const id = task.body.result.bulletinId;
  const version = await versionOf('bulletins', id);
  if (publish) {
    const res = await dispatcher.post(`/api/v1/bulletins/${id}/publish`, { version });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
  return id;
}

async function makeOrder(leadUnitId: string, issue: boolean) {
  const item = await makeItem(leadUnitId, false);
  const created = await dispatcher.post<{ order: { id: string; version: number } }>('/api/v1/orders', {
    title: `矩阵交办单${next()}`,
    feedbackDue: '2030-12-31',
    itemIds: [item.id],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const { id, version } = created.body.order;
  if (issue) {
    const res = await dispatcher.post(`/api/v1/orders/${id}/actions`, { action: 'issue', version });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
  return id;
}
/** A planned meeting attended by `unitId` alone, with `entries` manual agenda entries (their ids returned). */
async function makeMeeting(unitId: string, entries: number) {
  const created = await dispatcher.post<{ meeting: { id: string } }>('/api/v1/meetings', {
    type: 'special',
    title: `矩阵调度会${next()}`,
    heldAt: '2030-06-03T15:00:00+08:00',
    attendingUnitIds: [unitId],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = created.body.meeting.id;
  const entryIds: string[] = [];
  for (let i = 0; i < entries; i++) {
    const topic = `矩阵议题${next()}`;
    const res = await dispatcher.post<{ agenda: { id: string; topic: string }[] }>(`/api/v1/meetings/${id}/agenda`, {
      version: await versionOf('meetings', id),
      topic,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    entryIds.push((res.body.agenda.find((e) => e.topic === topic) as { id: string }).id);
  }
  return { id, entryIds };
}
const webhookBody = (unitId: string) => ({
  unitId,
  kind: 'dingtalk',
  name: `矩阵机器人${next()}`,
  // Loopback http is allowed; nothing listens on port 9 (nothing is expected to arrive).
  url: 'http://127.0.0.1:9/robot/send?access_token=matrix0000',
});
/** A group robot of a unit, added by the system admin. */
async function makeWebhook(unitId: string) {
  const res = await root.post<{ id: string }>('/api/v1/webhooks', webhookBody(unitId));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}
const uploadPdf = (c: Client, itemId: string) =>
  uploadFile(
    c,
    `/api/v1/items/${itemId}/attachments`,
    '材料.pdf',
    Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(100, 0x20)]),
  );

async function uploadFile(
  c: Client,
  url: string,
  name: string,
  bytes: Buffer,
): Promise<{ status: number; body: unknown }> {
  const boundary = '----matrix';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await c.app.inject({
    method: 'POST',
    url,
    headers: {
      ...(c.auth.cookie ? { cookie: c.auth.cookie } : {}),
      ...(c.auth.csrf ? { 'x-csrf-token': c.auth.csrf } : {}),
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload,
  });
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : null };
}

interface Case {
  key: RouteKey;
  variant: 'inside' | 'outside' | 'any';
  /** Which object or action, when a route is tried more than once per variant (shown in the label). */
  object?: string;
  /** The object the policy judges; undefined: the route as a whole. */
  resource?: ScopedResource;
  /** Extra grant rule (roles). */
  grant?: Role[];
  /** A denied object route answers 404 (existence hidden); a denied create answers 403. */
  hidden?: boolean;
  send: (c: Client) => Promise<{ status: number; body: unknown }>;
  /** The same request for an object that does not exist, to compare the refusal with. */
  missing?: (c: Client) => Promise<{ status: number; body: unknown }>;
  /**
   * For routes whose answer depends on how the actor stands to the object (a dispatch item's lead unit, its raiser,
   * the dispatcher) rather than on a scope alone: the expected outcome, written out per case.
   */
  expect?: 'allowed' | 'forbidden' | 'hidden';
}

const NOBODY = '00000000-0000-4000-8000-000000000000';

const DEMO: { username: string; unit: string | null }[] = [
  { username: 'admin', unit: 'OFFICE' },
  { username: 'hq', unit: 'OFFICE' },
  { username: 'leader', unit: 'HQ' },
  { username: 'jinjiang', unit: 'JINJIANG' },
  { username: 'shishi', unit: 'SHISHI' },
  { username: 'group', unit: 'WG-FOREIGN' },
  { username: 'enterprise', unit: null },
  { username: 'institute', unit: null },
];

const covered = new Set<RouteKey>(['login']);

describe.each(DEMO)('role of $username', ({ username, unit }) => {
  let me: Client;
  let actor: Actor;
  let meId: string;
  const cases: Case[] = [];

  beforeAll(async () => {
    me = await signIn(t.app, username);
    const info = (await me.get<{ id: string; roles: Role[]; unit: { id: string } | null }>('/api/v1/me')).body;
    meId = info.id;
    actor = {
      userId: info.id,
      roles: info.roles,
      unitId: unit ? unitOf(unit).id : null,
      unitPath: unit ? unitOf(unit).path : null,
    };
    const otherUnit = unit === 'SHISHI' ? 'JINJIANG' : 'SHISHI';
    const insideUser = unit ? await makeUser(unit) : null;
    const outsideUser = await makeUser(otherUnit);
    const users = [
      ...(insideUser ? [{ variant: 'inside' as const, u: insideUser }] : []),
      { variant: 'outside' as const, u: outsideUser },
    ];
    const scratch = await makeUnit();
    const toMove = await makeUnit();
    const inactive = await makeUnit();
    await root.post(`/api/v1/units/${inactive.id}/deactivate`, { version: 1 });
    const toDelete = await makeUnit();
    const rootToken = await root.post<{ token: { id: string } }>('/api/v1/tokens', {
      name: 'root',
      permissions: ['unit.read'],
      expiresInDays: 1,
    });
    const eventIn = unit
      ? (
          await t.database.pool.query<{ id: string }>(
            'SELECT id FROM audit_events WHERE unit_id = $1 ORDER BY id DESC LIMIT 1',
            [unitOf(unit).id],
          )
        ).rows[0]?.id
      : undefined;
    const eventOut = (
      await t.database.pool.query<{ id: string }>(
        'SELECT id FROM audit_events WHERE unit_id = $1 ORDER BY id DESC LIMIT 1',
        [unitOf(otherUnit).id],
      )
    ).rows[0]?.id as string;

    const any = (key: RouteKey, send: Case['send'], extra: Partial<Case> = {}) =>
      cases.push({ key, variant: 'any', send, ...extra });
    any('me', (c) => c.get('/api/v1/me'));
    any('updateMe', async (c) => c.patch('/api/v1/me', { version: await versionOf('users', meId), locale: 'zh-CN' }));
    any('roleMatrix', (c) => c.get('/api/v1/roles'));
    any('listUnits', (c) => c.get('/api/v1/units?type=county'));
    any('unitTree', (c) => c.get('/api/v1/units/tree'));
    any('getUnit', (c) => c.get(`/api/v1/units/${unitOf('DEHUA').id}`), {
      resource: { unitId: unitOf('DEHUA').id, unitPath: unitOf('DEHUA').path },
    });
    any('createUnit', (c) =>
      c.post('/api/v1/units', {
        code: `MC-${next()}`,
        nameZh: '新单位',
        nameEn: 'New',
        shortName: '新',
        type: 'task_force',
        parentId: unitOf('HQ').id,
      }),
    );
    const unitRes = (u: { unitId: string; unitPath: string }) => ({ unitId: u.unitId, unitPath: u.unitPath });
    any(
      'updateUnit',
      async (c) =>
        c.patch(`/api/v1/units/${scratch.id}`, { version: await versionOf('units', scratch.id), nameEn: `E${next()}` }),
      { resource: unitRes(scratch) },
    );
    any(
      'moveUnit',
      async (c) =>
        c.post(`/api/v1/units/${toMove.id}/move`, {
          version: await versionOf('units', toMove.id),
          parentId: unitOf('TF-FOOD').id,
        }),
      { resource: unitRes(toMove) },
    );
    any(
      'deactivateUnit',
      async (c) => c.post(`/api/v1/units/${scratch.id}/deactivate`, { version: await versionOf('units', scratch.id) }),
      { resource: unitRes(scratch) },
    );
    any(
      'activateUnit',
      async (c) => c.post(`/api/v1/units/${inactive.id}/activate`, { version: await versionOf('units', inactive.id) }),
      { resource: unitRes(inactive) },
    );
    any(
      'deleteUnit',
      async (c) => c.delete(`/api/v1/units/${toDelete.id}?version=${await versionOf('units', toDelete.id)}`),
      { resource: unitRes(toDelete) },
    );
    any('listUsers', (c) => c.get('/api/v1/users'));
    any('listTokens', (c) => c.get('/api/v1/tokens'));
    any('createToken', (c) =>
      c.post('/api/v1/tokens', { name: 'mine', permissions: ['token.manage'], expiresInDays: 1 }),
    );
    any('revokeToken', (c) => c.delete(`/api/v1/tokens/${rootToken.body.token.id}`), {
      variant: 'outside',
      resource: { ownerUserId: 'root' },
      hidden: true,
      missing: (c) => c.delete(`/api/v1/tokens/${NOBODY}`),
    });
    any('listAudit', (c) => c.get('/api/v1/audit-events'));
    any('verifyAudit', (c) => c.post('/api/v1/audit-events/verify'));
    if (eventIn) {
      any('getAudit', (c) => c.get(`/api/v1/audit-events/${eventIn}`), {
        variant: 'inside',
        resource: { unitId: unit ? unitOf(unit).id : null },
        hidden: true,
      });
    }
    any('getAudit', (c) => c.get(`/api/v1/audit-events/${eventOut}`), {
      variant: 'outside',
      resource: { unitId: unitOf(otherUnit).id },
      hidden: true,
      missing: (c) => c.get('/api/v1/audit-events/999999999'),
    });
    any('listBackups', (c) => c.get('/api/v1/system/backups'));
    // Taking a backup is slow on PGlite: only the roles expected to be refused try it, plus the system admin.
    if (username === 'admin' || scopeOf(actor, 'system.backup') === null)
      any('createBackup', (c) => c.post('/api/v1/system/backups'));
    any('downloadBackup', (c) => c.get(`/api/v1/system/backups/${backupName}`));

    // ---- Dispatch items. "inside": led by the actor's own unit; "outside": led by another unit. ----
    const isUnitRole = actor.roles.some((r) => r === 'unit_admin' || r === 'unit_staff');
    const isDispatcher = actor.roles.includes('hq_dispatcher');
    const readsItems = scopeOf(actor, 'item.read') !== null;
    const leadIn = unit ? unitOf(unit).id : unitOf('OFFICE').id;
    const leadOut = unitOf(otherUnit === 'JINJIANG' ? 'DEHUA' : 'ANXI').id;
    const itemIn = await makeItem(leadIn);
    const itemOut = await makeItem(leadOut);
    const pendingItem = await makeItem(null);
    any('listItems', (c) => c.get('/api/v1/items?view=queue'));
    any('itemCounts', (c) => c.get('/api/v1/items/counts?view=queue&buckets=to_sign,overdue&lights=red'));
    any('exportItems', (c) => c.get('/api/v1/items/export?bucket=open'));
    any('deadlinePreview', (c) => c.get('/api/v1/items/deadline-preview?priority=high'));
    any('createItem', (c) =>
      c.post('/api/v1/items', {
        title: '矩阵事项',
        description: '',
        category: 'other',
        source: 'unit_report',
        priority: 'normal',
      }),
    );
    for (const [variant, item, lead] of [
      ['inside', itemIn, leadIn],
      ['outside', itemOut, leadOut],
    ] as const) {
      const obj = { variant, resource: { unitId: lead }, hidden: true } as const;
      cases.push({
        key: 'getItem',
        ...obj,
        send: (c) => c.get(`/api/v1/items/${item.id}`),
        missing: (c) => c.get(`/api/v1/items/${NOBODY}`),
      });
      cases.push({
        key: 'itemEvents',
        ...obj,
        send: (c) => c.get(`/api/v1/items/${item.id}/events`),
        missing: (c) => c.get(`/api/v1/items/${NOBODY}/events`),
      });
      cases.push({
        key: 'downloadAttachment',
        ...obj,
        send: (c) => c.get(`/api/v1/items/${item.id}/attachments/${item.attachmentId}`),
        missing: (c) => c.get(`/api/v1/items/${NOBODY}/attachments/${item.attachmentId}`),
      });
      // Flag for a meeting: the dispatcher or the lead unit; a leader reads but does not act.
      const visible = !readsItems
        ? 'forbidden'
        : isDispatcher || actor.roles.includes('leader') || variant === 'inside'
          ? 'visible'
          : 'hidden';
      const mayAct = isDispatcher || (isUnitRole && variant === 'inside');
      cases.push({
        key: 'itemAction',
        variant,
        expect:
          visible === 'forbidden' ? 'forbidden' : visible === 'hidden' ? 'hidden' : mayAct ? 'allowed' : 'forbidden',
        send: async (c) =>
          c.post(`/api/v1/items/${item.id}/actions`, { action: 'flag', version: await itemVersion(item.id) }),
        missing: (c) => c.post(`/api/v1/items/${NOBODY}/actions`, { action: 'flag', version: 1 }),
      });
      cases.push({
        key: 'uploadAttachment',
        variant,
        expect:
          visible === 'forbidden' ? 'forbidden' : visible === 'hidden' ? 'hidden' : mayAct ? 'allowed' : 'forbidden',
        send: (c) => uploadPdf(c, item.id),
        missing: (c) => uploadPdf(c, NOBODY),
      });
    }
    // ---- Metrics: every unit reads the whole (published) table; firms and institutes are refused. ----
    any('unitMetrics', (c) => c.get('/api/v1/metrics/units?from=2026-03-01&to=2026-03-31'));
    any('unitMetricsExport', (c) => c.get('/api/v1/metrics/units/export?from=2026-03-01&to=2026-03-31'));
    any('yearTotals', (c) => c.get('/api/v1/metrics/year?year=2026'));
    // ---- Settings, dictionaries, the calendar, imports. ----
    any('getDispatchSettings', (c) => c.get('/api/v1/settings/dispatch'));
    any('updateDispatchSettings', async (c) => {
      const current = (await root.get<{ settings: unknown; version: number }>('/api/v1/settings/dispatch')).body;
      return c.put('/api/v1/settings/dispatch', { settings: current.settings, version: current.version });
    });
    any('getDocumentSettings', (c) => c.get('/api/v1/settings/documents'));
    any('updateDocumentSettings', async (c) => {
      const current = (await root.get<{ settings: unknown; version: number }>('/api/v1/settings/documents')).body;
      return c.put('/api/v1/settings/documents', { settings: current.settings, version: current.version });
    });
    any('listDictionary', (c) => c.get('/api/v1/dictionaries/item_category'));
    any('createDictEntry', (c) =>
      c.post('/api/v1/dictionaries/item_category', { code: `matrix_${next()}`, nameZh: '矩阵类别', nameEn: 'Matrix' }),
    );
    const entry = (
      await root.post<{ id: string }>('/api/v1/dictionaries/item_category', {
        code: `matrix_e${next()}`,
        nameZh: '矩阵',
        nameEn: 'Matrix',
      })
    ).body;
    any('updateDictEntry', async (c) => {
      const row = await t.database.pool.query<{ version: number }>(
        'SELECT version FROM dictionary_entries WHERE id = $1',
        [entry.id],
      );
      return c.patch(`/api/v1/dictionaries/item_category/${entry.id}`, {
        version: row.rows[0]?.version ?? 1,
        nameEn: `Matrix ${next()}`,
      });
    });
    any('listCalendarYears', (c) => c.get('/api/v1/calendar'));
    any('getCalendarYear', (c) => c.get('/api/v1/calendar/2025'));
    any('exportCalendar', (c) => c.get('/api/v1/calendar/export'));
    any('putCalendarYear', (c) => c.put(`/api/v1/calendar/${++calendarYear}`, { notice: '矩阵测试', days: [] }));
    const managesCalendar = scopeOf(actor, 'calendar.manage') !== null;
    cases.push({
      key: 'importTemplate',
      variant: 'any',
      expect: managesCalendar ? 'allowed' : 'forbidden',
      send: (c) => c.get('/api/v1/imports/templates/calendar'),
    });
    const own = managesCalendar
      ? await uploadFile(me, '/api/v1/imports/calendar', 'calendar.xlsx', calendarXlsx)
      : null;
    cases.push({
      key: 'previewImport',
      variant: 'any',
      expect: managesCalendar ? 'allowed' : 'forbidden',
      send: (c) => uploadFile(c, '/api/v1/imports/calendar', 'calendar.xlsx', calendarXlsx),
    });
    // An import belongs to whoever uploaded it: one's own is readable, anyone else's answers like a missing one.
    const importOf = (mine: boolean) => (mine && own ? (own.body as { id: string }).id : rootImportId);
    for (const mine of managesCalendar ? [true, false] : [false]) {
      const expectation = mine ? 'allowed' : 'hidden';
      const variant = mine ? 'inside' : 'outside';
      cases.push({
        key: 'getImport',
        variant,
        expect: expectation,
        send: (c) => c.get(`/api/v1/imports/${importOf(mine)}`),
        missing: (c) => c.get(`/api/v1/imports/${NOBODY}`),
      });
      cases.push({
        key: 'importErrors',
        variant,
        expect: expectation,
        send: (c) => c.get(`/api/v1/imports/${importOf(mine)}/errors`),
        missing: (c) => c.get(`/api/v1/imports/${NOBODY}/errors`),
      });
      cases.push({
        key: 'commitImport',
        variant,
        expect: expectation,
        send: (c) => c.post(`/api/v1/imports/${importOf(mine)}/commit`),
        missing: (c) => c.post(`/api/v1/imports/${NOBODY}/commit`),
      });
    }

    // ---- Assignment orders. "inside": addressed to the actor's unit (the lead unit of its one item, as for the
    // items above); "outside": addressed to another unit. A unit sees an order once it is issued and addressed to
    // it; issuing and withdrawing are the dispatcher's (order.write); confirming is an addressee's, for its unit. ----
    const orderScope = scopeOf(actor, 'order.read');
    const writesOrders = scopeOf(actor, 'order.write') !== null;
    any('listOrders', (c) => c.get('/api/v1/orders'));
    any('exportOrders', (c) => c.get('/api/v1/orders/export?state=issued'));
    any('orderCandidates', (c) => c.get('/api/v1/orders/candidates'));
    any('createOrder', (c) => c.post('/api/v1/orders', { title: `矩阵交办单${next()}` }));
    for (const [variant, lead] of [
      ['inside', leadIn],
      ['outside', leadOut],
    ] as const) {
      const issued = await makeOrder(lead, true);
      const toWithdraw = await makeOrder(lead, true);
      const draft = await makeOrder(lead, false);
      const toIssue = await makeOrder(lead, false);
      const orderVersion = (id: string) => versionOf('orders', id);
      const act = (id: string, action: string) => async (c: Client) =>
        c.post(`/api/v1/orders/${id}/actions`, { action, version: await orderVersion(id), reason: '矩阵测试' });
      const missingAct = (action: string) => (c: Client) =>
        c.post(`/api/v1/orders/${NOBODY}/actions`, { action, version: 1, reason: '矩阵测试' });
      cases.push({
        key: 'getOrder',
        variant,
        object: 'issued',
        resource: { unitId: lead },
        hidden: true,
        send: (c) => c.get(`/api/v1/orders/${issued}`),
        missing: (c) => c.get(`/api/v1/orders/${NOBODY}`),
      });
      // The order as a Word document: read exactly like the order (outside the scope → 404 like missing).
      cases.push({
        key: 'orderDocument',
        variant,
        object: 'issued',
        resource: { unitId: lead },
        hidden: true,
        send: (c) => c.get(`/api/v1/orders/${issued}/document?format=docx`),
        missing: (c) => c.get(`/api/v1/orders/${NOBODY}/document?format=docx`),
      });
      // A draft is the office's own: a unit does not see it even when it is to be addressed to it.
      const draftSeen = orderScope === null ? 'forbidden' : orderScope === 'all' ? 'allowed' : 'hidden';
      cases.push({
        key: 'getOrder',
        variant,
        object: 'draft',
        expect: draftSeen,
        send: (c) => c.get(`/api/v1/orders/${draft}`),
        missing: (c) => c.get(`/api/v1/orders/${NOBODY}`),
      });
      cases.push({
        key: 'updateOrder',
        variant,
        object: 'draft',
        resource: { unitId: lead },
        hidden: true,
        send: async (c) =>
          c.patch(`/api/v1/orders/${draft}`, { version: await orderVersion(draft), title: `改交办单${next()}` }),
        missing: (c) => c.patch(`/api/v1/orders/${NOBODY}`, { version: 1, title: 'x' }),
      });
      // Issue a draft: the dispatcher; a leader sees the draft but does not write; a unit does not see it.
      cases.push({
        key: 'orderAction',
        variant,
        object: 'issue',
        expect: draftSeen === 'allowed' ? (writesOrders ? 'allowed' : 'forbidden') : draftSeen,
        send: act(toIssue, 'issue'),
        missing: missingAct('issue'),
      });
      // Withdraw an issued order: the dispatcher; whoever else sees it is refused; a unit not addressed sees nothing.
      const issuedSeen = orderScope === null ? 'forbidden' : orderScope === 'all' || variant === 'inside';
      cases.push({
        key: 'orderAction',
        variant,
        object: 'withdraw',
        expect:
          issuedSeen === 'forbidden' ? 'forbidden' : !issuedSeen ? 'hidden' : writesOrders ? 'allowed' : 'forbidden',
        send: act(toWithdraw, 'withdraw'),
        missing: missingAct('withdraw'),
      });
      // Confirm receipt: anyone who reads orders, for their own unit when it is an addressee. (An order not
      // addressed to a dispatcher's or leader's unit is a wrong state for them, not a permission: not tried.)
      if (variant === 'inside' || orderScope !== 'all') {
        cases.push({
          key: 'orderAction',
          variant,
          object: 'confirm',
          expect: issuedSeen === 'forbidden' ? 'forbidden' : issuedSeen ? 'allowed' : 'hidden',
          send: act(issued, 'confirm'),
          missing: missingAct('confirm'),
        });
      }
    }

    // ---- Dispatch meetings. "inside": attended by the actor's unit; "outside": attended by another unit only. ----
    any('listMeetings', (c) => c.get('/api/v1/meetings'));
    any('exportMeetings', (c) => c.get('/api/v1/meetings/export?state=planned'));
    any('createMeeting', (c) =>
      c.post('/api/v1/meetings', {
        type: 'special',
        title: `矩阵调度会${next()}`,
        heldAt: '2030-06-04T15:00:00+08:00',
        attendingUnitIds: [leadIn],
      }),
    );
    for (const [variant, attending] of [
      ['inside', leadIn],
      ['outside', unitOf(otherUnit).id],
    ] as const) {
      const meeting = await makeMeeting(attending, 2);
      const toHold = await makeMeeting(attending, 0);
      const [toRemove, toDecide] = meeting.entryIds as [string, string];
      const obj = { variant, resource: { unitId: attending }, hidden: true } as const;
      const url = `/api/v1/meetings/${meeting.id}`;
      const gone = `/api/v1/meetings/${NOBODY}`;
      const mv = () => versionOf('meetings', meeting.id);
      const ev = (id: string) => versionOf('meeting_agenda', id);
      cases.push({ key: 'getMeeting', ...obj, send: (c) => c.get(url), missing: (c) => c.get(gone) });
      cases.push({
        key: 'meetingMinutes',
        ...obj,
        send: (c) => c.get(`${url}/minutes?format=docx`),
        missing: (c) => c.get(`${gone}/minutes?format=docx`),
      });
      cases.push({
        key: 'updateMeeting',
        ...obj,
        send: async (c) => c.patch(url, { version: await mv(), place: `会议室${next()}` }),
        missing: (c) => c.patch(gone, { version: 1, place: 'x' }),
      });
      cases.push({
        key: 'prepareAgenda',
        ...obj,
        send: async (c) => c.post(`${url}/agenda/prepare`, { version: await mv() }),
        missing: (c) => c.post(`${gone}/agenda/prepare`, { version: 1 }),
      });
      cases.push({
        key: 'addAgendaEntry',
        ...obj,
        send: async (c) => c.post(`${url}/agenda`, { version: await mv(), topic: `矩阵议题${next()}` }),
        missing: (c) => c.post(`${gone}/agenda`, { version: 1, topic: 'x' }),
      });
      cases.push({
        key: 'removeAgendaEntry',
        ...obj,
        send: async (c) => c.delete(`${url}/agenda/${toRemove}?version=${await ev(toRemove)}`),
        missing: (c) => c.delete(`${gone}/agenda/${toRemove}?version=1`),
      });
      cases.push({
        key: 'decideAgendaEntry',
        ...obj,
        send: async (c) =>
          c.post(`${url}/agenda/${toDecide}/decision`, {
            version: await ev(toDecide),
            kind: 'note',
            decision: '矩阵决定',
          }),
        missing: (c) => c.post(`${gone}/agenda/${toDecide}/decision`, { version: 1, kind: 'note', decision: 'x' }),
      });
      cases.push({
        key: 'holdMeeting',
        ...obj,
        send: async (c) =>
          c.post(`/api/v1/meetings/${toHold.id}/hold`, { version: await versionOf('meetings', toHold.id) }),
        missing: (c) => c.post(`${gone}/hold`, { version: 1 }),
      });
    }

    // ---- Delivery metrics: the whole table for everyone who reads metrics (a unit's own row is only marked). ----
    const year = new Date().getFullYear();
    any('unitMetrics', (c) => c.get(`/api/v1/metrics/units?from=${year}-01-01&to=${year}-12-31`));
    any('unitMetricsExport', (c) => c.get(`/api/v1/metrics/units/export?from=${year}-01-01&to=${year}-12-31`));
    any('yearTotals', (c) => c.get(`/api/v1/metrics/year?year=${year}`));

    // ---- Bulletins (通报): HQ and leaders read every one, a unit published ones only (a draft is 404 like
    // missing); the dispatcher (bulletin.manage) drafts, edits, refreshes, publishes, withdraws and sees receipts. ----
    const bulletinScope = scopeOf(actor, 'bulletin.read');
    const managesBulletins = scopeOf(actor, 'bulletin.manage') !== null;
    const published = await makeBulletin(true);
    const toWithdraw = await makeBulletin(true);
    const bulletinDraft = await makeBulletin(false);
    const toPublish = await makeBulletin(false);
    const bv = (id: string) => versionOf('bulletins', id);
    const gone = `/api/v1/bulletins/${NOBODY}`;
    const manage = managesBulletins ? 'allowed' : 'forbidden';
    const readPublished = bulletinScope === null ? 'forbidden' : 'allowed';
    const readDraft = bulletinScope === null ? 'forbidden' : bulletinScope === 'all' ? 'allowed' : 'hidden';
    any('listBulletins', (c) => c.get('/api/v1/bulletins?state=published'));
    any('createBulletin', (c) => c.post('/api/v1/bulletins', { periodKind: 'month', anchor: '2026-01-15' }));
    // A background task belongs to whoever started it: one's own is readable, anyone else's answers like a missing one.
    const ownTask = managesBulletins
      ? (await me.post<{ id: string }>(`/api/v1/bulletins/${toPublish}/refresh`, { version: await bv(toPublish) })).body
          .id
      : null;
    await t.app.services.tasks.drain();
    for (const [variant, task] of [
      ['inside', ownTask],
      ['outside', dispatcherTask],
    ] as const) {
      if (task)
        cases.push({
          key: 'getTask',
          variant,
          expect: variant === 'inside' ? 'allowed' : 'hidden',
          send: (c) => c.get(`/api/v1/tasks/${task}`),
          missing: (c) => c.get(`/api/v1/tasks/${NOBODY}`),
        });
    }
    const bulletinCase = (
      key: RouteKey,
      object: string,
      expectation: Case['expect'],
      send: Case['send'],
      missing: Case['send'],
    ) => cases.push({ key, variant: 'any', object, expect: expectation, send, missing });
    bulletinCase(
      'getBulletin',
      'published',
      readPublished,
      (c) => c.get(`/api/v1/bulletins/${published}`),
      (c) => c.get(gone),
    );
    bulletinCase(
      'getBulletin',
      'draft',
      readDraft,
      (c) => c.get(`/api/v1/bulletins/${bulletinDraft}`),
      (c) => c.get(gone),
    );
    bulletinCase(
      'bulletinDocument',
      'published',
      readPublished,
      (c) => c.get(`/api/v1/bulletins/${published}/document?format=docx`),
      (c) => c.get(`${gone}/document?format=docx`),
    );
    bulletinCase(
      'bulletinDocument',
      'draft',
      readDraft,
      (c) => c.get(`/api/v1/bulletins/${bulletinDraft}/document?format=docx`),
      (c) => c.get(`${gone}/document?format=docx`),
    );
    bulletinCase(
      'updateBulletin',
      'draft',
      manage,
      async (c) =>
        c.patch(`/api/v1/bulletins/${bulletinDraft}`, { version: await bv(bulletinDraft), title: `改通报${next()}` }),
      (c) => c.patch(gone, { version: 1, title: 'x' }),
    );
    bulletinCase(
      'refreshBulletin',
      'draft',
      manage,
      async (c) => c.post(`/api/v1/bulletins/${bulletinDraft}/refresh`, { version: await bv(bulletinDraft) }),
      (c) => c.post(`${gone}/refresh`, { version: 1 }),
    );
    bulletinCase(
      'publishBulletin',
      'draft',
      manage,
      async (c) => c.post(`/api/v1/bulletins/${toPublish}/publish`, { version: await bv(toPublish) }),
      (c) => c.post(`${gone}/publish`, { version: 1 }),
    );
    bulletinCase(
      'withdrawBulletin',
      'published',
      manage,
      async (c) =>
        c.post(`/api/v1/bulletins/${toWithdraw}/withdraw`, { version: await bv(toWithdraw), reason: '矩阵' }),
      (c) => c.post(`${gone}/withdraw`, { version: 1 }),
    );
    bulletinCase(
      'bulletinVersions',
      'draft',
      manage,
      (c) => c.get(`/api/v1/bulletins/${bulletinDraft}/versions`),
      (c) => c.get(`${gone}/versions`),
    );
    bulletinCase(
      'bulletinReceipts',
      'published',
      manage,
      (c) => c.get(`/api/v1/bulletins/${published}/receipts`),
      (c) => c.get(`${gone}/receipts`),
    );

    // ---- The cockpit: every government role reads the city and the tables (indicator.read); figures' source rows
    // within figure.read's scope (a county its own unit, hidden like missing otherwise); entry within figure.report's
    // (a county its own unit before the deadline, HQ any); definitions, targets, settings and verification are HQ's. ----
    const cockpitIds = await cockpitFixture();
    const retail = cockpitIds.indicator('retail_sales');
    any('listIndicators', (c) => c.get('/api/v1/indicators'));
    any('createIndicator', (c) =>
      c.post('/api/v1/indicators', {
        code: `m_${next()}`,
        nameZh: '矩阵指标',
        nameEn: 'Matrix indicator',
        measureUnit: '个',
        frequency: 'monthly',
        kind: 'period',
        direction: 'higher',
        decimals: 0,
        additive: true,
        responsibleUnitId: null,
      }),
    );
    any('updateIndicator', async (c) =>
      c.patch(`/api/v1/indicators/${cockpitIds.scratchIndicator}`, {
        version: await cockpitVersion('indicators', cockpitIds.scratchIndicator),
        nameEn: `Scratch ${next()}`,
      }),
    );
    any('listTargets', (c) => c.get(`/api/v1/indicator-targets?year=${cockpitIds.year}`));
    any('putTarget', (c) =>
      c.put('/api/v1/indicator-targets', {
        indicatorId: retail,
        unitId: unitOf('DEHUA').id,
        year: 2031 + (next() % 60),
        kind: 'growth',
        value: 5,
      }),
    );
    any('confirmTargets', (c) => c.post('/api/v1/indicator-targets/confirm', { year: cockpitIds.year }));
    any('listTargetChanges', (c) => c.get(`/api/v1/indicator-targets/${cockpitIds.target}/changes`));
    any('listFigures', (c) => c.get(`/api/v1/indicator-figures?year=${cockpitIds.year}`));
    any('verifyFigures', (c) =>
      // Last year's January (already verified: nothing changes, so the units' entries below stay open).
      c.post('/api/v1/indicator-figures/verify', { year: cockpitIds.year - 1, month: 1 }),
    );
    any('getCockpit', (c) => c.get('/api/v1/cockpit'));
    any('getIndicatorTable', (c) => c.get(`/api/v1/cockpit/indicator?indicatorId=${retail}`));
    any('getLeague', (c) => c.get('/api/v1/cockpit/league?board=county'));
    any('exportLeague', (c) => c.get('/api/v1/cockpit/league.xlsx?board=working_group'));
    any('getTrend', (c) => c.get(`/api/v1/cockpit/trend?indicatorId=${retail}`));
    any('getCockpitSettings', (c) => c.get('/api/v1/settings/cockpit'));
    any('updateCockpitSettings', async (c) => {
      const current = await root.get<{ settings: unknown; version: number }>('/api/v1/settings/cockpit');
      return c.put('/api/v1/settings/cockpit', current.body);
    });
    // Display links (大屏): the HQ office's; each role tries to revoke one the dispatcher made for it.
    any('listDisplayLinks', (c) => c.get('/api/v1/display-links'));
    any('createDisplayLink', (c) => c.post('/api/v1/display-links', { name: `矩阵大屏${next()}`, expiresInDays: 1 }));
    const screenLink = await dispatcher.post<{ link: { id: string } }>('/api/v1/display-links', {
      name: `矩阵大屏${next()}`,
      expiresInDays: 1,
    });
    expect(screenLink.status, JSON.stringify(screenLink.body)).toBe(201);
    any('revokeDisplayLink', (c) => c.post(`/api/v1/display-links/${screenLink.body.link.id}/revoke`));
    const figureUnits = [
      ...(unit ? [['inside', unitOf(unit).id] as const] : []),
      ['outside', unitOf(otherUnit).id] as const,
    ];
    for (const [variant, figureUnit] of figureUnits) {
      const figure = await cockpitIds.figureOf(figureUnit);
      const resource = { unitId: figureUnit };
      cases.push({
        key: 'getFigure',
        variant,
        resource,
        hidden: true,
        send: (c) => c.get(`/api/v1/indicator-figures/${figure}`),
        missing: (c) => c.get(`/api/v1/indicator-figures/${NOBODY}`),
      });
      cases.push({
        key: 'getEntryForm',
        variant,
        resource,
        hidden: true,
        send: (c) =>
          c.get(`/api/v1/figure-entry?unitId=${figureUnit}&year=${cockpitIds.year}&month=${cockpitIds.month}`),
        missing: (c) =>
          c.get(`/api/v1/figure-entry?unitId=${NOBODY}&year=${cockpitIds.year}&month=${cockpitIds.month}`),
      });
      cases.push({
        key: 'saveFigures',
        variant,
        resource,
        hidden: true,
        send: async (c) => {
          // Within the reporting window: the 5th of the month after the period.
          const real = t.clock.now();
          t.clock.set(cockpitIds.withinDeadline);
          try {
            const version = (
              await t.database.pool.query<{ version: number }>(
                'SELECT version FROM indicator_figures WHERE indicator_id = $1 AND unit_id = $2 AND year = $3 AND month = $4',
                [retail, figureUnit, cockpitIds.year, cockpitIds.month],
              )
            ).rows[0]?.version;
            return await c.put('/api/v1/figure-entry', {
              unitId: figureUnit,
              year: cockpitIds.year,
              month: cockpitIds.month,
              entries: [{ indicatorId: retail, value: 100 + next(), ...(version ? { version } : {}) }],
            });
          } finally {
            t.clock.set(real);
          }
        },
        missing: async (c) => {
          const real = t.clock.now();
          t.clock.set(cockpitIds.withinDeadline);
          try {
            return await c.put('/api/v1/figure-entry', {
              unitId: NOBODY,
              year: cockpitIds.year,
              month: cockpitIds.month,
              entries: [{ indicatorId: retail, value: 1 }],
            });
          } finally {
            t.clock.set(real);
          }
        },
      });
    }

    // ---- Group robots. "inside": a robot of the actor's unit; "outside": of another unit. ----
    any('listWebhooks', (c) => c.get('/api/v1/webhooks'));
    const hookUnits = [
      ...(unit ? [['inside', unitOf(unit).id] as const] : []),
      ['outside', unitOf(otherUnit).id] as const,
    ];
    for (const [variant, hookUnit] of hookUnits) {
      const hook = await makeWebhook(hookUnit);
      const toRemove = await makeWebhook(hookUnit);
      const resource = { unitId: hookUnit };
      const obj = { variant, resource, hidden: true } as const;
      cases.push({
        key: 'createWebhook',
        variant,
        resource,
        send: (c) => c.post('/api/v1/webhooks', webhookBody(hookUnit)),
      });
      cases.push({
        key: 'updateWebhook',
        ...obj,
        send: async (c) =>
          c.patch(`/api/v1/webhooks/${hook}`, {
            version: await versionOf('unit_webhooks', hook),
            name: `矩阵机器人${next()}`,
          }),
        missing: (c) => c.patch(`/api/v1/webhooks/${NOBODY}`, { version: 1, name: 'x' }),
      });
      cases.push({
        key: 'testWebhook',
        ...obj,
        send: (c) => c.post(`/api/v1/webhooks/${hook}/test`),
        missing: (c) => c.post(`/api/v1/webhooks/${NOBODY}/test`),
      });
      cases.push({
        key: 'listWebhookDeliveries',
        ...obj,
        send: (c) => c.get(`/api/v1/webhooks/${hook}/deliveries`),
        missing: (c) => c.get(`/api/v1/webhooks/${NOBODY}/deliveries`),
      });
      cases.push({
        key: 'deleteWebhook',
        ...obj,
        send: async (c) =>
          c.delete(`/api/v1/webhooks/${toRemove}?version=${await versionOf('unit_webhooks', toRemove)}`),
        missing: (c) => c.delete(`/api/v1/webhooks/${NOBODY}?version=1`),
      });
    }

    // ---- My notifications: everyone's own. ----
    any('listNotifications', (c) => c.get('/api/v1/notifications'));
    any('unreadNotifications', (c) => c.get('/api/v1/notifications/unread'));
    any('getNotificationPrefs', (c) => c.get('/api/v1/notifications/preferences'));
    any('putNotificationPrefs', (c) =>
      c.put('/api/v1/notifications/preferences', { items: [{ eventType: 'item_urged', inApp: true }] }),
    );
    any('markNotificationsRead', (c) => c.post('/api/v1/notifications/read', {}));
    // Someone else's notification (the outside user was told of the outside meeting): marking it by id is answered
    // like marking nothing, and it stays unread.
    const foreign = (
      await t.database.pool.query<{ id: string }>(
        'SELECT id::text AS id FROM notifications WHERE user_id = $1 AND read_at IS NULL ORDER BY id DESC LIMIT 1',
        [outsideUser.id],
      )
    ).rows[0]?.id as string;
    expect(foreign).toBeDefined();
    cases.push({
      key: 'markNotificationsRead',
      variant: 'outside',
      expect: 'allowed',
      send: async (c) => {
        const res = await c.post('/api/v1/notifications/read', { ids: [foreign] });
        const row = await t.database.pool.query<{ read_at: Date | null }>(
          'SELECT read_at FROM notifications WHERE id = $1',
          [foreign],
        );
        expect(row.rows[0]?.read_at, `${username} marked another user's notification read`).toBeNull();
        return res;
      },
    });

    // Editing before dispatch: whoever raised it (the office here) or the dispatcher.
    cases.push({
      key: 'updateItem',
      variant: 'outside',
      expect: !readsItems
        ? 'forbidden'
        : isDispatcher
          ? 'allowed'
          : actor.roles.includes('leader')
            ? 'forbidden'
            : 'hidden',
      send: async (c) =>
        c.patch(`/api/v1/items/${pendingItem.id}`, {
          version: await itemVersion(pendingItem.id),
          title: `改${next()}`,
        }),
      missing: (c) => c.patch(`/api/v1/items/${NOBODY}`, { version: 1, title: 'x' }),
    });

    for (const { variant, u } of users) {
      const resource = { unitId: u.unitId, unitPath: u.unitPath, ownerUserId: u.id };
      const obj = { variant, resource, hidden: true } as const;
      cases.push({
        key: 'getUser',
        ...obj,
        send: (c) => c.get(`/api/v1/users/${u.id}`),
        missing: (c) => c.get(`/api/v1/users/${NOBODY}`),
      });
      cases.push({
        key: 'updateUser',
        ...obj,
        send: async (c) =>
          c.patch(`/api/v1/users/${u.id}`, { version: await versionOf('users', u.id), displayName: `改名${next()}` }),
        missing: (c) => c.patch(`/api/v1/users/${NOBODY}`, { version: 1, displayName: 'x' }),
      });
      cases.push({
        key: 'setUserRoles',
        ...obj,
        grant: ['unit_admin'],
        send: async (c) =>
          c.put(`/api/v1/users/${u.id}/roles`, { version: await versionOf('users', u.id), roles: ['unit_admin'] }),
        missing: (c) => c.put(`/api/v1/users/${NOBODY}/roles`, { version: 1, roles: ['unit_admin'] }),
      });
      cases.push({
        key: 'resetUserPassword',
        ...obj,
        send: async (c) => c.post(`/api/v1/users/${u.id}/reset-password`, { version: await versionOf('users', u.id) }),
        missing: (c) => c.post(`/api/v1/users/${NOBODY}/reset-password`, { version: 1 }),
      });
      cases.push({
        key: 'revokeUserSessions',
        ...obj,
        send: (c) => c.post(`/api/v1/users/${u.id}/revoke-sessions`),
        missing: (c) => c.post(`/api/v1/users/${NOBODY}/revoke-sessions`),
      });
      cases.push({
        key: 'setUserStatus',
        ...obj,
        send: async (c) =>
          c.post(`/api/v1/users/${u.id}/status`, { version: await versionOf('users', u.id), status: 'locked' }),
        missing: (c) => c.post(`/api/v1/users/${NOBODY}/status`, { version: 1, status: 'locked' }),
      });
      cases.push({
        key: 'createUser',
        variant,
        resource: { unitId: u.unitId, unitPath: u.unitPath },
        send: (c) =>
          c.post('/api/v1/users', {
            username: `n${next()}`,
            displayName: '新人',
            unitId: u.unitId,
            roles: ['unit_staff'],
          }),
      });
    }
    // Last: the session routes (they end sessions).
    any('changePassword', (c) =>
      c.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Another-Passw0rd-1' }),
    );
    any('logout', async () => (await signIn(t.app, username, 'Another-Passw0rd-1')).post('/api/v1/auth/logout'));
    any('logoutEverywhere', (c) => c.post('/api/v1/auth/logout-everywhere'));
  });

  it('gets exactly what the policy allows on every route', async () => {
    const outcomes: string[] = [];
    for (const c of cases) {
      covered.add(c.key);
      if (c.expect) {
        const res = await c.send(me);
        const label = `${username} ${c.key} (${c.variant}${c.object ? ` ${c.object}` : ''}) → ${res.status} (expected ${c.expect})`;
        outcomes.push(label);
        if (c.expect === 'allowed') {
          expect(res.status, label + JSON.stringify(res.body)).toBeGreaterThanOrEqual(200);
          expect(res.status, label + JSON.stringify(res.body)).toBeLessThan(300);
        } else if (c.expect === 'forbidden') {
          expect(res.status, label + JSON.stringify(res.body)).toBe(403);
        } else {
          expect(res.status, label).toBe(404);
          if (c.missing) expect(res.body, label).toEqual((await c.missing(me)).body);
        }
        continue;
      }
      const route = routes[c.key];
      const permission = route.permission as Permission | null;
      const reachable = permission === null || scopeOf(actor, permission) !== null;
      const allowed =
        reachable &&
        (permission === null || can(actor, permission, c.resource)) &&
        (!c.grant ||
          c.grant.every((r) =>
            actor.roles.some(
              (mine) => mine === 'sysadmin' || (mine === 'unit_admin' && ['unit_admin', 'unit_staff'].includes(r)),
            ),
          ));
      const res = await c.send(me);
      const label = `${username} ${c.key} (${c.variant}${c.object ? ` ${c.object}` : ''}) → ${res.status}`;
      outcomes.push(label);
      if (allowed) {
        expect(res.status, label + JSON.stringify(res.body)).toBeGreaterThanOrEqual(200);
        expect(res.status, label + JSON.stringify(res.body)).toBeLessThan(300);
      } else if (!reachable) {
        expect(res.status, label).toBe(403);
        expect((res.body as Err).error.code, label).toBe('FORBIDDEN');
      } else if (c.hidden) {
        expect(res.status, label).toBe(404);
        if (c.missing) expect(res.body, label).toEqual((await c.missing(me)).body);
      } else {
        expect([403, 404], label).toContain(res.status);
      }
    }
    expect(outcomes.length).toBeGreaterThan(25);
    if (process.env.MATRIX_PRINT) console.log(outcomes.join('\n'));
  });
});

describe('coverage', () => {
  it('exercised every route of the contract', () => {
    expect([...covered].sort()).toEqual(Object.keys(routes).sort());
  });
});
