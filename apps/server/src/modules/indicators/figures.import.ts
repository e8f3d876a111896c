/**
 * The cockpit's figure imports (issue 5) on the spreadsheet import framework:
 *
 * - `indicator_figures`, the long layout: one row per unit, indicator and period (单位, 指标, 年, 月, 数值, 同比%);
 * - `bureau_sheet`, the statistics bureau's wide layout: one row per county (and the city: 全市 / 泉州市 / 合计),
 *   columns 本月, 同比%, 1–本月累计, 累计同比%, for one indicator and period given with the upload. Which column is
 *   stored depends on the indicator's kind: a year-to-date indicator takes the cumulative and its YoY, a period or
 *   stock indicator 本月 and its YoY.
 *
 * Every row is checked (unknown unit, duplicate cell, indicator inactive or not due, period not ended, the caller's
 * `figure.report` scope, and for a unit's own staff the deadline and HQ's verification); commit writes them all in
 * one statement through `writeFigures` with the import's id and the sheet row, so the drill-down shows both.
 */
import { BureauSheetParams, type BureauSheetParamsT, can } from '@zaitun/contracts';
import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../../db/database';
import type { AuthedContext } from '../../http/context';
import { appendAudit } from '../../lib/audit';
import { DomainError, notFound } from '../../lib/errors';
import { type Bilingual, type ColumnSpec, type ImportSpec, normalizeLabel, rowErrorMessage } from '../../lib/xlsx';
import { shanghaiDate } from '../calendar/calendar.domain';
import {
  type ChangeCounts,
  defineImport,
  type ImportPlan,
  type PlanInput,
  type StoredRowError,
} from '../imports/imports.types';
import { type FigureInput, isDue, writeFiguresCounted } from './indicators.repository';
import { loadCockpitSettings, reportDeadline } from './indicators.service';

// ── Accepted titles (the one place to add a bureau's wording) ─────────────────────────────────────────────────────

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);
const RANGE_MARKS = ['-', '–', '—', '~', '至', '－'];

/** `1-9月累计`, `1至9月`, … for every month and range mark (the period itself is checked against the chosen one). */
const cumulativeTitles = (suffixes: readonly string[]) =>
  MONTHS.flatMap((m) => RANGE_MARKS.flatMap((mark) => suffixes.map((suffix) => `1${mark}${m}月${suffix}`)));

/** Header titles of the bureau's wide layout, besides the template's own (zh-CN and en-US). */
export const BUREAU_HEADER_ALIASES = {
  unit: ['县(市、区)', '县市区', '县(市,区)', '地区', '区域', '单位', '县(市、区)名称', '地区名称', '单位名称'],
  month: [
    '当月',
    '本月数',
    '当月数',
    '本月值',
    '当月值',
    '本月/绝对值',
    '本月/金额',
    '本月/数值',
    ...MONTHS.map((m) => `${m}月`),
  ],
  monthYoy: [
    '同比',
    '同比(%)',
    '同比增长',
    '同比增长%',
    '同比增长(%)',
    '本月同比%',
    '本月同比',
    '当月同比%',
    '当月同比',
    '增速%',
    '增长%',
    '本月/同比%',
    '本月/同比',
    '本月/同比增长%',
    '本月/增长%',
  ],
  ytd: [
    ...RANGE_MARKS.flatMap((mark) => [`1${mark}本月累计`, `1${mark}本月`, `1${mark}当月累计`]),
    '累计',
    '本年累计',
    '累计数',
    '累计值',
    '1-本月累计/绝对值',
    '1-本月累计/金额',
    '累计/绝对值',
    '累计/金额',
    ...cumulativeTitles(['累计', '']),
    ...cumulativeTitles(['累计/绝对值', '累计/金额', '/绝对值', '/金额']),
  ],
  ytdYoy: [
    '累计同比',
    '累计同比(%)',
    '累计同比增长%',
    '累计同比增长(%)',
    '累计增长%',
    '累计增速%',
    '1-本月累计同比%',
    '1-本月累计/同比%',
    '1-本月累计/同比',
    '累计/同比%',
    '累计/同比',
    '累计/增长%',
    ...cumulativeTitles(['累计/同比%', '累计/同比', '/同比%', '/同比', '累计同比%', '累计/增长%', '/增长%']),
  ],
} as const;

/** Headers of the long layout, besides the template's own. */
export const LONG_HEADER_ALIASES = {
  unit: ['单位名称', '单位代码', '县(市、区)', '地区'],
  indicator: ['指标名称', '指标代码'],
  year: ['年份', '年度'],
  month: ['月份'],
  value: ['值', '数据', '本期值', '指标值'],
  yoy: ['同比', '同比(%)', '同比增长%', '同比增长(%)', 'YoY'],
} as const;

/** Row labels that mean the city (the headquarters unit). */
export const CITY_ROW_LABELS = ['全市', '泉州市', '合计', '全市合计', '总计', '泉州全市', '全市总计'];

/** Other names the bureau gives units, by unit code (names, short names and codes are matched anyway). */
export const UNIT_NAME_ALIASES: Record<string, readonly string[]> = {
  TAISHANG: ['台商区', '台商投资区', '泉州台商区'],
  ETDZ: ['经开区', '泉州经开区', '经济技术开发区', '泉州开发区', '开发区'],
};

/** Rows under the table such as `注：…` are notes, not counties. */
const NOTE_ROW = /^(注|备注|说明|资料来源|数据来源)/;

// ── Specs ─────────────────────────────────────────────────────────────────────────────────────────────────────────

type LongKey = 'unit' | 'indicator' | 'year' | 'month' | 'value' | 'yoy';
type BureauKey = 'unit' | 'month' | 'monthYoy' | 'ytd' | 'ytdYoy';

/** Enough for a year of the bureau's figures for many units and indicators; the server's IMPORT_MAX_ROWS caps it. */
const MAX_FIGURE_ROWS = 200_000;

export const FIGURES_LONG_SPEC: ImportSpec<LongKey> = {
  type: 'indicator_figures',
  sheetName: { 'zh-CN': '指标数据', 'en-US': 'Figures' },
  columns: [
    {
      key: 'unit',
      header: { 'zh-CN': '单位', 'en-US': 'Unit' },
      aliases: [...LONG_HEADER_ALIASES.unit],
      kind: 'string',
      required: true,
      maxLength: 100,
      example: '晋江市',
    },
    {
      key: 'indicator',
      header: { 'zh-CN': '指标', 'en-US': 'Indicator' },
      aliases: [...LONG_HEADER_ALIASES.indicator],
      kind: 'string',
      required: true,
      maxLength: 100,
      example: '社会消费品零售总额',
    },
    {
      key: 'year',
      header: { 'zh-CN': '年', 'en-US': 'Year' },
      aliases: [...LONG_HEADER_ALIASES.year],
      kind: 'integer',
      required: true,
      example: 2026,
    },
    {
      key: 'month',
      header: { 'zh-CN': '月', 'en-US': 'Month' },
      aliases: [...LONG_HEADER_ALIASES.month],
      kind: 'integer',
      required: true,
      example: 9,
    },
    {
      key: 'value',
      header: { 'zh-CN': '数值', 'en-US': 'Value' },
      aliases: [...LONG_HEADER_ALIASES.value],
      kind: 'number',
      required: true,
      example: 1234.56,
    },
    {
      key: 'yoy',
      header: { 'zh-CN': '同比%', 'en-US': 'YoY %' },
      aliases: [...LONG_HEADER_ALIASES.yoy],
      kind: 'number',
      example: 4.1,
    },
  ],
  maxRows: MAX_FIGURE_ROWS,
};

export const BUREAU_SPEC: ImportSpec<BureauKey> = {
  type: 'bureau_sheet',
  sheetName: { 'zh-CN': '统计局报表', 'en-US': 'Bureau sheet' },
  columns: [
    {
      key: 'unit',
      header: { 'zh-CN': '县（市、区）', 'en-US': 'County' },
      aliases: [...BUREAU_HEADER_ALIASES.unit],
      kind: 'string',
      required: true,
      maxLength: 100,
      example: '晋江市',
    },
    {
      key: 'month',
      header: { 'zh-CN': '本月', 'en-US': 'This month' },
      aliases: [...BUREAU_HEADER_ALIASES.month],
      kind: 'number',
      example: 120.5,
    },
    {
      key: 'monthYoy',
      header: { 'zh-CN': '同比%', 'en-US': 'YoY %' },
      aliases: [...BUREAU_HEADER_ALIASES.monthYoy],
      kind: 'number',
      example: 3.2,
    },
    {
      key: 'ytd',
      header: { 'zh-CN': '1-本月累计', 'en-US': 'Year to date' },
      aliases: [...BUREAU_HEADER_ALIASES.ytd],
      kind: 'number',
      example: 1080.3,
    },
    {
      key: 'ytdYoy',
      header: { 'zh-CN': '累计同比%', 'en-US': 'YTD YoY %' },
      aliases: [...BUREAU_HEADER_ALIASES.ytdYoy],
      kind: 'number',
      example: 4.1,
    },
  ],
  maxRows: 500,
};

// ── Reference data ────────────────────────────────────────────────────────────────────────────────────────────────

interface UnitRef {
  id: string;
  code: string;
  nameZh: string;
  path: string;
}

interface IndicatorRef {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  frequency: string;
  kind: string;
  active: boolean;
}

async function unitIndex(db: DbOrTx): Promise<{ byLabel: Map<string, UnitRef>; city: UnitRef | null }> {
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

const indicatorRows = async (db: DbOrTx): Promise<IndicatorRef[]> =>
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

function indicatorIndex(indicators: readonly IndicatorRef[]): Map<string, IndicatorRef> {
  const index = new Map<string, IndicatorRef>();
  for (const i of indicators) for (const label of [i.code, i.nameZh, i.nameEn]) index.set(normalizeLabel(label), i);
  return index;
}

// ── Checks shared by both layouts ─────────────────────────────────────────────────────────────────────────────────

/** A figure as planned: where it goes, from which sheet row. */
type Planned = FigureInput & { importRow: number; unitName: string; indicatorName: string };

/**
 * The payload kept between preview and commit. A 100k-row import as 100k JSON arrays with two uuids each cost
 * seconds to store as jsonb and read back; as one string of short lines it is a third of the size and one scalar.
 */
interface Payload {
  /** The ids the rows refer to by position. */
  indicators: string[];
  units: string[];
  /** One line per figure: `indicator unit year month value yoy row` (list positions; yoy `-` when absent). */
  rows: string;
}

export function encodePayload(rows: readonly FigureInput[]): Payload {
  const indicators = new Map<string, number>();
  const units = new Map<string, number>();
  const at = (ids: Map<string, number>, id: string) => {
    let n = ids.get(id);
    if (n === undefined) {
      n = ids.size;
      ids.set(id, n);
    }
    return n;
  };
  const lines = rows.map(
    (r) =>
      `${at(indicators, r.indicatorId)} ${at(units, r.unitId)} ${r.year} ${r.month} ${r.value} ${r.reportedYoy ?? '-'} ${r.importRow ?? 0}`,
  );
  return { indicators: [...indicators.keys()], units: [...units.keys()], rows: lines.join('\n') };
}

export function decodePayload(payload: Payload): FigureInput[] {
  if (!payload.rows) return [];
  return payload.rows.split('\n').map((line) => {
    const [i, u, year, month, value, yoy, row] = line.split(' ');
    return {
      indicatorId: payload.indicators[Number(i)] as string,
      unitId: payload.units[Number(u)] as string,
      year: Number(year),
      month: Number(month),
      value: Number(value),
      reportedYoy: yoy === '-' ? null : Number(yoy),
      importRow: Number(row),
    };
  });
}

const rowError = (rowNumber: number, column: string | null, code: string, message: Bilingual): StoredRowError => ({
  rowNumber,
  column,
  code,
  message,
});

interface Scope {
  /** The caller reports for every unit (HQ): no deadline, may correct verified figures. */
  all: boolean;
  ctx: AuthedContext;
  today: string;
  currentMonthIndex: number;
  reportDay: number;
}

async function scopeFor(db: DbOrTx, input: Pick<PlanInput, 'ctx' | 'now'>): Promise<Scope> {
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

const periodLabel = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`;

/**
 * The problems of one figure that do not depend on the stored data: the caller's scope, the period ended, the
 * indicator active and due. Null when fine.
 */
function figureProblem(
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

interface StoredFigure {
  indicator_id: string;
  unit_id: string;
  year: number;
  month: number;
  value: number;
  reported_yoy: number | null;
  state: string;
}

const cellKey = (indicatorId: string, unitId: string, year: number, month: number) =>
  `${indicatorId}|${unitId}|${year}|${month}`;

/** The stored figures of the planned cells, in one statement. */
async function storedFigures(
  db: DbOrTx,
  rows: readonly FigureInput[],
  lock = false,
): Promise<Map<string, StoredFigure>> {
  if (rows.length === 0) return new Map();
  const result = await sql<StoredFigure>`
    SELECT f.indicator_id, f.unit_id, f.year, f.month, f.value, f.reported_yoy, f.state
      FROM unnest(${rows.map((r) => r.indicatorId)}::uuid[], ${rows.map((r) => r.unitId)}::uuid[],
                  ${rows.map((r) => r.year)}::int[], ${rows.map((r) => r.month)}::int[]) AS k(indicator_id, unit_id, year, month)
      JOIN indicator_figures f
        ON f.indicator_id = k.indicator_id AND f.unit_id = k.unit_id AND f.year = k.year AND f.month = k.month
      ${lock ? sql`FOR UPDATE OF f` : sql``}`.execute(db);
  return new Map(result.rows.map((f) => [cellKey(f.indicator_id, f.unit_id, f.year, f.month), f]));
}

type Change = 'create' | 'update' | 'unchanged';

/** As writeFigures decides: a cell is left alone when its value, reported YoY and state (reported) are the same. */
function changeOf(stored: StoredFigure | undefined, row: FigureInput): Change {
  if (!stored) return 'create';
  return stored.value === row.value && stored.reported_yoy === row.reportedYoy && stored.state === 'reported'
    ? 'unchanged'
    : 'update';
}

/**
 * The second half of planning for both layouts: duplicates, the stored data (changes; a unit's own staff cannot
 * overwrite a figure HQ verified), the sample and the payload.
 */
async function finishPlan(
  db: DbOrTx,
  scope: Scope,
  planned: Planned[],
  errors: StoredRowError[],
  duplicateColumn: string,
): Promise<ImportPlan<Payload>> {
  const firstRow = new Map<string, number>();
  const unique: Planned[] = [];
  for (const p of planned) {
    const key = cellKey(p.indicatorId, p.unitId, p.year, p.month);
    const first = firstRow.get(key);
    if (first !== undefined) {
      errors.push(
        rowError(p.importRow, duplicateColumn, 'DUPLICATE', {
          'zh-CN': `与第 ${first} 行重复：「${p.unitName}」「${p.indicatorName}」${p.year} 年 ${p.month} 月出现了两次`,
          'en-US': `Repeats row ${first}: "${p.unitName}", "${p.indicatorName}", ${periodLabel(p.year, p.month)} appears twice`,
        }),
      );
      continue;
    }
    firstRow.set(key, p.importRow);
    unique.push(p);
  }
  const stored = await storedFigures(db, unique);
  const changes: ChangeCounts = { create: 0, update: 0, unchanged: 0 };
  const sample: Record<string, unknown>[] = [];
  const kept: Planned[] = [];
  for (const p of unique) {
    const before = stored.get(cellKey(p.indicatorId, p.unitId, p.year, p.month));
    if (before?.state === 'verified' && !scope.all && before.value !== p.value) {
      errors.push(
        rowError(p.importRow, 'unit', 'FIGURE_VERIFIED', {
          'zh-CN': `「${p.unitName}」「${p.indicatorName}」${p.year} 年 ${p.month} 月的数据已由指挥部办公室核定，不能再修改`,
          'en-US': `The HQ office has verified "${p.unitName}", "${p.indicatorName}", ${periodLabel(p.year, p.month)}; it can no longer be changed here`,
        }),
      );
      continue;
    }
    const change = changeOf(before, p);
    changes[change]++;
    kept.push(p);
    if (sample.length < 10) {
      sample.push({
        row: p.importRow,
        unit: p.unitName,
        indicator: p.indicatorName,
        period: periodLabel(p.year, p.month),
        value: p.value,
        reportedYoy: p.reportedYoy,
        previous: before?.value ?? null,
        change,
      });
    }
  }
  return {
    errors,
    payload: encodePayload(kept),
    changes,
    groups: [],
    sample,
  };
}

/** Commit: the same checks again under the transaction (data and deadlines may have moved), then one write. */
async function applyFigures(
  tx: Tx,
  ctx: AuthedContext,
  payload: Payload,
  importId: string,
): Promise<{ changes: ChangeCounts; groups: [] }> {
  const now = ctx.audit.clock.now();
  const rows = decodePayload(payload);
  const scope = await scopeFor(tx, { ctx, now });
  if (!scope.all) {
    // A unit's own staff: the deadline and HQ's verifications again, the cells locked (HQ may write over anything;
    // writeFigures decides cell by cell under its own row locks).
    const stored = await storedFigures(tx, rows, true);
    for (const r of rows) {
      if (scope.today > reportDeadline(r.year, r.month, scope.reportDay)) {
        throw new DomainError('FIGURE_DEADLINE_PASSED', { year: r.year, month: r.month, row: r.importRow });
      }
      const before = stored.get(cellKey(r.indicatorId, r.unitId, r.year, r.month));
      if (before?.state === 'verified' && before.value !== r.value) {
        throw new DomainError('FIGURE_VERIFIED', { row: r.importRow });
      }
    }
  }
  const { created, updated, conflicts } = await writeFiguresCounted(tx, rows, {
    source: 'import',
    importId,
    state: 'reported',
    byUser: ctx.actor.userId,
    now,
  });
  const changes = { create: created, update: updated, unchanged: rows.length - created - updated };
  if (created + updated > 0) {
    await appendAudit(tx, ctx.audit, {
      action: 'figure.import',
      entityType: 'import',
      entityId: importId,
      unitId: scope.all ? null : (ctx.actor.unitId ?? null),
      after: {
        ...changes,
        conflicts,
        periods: [...new Set(rows.map((r) => periodLabel(r.year, r.month)))].slice(0, 50),
      },
    });
  }
  return { changes, groups: [] };
}

function memo<T>(fn: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    if (cache.has(key)) return cache.get(key) as T;
    const value = fn(key);
    cache.set(key, value);
    return value;
  };
}

const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

function unknownUnit(rowNumber: number, label: string): StoredRowError {
  return rowError(rowNumber, 'unit', 'UNKNOWN_UNIT', {
    'zh-CN': `找不到单位「${label}」：请填写系统中的单位名称、简称或代码（全市数据写“全市”）`,
    'en-US': `Unknown unit "${label}": use a unit's name, short name or code as in the system (the city: 全市)`,
  });
}

// ── The long layout ───────────────────────────────────────────────────────────────────────────────────────────────

export const indicatorFiguresImport = defineImport<LongKey, Payload>({
  type: 'indicator_figures',
  title: { 'zh-CN': '指标数据', 'en-US': 'indicator-figures' },
  permission: 'figure.report',
  spec: FIGURES_LONG_SPEC,

  async plan(db, rows, input): Promise<ImportPlan<Payload>> {
    const [units, indicators, scope] = await Promise.all([unitIndex(db), indicatorRows(db), scopeFor(db, input)]);
    const byIndicator = indicatorIndex(indicators);
    // A large file names few units and indicators many times: each label is looked up once.
    const unitOf = memo((label: string) => units.byLabel.get(normalizeLabel(label)));
    const indicatorOf = memo((label: string) => byIndicator.get(normalizeLabel(label)));
    const errors: StoredRowError[] = [];
    const planned: Planned[] = [];
    for (const row of rows) {
      const unitLabel = text(row.values.unit);
      const indicatorLabel = text(row.values.indicator);
      const unit = unitOf(unitLabel);
      const indicator = indicatorOf(indicatorLabel);
      const year = Number(row.values.year);
      const month = Number(row.values.month);
      let bad = false;
      if (!unit) {
        errors.push(unknownUnit(row.rowNumber, unitLabel));
        bad = true;
      }
      if (!indicator) {
        errors.push(
          rowError(row.rowNumber, 'indicator', 'UNKNOWN_INDICATOR', {
            'zh-CN': `找不到指标「${indicatorLabel}」：请填写指标名称或代码`,
            'en-US': `Unknown indicator "${indicatorLabel}": use an indicator's name or code`,
          }),
        );
        bad = true;
      }
      if (year < 2000 || year > 2100) {
        errors.push(
          rowError(row.rowNumber, 'year', 'YEAR_OUT_OF_RANGE', {
            'zh-CN': `「年」须在 2000–2100 之间，不能是「${year}」`,
            'en-US': `"Year" must be in 2000–2100, not "${year}"`,
          }),
        );
        bad = true;
      }
      if (month < 1 || month > 12) {
        errors.push(
          rowError(row.rowNumber, 'month', 'MONTH_OUT_OF_RANGE', {
            'zh-CN': `「月」须为 1–12，不能是「${month}」`,
            'en-US': `"Month" must be 1–12, not "${month}"`,
          }),
        );
        bad = true;
      }
      if (bad || !unit || !indicator) continue;
      const problem = figureProblem(scope, unit, indicator, year, month);
      if (problem) {
        errors.push(rowError(row.rowNumber, problem.column, problem.code, problem.message));
        continue;
      }
      planned.push({
        indicatorId: indicator.id,
        unitId: unit.id,
        year,
        month,
        value: num(row.values.value) ?? 0,
        reportedYoy: num(row.values.yoy),
        importRow: row.rowNumber,
        unitName: unit.nameZh,
        indicatorName: indicator.nameZh,
      });
    }
    return finishPlan(db, scope, planned, errors, 'unit');
  },

  apply: (tx, ctx, payload, file) => applyFigures(tx, ctx, payload, file.importId),
});

// ── The bureau's wide layout ──────────────────────────────────────────────────────────────────────────────────────

/**
 * The period a sheet's titles or header name, if any: `2026年1-9月…`, `2026年9月…`, a header `1-9月累计` or `9月`.
 * Answers the first found (year may be null when only a month is named).
 */
export function periodNamed(
  preamble: readonly string[],
  headerTitles: Readonly<Partial<Record<string, string>>>,
): { year: number | null; month: number; text: string } | null {
  for (const line of preamble) {
    const t = line.normalize('NFKC').replace(/\s+/g, '');
    // `2026年1-9月`, `2026年1至9月`, `2026年9月` (the range mark is required: 2026年10月 is October, not 1–0).
    const m = /(\d{4})年(?:1(?:-|–|—|~|至))?(\d{1,2})月/.exec(t);
    if (m) return { year: Number(m[1]), month: Number(m[2]), text: line };
  }
  for (const key of ['ytd', 'ytdYoy', 'month', 'monthYoy']) {
    const title = headerTitles[key];
    if (!title) continue;
    const t = title.normalize('NFKC').replace(/\s+/g, '');
    const m =
      /(?:^|\/)1(?:-|–|—|~|至|－)(\d{1,2})月/.exec(t) ?? (key === 'month' ? /(?:^|\/)(\d{1,2})月$/.exec(t) : null);
    if (m) return { year: null, month: Number(m[1]), text: title };
  }
  return null;
}

/** Which columns a kind of indicator takes its value and YoY from. */
export function bureauColumns(kind: string): { value: 'month' | 'ytd'; yoy: 'monthYoy' | 'ytdYoy' } {
  return kind === 'ytd_cumulative' ? { value: 'ytd', yoy: 'ytdYoy' } : { value: 'month', yoy: 'monthYoy' };
}

const bureauColumn = (key: BureauKey) => BUREAU_SPEC.columns.find((c) => c.key === key) as ColumnSpec<BureauKey>;

export const bureauSheetImport = defineImport<BureauKey, Payload>({
  type: 'bureau_sheet',
  title: { 'zh-CN': '统计局报表', 'en-US': 'bureau-sheet' },
  permission: 'figure.report',
  spec: BUREAU_SPEC,
  params: BureauSheetParams,

  async plan(db, rows, input): Promise<ImportPlan<Payload>> {
    const params = input.params as BureauSheetParamsT;
    const [units, indicators, scope] = await Promise.all([unitIndex(db), indicatorRows(db), scopeFor(db, input)]);
    const indicator = indicators.find((i) => i.id === params.indicatorId);
    if (!indicator) throw notFound();
    if (!indicator.active) throw new DomainError('INDICATOR_INACTIVE', { indicator: indicator.code });
    if (!isDue(indicator.frequency, params.month)) {
      throw new DomainError('INDICATOR_NOT_DUE', { indicator: indicator.code, month: params.month });
    }
    const named = periodNamed(input.preamble, input.headerTitles);
    if (named && (named.month !== params.month || (named.year !== null && named.year !== params.year))) {
      throw new DomainError('IMPORT_PERIOD_MISMATCH', {
        chosen: { year: params.year, month: params.month },
        named: { year: named.year, month: named.month },
        text: named.text.slice(0, 100),
      });
    }
    const columns = bureauColumns(indicator.kind);
    if (input.headerTitles[columns.value] === undefined) {
      const column = bureauColumn(columns.value);
      throw new DomainError('XLSX_HEADER_MISMATCH', { missing: [column.key], missingHeaders: [column.header] });
    }
    const errors: StoredRowError[] = [];
    const planned: Planned[] = [];
    let dataRows = 0;
    for (const row of rows) {
      const label = text(row.values.unit);
      const value = num(row.values[columns.value]);
      if (value === null && NOTE_ROW.test(label)) continue;
      dataRows++;
      const unit = units.byLabel.get(normalizeLabel(label));
      if (!unit) {
        errors.push(unknownUnit(row.rowNumber, label));
        continue;
      }
      if (value === null) {
        const column = bureauColumn(columns.value);
        errors.push(rowError(row.rowNumber, column.key, 'REQUIRED', rowErrorMessage('REQUIRED', column, '')));
        continue;
      }
      const problem = figureProblem(scope, unit, indicator, params.year, params.month);
      if (problem) {
        errors.push(rowError(row.rowNumber, problem.column === 'unit' ? 'unit' : null, problem.code, problem.message));
        continue;
      }
      planned.push({
        indicatorId: indicator.id,
        unitId: unit.id,
        year: params.year,
        month: params.month,
        value,
        reportedYoy: num(row.values[columns.yoy]),
        importRow: row.rowNumber,
        unitName: unit.nameZh,
        indicatorName: indicator.nameZh,
      });
    }
    // Only notes under the header (and no row with a problem the framework found): nothing to import.
    if (dataRows === 0 && rows.length > 0 && input.invalidRows === 0) throw new DomainError('IMPORT_EMPTY');
    return finishPlan(db, scope, planned, errors, 'unit');
  },

  apply: (tx, ctx, payload, file) => applyFigures(tx, ctx, payload, file.importId),
});
