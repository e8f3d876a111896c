import {
  can,
  canGrantRole,
  type Role,
  type RouteBody,
  type RouteQuery,
  scopeOf,
  UNIT_ROLES,
  type UserT,
} from '@zaitun/contracts';
import { sql } from 'kysely';
import type { Db, DbOrTx } from '../../db/database';
import type { AuthedContext } from '../../http/context';
import { appendAudit } from '../../lib/audit';
import { DomainError, forbidden, notFound, versionConflict } from '../../lib/errors';
import { generateTemporaryPassword, hashPassword } from '../../lib/password';
import { revokeSessions } from '../auth/auth.repository';
import { auditUser, presentUser } from './users.presenter';
import {
  findUserById,
  insertPendingUser,
  likeEscape,
  lockUserRow,
  selectUserRows,
  setTemporaryPassword,
  type UserWithOrg,
  usernameTaken,
  userScopeFilter,
} from './users.repository';

const resourceOf = (u: UserWithOrg) => ({ unitId: u.unit_id, unitPath: u.unit_path, ownerUserId: u.id });

/** Loads a user the actor may act on with `permission`; anything else is "not found" (existence is not revealed). */
async function loadInScope(
  db: DbOrTx,
  ctx: AuthedContext,
  id: string,
  permission: 'user.read' | 'user.write' | 'user.grant' | 'user.reset_password',
) {
  const user = await findUserById(db, id);
  if (!user || !can(ctx.actor, 'user.read', resourceOf(user)) || !can(ctx.actor, permission, resourceOf(user)))
    throw notFound();
  // Changing an account is as strong as holding its roles (a reset password signs in as that user): only
  // accounts whose every role the actor may grant can be changed — a unit admin cannot touch a system admin.
  if (permission !== 'user.read' && !(user.roles as Role[]).every((r) => canGrantRole(ctx.actor, r))) throw forbidden();
  return user;
}

/** Personal data in full for viewers with pii.read over the user, and for the user themself. */
const present = (ctx: AuthedContext, u: UserWithOrg): UserT =>
  presentUser(u, u.id === ctx.actor.userId || can(ctx.actor, 'pii.read', resourceOf(u)));

async function targetUnit(db: DbOrTx, ctx: AuthedContext, unitId: string) {
  const unit = await db
    .selectFrom('units')
    .select(['id', 'path', 'active'])
    .where('id', '=', unitId)
    .forShare()
    .executeTakeFirst();
  if (!unit) throw new DomainError('VALIDATION_FAILED', [{ path: '/unitId', message: 'unit not found' }]);
  if (!can(ctx.actor, 'user.write', { unitId: unit.id, unitPath: unit.path })) throw forbidden();
  if (!unit.active) throw new DomainError('UNIT_INACTIVE');
  return unit;
}

function checkRoles(
  ctx: AuthedContext,
  roles: readonly Role[],
  target: { unit_id: string | null; enterprise_id: string | null; institute_id: string | null },
) {
  for (const role of roles) if (!canGrantRole(ctx.actor, role)) throw new DomainError('ROLE_NOT_GRANTABLE', { role });
  const fits = (role: Role) =>
    target.unit_id
      ? UNIT_ROLES.includes(role)
      : target.enterprise_id
        ? role === 'enterprise_user'
        : role === 'institute_user';
  const misfit = roles.find((r) => !fits(r));
  if (misfit) throw new DomainError('ROLE_NOT_APPLICABLE', { role: misfit });
}

export async function listUsers(db: Db, ctx: AuthedContext, query: RouteQuery<'listUsers'>) {
  const scope = scopeOf(ctx.actor, 'user.read');
  if (!scope) throw forbidden();
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  let base = selectUserRows(db).where(userScopeFilter(scope, ctx.actor));
  if (query.q) {
    const like = `%${likeEscape(query.q)}%`;
    base = base.where(sql<boolean>`(u.username || ' ' || u.display_name) ILIKE ${like}`);
  }
  if (query.unitId) base = base.where('u.unit_id', '=', query.unitId);
  if (query.role) base = base.where(sql<boolean>`u.roles @> ARRAY[${query.role}]::text[]`);
  if (query.status) base = base.where('u.status', '=', query.status);
  const sort = query.sort ?? 'username';
  const ordered =
    sort === '-createdAt'
      ? base.orderBy('u.created_at', 'desc')
      : sort === 'createdAt'
        ? base.orderBy('u.created_at', 'asc')
        : sort === '-lastLoginAt'
          ? base.orderBy(sql`u.last_login_at DESC NULLS LAST`)
          : base.orderBy('u.username');
  const [rows, count] = await Promise.all([
    // User names are unique; other sort keys get the id as a tie-break for stable pages.
    (sort === 'username' ? ordered : ordered.orderBy('u.id'))
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map((u) => present(ctx, u)), total: Number(count.n), page, pageSize };
}

export async function getUser(db: Db, ctx: AuthedContext, id: string): Promise<UserT> {
  return present(ctx, await loadInScope(db, ctx, id, 'user.read'));
}

export async function createUser(db: Db, ctx: AuthedContext, body: RouteBody<'createUser'>) {
  const temporaryPassword = generateTemporaryPassword(body.username);
  const passwordHash = await hashPassword(temporaryPassword);
  const id = await db.transaction().execute(async (tx) => {
    await targetUnit(tx, ctx, body.unitId);
    checkRoles(ctx, body.roles, { unit_id: body.unitId, enterprise_id: null, institute_id: null });
    if (await usernameTaken(tx, body.username)) throw new DomainError('USERNAME_TAKEN', { username: body.username });
    const now = ctx.audit.clock.now();
    const id = await insertPendingUser(
      tx,
      { ...body, displayName: body.displayName.trim(), unitId: body.unitId },
      passwordHash,
      now,
    );
    const created = (await findUserById(tx, id)) as UserWithOrg;
    await appendAudit(tx, ctx.audit, {
      action: 'user.create',
      entityType: 'user',
      entityId: id,
      unitId: body.unitId,
      after: auditUser(created),
    });
    return id;
  });
  return { user: await getUser(db, ctx, id), temporaryPassword };
}

/** Runs a versioned change to one user under a row lock and audits it. */
async function changeUser(
  db: Db,
  ctx: AuthedContext,
  id: string,
  version: number,
  permission: 'user.write' | 'user.grant' | 'user.reset_password',
  action: string,
  apply: (tx: DbOrTx, before: UserWithOrg) => Promise<void>,
): Promise<UserT> {
  await db.transaction().execute(async (tx) => {
    const lock = await lockUserRow(tx, id);
    if (!lock) throw notFound();
    const before = await loadInScope(tx, ctx, id, permission);
    if (before.version !== version) throw versionConflict(before.version);
    await apply(tx, before);
    await tx
      .updateTable('users')
      .set({ version: sql<number>`version + 1`, updated_at: ctx.audit.clock.now() })
      .where('id', '=', id)
      .execute();
    const after = (await findUserById(tx, id)) as UserWithOrg;
    await appendAudit(tx, ctx.audit, {
      action,
      entityType: 'user',
      entityId: id,
      unitId: after.unit_id ?? before.unit_id,
      before: auditUser(before),
      after: auditUser(after),
    });
  });
  return getUser(db, ctx, id);
}

export function updateUser(db: Db, ctx: AuthedContext, id: string, body: RouteBody<'updateUser'>) {
  return changeUser(db, ctx, id, body.version, 'user.write', 'user.update', async (tx, before) => {
    if (body.unitId !== undefined && body.unitId !== before.unit_id) {
      if (!before.unit_id) throw new DomainError('ROLE_NOT_APPLICABLE');
      await targetUnit(tx, ctx, body.unitId);
    }
    await tx
      .updateTable('users')
      .set({
        ...(body.displayName !== undefined ? { display_name: body.displayName.trim() } : {}),
        ...(body.unitId !== undefined && before.unit_id ? { unit_id: body.unitId } : {}),
        ...(body.phone !== undefined ? { phone: body.phone } : {}),
        ...(body.email !== undefined ? { email: body.email } : {}),
      })
      .where('id', '=', id)
      .execute();
  });
}

export function setUserRoles(db: Db, ctx: AuthedContext, id: string, body: RouteBody<'setUserRoles'>) {
  return changeUser(db, ctx, id, body.version, 'user.grant', 'user.roles_changed', async (tx, before) => {
    if (id === ctx.actor.userId) throw new DomainError('CANNOT_CHANGE_SELF');
    const current = before.roles as Role[];
    const touched = [
      ...body.roles.filter((r) => !current.includes(r)),
      ...current.filter((r) => !body.roles.includes(r)),
    ];
    // Every role added or taken away must be one the actor may grant, and fit the user's kind of organisation.
    checkRoles(ctx, touched, before);
    await tx.updateTable('users').set({ roles: body.roles }).where('id', '=', id).execute();
  });
}

export function setUserStatus(db: Db, ctx: AuthedContext, id: string, body: RouteBody<'setUserStatus'>) {
  return changeUser(db, ctx, id, body.version, 'user.write', `user.status_${body.status}`, async (tx, before) => {
    if (id === ctx.actor.userId) throw new DomainError('CANNOT_CHANGE_SELF');
    const now = ctx.audit.clock.now();
    // Re-activating keeps a never-used account pending until its first password change.
    const status = body.status === 'active' && before.must_change_password ? 'pending' : body.status;
    await tx
      .updateTable('users')
      .set({ status, ...(body.status === 'active' ? { locked_until: null, failed_logins: 0 } : {}) })
      .where('id', '=', id)
      .execute();
    if (body.status !== 'active') await revokeSessions(tx, id, now);
  });
}

export async function resetUserPassword(db: Db, ctx: AuthedContext, id: string, version: number) {
  const target = await loadInScope(db, ctx, id, 'user.reset_password');
  if (id === ctx.actor.userId) throw new DomainError('CANNOT_CHANGE_SELF');
  const temporaryPassword = generateTemporaryPassword(target.username);
  const passwordHash = await hashPassword(temporaryPassword);
  const user = await changeUser(db, ctx, id, version, 'user.reset_password', 'user.password_reset', async (tx) => {
    const now = ctx.audit.clock.now();
    await setTemporaryPassword(tx, id, passwordHash, now, { unlock: false });
    await revokeSessions(tx, id, now);
  });
  return { user, temporaryPassword };
}

export async function revokeUserSessions(db: Db, ctx: AuthedContext, id: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const user = await loadInScope(tx, ctx, id, 'user.write');
    const now = ctx.audit.clock.now();
    const ended = await revokeSessions(tx, id, now);
    await appendAudit(tx, ctx.audit, {
      action: 'user.sessions_revoked',
      entityType: 'user',
      entityId: id,
      unitId: user.unit_id,
      after: { sessionsEnded: ended },
    });
  });
}
