/**
 * Reference data every installation needs (not demo data): the working-day calendar for the years the
 * chinese-days package covers, the default item categories, the dispatch and the document settings.
 * Idempotent: run at every start; rows an admin has changed are left alone.
 */
import { DEFAULT_DISPATCH_SETTINGS, DEFAULT_DOCUMENT_SETTINGS } from '@zaitun/contracts';
import type { DbOrTx } from '../db/database';
import { chineseDaysRows } from '../modules/calendar/calendar.seed';
import {
  DEFAULT_ITEM_CATEGORIES,
  DISPATCH_SETTINGS_KEY,
  DOCUMENT_SETTINGS_KEY,
} from '../modules/settings/settings.repository';

export async function ensureReferenceData(db: DbOrTx): Promise<void> {
  const known = new Set((await db.selectFrom('calendar_years').select('year').execute()).map((r) => r.year));
  const { rows, coveredYears } = chineseDaysRows();
  const missing = coveredYears.filter((y) => !known.has(y));
  if (missing.length) {
    const days = rows.filter((r) => missing.includes(Number(r.date.slice(0, 4))));
    await db
      .insertInto('calendar_years')
      .values(missing.map((year) => ({ year, source: 'seed', notice: 'chinese-days 1.5' })))
      .onConflict((oc) => oc.column('year').doNothing())
      .execute();
    for (let i = 0; i < days.length; i += 500) {
      await db
        .insertInto('calendar_days')
        .values(days.slice(i, i + 500).map((d) => ({ day: d.date, kind: d.kind, name: d.name })))
        .onConflict((oc) => oc.column('day').doNothing())
        .execute();
    }
  }
  await db
    .insertInto('dictionary_entries')
    .values(
      DEFAULT_ITEM_CATEGORIES.map((c, i) => ({
        dict: 'item_category',
        code: c.code,
        name_zh: c.nameZh,
        name_en: c.nameEn,
        sort_order: (i + 1) * 10,
      })),
    )
    .onConflict((oc) => oc.columns(['dict', 'code']).doNothing())
    .execute();
  await db
    .insertInto('settings')
    .values([
      { key: DISPATCH_SETTINGS_KEY, value: JSON.stringify(DEFAULT_DISPATCH_SETTINGS) },
      { key: DOCUMENT_SETTINGS_KEY, value: JSON.stringify(DEFAULT_DOCUMENT_SETTINGS) },
    ])
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}
