import type { UnitT, UserT } from '@zaitun/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, domainSnapshot, signIn, type TestApp } from './harness';

type Err = { error: { code: string; message: string; details?: unknown } };
type Tree = { items: UnitT[]; total: number };
let t: TestApp;
let admin: Client;
let units: Map<string, UnitT>;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, 'admin');
  units = new Map((await admin.get<Tree>('/api/v1/units/tree')).body.items.map((u) => [u.code, u]));
});
afterAll(() => t?.close());

const unit = (code: string) => units.get(code) as UnitT;

describe('the demo legion', () => {
  it('is seeded as 1 HQ + office + 8 working groups + 13 counties + Yiwu group + 2 task forces + member departments', async () => {
    const all = [...units.values()];
    const count = (type: string) => all.filter((u) => u.type === type).length;
    expect(count('headquarters')).toBe(1);
    expect(count('office')).toBe(1);
    expect(count('working_group')).toBe(8);
    expect(count('county')).toBe(13);
    expect(count('liaison_group')).toBe(1);
    expect(count('task_force')).toBe(2);
    expect(count('member_department')).toBeGreaterThanOrEqual(10);
    expect(unit('JINJIANG').divisionCode).toBe('350582');
    expect(unit('TAISHANG').divisionCode).toBeNull();
    // Display order: the headquarters first, children after their parent.
    const tree = (await admin.get<Tree>('/api/v1/units/tree')).body.items;
    expect(tree[0]?.code).toBe('HQ');
    expect(tree.every((u) => u.parentId === null || tree.findIndex((p) => p.id === u.parentId) < tree.indexOf(u))).toBe(
      true,
    );
  });

  it('lists units with paging and filters', async () => {
    const counties = await admin.get<Tree>('/api/v1/units?type=county&pageSize=5&page=3');
    expect(counties.body.total).toBe(13);
    expect(counties.body.items).toHaveLength(3);
    const found = await admin.get<Tree>(`/api/v1/units?q=${encodeURIComponent('晋江')}`);
    expect(found.body.items.map((u) => u.code)).toEqual(['JINJIANG']);
    const tooBig = await admin.get<Err>('/api/v1/units?pageSize=101');
    expect(tooBig.status).toBe(400);
  });
});

describe('unit administration', () => {
  it('creates, edits, moves, deactivates and deletes a unit, with optimistic concurrency', async () => {
    const created = await admin.post<UnitT>('/api/v1/units', {
      code: 'TF-TEA',
      nameZh: '茶叶专班',
      nameEn: 'Tea Task Force',
      shortName: '茶叶专班',
      type: 'task_force',
      parentId: unit('HQ').id,
    });
    expect(created.status).toBe(201);
    expect(created.body.depth).toBe(1);
    const dup = await admin.post<Err>('/api/v1/units', {
      ...created.body,
      id: undefined,
      code: 'tf-tea',
      parentId: unit('HQ').id,
    });
    expect(dup.status).toBe(400); // unknown fields (id, depth…) are rejected
    const taken = await admin.post<Err>('/api/v1/units', {
      code: 'tf-tea',
      nameZh: '重复',
      nameEn: 'Dup',
      shortName: '重复',
      type: 'task_force',
      parentId: unit('HQ').id,
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('UNIT_CODE_TAKEN');

    const edited = await admin.patch<UnitT>(`/api/v1/units/${created.body.id}`, {
      version: 1,
      nameEn: 'Tea Industry Task Force',
    });
    expect(edited.status).toBe(200);
    expect(edited.body.version).toBe(2);
    const stale = await admin.patch<Err>(`/api/v1/units/${created.body.id}`, { version: 1, nameEn: 'Lost update' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');

    const child = await admin.post<UnitT>('/api/v1/units', {
      code: 'TF-TEA-ANXI',
      nameZh: '茶叶专班安溪小组',
      nameEn: 'Anxi team',
      shortName: '安溪小组',
      type: 'task_force',
      parentId: created.body.id,
    });
    expect(child.body.depth).toBe(2);
    const cycle = await admin.post<Err>(`/api/v1/units/${created.body.id}/move`, {
      version: 2,
      parentId: child.body.id,
    });
    expect(cycle.status).toBe(422);
    expect(cycle.body.error.code).toBe('UNIT_PARENT_INVALID');
    const moved = await admin.post<UnitT>(`/api/v1/units/${created.body.id}/move`, {
      version: 2,
      parentId: unit('ANXI').id,
    });
    expect(moved.status).toBe(200);
    expect(moved.body.parentId).toBe(unit('ANXI').id);
    expect(moved.body.depth).toBe(2);
    expect((await admin.get<UnitT>(`/api/v1/units/${child.body.id}`)).body.depth).toBe(3);

    const parentFirst = await admin.post<Err>(`/api/v1/units/${created.body.id}/deactivate`, { version: 3 });
    expect(parentFirst.body.error.code).toBe('UNIT_HAS_ACTIVE_CHILDREN');
    expect((await admin.post(`/api/v1/units/${child.body.id}/deactivate`, { version: 1 })).status).toBe(200);
    const deactivated = await admin.post<UnitT>(`/api/v1/units/${created.body.id}/deactivate`, { version: 3 });
    expect(deactivated.body.active).toBe(false);
    const tree = (await admin.get<Tree>('/api/v1/units/tree')).body.items;
    expect(tree.some((u) => u.id === created.body.id)).toBe(false);
    const withInactive = (await admin.get<Tree>('/api/v1/units/tree?includeInactive=true')).body.items;
    expect(withInactive.some((u) => u.id === created.body.id)).toBe(true);

    const inUse = await admin.delete<Err>(`/api/v1/units/${created.body.id}?version=4`);
    expect(inUse.status).toBe(409);
    expect(inUse.body.error.code).toBe('UNIT_IN_USE');
    expect((await admin.delete(`/api/v1/units/${child.body.id}?version=2`)).status).toBe(204);
    expect((await admin.delete(`/api/v1/units/${created.body.id}?version=4`)).status).toBe(204);
    expect((await admin.get(`/api/v1/units/${created.body.id}`)).status).toBe(404);
  });

  it('cannot delete a unit its users belong to', async () => {
    const res = await admin.delete<Err>(`/api/v1/units/${unit('SHISHI').id}?version=${unit('SHISHI').version}`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('UNIT_IN_USE');
  });

  it('checks GB/T 2260 division codes', async () => {
    const before = await domainSnapshot(t.database);
    const bad = await admin.patch<Err>(`/api/v1/units/${unit('ETDZ').id}`, {
      version: unit('ETDZ').version,
      divisionCode: '990582',
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('DIVISION_CODE_INVALID');
    const malformed = await admin.patch<Err>(`/api/v1/units/${unit('ETDZ').id}`, {
      version: unit('ETDZ').version,
      divisionCode: '35058',
    });
    expect(malformed.status).toBe(400);
    expect(await domainSnapshot(t.database)).toEqual(before);
  });

  it('lets only a system admin change units', async () => {
    const ua = await signIn(t.app, 'jinjiang');
    const res = await ua.patch<Err>(`/api/v1/units/${unit('JINJIANG').id}`, { version: 1, nameEn: 'x' });
    expect(res.status).toBe(403);
    expect((await ua.get<Tree>('/api/v1/units/tree')).status).toBe(200);
  });
});

describe('users within scope', () => {
  it('a unit admin creates users in its own unit only, and grants only unit roles', async () => {
    const ua = await signIn(t.app, 'jinjiang');
    const ok = await ua.post<{ user: UserT; temporaryPassword: string }>('/api/v1/users', {
      username: 'jj.clerk',
      displayName: '晋江文员',
      unitId: unit('JINJIANG').id,
      roles: ['unit_staff'],
      phone: '13800001234',
      email: 'clerk@jinjiang.example',
    });
    expect(ok.status).toBe(201);
    expect(ok.body.user.phone).toBe('13800001234');
    const other = await ua.post<Err>('/api/v1/users', {
      username: 'ss.clerk',
      displayName: '石狮文员',
      unitId: unit('SHISHI').id,
      roles: ['unit_staff'],
    });
    expect(other.status).toBe(403);
    const sysadmin = await ua.post<Err>('/api/v1/users', {
      username: 'jj.boss',
      displayName: '越权',
      unitId: unit('JINJIANG').id,
      roles: ['sysadmin'],
    });
    expect(sysadmin.status).toBe(403);
    expect(sysadmin.body.error.code).toBe('ROLE_NOT_GRANTABLE');
    const promote = await ua.put<UserT>(`/api/v1/users/${ok.body.user.id}/roles`, {
      version: 1,
      roles: ['unit_staff', 'unit_admin'],
    });
    expect(promote.status).toBe(200);
    expect(promote.body.roles).toEqual(['unit_staff', 'unit_admin']);
    const leader = await ua.put<Err>(`/api/v1/users/${ok.body.user.id}/roles`, { version: 2, roles: ['leader'] });
    expect(leader.body.error.code).toBe('ROLE_NOT_GRANTABLE');
  });

  it('lists only users in scope, and hides the existence of others', async () => {
    const ua = await signIn(t.app, 'jinjiang');
    const list = await ua.get<{ items: UserT[]; total: number }>('/api/v1/users?pageSize=100');
    expect(list.body.items.length).toBeGreaterThan(0);
    expect(list.body.items.every((u) => u.unit?.code === 'JINJIANG')).toBe(true);
    const all = await admin.get<{ items: UserT[] }>('/api/v1/users?q=shishi');
    const shishi = all.body.items[0] as UserT;
    const hidden = await ua.get<Err>(`/api/v1/users/${shishi.id}`);
    const missing = await ua.get<Err>('/api/v1/users/00000000-0000-4000-8000-000000000000');
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual(missing.body);
    const filtered = await ua.get<{ total: number }>(`/api/v1/users?unitId=${unit('SHISHI').id}`);
    expect(filtered.body.total).toBe(0);
  });

  it('masks personal data for viewers without the personal-data permission', async () => {
    const colleague = await admin.post<{ user: UserT }>('/api/v1/users', {
      username: 'ss.colleague',
      displayName: '石狮同事',
      unitId: unit('SHISHI').id,
      roles: ['unit_staff'],
      phone: '13811112222',
    });
    expect(colleague.status).toBe(201);
    const staff = await signIn(t.app, 'shishi');
    const own = (await staff.get<{ items: UserT[] }>('/api/v1/users?q=shishi')).body.items[0] as UserT;
    expect(own.phone).toBe('13905950004'); // one's own data, in full
    expect(own.piiMasked).toBe(false);
    const other = (await staff.get<UserT>(`/api/v1/users/${colleague.body.user.id}`)).body;
    expect(other.phone).toBe('138****2222');
    expect(other.piiMasked).toBe(true);
    const leader = await signIn(t.app, 'leader');
    const seen = (await leader.get<{ items: UserT[] }>('/api/v1/users?q=jinjiang')).body.items[0] as UserT;
    expect(seen.phone).toMatch(/\*\*\*\*/);
    expect(seen.email).toBe('j***@zaitun.example');
    const full = (await admin.get<{ items: UserT[] }>('/api/v1/users?q=jinjiang')).body.items[0] as UserT;
    expect(full.phone).toBe('13905950003');
  });

  it('stores free text exactly as typed and returns it as JSON data', async () => {
    const text = `<script>alert('x')</script> '; DROP TABLE users; -- "引号" 😀`;
    const created = await admin.post<{ user: UserT }>('/api/v1/users', {
      username: 'free.text',
      displayName: text.slice(0, 40),
      unitId: unit('DEHUA').id,
      roles: ['unit_staff'],
    });
    expect(created.status).toBe(201);
    expect(created.body.user.displayName).toBe(text.slice(0, 40));
    const unitRes = await admin.post<UnitT>('/api/v1/units', {
      code: 'FREE-TEXT',
      nameZh: text,
      nameEn: text,
      shortName: '😀<b>',
      type: 'task_force',
      parentId: unit('HQ').id,
    });
    expect(unitRes.status).toBe(201);
    const fetched = await admin.get<UnitT>(`/api/v1/units/${unitRes.body.id}`);
    expect(fetched.body.nameZh).toBe(text);
    expect(fetched.body.shortName).toBe('😀<b>');
    expect(String(fetched.headers['content-type'])).toContain('application/json');
    expect((await admin.get<{ total: number }>('/api/v1/users?pageSize=1')).body.total).toBeGreaterThan(8);
  });

  it('refuses role changes and status changes on oneself', async () => {
    const me = (await admin.get<{ id: string; version: number }>('/api/v1/me')).body;
    const res = await admin.put<Err>(`/api/v1/users/${me.id}/roles`, { version: me.version, roles: ['unit_staff'] });
    expect(res.body.error.code).toBe('CANNOT_CHANGE_SELF');
  });
});

describe('privilege boundaries', () => {
  it('a unit admin cannot change, reset or lock an account holding roles it may not grant', async () => {
    // A leader placed in the unit admin's own unit: in scope, but stronger than the unit admin.
    const created = await admin.post<{ user: UserT }>('/api/v1/users', {
      username: 'jj.leader',
      displayName: '晋江领导',
      unitId: unit('JINJIANG').id,
      roles: ['leader'],
    });
    expect(created.status).toBe(201);
    const ua = await signIn(t.app, 'jinjiang');
    const id = created.body.user.id;
    expect((await ua.get(`/api/v1/users/${id}`)).status).toBe(200);
    const reset = await ua.post<Err>(`/api/v1/users/${id}/reset-password`, { version: 1 });
    expect(reset.status).toBe(403);
    expect((await ua.post<Err>(`/api/v1/users/${id}/status`, { version: 1, status: 'disabled' })).status).toBe(403);
    expect((await ua.patch<Err>(`/api/v1/users/${id}`, { version: 1, displayName: 'x' })).status).toBe(403);
    expect((await ua.put<Err>(`/api/v1/users/${id}/roles`, { version: 1, roles: ['unit_staff'] })).status).toBe(403);
    expect((await admin.get<UserT>(`/api/v1/users/${id}`)).body.version).toBe(1);
  });
});
