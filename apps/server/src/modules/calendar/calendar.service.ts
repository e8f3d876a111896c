/**
 * The working-day calendar as admins see it: the years it covers, a year's overrides, entering a year's State
 * Council notice, and the xlsx export. A change re-times the open items' yellow light and escalation clocks.
 */
import type { CalendarDayT, Locale, RouteBody, RouteResponse } from '@zaitun/contracts';
import type { Db, Tx } from '../../db/database';
import type { AuthedContext } from '../../http/context';
import { appendAudit } from '../../lib/audit';
import { DomainError, versionConflict } from '../../lib/errors';
import { xlsxBuffer } from '../../lib/xlsx';
import { clocksFor } from '../items/items.domain';
import { loadDispatchSettings } from '../settings/settings.repository';
import { shanghaiDate } from './calendar.domain';
import {
  type CalendarYearRow,
  daysOf,
  findYear,
  listYearsWithCounts,
  loadCalendar,
  lockYear,
  openItemClockInputs,
  replaceYear,
  writeItemClocks,
} from './calendar.repository';

type CalendarYearT = RouteResponse<'getCalendarYear'>;
type CalendarYearListT = RouteResponse<'listCalendarYears'>;

/** The years of the calendar, and this year and next when the calendar does not cover them. */
export async function listCalendarYears(db: Db, now: Date): Promise<CalendarYearListT> {
  const years = await listYearsWithCounts(db);
  const thisYear = Number(shanghaiDate(now).slice(0, 4));
  const covered = new Set(years.filter((y) => y.row).map((y) => y.year));
  return {
    items: years.map((y) => ({
      year: y.year,
      covered: y.row !== null,
      source: (y.row?.source ?? null) as CalendarYearListT['items'][number]['source'],
      holidays: y.holidays,
      workdays: y.workdays,
      version: y.row?.version ?? null,
      updatedAt: y.row ? y.row.updated_at.toISOString() : null,
    })),
    missingYears: [thisYear, thisYear + 1].filter((y) => !covered.has(y)),
  };
}

function presentYear(year: number, row: CalendarYearRow | undefined, days: CalendarDayT[]): CalendarYearT {
  return {
    year,
    covered: !!row,
    source: row?.source ?? null,
    notice: row?.notice ?? '',
    version: row?.version ?? null,
    days,
  };
}

/** A year's overrides; a year not entered yet comes back empty and uncovered (the editor then creates it). */
export async function getCalendarYear(db: Db, year: number): Promise<CalendarYearT> {
  const [row, days] = await Promise.all([findYear(db, year), daysOf(db, [year])]);
  return presentYear(year, row, days);
}

/**
 * The rules of a year's notice: every date inside the year, none twice. Throws the first broken rule with the
 * offending dates. Returns the days sorted, names trimmed.
 */
export function checkYearDays(year: number, days: readonly CalendarDayT[]): CalendarDayT[] {
  const outside = days.filter((d) => d.date.slice(0, 4) !== String(year)).map((d) => d.date);
  if (outside.length) throw new DomainError('CALENDAR_DATE_OUT_OF_YEAR', { year, dates: outside });
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const d of days) {
    if (seen.has(d.date)) twice.add(d.date);
    seen.add(d.date);
  }
  if (twice.size) {
    throw new DomainError('VALIDATION_FAILED', [
      { path: '/days', message: `dates entered twice: ${[...twice].join(', ')}`, dates: [...twice] },
    ]);
  }
  return [...days].map((d) => ({ ...d, name: d.name.trim() })).sort((a, b) => a.date.localeCompare(b.date));
}

const countKinds = (days: readonly CalendarDayT[]) => ({
  holidays: days.filter((d) => d.kind === 'holiday').length,
  workdays: days.filter((d) => d.kind === 'workday').length,
});

export interface YearReplacement {
  year: number;
  notice: string;
  days: CalendarDayT[];
}

/**
 * Replaces years of the calendar inside `tx` (rows locked, audited one event per year), then re-times the open
 * items once. `expectedVersion`: for the editor, the version it read (undefined: it believed the year new);
 * imports pass `'any'` and overwrite.
 */
export async function replaceYears(
  tx: Tx,
  ctx: AuthedContext,
  replacements: readonly YearReplacement[],
  source: 'manual' | 'import',
  expectedVersion: number | undefined | 'any',
): Promise<{ itemsRetimed: number }> {
  const now = ctx.audit.clock.now();
  for (const r of replacements) {
    const before = await lockYear(tx, r.year);
    if (expectedVersion !== 'any') {
      if (before && expectedVersion === undefined) throw versionConflict(before.version);
      if (before && before.version !== expectedVersion) throw versionConflict(before.version);
      if (!before && expectedVersion !== undefined) throw versionConflict();
    }
    const beforeDays = before ? await daysOf(tx, [r.year]) : [];
    const row = await replaceYear(tx, { year: r.year, source, notice: r.notice, days: r.days, now }, before);
    if (!row) throw versionConflict(); // created by someone else since we looked
    await appendAudit(tx, ctx.audit, {
      action: 'calendar.update',
      entityType: 'calendar_year',
      entityId: String(r.year),
      unitId: null,
      before: before ? { notice: before.notice, source: before.source, ...countKinds(beforeDays) } : null,
      after: { notice: row.notice, source: row.source, ...countKinds(r.days) },
    });
  }
  return { itemsRetimed: await retimeOpenItems(tx) };
}

/**
 * Recomputes when open items turn yellow and get escalated, with the calendar and settings as they are now in
 * `tx`. Deadlines and signing times are commitments already made and do not move.
 */
export async function retimeOpenItems(tx: Tx): Promise<number> {
  const [cal, { settings }, items] = await Promise.all([
    loadCalendar(tx),
    loadDispatchSettings(tx),
    openItemClockInputs(tx),
  ]);
  const clocks = items.map((item) => {
    const c = clocksFor(cal, settings, new Date(item.dispatched_at as Date), new Date(item.deadline as Date));
    return { id: item.id, yellowAt: c.yellowAt, escalateYellowAt: c.escalateYellowAt, escalateRedAt: c.escalateRedAt };
  });
  return writeItemClocks(tx, clocks);
}

/** Enters (or re-enters) a year's notice: replaces the year's overrides, with a version check. */
export async function putCalendarYear(
  db: Db,
  ctx: AuthedContext,
  year: number,
  body: RouteBody<'putCalendarYear'>,
): Promise<CalendarYearT> {
  const days = checkYearDays(year, body.days);
  await db
    .transaction()
    .execute((tx) => replaceYears(tx, ctx, [{ year, notice: body.notice.trim(), days }], 'manual', body.version));
  return getCalendarYear(db, year);
}

/** The xlsx layout shared by the export and the `calendar` import. */
export const CALENDAR_KIND_LABELS: Record<CalendarDayT['kind'], Record<Locale, string>> = {
  holiday: { 'zh-CN': '放假', 'en-US': 'holiday' },
  workday: { 'zh-CN': '调休上班', 'en-US': 'workday' },
};
export const CALENDAR_COLUMN_TITLES = {
  date: { 'zh-CN': '日期', 'en-US': 'Date' },
  kind: { 'zh-CN': '类型', 'en-US': 'Kind' },
  name: { 'zh-CN': '名称', 'en-US': 'Name' },
} as const;

/** Every override of every year, sorted, as an xlsx workbook in the import layout. */
export async function exportCalendar(db: Db, locale: Locale): Promise<{ fileName: string; bytes: Buffer }> {
  const days = await daysOf(db);
  const bytes = await xlsxBuffer([
    {
      name: locale === 'zh-CN' ? '工作日历' : 'Calendar',
      columns: [
        { header: CALENDAR_COLUMN_TITLES.date[locale], key: 'date', kind: 'date', width: 14 },
        { header: CALENDAR_COLUMN_TITLES.kind[locale], key: 'kind', kind: 'string', width: 12 },
        { header: CALENDAR_COLUMN_TITLES.name[locale], key: 'name', kind: 'string', width: 20 },
      ],
      rows: days.map((d) => ({ date: d.date, kind: CALENDAR_KIND_LABELS[d.kind][locale], name: d.name })),
    },
  ]);
  return { fileName: locale === 'zh-CN' ? '工作日历.xlsx' : 'working-day-calendar.xlsx', bytes };
}
