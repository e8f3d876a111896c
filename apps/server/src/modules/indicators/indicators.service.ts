/**
 * Indicators, annual targets and figures: definitions and targets are HQ's (`indicator.manage`), every unit enters
 * its own figures before the period's deadline (`figure.report`, HQ any unit any time), HQ verifies
 * (`figure.verify`). Every change is audited in its transaction and kept in the history tables.
 */
import {
  type CockpitSettingsT,
  can,
  DEFAULT_COCKPIT_SETTINGS,
  type RouteBody,
  type RouteQuery,
  type RouteResponse,
  scopeOf,
} from '@zaitun/contracts';
import { sql } from 'kysely';
import type { Db, DbOrTx } from '../../db/database';
import type { AuthedContext } from '../../http/context';
import { appendAudit } from '../../lib/audit';
import { DomainError, forbidden, notFound, versionConflict } from '../../lib/errors';
import { shanghaiDate } from '../calendar/calendar.domain';
import { lockSetting, writeSetting } from '../settings/settings.repository';
import { targetValue } from './indicators.domain';
import {
  annualFigures,
  figureQuery,
  findIndicatorRow,
  isDue,
  listIndicatorRows,
  lockIndicatorRow,
  presentFigure,
  presentIndicator,
  presentTarget,
  targetQuery,
  writeFigures,
} from './indicators.repository';

// ── Settings ─────────────────────────────────────────────────────────────────────────────────────────────────────

export const COCKPIT_SETTINGS_KEY = 'cockpit';

export async function loadCockpitSettings(db: DbOrTx): Promise<{ settings: CockpitSettingsT; version: number }> {
  const row = await db
    .selectFrom('settings')
    .select(['value', 'version'])
    .where('key', '=', COCKPIT_SETTINGS_KEY)
    .executeTakeFirst();
  const stored = (row?.value ?? {}) as Partial<CockpitSettingsT>;
  return {
    settings: {
      ...DEFAULT_COCKPIT_SETTINGS,
      ...stored,
      leagues: { ...DEFAULT_COCKPIT_SETTINGS.leagues, ...(stored.leagues ?? {}) },
    },
    version: row?.version ?? 1,
  };
}

export async function updateCockpitSettings(
  db: Db,
  ctx: AuthedContext,
  body: RouteBody<'updateCockpitSettings'>,
): Promise<RouteResponse<'updateCockpitSettings'>> {
  const codes = new Set((await listIndicatorRows(db)).map((r) => r.code));
  const problems = Object.entries(body.settings.leagues).flatMap(([board, comps]) =>
    comps.flatMap((c, i) =>
      c.kind === 'indicator' && !codes.has(c.indicator)
        ? [{ path: `/settings/leagues/${board}/${i}/indicator`, message: 'unknown indicator' }]
        : [],
    ),
  );
  if (problems.length) throw new DomainError('VALIDATION_FAILED', problems);
  await db.transaction().execute(async (tx) => {
    const locked = await lockSetting(tx, COCKPIT_SETTINGS_KEY);
    const before = await loadCockpitSettings(tx);
    if ((locked?.version ?? 1) !== body.version) throw versionConflict(locked?.version ?? 1);
    await writeSetting(tx, COCKPIT_SETTINGS_KEY, body.settings, ctx.audit.clock.now());
    await appendAudit(tx, ctx.audit, {
      action: 'settings.update',
      entityType: 'settings',
      entityId: COCKPIT_SETTINGS_KEY,
      unitId: null,
      before: before.settings,
      after: body.settings,
    });
  });
  return loadCockpitSettings(db);
}

// ── Indicators ───────────────────────────────────────────────────────────────────────────────────────────────────

export async function listIndicators(db: Db): Promise<RouteResponse<'listIndicators'>> {
  return { items: (await listIndicatorRows(db)).map(presentIndicator) };
}

async function checkResponsibleUnit(db: DbOrTx, unitId: string | null | undefined): Promise<void> {
  if (!unitId) return;
  const unit = await db.selectFrom('units').select('id').where('id', '=', unitId).executeTakeFirst();
  if (!unit) throw new DomainError('VALIDATION_FAILED', [{ path: '/responsibleUnitId', message: 'unknown unit' }]);
}

export async function createIndicator(
  db: Db,
  ctx: AuthedContext,
  body: RouteBody<'createIndicator'>,
): Promise<RouteResponse<'createIndicator'>> {
  const now = ctx.audit.clock.now();
  return db.transaction().execute(async (tx) => {
    await checkResponsibleUnit(tx, body.responsibleUnitId);
    const taken = await tx.selectFrom('indicators').select('id').where('code', '=', body.code).executeTakeFirst();
    if (taken) throw new DomainError('INDICATOR_CODE_TAKEN', { code: body.code });
    const row = await tx
      .insertInto('indicators')
      .values({
        code: body.code,
        name_zh: body.nameZh.trim(),
        name_en: body.nameEn.trim(),
        measure_unit: body.measureUnit.trim(),
        frequency: body.frequency,
        kind: body.kind,
        direction: body.direction,
        decimals: body.decimals,
        additive: body.additive,
        responsible_unit_id: body.responsibleUnitId,
        definition: body.definition ?? '',
        source: body.source ?? '',
        sort_order: body.sortOrder ?? 0,
        created_at: now,
        updated_by: ctx.actor.userId,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const out = presentIndicator(row);
    await appendAudit(tx, ctx.audit, {
      action: 'indicator.create',
      entityType: 'indicator',
      entityId: row.id,
      unitId: null,
      after: out,
    });
    return out;
  });
}

export async function updateIndicator(
  db: Db,
  ctx: AuthedContext,
  id: string,
  body: RouteBody<'updateIndicator'>,
): Promise<RouteResponse<'updateIndicator'>> {
  const now = ctx.audit.clock.now();
  return db.transaction().execute(async (tx) => {
    const row = await lockIndicatorRow(tx, id);
    if (!row) throw notFound();
    if (row.version !== body.version) throw versionConflict(row.version);
    await checkResponsibleUnit(tx, body.responsibleUnitId);
    const updated = await tx
      .updateTable('indicators')
      .set({
        ...(body.nameZh !== undefined ? { name_zh: body.nameZh.trim() } : {}),
        ...(body.nameEn !== undefined ? { name_en: body.nameEn.trim() } : {}),
        ...(body.measureUnit !== undefined ? { measure_unit: body.measureUnit.trim() } : {}),
        ...(body.frequency !== undefined ? { frequency: body.frequency } : {}),
        ...(body.kind !== undefined ? { kind: body.kind } : {}),
        ...(body.direction !== undefined ? { direction: body.direction } : {}),
        ...(body.decimals !== undefined ? { decimals: body.decimals } : {}),
        ...(body.additive !== undefined ? { additive: body.additive } : {}),
        ...(body.responsibleUnitId !== undefined ? { responsible_unit_id: body.responsibleUnitId } : {}),
        ...(body.definition !== undefined ? { definition: body.definition } : {}),
        ...(body.source !== undefined ? { source: body.source } : {}),
        ...(body.sortOrder !== undefined ? { sort_order: body.sortOrder } : {}),
        ...(body.active !== undefined ? { active: body.active } : {}),
        version: row.version + 1,
        updated_by: ctx.actor.userId,
        updated_at: now,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const out = presentIndicator(updated);
    await appendAudit(tx, ctx.audit, {
      action: 'indicator.update',
      entityType: 'indicator',
      entityId: id,
      unitId: null,
      before: presentIndicator(row),
      after: out,
    });
    return out;
  });
}

// ── Targets ──────────────────────────────────────────────────────────────────────────────────────────────────────

export async function listTargets(db: Db, query: RouteQuery<'listTargets'>): Promise<RouteResponse<'listTargets'>> {
  let q = targetQuery(db).where('t.year', '=', query.year);
  if (query.indicatorId) q = q.where('t.indicator_id', '=', query.indicatorId);
  if (query.unitId) q = q.where('t.unit_id', '=', query.unitId);
  const rows = await q.orderBy('t.indicator_id').orderBy('t.unit_id').execute();
  const annual = await annualFigures(db, query.year - 1, [...new Set(rows.map((r) => r.indicator_id))]);
  return {
    items: rows.map((r) =>
      presentTarget(r, resolvedTarget(r.kind, r.value, annual.get(`${r.indicator_id}|${r.unit_id}`))),
    ),
  };
}

export const resolvedTarget = (kind: string, value: number, lastYear: number | undefined | null) =>
  targetValue(kind === 'growth' ? { kind: 'growth', rate: value } : { kind: 'value', value }, lastYear ?? null);

export async function putTarget(
  db: Db,
  ctx: AuthedContext,
  body: RouteBody<'putTarget'>,
): Promise<RouteResponse<'putTarget'>> {
  const now = ctx.audit.clock.now();
  const id = await db.transaction().execute(async (tx) => {
    if (!(await findIndicatorRow(tx, body.indicatorId))) {
      throw new DomainError('VALIDATION_FAILED', [{ path: '/indicatorId', message: 'unknown indicator' }]);
    }
    const unit = await tx.selectFrom('units').select('id').where('id', '=', body.unitId).executeTakeFirst();
    if (!unit) throw new DomainError('VALIDATION_FAILED', [{ path: '/unitId', message: 'unknown unit' }]);
    const existing = await tx
      .selectFrom('indicator_targets')
      .selectAll()
      .where('indicator_id', '=', body.indicatorId)
      .where('unit_id', '=', body.unitId)
      .where('year', '=', body.year)
      .forUpdate()
      .executeTakeFirst();
    if (existing ? existing.version !== body.version : body.version !== undefined) {
      throw versionConflict(existing?.version);
    }
    const fields = { kind: body.kind, value: body.value, note: body.note ?? existing?.note ?? '', state: 'draft' };
    const row = existing
      ? await tx
          .updateTable('indicator_targets')
          .set({ ...fields, version: existing.version + 1, updated_by: ctx.actor.userId, updated_at: now })
          .where('id', '=', existing.id)
          .returningAll()
          .executeTakeFirstOrThrow()
      : await tx
          .insertInto('indicator_targets')
          .values({
            ...fields,
            indicator_id: body.indicatorId,
            unit_id: body.unitId,
            year: body.year,
            updated_by: ctx.actor.userId,
            updated_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
    await tx
      .insertInto('indicator_target_changes')
      .values({
        target_id: row.id,
        version: row.version,
        kind: row.kind,
        value: row.value,
        state: row.state,
        note: row.note,
        by_user: ctx.actor.userId,
        at: now,
      })
      .execute();
    const plain = (r: typeof row) => ({ kind: r.kind, value: r.value, state: r.state, note: r.note, year: r.year });
    await appendAudit(tx, ctx.audit, {
      action: existing ? 'target.update' : 'target.create',
      entityType: 'indicator_target',
      entityId: row.id,
      unitId: row.unit_id,
      before: existing ? plain(existing) : null,
      after: { ...plain(row), indicatorId: row.indicator_id },
    });
    return row.id;
  });
  const row = await targetQuery(db).where('t.id', '=', id).executeTakeFirstOrThrow();
  const annual = await annualFigures(db, row.year - 1, [row.indicator_id]);
  return presentTarget(row, resolvedTarget(row.kind, row.value, annual.get(`${row.indicator_id}|${row.unit_id}`)));
}

export async function confirmTargets(
  db: Db,
  ctx: AuthedContext,
  body: RouteBody<'confirmTargets'>,
): Promise<RouteResponse<'confirmTargets'>> {
  const now = ctx.audit.clock.now();
  return db.transaction().execute(async (tx) => {
    let q = tx
      .updateTable('indicator_targets')
      .set({ state: 'confirmed', version: sql<number>`version + 1`, updated_by: ctx.actor.userId, updated_at: now })
      .where('year', '=', body.year)
      .where('state', '=', 'draft');
    if (body.indicatorId) q = q.where('indicator_id', '=', body.indicatorId);
    if (body.unitIds?.length) q = q.where('unit_id', 'in', body.unitIds);
    const rows = await q.returningAll().execute();
    if (rows.length === 0) return { changed: 0 };
    await tx
      .insertInto('indicator_target_changes')
      .values(
        rows.map((r) => ({
          target_id: r.id,
          version: r.version,
          kind: r.kind,
          value: r.value,
          state: r.state,
          note: r.note,
          by_user: ctx.actor.userId,
          at: now,
        })),
      )
      .execute();
    await appendAudit(
      tx,
      ctx.audit,
      ...rows.map((r) => ({
        action: 'target.confirm',
        entityType: 'indicator_target',
        entityId: r.id,
        unitId: r.unit_id,
        before: { state: 'draft' },
        after: { state: 'confirmed' },
      })),
    );
    return { changed: rows.length };
  });
}

export async function listTargetChanges(db: Db, id: string): Promise<RouteResponse<'listTargetChanges'>> {
  const target = await db.selectFrom('indicator_targets').select('id').where('id', '=', id).executeTakeFirst();
  if (!target) throw notFound();
  const rows = await db
    .selectFrom('indicator_target_changes as c')
    .leftJoin('users as u', 'u.id', 'c.by_user')
    .selectAll('c')
    .select('u.display_name as by_name')
    .where('c.target_id', '=', id)
    .orderBy('c.version', 'desc')
    .execute();
  return {
    items: rows.map((r) => ({
      version: r.version,
      kind: r.kind as 'value' | 'growth',
      value: r.value,
      state: r.state as 'draft' | 'confirmed',
      note: r.note,
      byName: r.by_name,
      at: r.at.toISOString(),
    })),
  };
}

// ── Figures ──────────────────────────────────────────────────────────────────────────────────────────────────────

/** The figure scope of the caller as a unit filter: null = every unit. */
function figureUnitFilter(ctx: AuthedContext, permission: 'figure.read' | 'figure.report'): string | null {
  const scope = scopeOf(ctx.actor, permission);
  if (scope === null) throw forbidden();
  if (scope === 'all') return null;
  if (!ctx.actor.unitId) throw forbidden();
  return ctx.actor.unitId;
}

export async function listFigures(
  db: Db,
  ctx: AuthedContext,
  query: RouteQuery<'listFigures'>,
): Promise<RouteResponse<'listFigures'>> {
  const own = figureUnitFilter(ctx, 'figure.read');
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  let q = figureQuery(db).where('f.year', '=', query.year);
  if (own) q = q.where('f.unit_id', '=', own);
  if (query.month) q = q.where('f.month', '=', query.month);
  if (query.indicatorId) q = q.where('f.indicator_id', '=', query.indicatorId);
  if (query.unitId) q = q.where('f.unit_id', '=', query.unitId);
  if (query.state) q = q.where('f.state', '=', query.state);
  if (query.source) q = q.where('f.source', '=', query.source);
  if (query.conflict) q = q.where('f.conflict_value', 'is not', null);
  if (query.importId) q = q.where('f.import_id', '=', query.importId);
  const [rows, count] = await Promise.all([
    q
      .innerJoin('indicators as i', 'i.id', 'f.indicator_id')
      .innerJoin('units as un', 'un.id', 'f.unit_id')
      .orderBy('f.month', 'desc')
      .orderBy('i.sort_order')
      .orderBy('un.sort_order')
      .orderBy('f.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(presentFigure), total: Number(count.n), page, pageSize };
}

export async function getFigure(db: Db, ctx: AuthedContext, id: string): Promise<RouteResponse<'getFigure'>> {
  const row = await figureQuery(db).where('f.id', '=', id).executeTakeFirst();
  if (!row || !can(ctx.actor, 'figure.read', { unitId: row.unit_id })) throw notFound();
  const [indicator, unit, history] = await Promise.all([
    findIndicatorRow(db, row.indicator_id),
    db.selectFrom('units').select(['name_zh', 'name_en']).where('id', '=', row.unit_id).executeTakeFirstOrThrow(),
    db
      .selectFrom('indicator_figure_changes as c')
      .leftJoin('users as u', 'u.id', 'c.by_user')
      .leftJoin('imports as im', 'im.id', 'c.import_id')
      .selectAll('c')
      .select(['u.display_name as by_name', 'im.file_name as import_file_name'])
      .where('c.figure_id', '=', id)
      .orderBy('c.version', 'desc')
      .execute(),
  ]);
  if (!indicator) throw notFound();
  return {
    figure: presentFigure(row),
    indicator: presentIndicator(indicator),
    unitNameZh: unit.name_zh,
    unitNameEn: unit.name_en,
    history: history.map((h) => ({
      version: h.version,
      value: h.value,
      reportedYoy: h.reported_yoy,
      source: h.source as 'entry' | 'import' | 'seed',
      importId: h.import_id,
      importRow: h.import_row,
      importFileName: h.import_file_name,
      state: h.state as 'reported' | 'verified',
      byName: h.by_name,
      at: h.at.toISOString(),
    })),
  };
}

/** The last day to report the figures of (year, month): `reportDay` of the next month, `YYYY-MM-DD`. */
export function reportDeadline(year: number, month: number, reportDay: number): string {
  const y = month === 12 ? year + 1 : year;
  const m = month === 12 ? 1 : month + 1;
  return `${y}-${String(m).padStart(2, '0')}-${String(reportDay).padStart(2, '0')}`;
}

/** Refuses a period that has not ended yet (Asia/Shanghai). */
function checkPeriodEnded(year: number, month: number, now: Date): void {
  const today = shanghaiDate(now);
  const current = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7));
  if (year * 12 + month >= current) throw new DomainError('PERIOD_IN_FUTURE', { year, month });
}

export async function getEntryForm(
  db: Db,
  ctx: AuthedContext,
  query: RouteQuery<'getEntryForm'>,
): Promise<RouteResponse<'getEntryForm'>> {
  const own = figureUnitFilter(ctx, 'figure.report');
  if (own && own !== query.unitId) throw notFound();
  const unit = await db.selectFrom('units').select('id').where('id', '=', query.unitId).executeTakeFirst();
  if (!unit) throw notFound();
  const { settings } = await loadCockpitSettings(db);
  const deadline = reportDeadline(query.year, query.month, settings.reportDay);
  const late = shanghaiDate(ctx.audit.clock.now()) > deadline && own !== null;
  const indicators = (await listIndicatorRows(db)).filter((i) => i.active && isDue(i.frequency, query.month));
  const figures = await figureQuery(db)
    .where('f.unit_id', '=', query.unitId)
    .where('f.year', 'in', [query.year, query.year - 1])
    .where('f.month', '=', query.month)
    .execute();
  const byKey = new Map(figures.map((f) => [`${f.indicator_id}|${f.year}`, f]));
  return {
    unitId: query.unitId,
    year: query.year,
    month: query.month,
    deadline,
    rows: indicators.map((i) => {
      const figure = byKey.get(`${i.id}|${query.year}`) ?? null;
      const locked = figure?.state === 'verified' && own !== null ? 'verified' : late ? 'deadline_passed' : null;
      return {
        indicator: presentIndicator(i),
        figure: figure ? presentFigure(figure) : null,
        lastYearValue: byKey.get(`${i.id}|${query.year - 1}`)?.value ?? null,
        locked,
      };
    }),
  };
}

/**
 * A unit's entries for a month, all or nothing: every indicator active and due that month, the period ended,
 * the deadline not passed (HQ: any time), an existing figure's version matching and not verified (HQ may correct).
 */
export async function saveFigures(
  db: Db,
  ctx: AuthedContext,
  body: RouteBody<'saveFigures'>,
): Promise<RouteResponse<'saveFigures'>> {
  const own = figureUnitFilter(ctx, 'figure.report');
  if (own && own !== body.unitId) throw notFound();
  const now = ctx.audit.clock.now();
  checkPeriodEnded(body.year, body.month, now);
  const { settings } = await loadCockpitSettings(db);
  if (own && shanghaiDate(now) > reportDeadline(body.year, body.month, settings.reportDay)) {
    throw new DomainError('FIGURE_DEADLINE_PASSED', { year: body.year, month: body.month });
  }
  const ids = body.entries.map((e) => e.indicatorId);
  if (new Set(ids).size !== ids.length) {
    throw new DomainError('VALIDATION_FAILED', [{ path: '/entries', message: 'an indicator appears twice' }]);
  }
  await db.transaction().execute(async (tx) => {
    const unit = await tx.selectFrom('units').select('id').where('id', '=', body.unitId).executeTakeFirst();
    if (!unit) throw notFound();
    const indicators = await tx.selectFrom('indicators').selectAll().where('id', 'in', ids).execute();
    const byId = new Map(indicators.map((i) => [i.id, i]));
    body.entries.forEach((e, n) => {
      const ind = byId.get(e.indicatorId);
      if (!ind) throw new DomainError('VALIDATION_FAILED', [{ path: `/entries/${n}/indicatorId`, message: 'unknown' }]);
      if (!ind.active) throw new DomainError('INDICATOR_INACTIVE', { indicator: ind.code });
      if (!isDue(ind.frequency, body.month)) throw new DomainError('INDICATOR_NOT_DUE', { indicator: ind.code });
    });
    const existing = await tx
      .selectFrom('indicator_figures')
      .selectAll()
      .where('unit_id', '=', body.unitId)
      .where('year', '=', body.year)
      .where('month', '=', body.month)
      .where('indicator_id', 'in', ids)
      .forUpdate()
      .execute();
    const current = new Map(existing.map((f) => [f.indicator_id, f]));
    for (const e of body.entries) {
      const f = current.get(e.indicatorId);
      if (f ? f.version !== e.version : e.version !== undefined) throw versionConflict(f?.version);
      if (f?.state === 'verified' && own) throw new DomainError('FIGURE_VERIFIED', { figureId: f.id });
    }
    const written = await writeFigures(
      tx,
      body.entries.map((e) => ({
        indicatorId: e.indicatorId,
        unitId: body.unitId,
        year: body.year,
        month: body.month,
        value: e.value,
        reportedYoy: e.reportedYoy ?? null,
      })),
      { source: 'entry', importId: null, state: 'reported', byUser: ctx.actor.userId, now },
    );
    if (written.length) {
      await appendAudit(
        tx,
        ctx.audit,
        ...written.map((w) => {
          const before = current.get(w.indicatorId);
          return {
            action: before ? 'figure.update' : 'figure.create',
            entityType: 'indicator_figure',
            entityId: w.id,
            unitId: body.unitId,
            before: before ? { value: before.value, reportedYoy: before.reported_yoy, state: before.state } : null,
            after: {
              indicator: byId.get(w.indicatorId)?.code ?? null,
              year: w.year,
              month: w.month,
              value: w.value,
              reportedYoy: body.entries.find((e) => e.indicatorId === w.indicatorId)?.reportedYoy ?? null,
              state: 'reported',
              source: 'entry',
            },
          };
        }),
      );
    }
  });
  return getEntryForm(db, ctx, { unitId: body.unitId, year: body.year, month: body.month });
}

/** HQ verifies a period's reported figures (clearing import conflicts), each verification kept in the history. */
export async function verifyFigures(
  db: Db,
  ctx: AuthedContext,
  body: RouteBody<'verifyFigures'>,
): Promise<RouteResponse<'verifyFigures'>> {
  const now = ctx.audit.clock.now();
  return db.transaction().execute(async (tx) => {
    let q = tx
      .updateTable('indicator_figures')
      .set({
        state: 'verified',
        conflict_value: null,
        version: sql<number>`version + 1`,
        verified_by: ctx.actor.userId,
        verified_at: now,
      })
      .where('year', '=', body.year)
      .where('month', '=', body.month)
      .where('state', '=', 'reported');
    if (body.indicatorId) q = q.where('indicator_id', '=', body.indicatorId);
    if (body.unitId) q = q.where('unit_id', '=', body.unitId);
    const rows = await q.returningAll().execute();
    if (rows.length === 0) return { changed: 0 };
    await tx
      .insertInto('indicator_figure_changes')
      .values(
        rows.map((r) => ({
          figure_id: r.id,
          version: r.version,
          value: r.value,
          reported_yoy: r.reported_yoy,
          source: r.source,
          import_id: r.import_id,
          import_row: r.import_row,
          state: r.state,
          by_user: ctx.actor.userId,
          at: now,
        })),
      )
      .execute();
    await appendAudit(tx, ctx.audit, {
      action: 'figure.verify',
      entityType: 'indicator_figure',
      entityId: null,
      unitId: body.unitId ?? null,
      after: {
        year: body.year,
        month: body.month,
        indicatorId: body.indicatorId ?? null,
        unitId: body.unitId ?? null,
        figures: rows.length,
      },
    });
    return { changed: rows.length };
  });
}
