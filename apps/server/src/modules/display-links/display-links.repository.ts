import { CompiledQuery, type Insertable, type Selectable } from 'kysely';
import type { DbOrTx } from '../../db/database';
import type { DisplayLinksTable } from '../../db/types';

export type DisplayLinkRow = Selectable<DisplayLinksTable>;
/** A link with its creator's name, as the list shows it. */
export type DisplayLinkWithCreator = DisplayLinkRow & { created_by_name: string | null };

/** Links are few (one per meeting-room screen); the list is bounded anyway. */
const LIST_LIMIT = 200;

const withCreator = (db: DbOrTx) =>
  db
    .selectFrom('display_links as d')
    .leftJoin('users as u', 'u.id', 'd.created_by')
    .selectAll('d')
    .select('u.display_name as created_by_name');

export const listLinks = (db: DbOrTx): Promise<DisplayLinkWithCreator[]> =>
  withCreator(db).orderBy('d.created_at', 'desc').orderBy('d.id').limit(LIST_LIMIT).execute();

export const findLinkWithCreator = (db: DbOrTx, id: string): Promise<DisplayLinkWithCreator | undefined> =>
  withCreator(db).where('d.id', '=', id).executeTakeFirst();

export const insertLink = (db: DbOrTx, values: Insertable<DisplayLinksTable>) =>
  db.insertInto('display_links').values(values).returningAll().executeTakeFirstOrThrow();

export const lockLink = (db: DbOrTx, id: string) =>
  db.selectFrom('display_links').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const markRevoked = (db: DbOrTx, id: string, at: Date, by: string) =>
  db
    .updateTable('display_links')
    .set({ revoked_at: at, revoked_by: by })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

// Every request of a screen runs this lookup: plain SQL compiled once (as the session and API-token lookups are).
const FIND_BY_HASH = `SELECT id, name, prefix, created_by, expires_at, last_used_at, revoked_at
  FROM display_links WHERE token_hash = $1`;
type AuthRow = Pick<
  DisplayLinkRow,
  'id' | 'name' | 'prefix' | 'created_by' | 'expires_at' | 'last_used_at' | 'revoked_at'
>;

export async function findLinkByHash(db: DbOrTx, tokenHash: string): Promise<AuthRow | undefined> {
  return (await db.executeQuery<AuthRow>(CompiledQuery.raw(FIND_BY_HASH, [tokenHash]))).rows[0];
}

export const touchLink = (db: DbOrTx, id: string, at: Date) =>
  db.updateTable('display_links').set({ last_used_at: at }).where('id', '=', id).execute();
