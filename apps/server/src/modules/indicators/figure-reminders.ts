/**
 * Reminders before the reporting deadline: in the last `remindDaysBefore` days before a month's deadline (the
 * cockpit settings' `reportDay` of the next month), the users of every county still missing a figure due that
 * month are told how many are missing — once per county and month (the notifications' dedupe key), however often
 * the job runs and on however many processes. One statement.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import type { Clock } from '../../lib/clock';
import { shanghaiDate } from '../calendar/calendar.domain';
import { loadCockpitSettings, reportDeadline } from './indicators.service';

const DAY_MS = 86_400_000;

export async function figureReminders(db: Db, clock: Clock): Promise<{ period: string | null; notified: number }> {
  const now = clock.now();
  const today = shanghaiDate(now);
  const thisMonth = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1;
  const year = Math.floor((thisMonth - 1) / 12);
  const month = ((thisMonth - 1) % 12) + 1;
  const { settings } = await loadCockpitSettings(db);
  const deadline = reportDeadline(year, month, settings.reportDay);
  const daysLeft = Math.round((Date.parse(`${deadline}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
  if (daysLeft < 0 || daysLeft > settings.remindDaysBefore) return { period: null, notified: 0 };
  const period = `${year}-${String(month).padStart(2, '0')}`;
  const result = await sql`
    WITH due AS (
      SELECT id FROM indicators
       WHERE active AND (frequency = 'monthly' OR (frequency = 'quarterly' AND ${month} % 3 = 0)
                         OR (frequency = 'annual' AND ${month} = 12))
    ), missing AS (
      SELECT c.id AS unit_id, count(*)::int AS n
        FROM units c CROSS JOIN due d
       WHERE c.type = 'county' AND c.active
         AND NOT EXISTS (SELECT 1 FROM indicator_figures f
                          WHERE f.indicator_id = d.id AND f.unit_id = c.id AND f.year = ${year} AND f.month = ${month})
       GROUP BY c.id
    )
    INSERT INTO notifications (user_id, event_type, entity_type, entity_id, params, dedupe_key, created_at)
    SELECT u.id, 'figures_due', 'figures', ${period},
           jsonb_build_object('year', ${year}::int, 'month', ${month}::int, 'missing', m.n, 'deadline', ${deadline}::text),
           'figures:' || m.unit_id || ':' || ${period}::text, ${now}
      FROM missing m JOIN users u ON u.unit_id = m.unit_id
     WHERE u.status IN ('active', 'pending') AND u.roles && ARRAY['unit_admin', 'unit_staff']::text[]
       AND NOT EXISTS (SELECT 1 FROM notification_prefs p
                        WHERE p.user_id = u.id AND p.event_type = 'figures_due' AND NOT p.in_app)
    ON CONFLICT (user_id, dedupe_key) DO NOTHING`.execute(db);
  return { period, notified: Number(result.numAffectedRows ?? 0) };
}
