/** The `imports` table: one row per uploaded file, its validated rows kept until commit. */
import { type Selectable, sql } from 'kysely';
import type { DbOrTx } from '../../db/database';
import type { ImportsTable } from '../../db/types';

// `summary` is typed as generated JSON in db/types.ts; a jsonb expression is what it takes.
const jsonb = (value: unknown) => sql<never>`${JSON.stringify(value)}::jsonb`;

export type ImportRowT = Selectable<ImportsTable>;

export async function insertImport(
  db: DbOrTx,
  row: {
    type: string;
    fileName: string;
    fileHash: string;
    rowsTotal: number;
    rowsInvalid: number;
    summary: unknown;
    payload: unknown;
    createdBy: string;
    now: Date;
  },
): Promise<ImportRowT> {
  return db
    .insertInto('imports')
    .values({
      type: row.type,
      file_name: row.fileName,
      file_hash: row.fileHash,
      rows_total: row.rowsTotal,
      rows_invalid: row.rowsInvalid,
      state: 'previewed',
      summary: jsonb(row.summary),
      payload: JSON.stringify(row.payload),
      created_by: row.createdBy,
      created_at: row.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** An import of `userId` (someone else's import does not exist for them). */
export const findOwnImport = (db: DbOrTx, id: string, userId: string) =>
  db
    .selectFrom('imports')
    .select(['id', 'type', 'file_name', 'file_hash', 'rows_total', 'rows_invalid', 'state', 'summary'])
    .select(['created_by', 'created_at', 'committed_at'])
    .where('id', '=', id)
    .where('created_by', '=', userId)
    .executeTakeFirst();

export const lockOwnImport = (db: DbOrTx, id: string, userId: string) =>
  db
    .selectFrom('imports')
    .selectAll()
    .where('id', '=', id)
    .where('created_by', '=', userId)
    .forUpdate()
    .executeTakeFirst();

/** Marks an import committed and drops its payload (the data now lives in its register). */
export async function markCommitted(db: DbOrTx, id: string, summary: unknown, now: Date): Promise<void> {
  await db
    .updateTable('imports')
    .set({ state: 'committed', committed_at: now, payload: null, summary: jsonb(summary) })
    .where('id', '=', id)
    .execute();
}

/**
 * Deletes, in one statement, the previews never committed that were uploaded before `cutoff` — their validated
 * rows and summary live only in the row, so nothing else is left behind. Committed imports stay (the audit
 * refers to them). Rows a commit holds locked right now are skipped and caught by the next run.
 */
export async function deleteStalePreviews(db: DbOrTx, cutoff: Date): Promise<number> {
  const result = await sql<{ id: string }>`
    DELETE FROM imports
    WHERE id = ANY(ARRAY(
      SELECT id FROM imports
      WHERE state = 'previewed' AND created_at < ${cutoff}
      FOR UPDATE SKIP LOCKED
    ))
    AND state = 'previewed'
    RETURNING id
  `.execute(db);
  return result.rows.length;
}
