/** Reading the working-day calendar out of the database into the pure model of calendar.domain.ts. */
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
