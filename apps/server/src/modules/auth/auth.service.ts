/**
 * Sign-in, sessions and API-token authentication. Sessions live in the database (several server processes share
 * them); the cookie holds a random secret whose SHA-256 is stored. Security events (sign-in successes, failures,
 * lockouts) are audited in their own transaction.
 */
import { checkPasswordPolicy, type MeT, type Permission, permissionsOf, type Role } from '@zaitun/contracts';
import type { Config } from '../../config';
import type { Db } from '../../db/database';
import type { AuthedActor } from '../../http/context';
import { type AuditContext, appendAudit } from '../../lib/audit';
import { randomSecret, sha256 } from '../../lib/crypto';
import { DomainError } from '../../lib/errors';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../../lib/password';
import { auditUser, presentMe } from '../users/users.presenter';
import { findUserById, type UserWithOrg } from '../users/users.repository';
import {
  countRecentFailures,
  findSession,
  findToken,
  findUserForLogin,
  insertSession,
  passwordHashOf,
  recordFailure,
  recordLogin,
  revokeSession,
  revokeSessions,
  setLoginFailures,
  setOwnPassword,
  touchSession,
  touchToken,
} from './auth.repository';

export interface AuthDeps {
  db: Db;
  config: Config;
}

export const SESSION_COOKIE = 'zaitun_session';
export const TOKEN_PREFIX = 'zt_';
const TOUCH_INTERVAL_MS = 60_000;

function actorFrom(
  u: {
    id: string;
    username: string;
    display_name: string;
    roles: string[];
    unit_id: string | null;
    unit_path: string | null;
    must_change_password: boolean;
  },
  via:
    | { kind: 'session'; sessionId: string; csrfToken: string }
    | { kind: 'token'; tokenId: string; permissions: Permission[] },
): AuthedActor {
  return {
    userId: u.id,
    username: u.username,
    displayName: u.display_name,
    roles: u.roles as Role[],
    unitId: u.unit_id,
    unitPath: u.unit_path,
    via: via.kind,
    sessionId: via.kind === 'session' ? via.sessionId : null,
    csrfToken: via.kind === 'session' ? via.csrfToken : null,
    tokenId: via.kind === 'token' ? via.tokenId : null,
    tokenPermissions: via.kind === 'token' ? via.permissions : null,
    mustChangePassword: u.must_change_password,
  };
}

export function meOf(user: UserWithOrg, actor: AuthedActor | null, csrfToken: string | null): MeT {
  const permissions = permissionsOf(
    actor ?? { userId: user.id, roles: user.roles as Role[], unitId: user.unit_id, unitPath: user.unit_path },
  );
  return presentMe(user, { permissions, csrfToken });
}

/** Signs in. Returns the cookie secret and the account; throws a DomainError for every refusal. */
export async function login(
  deps: AuthDeps,
  ctx: AuditContext,
  input: { username: string; password: string },
): Promise<{ secret: string; me: MeT; expiresAt: Date }> {
  const { db, config } = deps;
  const now = ctx.clock.now();
  const ip = ctx.ip ?? 'unknown';
  const username = input.username.trim().toLowerCase();
  const since = new Date(now.getTime() - config.loginLockMinutes * 60_000);

  // A refused sign-in: its security event, and a failure counted for the per-address throttle.
  const securityEvent = (
    action: string,
    entityId: string | null,
    unitId: string | null,
    after: Record<string, unknown>,
  ) =>
    db.transaction().execute(async (tx) => {
      await appendAudit(
        tx,
        { ...ctx, actor: { type: 'anonymous', id: null, name: username.slice(0, 64), tokenId: null } },
        {
          action,
          entityType: 'user',
          entityId,
          unitId,
          after,
        },
      );
      await recordFailure(tx, ip, username, now);
    });

  if ((await countRecentFailures(db, ip, since)) >= config.loginIpMaxFailures) {
    await securityEvent('auth.login_throttled', null, null, { username, reason: 'ip' });
    throw new DomainError('TOO_MANY_REQUESTS', { retryAfterSeconds: config.loginLockMinutes * 60 });
  }

  const user = await findUserForLogin(db, username);
  if (!user) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    await securityEvent('auth.login_failed', null, null, { username, reason: 'unknown_user' });
    throw new DomainError('INVALID_CREDENTIALS');
  }
  if (user.locked_until && user.locked_until > now) {
    await securityEvent('auth.login_refused', user.id, user.unit_id, { reason: 'locked_out' });
    throw new DomainError('ACCOUNT_LOCKED', { lockedUntil: user.locked_until.toISOString() });
  }
  const ok = await verifyPassword(user.password_hash, input.password);
  if (!ok) {
    const failures = user.failed_logins + 1;
    const lockNow = failures >= config.loginMaxFailures;
    const lockedUntil = lockNow ? new Date(now.getTime() + config.loginLockMinutes * 60_000) : null;
    await db.transaction().execute(async (tx) => {
      await setLoginFailures(tx, user.id, lockNow ? 0 : failures, lockedUntil);
      const anon = { ...ctx, actor: { type: 'anonymous' as const, id: null, name: username, tokenId: null } };
      await appendAudit(
        tx,
        anon,
        {
          action: 'auth.login_failed',
          entityType: 'user',
          entityId: user.id,
          unitId: user.unit_id,
          after: { reason: 'wrong_password', failures },
        },
        ...(lockNow
          ? [
              {
                action: 'auth.locked_out',
                entityType: 'user',
                entityId: user.id,
                unitId: user.unit_id,
                after: { lockedUntil: lockedUntil?.toISOString() },
              },
            ]
          : []),
      );
      await recordFailure(tx, ip, username, now);
    });
    if (lockNow) throw new DomainError('ACCOUNT_LOCKED', { lockedUntil: lockedUntil?.toISOString() });
    throw new DomainError('INVALID_CREDENTIALS');
  }
  if (user.status === 'disabled' || user.status === 'locked') {
    await securityEvent('auth.login_refused', user.id, user.unit_id, { reason: user.status });
    throw new DomainError('ACCOUNT_DISABLED');
  }
  const tempExpiry = new Date(user.password_changed_at.getTime() + config.temporaryPasswordDays * 86_400_000);
  if (user.must_change_password && tempExpiry < now) {
    await securityEvent('auth.login_refused', user.id, user.unit_id, { reason: 'temporary_password_expired' });
    throw new DomainError('PASSWORD_EXPIRED');
  }

  const secret = randomSecret();
  const csrfToken = randomSecret(24);
  const expiresAt = new Date(now.getTime() + config.sessionAbsoluteHours * 3_600_000);
  await db.transaction().execute(async (tx) => {
    await recordLogin(tx, user.id, now);
    await insertSession(tx, {
      token_hash: sha256(secret),
      user_id: user.id,
      csrf_token: csrfToken,
      created_at: now,
      last_seen_at: now,
      expires_at: expiresAt,
      ip: ctx.ip,
      user_agent: ctx.userAgent?.slice(0, 400) ?? null,
    });
    await appendAudit(
      tx,
      { ...ctx, actor: { type: 'user', id: user.id, name: user.username, tokenId: null } },
      {
        action: 'auth.login_succeeded',
        entityType: 'user',
        entityId: user.id,
        unitId: user.unit_id,
        after: { mustChangePassword: user.must_change_password },
      },
    );
  });
  const fresh = (await findUserById(db, user.id)) as UserWithOrg;
  return { secret, me: meOf(fresh, null, csrfToken), expiresAt };
}

export type SessionResult = { actor: AuthedActor } | { error: 'SESSION_EXPIRED' | 'UNAUTHENTICATED' };

/** Resolves the session cookie. Idle and absolute timeouts both end the session. */
export async function authenticateSession(deps: AuthDeps, secret: string, now: Date): Promise<SessionResult> {
  const row = await findSession(deps.db, sha256(secret));
  if (!row) return { error: 'UNAUTHENTICATED' };
  const idleLimit = row.last_seen_at.getTime() + deps.config.sessionIdleMinutes * 60_000;
  if (row.expires_at <= now || idleLimit <= now.getTime() || row.status === 'disabled' || row.status === 'locked') {
    await revokeSession(deps.db, row.session_id, now);
    return { error: 'SESSION_EXPIRED' };
  }
  if (now.getTime() - row.last_seen_at.getTime() > TOUCH_INTERVAL_MS) {
    await touchSession(deps.db, row.session_id, now);
  }
  return { actor: actorFrom(row, { kind: 'session', sessionId: row.session_id, csrfToken: row.csrf_token }) };
}

/** Resolves `Authorization: Bearer zt_…`. The token acts with its permissions, never more than the user's roles. */
export async function authenticateToken(deps: AuthDeps, secret: string, now: Date): Promise<AuthedActor | null> {
  if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 200) return null;
  const row = await findToken(deps.db, sha256(secret));
  if (!row || row.expires_at <= now || row.status !== 'active') return null;
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > TOUCH_INTERVAL_MS) {
    await touchToken(deps.db, row.token_id, now);
  }
  return actorFrom(row, { kind: 'token', tokenId: row.token_id, permissions: row.permissions as Permission[] });
}

export async function logout(
  deps: AuthDeps,
  ctx: AuditContext,
  actor: AuthedActor,
  everywhere: boolean,
): Promise<void> {
  const now = ctx.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const ended = await revokeSessions(tx, actor.userId, now, everywhere ? {} : { only: actor.sessionId });
    await appendAudit(tx, ctx, {
      action: everywhere ? 'auth.logout_everywhere' : 'auth.logout',
      entityType: 'user',
      entityId: actor.userId,
      unitId: actor.unitId,
      after: { sessionsEnded: ended },
    });
  });
}

/** Changes the actor's own password; the other sessions end, this one stays. */
export async function changePassword(
  deps: AuthDeps,
  ctx: AuditContext,
  actor: AuthedActor,
  input: { currentPassword: string; newPassword: string },
): Promise<MeT> {
  const now = ctx.clock.now();
  const current = await passwordHashOf(deps.db, actor.userId);
  if (!(await verifyPassword(current, input.currentPassword))) throw new DomainError('WRONG_PASSWORD');
  if (!checkPasswordPolicy(input.newPassword, actor.username) || input.newPassword === input.currentPassword) {
    throw new DomainError('PASSWORD_POLICY');
  }
  const passwordHash = await hashPassword(input.newPassword);
  await deps.db.transaction().execute(async (tx) => {
    const before = (await findUserById(tx, actor.userId)) as UserWithOrg;
    await setOwnPassword(tx, actor.userId, passwordHash, now);
    await revokeSessions(tx, actor.userId, now, { except: actor.sessionId });
    const after = (await findUserById(tx, actor.userId)) as UserWithOrg;
    await appendAudit(tx, ctx, {
      action: 'user.password_changed',
      entityType: 'user',
      entityId: actor.userId,
      unitId: actor.unitId,
      before: auditUser(before),
      after: auditUser(after),
    });
  });
  const fresh = (await findUserById(deps.db, actor.userId)) as UserWithOrg;
  return meOf(fresh, { ...actor, mustChangePassword: false }, actor.csrfToken);
}
