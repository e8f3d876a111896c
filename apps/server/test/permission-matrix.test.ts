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
import { type Client, createTestApp, signIn, TEST_PASSWORD, type TestApp } from './harness';

type Err = { error: { code: string } };
let t: TestApp;
let root: Client;
let unitIds: Map<string, { id: string; path: string }>;
let backupName: string;
let seq = 0;
const next = () => ++seq;

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
const versionOf = async (table: 'users' | 'units', id: string) =>
  (await t.database.pool.query<{ version: number }>(`SELECT version FROM ${table} WHERE id = $1`, [id])).rows[0]
    ?.version ?? 1;

interface Case {
  key: RouteKey;
  variant: 'inside' | 'outside' | 'any';
  /** The object the policy judges; undefined: the route as a whole. */
  resource?: ScopedResource;
  /** Extra grant rule (roles). */
  grant?: Role[];
  /** A denied object route answers 404 (existence hidden); a denied create answers 403. */
  hidden?: boolean;
  send: (c: Client) => Promise<{ status: number; body: unknown }>;
  /** The same request for an object that does not exist, to compare the refusal with. */
  missing?: (c: Client) => Promise<{ status: number; body: unknown }>;
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
      const label = `${username} ${c.key} (${c.variant}) → ${res.status}`;
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
