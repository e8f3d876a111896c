/** The working-day calendar's SQL: reading it into the pure model of calendar.domain.ts, and replacing a year. */
import type { CalendarDayT } from '@zaitun/contracts';
import { sql } from 'kysely';
import type { DbOrTx } from '../../db/database';
import { buildCalendar, type CalendarData, type DayKind } from './calendar.domain';

/** The whole calendar: a few hundred override rows, read when a clock is set (cheap and always current). */
export async function loadCalendar(db: DbOrTx): Promise<CalendarData> {
  const [days, years] = await Promise.all([
    db.selectFrom('calendar_days').select(['day', 'kind']).execute(),
    db.selectFrom('calendar_years').select('year').execute(),
  ]);
  return buildCalendar(
    days.map((d) => ({ date: d.day, kind: d.kind as DayKind })),
    years.map((y) => y.year),
  );
}

export interface CalendarYearRow {
  year: number;
  source: string;
  notice: string;
  version: number;
  updated_at: Date;
}

export interface YearCounts {
  year: number;
  holidays: number;
  workdays: number;
}

const yearBounds = (year: number) => [`${year}-01-01`, `${year}-12-31`] as const;

/** Every year row with its override counts (years with days but no year row are listed too, uncovered). */
export async function listYearsWithCounts(db: DbOrTx): Promise<(YearCounts & { row: CalendarYearRow | null })[]> {
  const [rows, counts] = await Promise.all([
    db.selectFrom('calendar_years').selectAll().execute(),
    db
      .selectFrom('calendar_days')
      .select([
        sql<number>`extract(year FROM day)::int`.as('year'),
        sql<number>`count(*) FILTER (WHERE kind = 'holiday')::int`.as('holidays'),
        sql<number>`count(*) FILTER (WHERE kind = 'workday')::int`.as('workdays'),
      ])
      .groupBy(sql`extract(year FROM day)`)
      .execute(),
  ]);
  const byYear = new Map<number, YearCounts & { row: CalendarYearRow | null }>();
  for (const row of rows) byYear.set(row.year, { year: row.year, holidays: 0, workdays: 0, row });
  for (const c of counts) {
    const entry = byYear.get(c.year) ?? { year: c.year, holidays: 0, workdays: 0, row: null };
    entry.holidays = c.holidays;
    entry.workdays = c.workdays;
    byYear.set(c.year, entry);
  }
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

export const findYear = (db: DbOrTx, year: number): Promise<CalendarYearRow | undefined> =>
  db.selectFrom('calendar_years').selectAll().where('year', '=', year).executeTakeFirst();

/** Locks a year's row for a replacement (the version check and the change happen under the lock). */
export const lockYear = (db: DbOrTx, year: number): Promise<CalendarYearRow | undefined> =>
  db.selectFrom('calendar_years').selectAll().where('year', '=', year).forUpdate().executeTakeFirst();

/** The overrides of some years (all years without `years`), by date. */
export async function daysOf(db: DbOrTx, years?: readonly number[]): Promise<CalendarDayT[]> {
  let q = db.selectFrom('calendar_days').select(['day', 'kind', 'name']);
  if (years) {
    if (years.length === 0) return [];
    q = q.where(sql<boolean>`extract(year FROM day)::int = ANY(${sql.val(years)}::int[])`);
  }
  const rows = await q.orderBy('day').execute();
  return rows.map((r) => ({ date: r.day, kind: r.kind as DayKind, name: r.name }));
}

/**
 * Replaces a year's overrides and upserts its year row (version + 1). Returns false when the year row was created
 * meanwhile by someone else (`expectExisting` false but the row is there).
 */
export async function replaceYear(
  tx: DbOrTx,
  input: { year: number; source: 'manual' | 'import'; notice: string; days: readonly CalendarDayT[]; now: Date },
  existing: CalendarYearRow | undefined,
): Promise<CalendarYearRow | null> {
  const [first, last] = yearBounds(input.year);
  let row: CalendarYearRow | undefined;
  if (existing) {
    row = await tx
      .updateTable('calendar_years')
      .set({ source: input.source, notice: input.notice, version: sql<number>`version + 1`, updated_at: input.now })
      .where('year', '=', input.year)
      .returningAll()
      .executeTakeFirstOrThrow();
  } else {
    row = await tx
      .insertInto('calendar_years')
      .values({ year: input.year, source: input.source, notice: input.notice, updated_at: input.now })
      .onConflict((oc) => oc.column('year').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) return null;
  }
  await tx.deleteFrom('calendar_days').where('day', '>=', first).where('day', '<=', last).execute();
  if (input.days.length > 0) {
    await tx
      .insertInto('calendar_days')
      .values(input.days.map((d) => ({ day: d.date, kind: d.kind, name: d.name, updated_at: input.now })))
      .execute();
  }
  return row;
}

/** The clocks of the items whose clock runs (assigned, in progress), to recompute after a calendar change. */
export function openItemClockInputs(db: DbOrTx) {
  return db
    .selectFrom('items')
    .select(['id', 'dispatched_at', 'deadline'])
    .where('state', 'in', ['assigned', 'in_progress'])
    .where('deadline', 'is not', null)
    .where('dispatched_at', 'is not', null)
    .forUpdate()
    .execute();
}

export interface ItemClocks {
  id: string;
  yellowAt: Date;
  escalateYellowAt: Date;
  escalateRedAt: Date;
}

const CLOCK_BATCH = 5000; // 4 parameters a row, well under PostgreSQL's 65 535

/** Writes recomputed clocks in set-based statements (UPDATE … FROM VALUES); returns the rows that changed. */
export async function writeItemClocks(tx: DbOrTx, clocks: readonly ItemClocks[]): Promise<number> {
  let changed = 0;
  for (let i = 0; i < clocks.length; i += CLOCK_BATCH) {
    const values = clocks
      .slice(i, i + CLOCK_BATCH)
      .map(
        (c) =>
          sql`(${c.id}::uuid, ${c.yellowAt.toISOString()}::timestamptz, ${c.escalateYellowAt.toISOString()}::timestamptz, ${c.escalateRedAt.toISOString()}::timestamptz)`,
      );
    const result = await sql`
      UPDATE items AS i
         SET yellow_at = v.yellow_at, escalate_yellow_at = v.escalate_yellow_at, escalate_red_at = v.escalate_red_at
        FROM (VALUES ${sql.join(values)}) AS v (id, yellow_at, escalate_yellow_at, escalate_red_at)
       WHERE i.id = v.id
         AND (i.yellow_at IS DISTINCT FROM v.yellow_at
              OR i.escalate_yellow_at IS DISTINCT FROM v.escalate_yellow_at
              OR i.escalate_red_at IS DISTINCT FROM v.escalate_red_at)`.execute(tx);
    changed += Number(result.numAffectedRows ?? 0);
  }
  return changed;
}
