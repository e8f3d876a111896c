import { CompiledQuery, type Insertable, sql } from 'kysely';
import type { DbOrTx } from '../../db/database';
import type { SessionsTable } from '../../db/types';
import { selectUserRows } from '../users/users.repository';

/** What a request needs to know about the signed-in user, joined from users and units. */
const ACTOR_COLUMNS = [
  'u.id',
  'u.username',
  'u.display_name',
  'u.roles',
  'u.unit_id',
  'u.status',
  'u.must_change_password',
  'un.path as unit_path',
] as const;

export async function countRecentFailures(db: DbOrTx, ip: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom('login_failures')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('ip', '=', ip)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export const recordFailure = (db: DbOrTx, ip: string, username: string, at: Date) =>
  db
    .insertInto('login_failures')
    .values({ ip, username: username.slice(0, 64), at })
    .execute();

export const findUserForLogin = (db: DbOrTx, username: string) =>
  selectUserRows(db)
    .select(['u.password_hash', 'u.failed_logins'])
    .where('u.username', '=', username)
    .executeTakeFirst();

export const setLoginFailures = (db: DbOrTx, userId: string, failures: number, lockedUntil: Date | null) =>
  db
    .updateTable('users')
    .set({ failed_logins: failures, locked_until: lockedUntil })
    .where('id', '=', userId)
    .execute();

export const recordLogin = (db: DbOrTx, userId: string, at: Date) =>
  db
    .updateTable('users')
    .set({
      failed_logins: 0,
      locked_until: null,
      previous_login_at: sql<Date | null>`last_login_at`,
      last_login_at: at,
    })
    .where('id', '=', userId)
    .execute();

export const insertSession = (db: DbOrTx, values: Insertable<SessionsTable>) =>
  db.insertInto('sessions').values(values).execute();

/** The signed-in user as the per-request lookups return it. */
export interface ActorRow {
  id: string;
  username: string;
  display_name: string;
  roles: string[];
  unit_id: string | null;
  status: string;
  must_change_password: boolean;
  unit_path: string | null;
}

// Every request runs one of these two lookups: plain SQL compiled once, not rebuilt by the query builder each time.
const ACTOR_SQL = ACTOR_COLUMNS.join(', ');
const FIND_SESSION = `SELECT s.id AS session_id, s.csrf_token, s.last_seen_at, s.expires_at, ${ACTOR_SQL}
  FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN units un ON un.id = u.unit_id
  WHERE s.token_hash = $1 AND s.revoked_at IS NULL`;
const FIND_TOKEN = `SELECT t.id AS token_id, t.permissions, t.expires_at, t.last_used_at, ${ACTOR_SQL}
  FROM api_tokens t JOIN users u ON u.id = t.user_id LEFT JOIN units un ON un.id = u.unit_id
  WHERE t.token_hash = $1 AND t.revoked_at IS NULL`;

export async function findSession(db: DbOrTx, tokenHash: string) {
  type Row = ActorRow & { session_id: string; csrf_token: string; last_seen_at: Date; expires_at: Date };
  return (await db.executeQuery<Row>(CompiledQuery.raw(FIND_SESSION, [tokenHash]))).rows[0];
}

export async function findToken(db: DbOrTx, tokenHash: string) {
  type Row = ActorRow & { token_id: string; permissions: string[]; expires_at: Date; last_used_at: Date | null };
  return (await db.executeQuery<Row>(CompiledQuery.raw(FIND_TOKEN, [tokenHash]))).rows[0];
}

export const touchSession = (db: DbOrTx, id: string, at: Date) =>
  db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', id).execute();

export const touchToken = (db: DbOrTx, id: string, at: Date) =>
  db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();

/** Ends a user's open sessions: all, only one (`only`), or all but one (`except`). Returns how many ended. */
export async function revokeSessions(
  db: DbOrTx,
  userId: string,
  at: Date,
  which: { only?: string | null; except?: string | null } = {},
): Promise<number> {
  let q = db
    .updateTable('sessions')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (which.only) q = q.where('id', '=', which.only);
  if (which.except) q = q.where('id', '!=', which.except);
  return Number((await q.executeTakeFirst()).numUpdatedRows);
}

export const revokeSession = (db: DbOrTx, id: string, at: Date) =>
  db.updateTable('sessions').set({ revoked_at: at }).where('id', '=', id).execute();

export const passwordHashOf = async (db: DbOrTx, userId: string) =>
  (await db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirstOrThrow())
    .password_hash;

/** Sets a new password chosen by the user: no longer temporary, and a pending account becomes active. */
export const setOwnPassword = (db: DbOrTx, userId: string, passwordHash: string, at: Date) =>
  db
    .updateTable('users')
    .set({
      password_hash: passwordHash,
      must_change_password: false,
      password_changed_at: at,
      status: sql<string>`CASE WHEN status = 'pending' THEN 'active' ELSE status END`,
      version: sql<number>`version + 1`,
      updated_at: at,
    })
    .where('id', '=', userId)
    .execute();
