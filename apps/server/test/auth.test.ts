import type { MeT, UserT } from '@zaitun/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, signIn, TEST_PASSWORD, type TestApp } from './harness';

type Err = { error: { code: string; message: string; details?: Record<string, unknown> } };
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

const anon = () => new Client(t.app);
const login = (username: string, password: string, ip = '10.0.0.1') =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    payload: JSON.stringify({ username, password }),
  });
const auditActions = async (entityId: string) =>
  (
    await t.database.pool.query<{ action: string }>(
      'SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY id',
      [entityId],
    )
  ).rows.map((r) => r.action);

describe('sign-in', () => {
  it('signs in with the right password and sets an HttpOnly, SameSite=Lax session cookie', async () => {
    const res = await login('admin', TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/zaitun_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const me = JSON.parse(res.body) as MeT;
    expect(me.username).toBe('admin');
    expect(me.roles).toEqual(['sysadmin']);
    expect(me.csrfToken).toBeTruthy();
    expect(me.unit?.nameZh).toBe('总指挥部办公室');
  });

  it('shows the previous sign-in as the last visit', async () => {
    const first = JSON.parse((await login('hq', TEST_PASSWORD)).body) as MeT;
    expect(first.lastLoginAt).toBeNull();
    const firstAt = t.clock.now().toISOString();
    t.clock.advance(3_600_000);
    const second = JSON.parse((await login('hq', TEST_PASSWORD)).body) as MeT;
    expect(second.lastLoginAt).toBe(firstAt);
  });

  it('refuses a wrong password or unknown user with the same error, in the caller language', async () => {
    const wrong = await login('leader', 'Wrong-Passw0rd!');
    const unknown = await login('nobody', 'Wrong-Passw0rd!');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect((JSON.parse(wrong.body) as Err).error.code).toBe('INVALID_CREDENTIALS');
    expect((JSON.parse(unknown.body) as Err).error.code).toBe('INVALID_CREDENTIALS');
    expect((JSON.parse(wrong.body) as Err).error.message).toBe('用户名或密码错误');
    const en = await anon()
      .withLocale('en-US')
      .post<Err>('/api/v1/auth/login', { username: 'leader', password: 'nope' });
    expect(en.body.error.message).toBe('Wrong user name or password');
  });

  it('locks an account for 15 minutes after 5 failures, audits it, and unlocks after', async () => {
    const me = (await (await signIn(t.app, 'admin')).get<{ items: UserT[] }>('/api/v1/users?q=group')).body
      .items[0] as UserT;
    for (let i = 0; i < 4; i++) expect((await login('group', 'Wrong-Passw0rd!', '10.1.0.1')).statusCode).toBe(401);
    const fifth = await login('group', 'Wrong-Passw0rd!', '10.1.0.1');
    expect(fifth.statusCode).toBe(423);
    expect((JSON.parse(fifth.body) as Err).error.code).toBe('ACCOUNT_LOCKED');
    // Even the right password is refused while locked, and the refusal changes nothing else.
    const locked = await login('group', TEST_PASSWORD, '10.1.0.2');
    expect(locked.statusCode).toBe(423);
    expect((JSON.parse(locked.body) as Err).error.details?.lockedUntil).toBeTruthy();
    const actions = await auditActions(me.id);
    expect(actions.filter((a) => a === 'auth.login_failed')).toHaveLength(5);
    expect(actions).toContain('auth.locked_out');
    expect(actions).toContain('auth.login_refused');
    t.clock.advance(16 * 60_000);
    expect((await login('group', TEST_PASSWORD, '10.1.0.3')).statusCode).toBe(200);
  });

  it('throttles one address that fails too often, whatever the account', async () => {
    const throttled = await createTestApp({ loginIpMaxFailures: 3 });
    try {
      const tryLogin = (u: string) =>
        throttled.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          headers: { 'content-type': 'application/json' },
          payload: JSON.stringify({ username: u, password: 'Wrong-Passw0rd!' }),
        });
      for (const u of ['a1', 'a2', 'a3']) expect((await tryLogin(u)).statusCode).toBe(401);
      const res = await tryLogin('admin');
      expect(res.statusCode).toBe(429);
      expect(res.headers['retry-after']).toBeTruthy();
    } finally {
      await throttled.close();
    }
  });
});

describe('sessions', () => {
  it('needs a session for protected routes', async () => {
    const res = await anon().get<Err>('/api/v1/me');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
    const forged = await new Client(t.app, { cookie: 'zaitun_session=forged' }).get<Err>('/api/v1/me');
    expect(forged.status).toBe(401);
  });

  it('requires the CSRF token on writes made with the cookie', async () => {
    const c = await signIn(t.app, 'admin');
    const noCsrf = new Client(t.app, { cookie: c.auth.cookie });
    const res = await noCsrf.patch<Err>('/api/v1/me', { version: 1, locale: 'en-US' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('CSRF_FAILED');
  });

  it('ends after 30 idle minutes and after 12 hours in any case', async () => {
    const c = await signIn(t.app, 'leader');
    t.clock.advance(29 * 60_000);
    expect((await c.get('/api/v1/me')).status).toBe(200);
    t.clock.advance(29 * 60_000);
    expect((await c.get('/api/v1/me')).status).toBe(200);
    t.clock.advance(31 * 60_000);
    const idle = await c.get<Err>('/api/v1/me');
    expect(idle.status).toBe(401);
    expect(idle.body.error.code).toBe('SESSION_EXPIRED');

    const d = await signIn(t.app, 'leader');
    for (let i = 0; i < 25; i++) {
      t.clock.advance(29 * 60_000);
      const r = await d.get('/api/v1/me');
      if (i < 24) expect(r.status, `after ${(i + 1) * 29} min`).toBe(200);
      else expect(r.status).toBe(401);
    }
  });

  it('signs out this session, or every session', async () => {
    const a = await signIn(t.app, 'hq');
    const b = await signIn(t.app, 'hq');
    expect((await a.post('/api/v1/auth/logout')).status).toBe(204);
    expect((await a.get('/api/v1/me')).status).toBe(401);
    expect((await b.get('/api/v1/me')).status).toBe(200);
    const c = await signIn(t.app, 'hq');
    expect((await c.post('/api/v1/auth/logout-everywhere')).status).toBe(204);
    expect((await b.get('/api/v1/me')).status).toBe(401);
    expect((await c.get('/api/v1/me')).status).toBe(401);
  });

  it('remembers the language per user', async () => {
    const c = await signIn(t.app, 'shishi');
    const me = (await c.get<MeT>('/api/v1/me')).body;
    const updated = await c.patch<MeT>('/api/v1/me', { version: me.version, locale: 'en-US' });
    expect(updated.status).toBe(200);
    expect(updated.body.locale).toBe('en-US');
    const again = await signIn(t.app, 'shishi');
    expect((await again.get<MeT>('/api/v1/me')).body.locale).toBe('en-US');
    const stale = await c.patch<Err>('/api/v1/me', { version: me.version, locale: 'zh-CN' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
  });
});

describe('passwords', () => {
  it('forces a new user to change the temporary password before anything else', async () => {
    const admin = await signIn(t.app, 'admin');
    const units = (await admin.get<{ items: { id: string; code: string }[] }>('/api/v1/units?q=FENGZE')).body.items;
    const created = await admin.post<{ user: UserT; temporaryPassword: string }>('/api/v1/users', {
      username: 'fengze.staff',
      displayName: '丰泽办事员',
      unitId: units[0]?.id,
      roles: ['unit_staff'],
    });
    expect(created.status).toBe(201);
    expect(created.body.user.status).toBe('pending');
    const temp = created.body.temporaryPassword;
    const user = await signIn(t.app, 'fengze.staff', temp);
    const me = (await user.get<MeT>('/api/v1/me')).body;
    expect(me.mustChangePassword).toBe(true);
    const blocked = await user.get<Err>('/api/v1/units/tree');
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');

    const weak = await user.post<Err>('/api/v1/auth/password', { currentPassword: temp, newPassword: 'short' });
    expect(weak.status).toBe(422);
    expect(weak.body.error.code).toBe('PASSWORD_POLICY');
    const withName = await user.post<Err>('/api/v1/auth/password', {
      currentPassword: temp,
      newPassword: 'Fengze.Staff-2026',
    });
    expect(withName.body.error.code).toBe('PASSWORD_POLICY');
    const wrongCurrent = await user.post<Err>('/api/v1/auth/password', {
      currentPassword: 'nope',
      newPassword: 'Good-Passw0rd-26',
    });
    expect(wrongCurrent.body.error.code).toBe('WRONG_PASSWORD');

    const changed = await user.post<MeT>('/api/v1/auth/password', {
      currentPassword: temp,
      newPassword: 'Good-Passw0rd-26',
    });
    expect(changed.status).toBe(200);
    expect(changed.body.mustChangePassword).toBe(false);
    expect((await user.get('/api/v1/units/tree')).status).toBe(200);
    const fetched = (await admin.get<UserT>(`/api/v1/users/${created.body.user.id}`)).body;
    expect(fetched.status).toBe('active');
    expect(await auditActions(created.body.user.id)).toEqual([
      'user.create',
      'auth.login_succeeded',
      'user.password_changed',
    ]);
    expect((await login('fengze.staff', temp)).statusCode).toBe(401);
  });

  it('lets an admin reset a password; the temporary password expires after 7 days', async () => {
    const admin = await signIn(t.app, 'admin');
    const target = (await admin.get<{ items: UserT[] }>('/api/v1/users?q=institute')).body.items[0] as UserT;
    const res = await admin.post<{ user: UserT; temporaryPassword: string }>(
      `/api/v1/users/${target.id}/reset-password`,
      {
        version: target.version,
      },
    );
    expect(res.status).toBe(200);
    expect(res.body.user.mustChangePassword).toBe(true);
    expect((await login('institute', TEST_PASSWORD)).statusCode).toBe(401);
    t.clock.advance(8 * 86_400_000);
    const expired = await login('institute', res.body.temporaryPassword);
    expect(expired.statusCode).toBe(403);
    expect((JSON.parse(expired.body) as Err).error.code).toBe('PASSWORD_EXPIRED');
  });

  it('refuses a disabled account and ends its sessions', async () => {
    const admin = await signIn(t.app, 'admin');
    const enterprise = await signIn(t.app, 'enterprise');
    const target = (await admin.get<{ items: UserT[] }>('/api/v1/users?q=enterprise')).body.items[0] as UserT;
    const res = await admin.post<UserT>(`/api/v1/users/${target.id}/status`, {
      version: target.version,
      status: 'disabled',
    });
    expect(res.status).toBe(200);
    expect((await enterprise.get('/api/v1/me')).status).toBe(401);
    const refused = await login('enterprise', TEST_PASSWORD);
    expect(refused.statusCode).toBe(403);
    expect((JSON.parse(refused.body) as Err).error.code).toBe('ACCOUNT_DISABLED');
  });
});
