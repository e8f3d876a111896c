/** Indicators, targets and figures in the database; the set-based figure writer every source goes through. */
import type { FigureT, IndicatorT, TargetT } from '@zaitun/contracts';
import { type RawBuilder, sql } from 'kysely';
import type { DbOrTx } from '../../db/database';
import type { IndicatorRow, IndicatorTargetRow } from '../../db/types';

export function presentIndicator(r: IndicatorRow): IndicatorT {
  return {
    id: r.id,
    code: r.code,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    measureUnit: r.measure_unit,
    frequency: r.frequency as IndicatorT['frequency'],
    kind: r.kind as IndicatorT['kind'],
    direction: r.direction as IndicatorT['direction'],
    decimals: r.decimals,
    additive: r.additive,
    responsibleUnitId: r.responsible_unit_id,
    definition: r.definition,
    source: r.source,
    sortOrder: r.sort_order,
    active: r.active,
    version: r.version,
    updatedAt: r.updated_at.toISOString(),
  };
}

export const listIndicatorRows = (db: DbOrTx) =>
  db.selectFrom('indicators').selectAll().orderBy('sort_order').orderBy('code').execute();

export const findIndicatorRow = (db: DbOrTx, id: string) =>
  db.selectFrom('indicators').selectAll().where('id', '=', id).executeTakeFirst();

export const lockIndicatorRow = (db: DbOrTx, id: string) =>
  db.selectFrom('indicators').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

/** Is the month one of the indicator's reporting periods (quarterly: 3, 6, 9, 12; annual: 12)? */
export function isDue(frequency: string, month: number): boolean {
  if (frequency === 'quarterly') return month % 3 === 0;
  if (frequency === 'annual') return month === 12;
  return true;
}

/** The indicator's latest reporting month at or before `month` (null: none yet this year). */
export function effectiveMonth(frequency: string, month: number): number | null {
  if (frequency === 'quarterly') return month >= 3 ? month - (month % 3) : null;
  if (frequency === 'annual') return month === 12 ? 12 : null;
  return month;
}

// ── Targets ──────────────────────────────────────────────────────────────────────────────────────────────────────

export type TargetRowWithName = IndicatorTargetRow & { updated_by_name: string | null };

export const targetQuery = (db: DbOrTx) =>
  db
    .selectFrom('indicator_targets as t')
    .leftJoin('users as u', 'u.id', 't.updated_by')
    .selectAll('t')
    .select('u.display_name as updated_by_name');

export function presentTarget(r: TargetRowWithName, target: number | null): TargetT {
  return {
    id: r.id,
    indicatorId: r.indicator_id,
    unitId: r.unit_id,
    year: r.year,
    kind: r.kind as TargetT['kind'],
    value: r.value,
    targetValue: target,
    state: r.state as TargetT['state'],
    note: r.note,
    version: r.version,
    updatedAt: r.updated_at.toISOString(),
    updatedByName: r.updated_by_name,
  };
}

/**
 * Last year's annual figure per indicator and unit, as a growth target needs it: the December value of a
 * year-to-date or stock indicator, the sum of the twelve months of a period indicator (null when a month is missing).
 */
export async function annualFigures(
  db: DbOrTx,
  year: number,
  indicatorIds: readonly string[],
): Promise<Map<string, number>> {
  if (indicatorIds.length === 0) return new Map();
  const rows = await sql<{ indicator_id: string; unit_id: string; value: number | null }>`
    SELECT f.indicator_id, f.unit_id,
           CASE WHEN i.kind = 'period' AND i.frequency = 'monthly'
                THEN CASE WHEN count(*) = 12 THEN sum(f.value) END
                WHEN i.kind = 'period' AND i.frequency = 'quarterly'
                THEN CASE WHEN count(*) FILTER (WHERE f.month % 3 = 0) = 4 THEN sum(f.value) FILTER (WHERE f.month % 3 = 0) END
                ELSE max(f.value) FILTER (WHERE f.month = 12) END AS value
      FROM indicator_figures f JOIN indicators i ON i.id = f.indicator_id
     WHERE f.year = ${year} AND f.indicator_id = ANY(${indicatorIds}::uuid[])
     GROUP BY f.indicator_id, f.unit_id, i.kind, i.frequency`.execute(db);
  const out = new Map<string, number>();
  for (const r of rows.rows) if (r.value !== null) out.set(`${r.indicator_id}|${r.unit_id}`, Number(r.value));
  return out;
}

// ── Figures ──────────────────────────────────────────────────────────────────────────────────────────────────────

export const figureQuery = (db: DbOrTx) =>
  db
    .selectFrom('indicator_figures as f')
    .leftJoin('users as u', 'u.id', 'f.updated_by')
    .leftJoin('users as v', 'v.id', 'f.verified_by')
    .leftJoin('imports as im', 'im.id', 'f.import_id')
    .selectAll('f')
    .select([
      'u.display_name as updated_by_name',
      'v.display_name as verified_by_name',
      'im.file_name as import_file_name',
    ]);

export type FigureRowFull = Awaited<ReturnType<ReturnType<typeof figureQuery>['executeTakeFirstOrThrow']>>;

export function presentFigure(r: FigureRowFull): FigureT {
  return {
    id: r.id,
    indicatorId: r.indicator_id,
    unitId: r.unit_id,
    year: r.year,
    month: r.month,
    value: r.value,
    reportedYoy: r.reported_yoy,
    source: r.source as FigureT['source'],
    importId: r.import_id,
    importRow: r.import_row,
    importFileName: r.import_file_name,
    state: r.state as FigureT['state'],
    conflictValue: r.conflict_value,
    version: r.version,
    updatedAt: r.updated_at.toISOString(),
    updatedByName: r.updated_by_name,
    verifiedAt: r.verified_at ? r.verified_at.toISOString() : null,
    verifiedByName: r.verified_by_name,
  };
}

export interface FigureInput {
  indicatorId: string;
  unitId: string;
  year: number;
  month: number;
  value: number;
  reportedYoy: number | null;
  /** The sheet row an imported figure came from. */
  importRow?: number | null;
}

export interface FigureWrite {
  source: 'entry' | 'import' | 'seed';
  importId: string | null;
  state: 'reported' | 'verified';
  byUser: string | null;
  now: Date;
}

export interface WrittenFigure {
  id: string;
  indicatorId: string;
  unitId: string;
  year: number;
  month: number;
  version: number;
  value: number;
  inserted: boolean;
  /** The entered value an import replaced with a different one (now flagged). */
  conflictValue: number | null;
}

/**
 * Writes figures in one statement (any number of rows, e.g. a 100k-row import), keeping each new state in the
 * history. A cell whose value, reported YoY and state are unchanged is left alone (the same file twice changes
 * nothing). An import over a different value a unit entered keeps that value in `conflict_value` (flagged until
 * verified); an entry clears the flag; any change clears a verification. Answers the rows written.
 */
/** The statement of writeFigures up to its final SELECT, which reads the CTE `written`. */
function figureWriteSql(rows: readonly FigureInput[], w: FigureWrite, select: RawBuilder<unknown>) {
  return sql`
    WITH input AS (
      SELECT * FROM unnest(${rows.map((r) => r.indicatorId)}::uuid[], ${rows.map((r) => r.unitId)}::uuid[],
                           ${rows.map((r) => r.year)}::int[], ${rows.map((r) => r.month)}::int[],
                           ${rows.map((r) => r.value)}::float8[], ${rows.map((r) => r.reportedYoy)}::float8[],
                           ${rows.map((r) => r.importRow ?? null)}::int[])
               AS t(indicator_id, unit_id, year, month, value, reported_yoy, import_row)
    ), written AS (
      INSERT INTO indicator_figures AS f
             (indicator_id, unit_id, year, month, value, reported_yoy, source, import_id, import_row, state,
              updated_by, updated_at, verified_by, verified_at)
      SELECT indicator_id, unit_id, year, month, value, reported_yoy, ${w.source}, ${w.importId}::uuid, import_row,
             ${w.state}, ${w.byUser}::uuid, ${w.now},
             ${w.state === 'verified' ? w.byUser : null}::uuid, ${w.state === 'verified' ? w.now : null}::timestamptz
        FROM input
      ON CONFLICT (indicator_id, year, month, unit_id) DO UPDATE SET
             value = excluded.value, reported_yoy = excluded.reported_yoy, source = excluded.source,
             import_id = excluded.import_id, import_row = excluded.import_row, state = excluded.state,
             conflict_value = CASE
               WHEN excluded.source = 'import' AND f.source = 'entry' AND f.value <> excluded.value THEN f.value
               WHEN excluded.source = 'import' THEN f.conflict_value
               ELSE NULL END,
             version = f.version + 1, updated_by = excluded.updated_by, updated_at = excluded.updated_at,
             verified_by = excluded.verified_by, verified_at = excluded.verified_at
       WHERE f.value IS DISTINCT FROM excluded.value OR f.reported_yoy IS DISTINCT FROM excluded.reported_yoy
          OR f.state IS DISTINCT FROM excluded.state
      RETURNING f.*, (xmax = 0) AS inserted
    ), history AS (
      INSERT INTO indicator_figure_changes
             (figure_id, version, value, reported_yoy, source, import_id, import_row, state, by_user, at)
      SELECT id, version, value, reported_yoy, source, import_id, import_row, state, updated_by, updated_at FROM written
    )
    ${select}`;
}

export async function writeFigures(db: DbOrTx, rows: readonly FigureInput[], w: FigureWrite): Promise<WrittenFigure[]> {
  if (rows.length === 0) return [];
  const result = await sql<{
    id: string;
    indicator_id: string;
    unit_id: string;
    year: number;
    month: number;
    version: number;
    value: number;
    inserted: boolean;
    conflict_value: number | null;
  }>`${figureWriteSql(
    rows,
    w,
    sql`SELECT id, indicator_id, unit_id, year, month, version, value, inserted, conflict_value FROM written`,
  )}`.execute(db);
  return result.rows.map((r) => ({
    id: r.id,
    indicatorId: r.indicator_id,
    unitId: r.unit_id,
    year: r.year,
    month: r.month,
    version: r.version,
    value: r.value,
    inserted: r.inserted,
    conflictValue: r.conflict_value,
  }));
}

/**
 * writeFigures for a large batch (an import): the same statement, answering only how many cells were created,
 * updated, and newly flagged as conflicts — not a row per cell (100k rows back to the process cost time and memory).
 */
export async function writeFiguresCounted(
  db: DbOrTx,
  rows: readonly FigureInput[],
  w: FigureWrite,
): Promise<{ created: number; updated: number; conflicts: number }> {
  if (rows.length === 0) return { created: 0, updated: 0, conflicts: 0 };
  const result = await sql<{ created: number; updated: number; conflicts: number }>`${figureWriteSql(
    rows,
    w,
    sql`SELECT count(*) FILTER (WHERE inserted)::int AS created, count(*) FILTER (WHERE NOT inserted)::int AS updated,
               count(*) FILTER (WHERE conflict_value IS NOT NULL AND NOT inserted)::int AS conflicts FROM written`,
  )}`.execute(db);
  const r = result.rows[0];
  return { created: r?.created ?? 0, updated: r?.updated ?? 0, conflicts: r?.conflicts ?? 0 };
}
