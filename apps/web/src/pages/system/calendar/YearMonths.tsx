import type { CalendarDayT } from '@zaitun/contracts';
import { Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { isWeekend } from './calendar-ranges';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Twelve small months of a year: days off red, make-up working days blue, other weekends grey. Each marked day
 * carries its holiday name in a tooltip.
 */
export function YearMonths({ year, days }: { year: number; days: readonly CalendarDayT[] }) {
  const { t } = useTranslation();
  const byDate = new Map(days.map((d) => [d.date, d]));
  // Monday first, as Chinese calendars print it.
  const weekdays = [1, 2, 3, 4, 5, 6, 0].map((d) => dayjs().day(d).format('dd'));
  return (
    <div className="cal-year" data-testid="calendar-months">
      {Array.from({ length: 12 }, (_, m) => {
        const first = dayjs(`${year}-${pad(m + 1)}-01`);
        const offset = (first.day() + 6) % 7;
        const cells: string[] = [
          ...Array.from({ length: offset }, (_, i) => `blank-${i}`),
          ...Array.from({ length: first.daysInMonth() }, (_, d) => `${year}-${pad(m + 1)}-${pad(d + 1)}`),
        ];
        return (
          <section key={first.format('MM')} className="cal-month" aria-label={first.format('YYYY-MM')}>
            <Typography.Text strong>{first.format('MMMM')}</Typography.Text>
            <div className="cal-grid">
              {weekdays.map((w) => (
                <span key={w} className="cal-head">
                  {w}
                </span>
              ))}
              {cells.map((date) => {
                if (date.startsWith('blank')) return <span key={date} />;
                const day = byDate.get(date);
                const cls = day ? `cal-day cal-${day.kind}` : isWeekend(date) ? 'cal-day cal-weekend' : 'cal-day';
                const label = day
                  ? `${date} ${t(`admin.calendar.${day.kind}`)}${day.name ? ` ${day.name}` : ''}`
                  : undefined;
                const cell = (
                  <span key={date} className={cls} data-date={date} data-kind={day?.kind}>
                    {Number(date.slice(8))}
                  </span>
                );
                return day ? (
                  <Tooltip key={date} title={label}>
                    {cell}
                  </Tooltip>
                ) : (
                  cell
                );
              })}
            </div>
          </section>
        );
      })}
    </div>
  );
}
