/**
 * What both figure layouts (figures-long.import.ts, figures-bureau.import.ts) share before comparing with the stored
 * data: finding units and indicators by the labels a sheet uses, the caller's scope, and the checks of one figure
 * that do not depend on the stored data (scope, indicator active and due, period ended, deadline).
 */
import { can } from '@zaitun/contracts';
import type { DbOrTx } from '../../db/database';
import type { AuthedContext } from '../../http/context';
import { type Bilingual, normalizeLabel } from '../../lib/xlsx';
import { shanghaiDate } from '../calendar/calendar.domain';
import type { PlanInput, StoredRowError } from '../imports/imports.types';
import { isDue } from './indicators.repository';
import { loadCockpitSettings, reportDeadline } from './indicators.service';

// ── Reference data: units and indicators by the labels a sheet uses ──────────────────────────────────────────────

/** Row labels that mean the city (the headquarters unit). */
export const CITY_ROW_LABELS = ['全市', '泉州市', '合计', '全市合计', '总计', '泉州全市', '全市总计'];

/** Other names the bureau gives units, by unit code (names, short names and codes are matched anyway). */
export const UNIT_NAME_ALIASES: Record<string, readonly string[]> = {
  TAISHANG: ['台商区', '台商投资区', '泉州台商区'],
  ETDZ: ['经开区', '泉州经开区', '经济技术开发区', '泉州开发区', '开发区'],
};

export interface UnitRef {
  id: string;
  code: string;
  nameZh: string;
  path: string;
}

export interface IndicatorRef {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  frequency: string;
  kind: string;
  active: boolean;
}

export async function unitIndex(db: DbOrTx): Promise<{ byLabel: Map<string, UnitRef>; city: UnitRef | null }> {
  const rows = await db
    .selectFrom('units')
    .select(['id', 'code', 'name_zh', 'name_en', 'short_name', 'type', 'path'])
    .where('active', '=', true)
    .orderBy('sort_order')
    .execute();
  const byLabel = new Map<string, UnitRef>();
  const add = (label: string, unit: UnitRef) => {
    const key = normalizeLabel(label);
    if (key && !byLabel.has(key)) byLabel.set(key, unit);
  };
  let city: UnitRef | null = null;
  const refs = rows.map((r) => ({ id: r.id, code: r.code, nameZh: r.name_zh, path: r.path, row: r }));
  // Codes and full names first: a short name never shadows another unit's full name.
  for (const { row, ...unit } of refs) {
    add(row.code, unit);
    add(row.name_zh, unit);
    add(row.name_en, unit);
    if (row.type === 'headquarters' && !city) city = unit;
  }
  for (const { row, ...unit } of refs) {
    add(row.short_name, unit);
    if (row.name_zh.startsWith('泉州') && row.name_zh.length > 3) add(row.name_zh.slice(2), unit);
    for (const alias of UNIT_NAME_ALIASES[row.code] ?? []) add(alias, unit);
  }
  if (city) for (const label of CITY_ROW_LABELS) byLabel.set(normalizeLabel(label), city);
  return { byLabel, city };
}

export const indicatorRows = async (db: DbOrTx): Promise<IndicatorRef[]> =>
  (
    await db
      .selectFrom('indicators')
      .select(['id', 'code', 'name_zh', 'name_en', 'frequency', 'kind', 'active'])
      .execute()
  ).map((r) => ({
    id: r.id,
    code: r.code,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    frequency: r.frequency,
    kind: r.kind,
    active: r.active,
  }));

export function indicatorIndex(indicators: readonly IndicatorRef[]): Map<string, IndicatorRef> {
  const index = new Map<string, IndicatorRef>();
  for (const i of indicators) for (const label of [i.code, i.nameZh, i.nameEn]) index.set(normalizeLabel(label), i);
  return index;
}

// ── The caller's scope and the checks of one figure ──────────────────────────────────────────────────────────────

export const rowError = (
  rowNumber: number,
  column: string | null,
  code: string,
  message: Bilingual,
): StoredRowError => ({
  rowNumber,
  column,
  code,
  message,
});

export interface Scope {
  /** The caller reports for every unit (HQ): no deadline, may correct verified figures. */
  all: boolean;
  ctx: AuthedContext;
  today: string;
  currentMonthIndex: number;
  reportDay: number;
}

export async function scopeFor(db: DbOrTx, input: Pick<PlanInput, 'ctx' | 'now'>): Promise<Scope> {
  const { settings } = await loadCockpitSettings(db);
  const today = shanghaiDate(input.now);
  return {
    all: isAllScope(input.ctx),
    ctx: input.ctx,
    today,
    currentMonthIndex: Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)),
    reportDay: settings.reportDay,
  };
}

/** HQ's dispatchers report for every unit; a county's staff for their own unit only. */
function isAllScope(ctx: AuthedContext): boolean {
  // A unit id no real unit has: only an `all` scope allows it.
  return can(ctx.actor, 'figure.report', { unitId: '00000000-0000-0000-0000-000000000000', unitPath: '/' });
}

export const periodLabel = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`;

/**
 * The problems of one figure that do not depend on the stored data: the caller's scope, the period ended, the
 * indicator active and due. Null when fine.
 */
export function figureProblem(
  scope: Scope,
  unit: UnitRef,
  indicator: IndicatorRef,
  year: number,
  month: number,
): { code: string; column: string; message: Bilingual } | null {
  if (!can(scope.ctx.actor, 'figure.report', { unitId: unit.id, unitPath: unit.path })) {
    return {
      code: 'OUT_OF_SCOPE',
      column: 'unit',
      message: {
        'zh-CN': `您无权报送「${unit.nameZh}」的数据（只能报送本单位的数据）`,
        'en-US': `You may not report figures for "${unit.nameZh}" (only for your own unit)`,
      },
    };
  }
  if (!indicator.active) {
    return {
      code: 'INDICATOR_INACTIVE',
      column: 'indicator',
      message: {
        'zh-CN': `指标「${indicator.nameZh}」已停用`,
        'en-US': `The indicator "${indicator.nameEn}" is no longer in use`,
      },
    };
  }
  if (!isDue(indicator.frequency, month)) {
    const quarterly = indicator.frequency === 'quarterly';
    return {
      code: 'INDICATOR_NOT_DUE',
      column: 'month',
      message: {
        'zh-CN': `指标「${indicator.nameZh}」${quarterly ? '按季度报送（3、6、9、12 月）' : '按年度报送（12 月）'}，${month} 月没有报告期`,
        'en-US': `"${indicator.nameEn}" is reported ${quarterly ? 'quarterly (March, June, September, December)' : 'yearly (December)'}; month ${month} is not a reporting period`,
      },
    };
  }
  if (year * 12 + month >= scope.currentMonthIndex) {
    return {
      code: 'PERIOD_IN_FUTURE',
      column: 'month',
      message: {
        'zh-CN': `${year} 年 ${month} 月尚未结束，不能报送`,
        'en-US': `${periodLabel(year, month)} has not ended yet`,
      },
    };
  }
  if (!scope.all && scope.today > reportDeadline(year, month, scope.reportDay)) {
    return {
      code: 'FIGURE_DEADLINE_PASSED',
      column: 'month',
      message: {
        'zh-CN': `${year} 年 ${month} 月的数据已于 ${reportDeadline(year, month, scope.reportDay)} 截止报送，如需更正请联系指挥部办公室`,
        'en-US': `Reporting for ${periodLabel(year, month)} closed on ${reportDeadline(year, month, scope.reportDay)}; ask the HQ office to correct it`,
      },
    };
  }
  return null;
}

// ── Small helpers of both layouts ───────────────────────────────────────────────────────────────────────────────

/** A large file names few units and indicators many times: each label is looked up once. */
export function memo<T>(fn: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    if (cache.has(key)) return cache.get(key) as T;
    const value = fn(key);
    cache.set(key, value);
    return value;
  };
}

export const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
export const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

export function unknownUnit(rowNumber: number, label: string): StoredRowError {
  return rowError(rowNumber, 'unit', 'UNKNOWN_UNIT', {
    'zh-CN': `找不到单位「${label}」：请填写系统中的单位名称、简称或代码（全市数据写“全市”）`,
    'en-US': `Unknown unit "${label}": use a unit's name, short name or code as in the system (the city: 全市)`,
  });
}
