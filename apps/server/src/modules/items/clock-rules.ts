/**
 * The clock rules items are shown with (the working-day calendar and the end of business), for `workingDaysLeft`.
 *
 * A list page needs them whenever one of its items has a running clock. Reading and building the calendar on every
 * request cost three round trips; instead one small query reads a stamp of the calendar and the dispatch settings,
 * and the rules are rebuilt only when the stamp changed. The stamp is read on every call, so a change made by any
 * process (several servers on one PostgreSQL) shows on the next request — never a stale answer.
 */
import { sql } from 'kysely';
import type { DbOrTx } from '../../db/database';
import type { CalendarData } from '../calendar/calendar.domain';
import { loadCalendar } from '../calendar/calendar.repository';
import { DISPATCH_SETTINGS_KEY, loadDispatchSettings } from '../settings/settings.repository';

export interface ClockRules {
  cal: CalendarData;
  endHour: number;
}

/** Per database handle (tests run several apps, each on its own database, in one process). */
const cache = new WeakMap<object, { stamp: string; rules: ClockRules }>();

async function loadClockRules(db: DbOrTx): Promise<ClockRules> {
  const [cal, { settings }] = await Promise.all([loadCalendar(db), loadDispatchSettings(db)]);
  return { cal, endHour: settings.endHour };
}

/** Changes whenever a calendar day, a calendar year or the dispatch settings change (rows added, removed or updated). */
async function clockStamp(db: DbOrTx): Promise<string> {
  const { rows } = await sql<{ stamp: string }>`
    SELECT concat_ws('|',
      (SELECT count(*) || '/' || coalesce(max(updated_at)::text, '') FROM calendar_days),
      (SELECT count(*) || '/' || coalesce(sum(version), 0) || '/' || coalesce(max(updated_at)::text, '') FROM calendar_years),
      (SELECT version || '/' || updated_at::text FROM settings WHERE key = ${DISPATCH_SETTINGS_KEY})
    ) AS stamp`.execute(db);
  return rows[0]?.stamp ?? '';
}

export async function clockRules(db: DbOrTx): Promise<ClockRules> {
  // Inside a transaction the caller may have just changed the calendar: read it as the transaction sees it.
  if (db.isTransaction) return loadClockRules(db);
  const stamp = await clockStamp(db);
  const hit = cache.get(db);
  if (hit?.stamp === stamp) return hit.rules;
  // Read after the stamp: a change in between leaves newer rules under an older stamp, reloaded next time.
  const rules = await loadClockRules(db);
  cache.set(db, { stamp, rules });
  return rules;
}
