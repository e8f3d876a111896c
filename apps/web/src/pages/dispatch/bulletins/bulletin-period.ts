/**
 * The builder's period: what the pickers hold, turned into the create request, and the period a bulletin covers as
 * a short label. Weeks are ISO weeks (Monday to Sunday) and quarters calendar quarters, as on the server
 * (apps/server/src/modules/bulletins/bulletins.domain.ts).
 */
import type { BulletinPeriodKind, RouteBody } from '@zaitun/contracts';
import dayjs, { type Dayjs } from 'dayjs';
import isoWeek from 'dayjs/plugin/isoWeek';

dayjs.extend(isoWeek);

const FMT = 'YYYY-MM-DD';

/** The builder form's values. */
export interface PeriodValues {
  periodKind: BulletinPeriodKind;
  /** week / month / quarter: the picked week, month or quarter (any day of it). */
  anchor?: Dayjs | null;
  /** custom: first and last day. */
  range?: [Dayjs | null, Dayjs | null] | null;
  title?: string;
}

/**
 * The day sent as a week's anchor. A week picker's row follows the UI language's first day of the week (Sunday in
 * English), while the server counts ISO weeks: the row's fourth day always lies in the ISO week that holds most of
 * the row, whichever day of it was clicked.
 */
function weekAnchor(day: Dayjs): Dayjs {
  return day.startOf('week').add(3, 'day');
}

/** The request body for the builder's values; a missing date is left out, so the server names what is missing. */
export function createBody(values: PeriodValues): RouteBody<'createBulletin'> {
  const title = values.title?.trim();
  const body: RouteBody<'createBulletin'> = { periodKind: values.periodKind, ...(title ? { title } : {}) };
  if (values.periodKind === 'custom') {
    const [from, to] = values.range ?? [null, null];
    return { ...body, ...(from ? { from: from.format(FMT) } : {}), ...(to ? { to: to.format(FMT) } : {}) };
  }
  if (!values.anchor) return body;
  const anchor = values.periodKind === 'week' ? weekAnchor(values.anchor) : values.anchor;
  return { ...body, anchor: anchor.format(FMT) };
}

/** The first and last day the values stand for, or null while a date is missing. */
export function periodOfValues(values: PeriodValues): { from: string; to: string } | null {
  if (values.periodKind === 'custom') {
    const [from, to] = values.range ?? [null, null];
    return from && to ? { from: from.format(FMT), to: to.format(FMT) } : null;
  }
  if (!values.anchor) return null;
  switch (values.periodKind) {
    case 'week': {
      const monday = weekAnchor(values.anchor).startOf('isoWeek');
      return { from: monday.format(FMT), to: monday.add(6, 'day').format(FMT) };
    }
    case 'month':
      return { from: values.anchor.startOf('month').format(FMT), to: values.anchor.endOf('month').format(FMT) };
    case 'quarter': {
      const start = values.anchor.month(Math.floor(values.anchor.month() / 3) * 3).startOf('month');
      return { from: start.format(FMT), to: start.add(2, 'month').endOf('month').format(FMT) };
    }
  }
}

/** The i18n key and values naming a bulletin's period (`2026 年第 48 周`, `2026 年 11 月`, …). */
export function periodLabelOf(
  kind: BulletinPeriodKind,
  from: string,
  to: string,
): { key: `bulletins.period.${BulletinPeriodKind}`; values: Record<string, string | number> } {
  const start = dayjs(from, FMT);
  switch (kind) {
    case 'week':
      return { key: 'bulletins.period.week', values: { year: start.isoWeekYear(), week: start.isoWeek() } };
    case 'month':
      return {
        key: 'bulletins.period.month',
        values: { year: start.year(), month: start.month() + 1 },
      };
    case 'quarter':
      return {
        key: 'bulletins.period.quarter',
        values: { year: start.year(), quarter: Math.floor(start.month() / 3) + 1 },
      };
    case 'custom':
      return { key: 'bulletins.period.custom', values: { from, to } };
  }
}
