import type { Insertable, Selectable } from 'kysely';
import type { DbOrTx } from '../../db/database';
import type { ApiTokensTable } from '../../db/types';

export type TokenRow = Selectable<ApiTokensTable>;

export const listTokensOf = (db: DbOrTx, userId: string) =>
  db
    .selectFrom('api_tokens')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .limit(100)
    .execute();

export const insertToken = (db: DbOrTx, values: Insertable<ApiTokensTable>) =>
  db.insertInto('api_tokens').values(values).returningAll().executeTakeFirstOrThrow();

/** Locks one token of its owner; another user's token is not found. */
export const lockOwnToken = (db: DbOrTx, id: string, userId: string) =>
  db
    .selectFrom('api_tokens')
    .selectAll()
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .forUpdate()
    .executeTakeFirst();

export const markRevoked = (db: DbOrTx, id: string, at: Date) =>
  db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
