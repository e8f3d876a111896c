import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Everyone using the platform works on Beijing time, whatever the browser's zone. */
export const DISPLAY_TZ = 'Asia/Shanghai';

/** `YYYY-MM-DD HH:mm` in Asia/Shanghai; an em dash for a missing value. */
export function formatDateTime(iso: string | null | undefined, empty = '—'): string {
  if (!iso) return empty;
  const d = dayjs(iso);
  return d.isValid() ? d.tz(DISPLAY_TZ).format('YYYY-MM-DD HH:mm') : empty;
}

/** `YYYY-MM-DD` in Asia/Shanghai, for lists where the day is enough; an em dash for a missing value. */
export function formatDate(iso: string | null | undefined, empty = '—'): string {
  return formatDateTime(iso, empty).slice(0, 10);
}

/** A day picked in the UI, as the instant its Shanghai day starts (or ends). */
export function shanghaiDayBoundary(date: dayjs.Dayjs, edge: 'start' | 'end'): string {
  const local = dayjs.tz(date.format('YYYY-MM-DD'), DISPLAY_TZ);
  return (edge === 'start' ? local.startOf('day') : local.endOf('day')).toISOString();
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let i = 0;
  while (value >= 1024 && i < units.length - 1) {
    value /= 1024;
    i += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[i]}`;
}
