import type { UserT } from '@zaitun/contracts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/lib/audit';
import { type Client as C, Client, createTestApp, signIn, type TestApp } from './harness';

type Err = { error: { code: string } };
type Token = { id: string; prefix: string; permissions: string[]; revokedAt: string | null };
type AuditItem = {
  id: string;
  action: string;
  actorName: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
};
let t: TestApp;
let admin: C;
beforeAll(async () => {
  t = await createTestApp();
});
// Some tests move the clock past the idle timeout: sign in afresh for each.
beforeEach(async () => {
  admin = await signIn(t.app, 'admin');
});
afterAll(() => t?.close());

describe('API tokens', () => {
  it('are shown once, stored hashed, act within their permissions, and can be revoked', async () => {
    const created = await admin.post<{ token: Token; secret: string }>('/api/v1/tokens', {
      name: '统计局对接',
      permissions: ['unit.read', 'user.read'],
      expiresInDays: 30,
    });
    expect(created.status).toBe(201);
    const { secret, token } = created.body;
    expect(secret).toMatch(/^zt_/);
    const stored = await t.database.pool.query<{ token_hash: string }>(
      'SELECT token_hash FROM api_tokens WHERE id = $1',
      [token.id],
    );
    expect(stored.rows[0]?.token_hash).not.toContain(secret);
    const listed = await admin.get<{ items: (Token & { secret?: string })[] }>('/api/v1/tokens');
    expect(listed.body.items[0]?.secret).toBeUndefined();

    const bot = new Client(t.app, { bearer: secret });
    expect((await bot.get('/api/v1/units/tree')).status).toBe(200);
    expect((await bot.get<{ total: number }>('/api/v1/users')).body.total).toBeGreaterThan(5);
    // Beyond the token's permissions, though the user is a system admin:
    expect((await bot.get<Err>('/api/v1/audit-events')).body.error.code).toBe('FORBIDDEN');
    expect((await bot.post<Err>('/api/v1/units', { code: 'X1' })).status).toBe(403);
    // Session-only operations refuse tokens (no CSRF needed for tokens, so they may not manage tokens).
    expect((await bot.get('/api/v1/tokens')).status).toBe(403);

    const revoked = await admin.delete<Token>(`/api/v1/tokens/${token.id}`);
    expect(revoked.body.revokedAt).toBeTruthy();
    expect((await bot.get<Err>('/api/v1/units/tree')).status).toBe(401);
  });

  it('cannot hold permissions the user does not have, and expire', async () => {
    const staff = await signIn(t.app, 'shishi');
    const tooMuch = await staff.post<Err>('/api/v1/tokens', {
      name: 'x',
      permissions: ['audit.read'],
      expiresInDays: 1,
    });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.error.code).toBe('TOKEN_PERMISSION_NOT_HELD');
    const ok = await staff.post<{ secret: string }>('/api/v1/tokens', {
      name: 'x',
      permissions: ['user.read'],
      expiresInDays: 1,
    });
    const bot = new Client(t.app, { bearer: ok.body.secret });
    const list = await bot.get<{ items: UserT[] }>('/api/v1/users');
    expect(list.body.items.every((u) => u.unit?.code === 'SHISHI')).toBe(true);
    t.clock.advance(86_400_000 + 1000);
    expect((await bot.get('/api/v1/users')).status).toBe(401);
  });

  it('lose what the user loses: a token of a demoted user cannot exceed the new roles', async () => {
    const ua = await signIn(t.app, 'jinjiang');
    const tok = await ua.post<{ secret: string }>('/api/v1/tokens', {
      name: 'y',
      permissions: ['audit.read', 'user.read'],
      expiresInDays: 5,
    });
    const bot = new Client(t.app, { bearer: tok.body.secret });
    expect((await bot.get('/api/v1/audit-events')).status).toBe(200);
    const target = (await admin.get<{ items: UserT[] }>('/api/v1/users?q=jinjiang')).body.items[0] as UserT;
    await admin.put(`/api/v1/users/${target.id}/roles`, { version: target.version, roles: ['unit_staff'] });
    expect((await bot.get('/api/v1/audit-events')).status).toBe(403);
    expect((await bot.get('/api/v1/users')).status).toBe(200);
  });
});

describe('audit log', () => {
  it('records who changed what, with before and after, and the chain verifies', async () => {
    const hq = (await admin.get<{ items: { id: string }[] }>('/api/v1/units?q=HQ&pageSize=1')).body.items[0];
    const unit = await admin.post<{ id: string }>('/api/v1/units', {
      code: 'AUDIT-T',
      nameZh: '审计测试组',
      nameEn: 'Audit test',
      shortName: '审计',
      type: 'task_force',
      parentId: hq?.id,
    });
    await admin.patch(`/api/v1/units/${unit.body.id}`, { version: 1, nameZh: '审计测试二组' });
    const events = await admin.get<{ items: AuditItem[] }>(
      `/api/v1/audit-events?entityType=unit&entityId=${unit.body.id}`,
    );
    expect(events.body.items.map((e) => e.action)).toEqual(['unit.update', 'unit.create']);
    const update = events.body.items[0] as AuditItem;
    expect(update.actorName).toBe('admin');
    expect(update.before).toEqual({ nameZh: '审计测试组' });
    expect(update.after).toEqual({ nameZh: '审计测试二组' });
    const byAction = await admin.get<{ items: AuditItem[] }>('/api/v1/audit-events?action=auth.&pageSize=100');
    expect(byAction.body.items.every((e) => e.action.startsWith('auth.'))).toBe(true);
    const verify = await admin.post<{ intact: boolean; checked: number }>('/api/v1/audit-events/verify');
    expect(verify.body.intact).toBe(true);
    expect(verify.body.checked).toBeGreaterThan(40);
  });

  it('cannot be changed or deleted by the application’s database user', async () => {
    await expect(t.database.pool.query(`UPDATE audit_events SET action = 'x' WHERE id = 1`)).rejects.toThrow(
      /append-only/,
    );
    await expect(t.database.pool.query('DELETE FROM audit_events WHERE id = 1')).rejects.toThrow(/append-only/);
    await expect(t.database.pool.query('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
  });

  it('names the first broken event when a row is tampered with', async () => {
    const tamper = await createTestApp();
    try {
      await tamper.database.pool.query('ALTER TABLE audit_events DISABLE TRIGGER USER');
      await tamper.database.pool.query(`UPDATE audit_events SET after = '{"code":"FORGED"}' WHERE id = 7`);
      const result = await verifyAuditChain(tamper.database.db);
      expect(result.intact).toBe(false);
      expect(result.firstBrokenId).toBe('7');
      await tamper.database.pool.query('DELETE FROM audit_events WHERE id = 3');
      expect((await verifyAuditChain(tamper.database.db)).firstBrokenId).toBe('3');
    } finally {
      await tamper.close();
    }
  });

  it('shows a unit admin only its unit’s events, with personal data masked for those without the right', async () => {
    // jinjiang was demoted above; use a fresh unit admin created by the system admin.
    const jj = (await admin.get<{ items: { id: string }[] }>('/api/v1/units?q=JINJIANG')).body.items[0];
    const created = await admin.post<{ user: UserT; temporaryPassword: string }>('/api/v1/users', {
      username: 'jj.admin2',
      displayName: '晋江管理员二',
      unitId: jj?.id,
      roles: ['unit_admin'],
      phone: '13912345678',
    });
    const u = await signIn(t.app, 'jj.admin2', created.body.temporaryPassword);
    await u.post('/api/v1/auth/password', {
      currentPassword: created.body.temporaryPassword,
      newPassword: 'Jinjiang-Adm1n!',
    });
    const seen = await u.get<{ items: (AuditItem & { unitId: string })[] }>('/api/v1/audit-events?pageSize=100');
    expect(seen.status).toBe(200);
    expect(seen.body.items.length).toBeGreaterThan(0);
    expect(seen.body.items.every((e) => e.unitId === jj?.id)).toBe(true);
    const create = seen.body.items.find((e) => e.action === 'user.create' && e.after?.username === 'jj.admin2');
    expect(create?.after?.phone).toBe('13912345678');
    // The same events through a token without the personal-data permission: masked.
    const tok = await u.post<{ secret: string }>('/api/v1/tokens', {
      name: 'audit-only',
      permissions: ['audit.read'],
      expiresInDays: 1,
    });
    const viaToken = await new Client(t.app, { bearer: tok.body.secret }).get<{ items: AuditItem[] }>(
      `/api/v1/audit-events?action=user.create&entityId=${created.body.user.id}`,
    );
    expect(viaToken.body.items[0]?.after?.phone).toBe('139****5678');
    const leaderView = await signIn(t.app, 'hq');
    expect((await leaderView.get('/api/v1/audit-events')).status).toBe(403);
  });
});
