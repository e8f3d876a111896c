import type { Role, Scope } from '@zaitun/contracts';
import { type ExpressionBuilder, sql } from 'kysely';
import type { DbOrTx } from '../../db/database';
import type { DB } from '../../db/types';

/** A user with the names of its unit / enterprise / institute, as lists and details need them. */
export function selectUserRows(db: DbOrTx) {
  return db
    .selectFrom('users as u')
    .leftJoin('units as un', 'un.id', 'u.unit_id')
    .leftJoin('enterprises as e', 'e.id', 'u.enterprise_id')
    .leftJoin('institutes as i', 'i.id', 'u.institute_id')
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.unit_id',
      'u.enterprise_id',
      'u.institute_id',
      'u.roles',
      'u.phone',
      'u.email',
      'u.status',
      'u.must_change_password',
      'u.password_changed_at',
      'u.locked_until',
      'u.last_login_at',
      'u.previous_login_at',
      'u.locale',
      'u.version',
      'u.created_at',
      'u.updated_at',
      'un.code as unit_code',
      'un.name_zh as unit_name_zh',
      'un.name_en as unit_name_en',
      'un.short_name as unit_short_name',
      'un.type as unit_type',
      'un.path as unit_path',
      'e.name_zh as enterprise_name_zh',
      'e.name_en as enterprise_name_en',
      'i.name_zh as institute_name_zh',
      'i.name_en as institute_name_en',
    ]);
}
export type UserWithOrg = Awaited<ReturnType<ReturnType<typeof selectUserRows>['executeTakeFirstOrThrow']>>;

/**
 * The data-scope predicate for users, applied in SQL: the same rule as the policy's `can` for one object.
 * 'self' reaches only the actor's own account.
 */
export function userScopeFilter(
  scope: Scope,
  actor: { userId: string; unitId: string | null; unitPath: string | null },
) {
  return (eb: ExpressionBuilder<DB & { u: DB['users']; un: DB['units'] }, 'u' | 'un'>) => {
    switch (scope) {
      case 'all':
        return eb.val(true);
      case 'subtree':
        return actor.unitPath ? eb('un.path', 'like', `${actor.unitPath}%`) : eb.val(false);
      case 'unit':
        return actor.unitId ? eb('u.unit_id', '=', actor.unitId) : eb.val(false);
      case 'self':
        return eb('u.id', '=', actor.userId);
    }
  };
}

export interface UserListFilter {
  q?: string;
  unitId?: string;
  role?: Role;
  status?: string;
}

export async function findUserById(db: DbOrTx, id: string): Promise<UserWithOrg | undefined> {
  return selectUserRows(db).where('u.id', '=', id).executeTakeFirst();
}

/** Escapes LIKE wildcards so that user input matches literally. */
export const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export const lockUserRow = (db: DbOrTx, id: string) =>
  db.selectFrom('users').select(['id', 'version']).where('id', '=', id).forUpdate().executeTakeFirst();

export const usernameTaken = async (db: DbOrTx, username: string) =>
  !!(await db.selectFrom('users').select('id').where(sql`username`, '=', username).executeTakeFirst());

/** A new account with a temporary password: pending until its first password change. Returns the id. */
export async function insertPendingUser(
  db: DbOrTx,
  v: {
    username: string;
    displayName: string;
    unitId: string;
    roles: Role[];
    phone?: string | null;
    email?: string | null;
  },
  passwordHash: string,
  at: Date,
): Promise<string> {
  const row = await db
    .insertInto('users')
    .values({
      username: v.username,
      display_name: v.displayName,
      unit_id: v.unitId,
      enterprise_id: null,
      institute_id: null,
      roles: v.roles,
      phone: v.phone ?? null,
      email: v.email ?? null,
      status: 'pending',
      password_hash: passwordHash,
      must_change_password: true,
      password_changed_at: at,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Gives an account a temporary password to change at the next sign-in, and clears the sign-in lock. An active
 * account becomes pending; with `unlock` (the CLI's way back in) an administrator's lock ends too.
 */
export const setTemporaryPassword = (
  db: DbOrTx,
  id: string,
  passwordHash: string,
  at: Date,
  options: { unlock: boolean },
) =>
  db
    .updateTable('users')
    .set({
      password_hash: passwordHash,
      must_change_password: true,
      password_changed_at: at,
      locked_until: null,
      failed_logins: 0,
      status: options.unlock
        ? sql<string>`CASE WHEN status IN ('active', 'locked') THEN 'pending' ELSE status END`
        : sql<string>`CASE WHEN status = 'active' THEN 'pending' ELSE status END`,
    })
    .where('id', '=', id)
    .execute();
