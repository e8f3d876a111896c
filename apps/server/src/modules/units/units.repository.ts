import type { UnitT } from '@zaitun/contracts';
import { sql } from 'kysely';
import type { DbOrTx } from '../../db/database';
import type { UnitRow } from '../../db/types';

export type UnitWithCount = UnitRow & { user_count: number };

export function selectUnits(db: DbOrTx) {
  return db
    .selectFrom('units')
    .selectAll('units')
    .select(
      sql<number>`(SELECT count(*)::int FROM users WHERE users.unit_id = units.id AND users.status <> 'disabled')`.as(
        'user_count',
      ),
    );
}

export const findUnit = (db: DbOrTx, id: string): Promise<UnitWithCount | undefined> =>
  selectUnits(db).where('units.id', '=', id).executeTakeFirst();

/** Locks the unit row for a write (the version check and the change happen under the lock). */
export const lockUnit = (db: DbOrTx, id: string) =>
  db.selectFrom('units').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const codeTaken = async (db: DbOrTx, code: string, exceptId?: string) => {
  let q = db.selectFrom('units').select('id').where(sql`lower(code)`, '=', code.toLowerCase());
  if (exceptId) q = q.where('id', '!=', exceptId);
  return !!(await q.executeTakeFirst());
};

/** Re-roots a whole subtree in one statement: new path prefix and depth for the unit and everything below it. */
export async function moveSubtree(db: DbOrTx, oldPath: string, newPath: string, depthDelta: number): Promise<void> {
  await db
    .updateTable('units')
    .set({
      path: sql<string>`${newPath} || substr(path, ${oldPath.length + 1})`,
      depth: sql<number>`depth + ${depthDelta}`,
    })
    .where('path', 'like', `${oldPath}%`)
    .execute();
}

export function presentUnit(u: UnitWithCount): UnitT {
  return {
    id: u.id,
    code: u.code,
    nameZh: u.name_zh,
    nameEn: u.name_en,
    shortName: u.short_name,
    type: u.type as UnitT['type'],
    parentId: u.parent_id,
    divisionCode: u.division_code,
    sortOrder: u.sort_order,
    active: u.active,
    depth: u.depth,
    userCount: Number(u.user_count),
    version: u.version,
    createdAt: new Date(u.created_at).toISOString(),
    updatedAt: new Date(u.updated_at).toISOString(),
  };
}

/** The audited form of a unit. */
export const auditUnit = (u: UnitRow) => ({
  code: u.code,
  nameZh: u.name_zh,
  nameEn: u.name_en,
  shortName: u.short_name,
  type: u.type,
  parentId: u.parent_id,
  divisionCode: u.division_code,
  sortOrder: u.sort_order,
  active: u.active,
});
