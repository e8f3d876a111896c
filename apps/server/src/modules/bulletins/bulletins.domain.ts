/**
 * Pure rules of the bulletin (通报): the period of a week / month / quarter / custom request, its validation, the
 * default title and text generated from the figures, and the unit table's order with its top and bottom three.
 * No I/O and no clock: the caller passes today's Shanghai date. The figures are those of docs/metrics.md.
 */
import type {
  BulletinPeriodKind,
  BulletinSectionsT,
  BulletinState,
  BulletinTextT,
  BulletinUnitRowT,
  RateT,
} from '@zaitun/contracts';
import { compareUnits, epochDay, type Period, parsePeriod, type Rankable } from '../metrics/metrics.domain';

const DAY_MS = 86_400_000;
/** The longest period a bulletin covers. */
export const MAX_BULLETIN_PERIOD_YEARS = 1;
/** How many units are highlighted at each end of the table. */
export const BULLETIN_MARKED_UNITS = 3;

const isoOfDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const parts = (iso: string) => iso.split('-').map(Number) as [number, number, number];

/** ISO 8601 week of a date: its year (the Thursday's) and number 1…53. */
export function isoWeek(iso: string): { year: number; week: number } {
  const day = epochDay(iso);
  if (day === null) throw new RangeError(`isoWeek: not a date: ${iso}`);
  const dow = (new Date(day * DAY_MS).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const thursday = day - dow + 3;
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1) / DAY_MS;
  return { year, week: Math.floor((thursday - jan1) / 7) + 1 };
}

export type BulletinPeriodProblem = {
  path: '/anchor' | '/from' | '/to';
  reason: 'missing' | 'not_a_date' | 'reversed' | 'too_long' | 'future';
  message: string;
};

export interface BulletinPeriodRequest {
  periodKind: BulletinPeriodKind;
  anchor?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/**
 * The period a request asks for: the ISO week (Monday–Sunday), calendar month or quarter around `anchor` (default
 * today), or the custom `from`…`to`. Refused: a missing or unreal date, `to` before `from` (an inverted or empty
 * period), longer than a year, or starting after today (a period already begun may be reported on so far).
 */
export function bulletinPeriod(
  req: BulletinPeriodRequest,
  today: string,
): { period: Period } | { problem: BulletinPeriodProblem } {
  let from: string;
  let to: string;
  if (req.periodKind === 'custom') {
    if (!req.from?.trim())
      return { problem: { path: '/from', reason: 'missing', message: 'the period needs a start' } };
    if (!req.to?.trim()) return { problem: { path: '/to', reason: 'missing', message: 'the period needs an end' } };
    from = req.from;
    to = req.to;
  } else {
    const anchor = req.anchor ?? today;
    const day = epochDay(anchor);
    if (day === null) {
      return { problem: { path: '/anchor', reason: 'not_a_date', message: `not a calendar date: ${anchor}` } };
    }
    const [y, m] = parts(anchor);
    if (req.periodKind === 'week') {
      const monday = day - ((new Date(day * DAY_MS).getUTCDay() + 6) % 7);
      from = isoOfDay(monday);
      to = isoOfDay(monday + 6);
    } else {
      const first = req.periodKind === 'month' ? m : Math.floor((m - 1) / 3) * 3 + 1;
      const months = req.periodKind === 'month' ? 1 : 3;
      from = isoOfDay(Date.UTC(y, first - 1, 1) / DAY_MS);
      to = isoOfDay(Date.UTC(y, first - 1 + months, 1) / DAY_MS - 1);
    }
  }
  const parsed = parsePeriod(from, to, MAX_BULLETIN_PERIOD_YEARS);
  if ('problem' in parsed) return { problem: parsed.problem };
  if (from > today) {
    return { problem: { path: '/from', reason: 'future', message: 'the period has not begun yet' } };
  }
  return parsed;
}

const md = (iso: string) => {
  const [, m, d] = parts(iso);
  return `${m}月${d}日`;
};
const ymd = (iso: string) => `${parts(iso)[0]}年${md(iso)}`;
const QUARTERS = ['一', '二', '三', '四'] as const;

/** The period in words: `2026年第12周`, `2026年3月`, `2026年第一季度`, `2026年3月1日至3月15日`. */
export function periodLabel(kind: BulletinPeriodKind, from: string, to: string): string {
  const [y, m] = parts(from);
  switch (kind) {
    case 'week': {
      const w = isoWeek(from);
      return `${w.year}年第${w.week}周`;
    }
    case 'month':
      return `${y}年${m}月`;
    case 'quarter':
      return `${y}年第${QUARTERS[Math.floor((m - 1) / 3)]}季度`;
    case 'custom':
      if (from === to) return ymd(from);
      return parts(to)[0] === y ? `${ymd(from)}至${md(to)}` : `${ymd(from)}至${ymd(to)}`;
  }
}

/** `关于2026年第12周内外贸发展工作推进情况的通报`. */
export const defaultBulletinTitle = (kind: BulletinPeriodKind, from: string, to: string) =>
  `关于${periodLabel(kind, from, to)}内外贸发展工作推进情况的通报`;

/** A rate as a percentage with one decimal (`87.5%`); no denominator → `—`. */
export function percent(r: RateT): string {
  if (r.rate === null) return '—';
  return `${(Math.round(r.rate * 1000) / 10).toFixed(1).replace(/\.0$/, '')}%`;
}

export interface UnitFigures extends Rankable {
  unitId: string;
  nameZh: string;
  nameEn: string;
  received: number;
  resolved: number;
  urged: number;
  redone: number;
  /** Too few items closed in the period to be ranked (docs/metrics.md minimum sample). */
  tooFew: boolean;
}

/**
 * The unit table: ranked units by on-time rate (then satisfaction, then fewer overdue — the metrics ranking), the
 * units with too few closed items after them in their given order. The best and worst three ranked units are
 * marked (fewer when fewer than six are ranked, so no unit is both).
 */
export function sortUnitRows(rows: readonly UnitFigures[]): BulletinUnitRowT[] {
  const ranked = rows.filter((r) => !r.tooFew).sort(compareUnits);
  const rest = rows.filter((r) => r.tooFew);
  const marked = Math.min(BULLETIN_MARKED_UNITS, Math.floor(ranked.length / 2));
  return [...ranked, ...rest].map((r, i) => ({
    unitId: r.unitId,
    nameZh: r.nameZh,
    nameEn: r.nameEn,
    received: r.received,
    resolved: r.resolved,
    resolvedOnTime: r.resolvedOnTime,
    urged: r.urged,
    redone: r.redone,
    satisfaction: r.satisfaction,
    position: i + 1,
    mark: i < marked ? 'top' : i < ranked.length && i >= ranked.length - marked ? 'bottom' : null,
  }));
}

/** Units commended: every item closed in the period closed on time, and at least `minResolved` of them. */
export const commendedUnits = (rows: readonly BulletinUnitRowT[], minResolved: number) =>
  rows
    .filter((r) => r.resolved >= minResolved && r.resolvedOnTime.numerator === r.resolvedOnTime.denominator)
    .map((r) => ({ unitId: r.unitId, nameZh: r.nameZh, nameEn: r.nameEn, resolved: r.resolved }));

/** The headline paragraph printed under 一、总体情况 (always from the figures, not editable). */
export function headlineSentence(s: BulletinSectionsT, label: string): string {
  const h = s.headline;
  return (
    `${label}，全市共登记调度事项${h.opened}项，办结${h.resolved}项，按时办结率${percent(h.resolvedOnTime)}，` +
    `办理满意率${percent(h.satisfaction)}；截至期末，超期未办结事项${s.overdue.length}项，本期红牌督办${s.redCards.length}项。`
  );
}

const names = (xs: readonly { nameZh: string }[]) => xs.map((x) => x.nameZh).join('、');

/** The editable text as first generated from the figures; the dispatcher rewrites it before publishing. */
export function defaultBulletinText(s: BulletinSectionsT, label: string): BulletinTextT {
  const top = s.units.filter((u) => u.mark === 'top');
  const bottom = s.units.filter((u) => u.mark === 'bottom');
  const commendation = [
    s.commended.length
      ? `${names(s.commended)}等${s.commended.length}个单位本期办结事项全部按时办结，予以通报表扬。`
      : `本期没有办结${s.commendationMinResolved}项以上且全部按时办结的单位。`,
    ...(top.length ? [`按时办结率排名前列的单位：${names(top)}。`] : []),
  ].join('\n');
  const criticism = [
    ...(bottom.length ? [`${names(bottom)}按时办结率排名靠后，请认真分析原因，加快办理进度。`] : []),
    s.overdue.length
      ? `截至期末，仍有${s.overdue.length}项事项超期未办结，请相关牵头单位抓紧办理，尽快办结。`
      : '截至期末，没有超期未办结的事项。',
    ...(s.redCards.length
      ? [`本期共${s.redCards.length}项事项被红牌督办，请相关单位主要负责同志亲自过问，限期整改。`]
      : []),
  ].join('\n');
  return {
    opening: `为进一步压实工作责任，推动调度事项按期办结，现将${label}内外贸发展工作调度事项办理情况通报如下：`,
    commendation,
    criticism,
    requirements:
      '各单位要对照通报情况，认真查找差距，落实专人跟踪，确保交办事项按时办结、办理质量群众满意。指挥部办公室将持续跟踪督办，定期通报办理情况。',
  };
}

export type BulletinAction = 'edit' | 'refresh' | 'publish' | 'withdraw';

/** What a caller may do: a manager edits, refreshes and publishes a draft, and withdraws a published one. */
export function bulletinActions(state: BulletinState, manager: boolean): BulletinAction[] {
  if (!manager) return [];
  if (state === 'draft') return ['edit', 'refresh', 'publish'];
  if (state === 'published') return ['withdraw'];
  return [];
}

/** Whole days an item is past its deadline at an instant (0 on the day it fell due). */
export const daysPast = (deadline: Date, at: Date) =>
  Math.max(0, Math.floor((at.getTime() - deadline.getTime()) / DAY_MS));
