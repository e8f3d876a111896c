import { randomUUID } from 'node:crypto';
import { can, type RouteBody, type RouteQuery, type UnitT } from '@zaitun/contracts';
import { sql, type Updateable } from 'kysely';
import type { Db, DbOrTx, Tx } from '../../db/database';
import type { UnitRow, UnitsTable } from '../../db/types';
import type { AuthedContext } from '../../http/context';
import { appendAudit } from '../../lib/audit';
import { DomainError, forbidden, notFound, versionConflict } from '../../lib/errors';
import { likeEscape } from '../users/users.repository';
import { childPath, isSelfOrDescendant, isValidDivisionCode, orderForDisplay } from './units.domain';
import { auditUnit, codeTaken, findUnit, lockUnit, moveSubtree, presentUnit, selectUnits } from './units.repository';

const MAX_TREE = 5000;

function checkDivision(code: string | null | undefined) {
  if (code && !isValidDivisionCode(code)) throw new DomainError('DIVISION_CODE_INVALID', { divisionCode: code });
}

async function requireWritable(ctx: AuthedContext, db: DbOrTx, id: string) {
  const unit = await lockUnit(db, id);
  if (!unit) throw notFound();
  if (!can(ctx.actor, 'unit.write', { unitId: unit.id, unitPath: unit.path })) throw forbidden();
  return unit;
}

export async function listUnits(db: Db, query: RouteQuery<'listUnits'>): Promise<{ items: UnitT[]; total: number }> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  let q = selectUnits(db);
  let c = db.selectFrom('units');
  if (query.q) {
    const like = `%${likeEscape(query.q)}%`;
    const f = sql<boolean>`(units.name_zh ILIKE ${like} OR units.name_en ILIKE ${like} OR units.short_name ILIKE ${like} OR units.code ILIKE ${like})`;
    q = q.where(f);
    c = c.where(f);
  }
  if (query.type) {
    q = q.where('units.type', '=', query.type);
    c = c.where('units.type', '=', query.type);
  }
  if (query.parentId) {
    q = q.where('units.parent_id', '=', query.parentId);
    c = c.where('units.parent_id', '=', query.parentId);
  }
  if (query.active !== undefined) {
    q = q.where('units.active', '=', query.active);
    c = c.where('units.active', '=', query.active);
  }
  const sort = query.sort ?? 'sortOrder';
  const column = sort === 'code' ? 'units.code' : sort === 'nameZh' ? 'units.name_zh' : 'units.sort_order';
  const [rows, count] = await Promise.all([
    q
      .orderBy(column)
      .orderBy('units.code')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    c.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(presentUnit), total: Number(count.n) };
}

export async function unitTree(db: Db, includeInactive: boolean): Promise<{ items: UnitT[]; total: number }> {
  let q = selectUnits(db);
  if (!includeInactive) q = q.where('units.active', '=', true);
  const rows = await q.orderBy('units.depth').orderBy('units.sort_order').limit(MAX_TREE).execute();
  const items = orderForDisplay(rows.map(presentUnit));
  return { items, total: items.length };
}

export async function getUnit(db: Db, id: string): Promise<UnitT> {
  const unit = await findUnit(db, id);
  if (!unit) throw notFound();
  return presentUnit(unit);
}

export async function createUnit(db: Db, ctx: AuthedContext, body: RouteBody<'createUnit'>): Promise<UnitT> {
  checkDivision(body.divisionCode);
  const id = randomUUID();
  await db.transaction().execute(async (tx) => {
    let parentPath: string | null = null;
    let depth = 0;
    if (body.parentId) {
      const parent = await tx
        .selectFrom('units')
        .selectAll()
        .where('id', '=', body.parentId)
        .forShare()
        .executeTakeFirst();
      if (!parent?.active) throw new DomainError('UNIT_PARENT_INVALID', { parentId: body.parentId });
      if (!can(ctx.actor, 'unit.write', { unitId: parent.id, unitPath: parent.path })) throw forbidden();
      parentPath = parent.path;
      depth = parent.depth + 1;
    } else if (!can(ctx.actor, 'unit.write', { unitId: null, unitPath: '/' })) {
      throw forbidden();
    }
    if (await codeTaken(tx, body.code)) throw new DomainError('UNIT_CODE_TAKEN', { code: body.code });
    const now = ctx.audit.clock.now();
    const row = await tx
      .insertInto('units')
      .values({
        id,
        code: body.code,
        name_zh: body.nameZh.trim(),
        name_en: body.nameEn.trim(),
        short_name: body.shortName.trim(),
        type: body.type,
        parent_id: body.parentId,
        path: childPath(parentPath, id),
        depth,
        division_code: body.divisionCode ?? null,
        sort_order: body.sortOrder ?? 0,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(tx, ctx.audit, {
      action: 'unit.create',
      entityType: 'unit',
      entityId: id,
      unitId: id,
      after: auditUnit(row),
    });
  });
  return getUnit(db, id);
}

type UnitChanges = Updateable<UnitsTable>;

/**
 * Runs a versioned change to one unit under a row lock: scope and version checks, the change, version + 1, and the
 * audit event, all in one transaction. `apply` checks the rules and returns the columns to set (null: nothing to do).
 */
async function changeUnit(
  db: Db,
  ctx: AuthedContext,
  id: string,
  version: number,
  action: string,
  apply: (tx: Tx, before: UnitRow) => Promise<UnitChanges | null>,
): Promise<UnitT> {
  await db.transaction().execute(async (tx) => {
    const before = await requireWritable(ctx, tx, id);
    if (before.version !== version) throw versionConflict(before.version);
    const changes = await apply(tx, before);
    if (!changes) return;
    const after = await tx
      .updateTable('units')
      .set({ ...changes, version: sql<number>`version + 1`, updated_at: ctx.audit.clock.now() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(tx, ctx.audit, {
      action,
      entityType: 'unit',
      entityId: id,
      unitId: id,
      before: auditUnit(before),
      after: auditUnit(after),
    });
  });
  return getUnit(db, id);
}

export function updateUnit(db: Db, ctx: AuthedContext, id: string, body: RouteBody<'updateUnit'>): Promise<UnitT> {
  checkDivision(body.divisionCode);
  return changeUnit(db, ctx, id, body.version, 'unit.update', async (tx) => {
    if (body.code && (await codeTaken(tx, body.code, id)))
      throw new DomainError('UNIT_CODE_TAKEN', { code: body.code });
    return {
      ...(body.code !== undefined ? { code: body.code } : {}),
      ...(body.nameZh !== undefined ? { name_zh: body.nameZh.trim() } : {}),
      ...(body.nameEn !== undefined ? { name_en: body.nameEn.trim() } : {}),
      ...(body.shortName !== undefined ? { short_name: body.shortName.trim() } : {}),
      ...(body.type !== undefined ? { type: body.type } : {}),
      ...(body.divisionCode !== undefined ? { division_code: body.divisionCode } : {}),
      ...(body.sortOrder !== undefined ? { sort_order: body.sortOrder } : {}),
    };
  });
}

export function moveUnit(db: Db, ctx: AuthedContext, id: string, body: RouteBody<'moveUnit'>): Promise<UnitT> {
  return changeUnit(db, ctx, id, body.version, 'unit.move', async (tx, before) => {
    const parent = await tx
      .selectFrom('units')
      .selectAll()
      .where('id', '=', body.parentId)
      .forShare()
      .executeTakeFirst();
    if (!parent?.active || isSelfOrDescendant(before.path, parent.path)) {
      throw new DomainError('UNIT_PARENT_INVALID', { parentId: body.parentId });
    }
    if (!can(ctx.actor, 'unit.write', { unitId: parent.id, unitPath: parent.path })) throw forbidden();
    await moveSubtree(tx, before.path, childPath(parent.path, id), parent.depth + 1 - before.depth);
    return { parent_id: parent.id };
  });
}

export function setUnitActive(
  db: Db,
  ctx: AuthedContext,
  id: string,
  version: number,
  active: boolean,
): Promise<UnitT> {
  return changeUnit(db, ctx, id, version, active ? 'unit.activate' : 'unit.deactivate', async (tx, before) => {
    if (before.active === active) return null;
    if (!active) {
      const child = await tx
        .selectFrom('units')
        .select('id')
        .where('parent_id', '=', id)
        .where('active', '=', true)
        .executeTakeFirst();
      if (child) throw new DomainError('UNIT_HAS_ACTIVE_CHILDREN');
    } else if (before.parent_id) {
      const parent = await tx
        .selectFrom('units')
        .select('active')
        .where('id', '=', before.parent_id)
        .executeTakeFirst();
      if (!parent?.active) throw new DomainError('UNIT_PARENT_INVALID', { parentId: before.parent_id });
    }
    return { active };
  });
}

const FOREIGN_KEY_VIOLATION = '23503';

/** Deletes a unit nothing refers to. Any table that references units (now or in later modules) blocks it. */
export async function deleteUnit(db: Db, ctx: AuthedContext, id: string, version: number): Promise<void> {
  try {
    await db.transaction().execute(async (tx) => {
      const before = await requireWritable(ctx, tx, id);
      if (before.version !== version) throw versionConflict(before.version);
      await tx.deleteFrom('units').where('id', '=', id).execute();
      await appendAudit(tx, ctx.audit, {
        action: 'unit.delete',
        entityType: 'unit',
        entityId: id,
        unitId: id,
        before: auditUnit(before),
      });
    });
  } catch (err) {
    if ((err as { code?: string }).code === FOREIGN_KEY_VIOLATION) throw new DomainError('UNIT_IN_USE');
    throw err;
  }
}
