/**
 * The `calendar` import: the export's layout (日期 / 类型 / 名称, one row per override). Each year present in the
 * file replaces that year of the calendar on commit; years the file does not mention are left alone.
 */
import type { CalendarDayT } from '@zaitun/contracts';
import type { DbOrTx, Tx } from '../../db/database';
import type { ImportSpec } from '../../lib/xlsx';
import { defineImport, type ImportGroup, type ImportPlan, type StoredRowError } from '../imports/imports.types';
import { daysOf, findYear } from './calendar.repository';
import { CALENDAR_COLUMN_TITLES, CALENDAR_KIND_LABELS, replaceYears, type YearReplacement } from './calendar.service';

type Key = 'date' | 'kind' | 'name';

const KIND_BY_LABEL = new Map<string, CalendarDayT['kind']>([
  ['放假', 'holiday'],
  ['休', 'holiday'],
  ['holiday', 'holiday'],
  ['调休上班', 'workday'],
  ['上班', 'workday'],
  ['班', 'workday'],
  ['workday', 'workday'],
]);

export const CALENDAR_IMPORT_SPEC: ImportSpec<Key> = {
  type: 'calendar',
  sheetName: { 'zh-CN': '工作日历', 'en-US': 'Calendar' },
  columns: [
    { key: 'date', header: CALENDAR_COLUMN_TITLES.date, kind: 'date', required: true, example: '2027-10-01' },
    {
      key: 'kind',
      header: CALENDAR_COLUMN_TITLES.kind,
      kind: 'enum',
      required: true,
      values: [...KIND_BY_LABEL.keys()],
      example: CALENDAR_KIND_LABELS.holiday['zh-CN'],
    },
    { key: 'name', header: CALENDAR_COLUMN_TITLES.name, kind: 'string', maxLength: 30, example: '国庆节' },
  ],
  maxRows: 5000,
};

interface Payload {
  years: { year: number; days: CalendarDayT[] }[];
}

const MIN_YEAR = 2000;
const MAX_YEAR = 2100;

/** How a year's days in the file compare with the stored ones (by date). */
export function diffYear(stored: readonly CalendarDayT[], incoming: readonly CalendarDayT[]) {
  const before = new Map(stored.map((d) => [d.date, d]));
  let create = 0;
  let update = 0;
  let unchanged = 0;
  for (const d of incoming) {
    const old = before.get(d.date);
    if (!old) create++;
    else if (old.kind !== d.kind || old.name !== d.name) update++;
    else unchanged++;
    before.delete(d.date);
  }
  return { create, update, unchanged, remove: before.size };
}

async function compare(db: DbOrTx, years: Payload['years']): Promise<ImportGroup[]> {
  const stored = await daysOf(
    db,
    years.map((y) => y.year),
  );
  const groups: ImportGroup[] = [];
  for (const { year, days } of years) {
    const row = await findYear(db, year);
    const storedDays = stored.filter((d) => d.date.startsWith(`${year}-`));
    groups.push({ key: String(year), isNew: !row, ...diffYear(storedDays, days) });
  }
  return groups;
}

const sum = (groups: readonly ImportGroup[]) => ({
  create: groups.reduce((n, g) => n + g.create, 0),
  update: groups.reduce((n, g) => n + g.update, 0),
  unchanged: groups.reduce((n, g) => n + g.unchanged, 0),
});

/** A year is left alone when it is stored already and the file changes nothing in it. */
const changesSomething = (g: ImportGroup) => g.isNew || g.create + g.update + g.remove > 0;

export const calendarImport = defineImport<Key, Payload>({
  type: 'calendar',
  title: { 'zh-CN': '工作日历', 'en-US': 'working-day-calendar' },
  permission: 'calendar.manage',
  spec: CALENDAR_IMPORT_SPEC,

  async plan(db, rows): Promise<ImportPlan<Payload>> {
    const errors: StoredRowError[] = [];
    const firstRowOf = new Map<string, number>();
    const byYear = new Map<number, CalendarDayT[]>();
    for (const row of rows) {
      const date = String(row.values.date);
      const kind = KIND_BY_LABEL.get(String(row.values.kind).toLowerCase());
      const year = Number(date.slice(0, 4));
      if (year < MIN_YEAR || year > MAX_YEAR) {
        errors.push({
          rowNumber: row.rowNumber,
          column: 'date',
          code: 'YEAR_OUT_OF_RANGE',
          message: {
            'zh-CN': `「日期」须在 ${MIN_YEAR}–${MAX_YEAR} 年之间，不能是「${date}」`,
            'en-US': `"Date" must be in the years ${MIN_YEAR}–${MAX_YEAR}, not "${date}"`,
          },
        });
        continue;
      }
      const first = firstRowOf.get(date);
      if (first !== undefined) {
        errors.push({
          rowNumber: row.rowNumber,
          column: 'date',
          code: 'DUPLICATE',
          message: {
            'zh-CN': `日期「${date}」与第 ${first} 行重复`,
            'en-US': `The date "${date}" is already on row ${first}`,
          },
        });
        continue;
      }
      firstRowOf.set(date, row.rowNumber);
      if (!kind) continue; // the enum column already refused it
      const days = byYear.get(year) ?? [];
      days.push({ date, kind, name: row.values.name === null ? '' : String(row.values.name) });
      byYear.set(year, days);
    }
    const years = [...byYear.entries()]
      .sort(([a], [b]) => a - b)
      .map(([year, days]) => ({ year, days: days.sort((a, b) => a.date.localeCompare(b.date)) }));
    const groups = await compare(db, years);
    return {
      errors,
      payload: { years },
      changes: sum(groups),
      groups,
      sample: years.flatMap((y) => y.days).slice(0, 10),
    };
  },

  async apply(tx: Tx, ctx, payload, file) {
    // Compared again under the commit's transaction: the calendar may have changed since the preview.
    const groups = await compare(tx, payload.years);
    const replacements: YearReplacement[] = [];
    for (const { year, days } of payload.years) {
      const group = groups.find((g) => g.key === String(year));
      if (!group || !changesSomething(group)) continue;
      const existing = await findYear(tx, year);
      replacements.push({ year, days, notice: existing?.notice || file.fileName.slice(0, 200) });
    }
    if (replacements.length > 0) await replaceYears(tx, ctx, replacements, 'import', 'any');
    return { changes: sum(groups), groups };
  },
});
