/**
 * The statistics bureau's wide layout of figure imports (`bureau_sheet`, issue 5): one row per county (and the
 * city: 全市 / 泉州市 / 合计), columns 本月, 同比%, 1–本月累计, 累计同比%, for one indicator and period given with the
 * upload. Which column is stored depends on the indicator's kind: a year-to-date indicator takes the cumulative and
 * its YoY, a period or stock indicator 本月 and its YoY. A title or header naming another period refuses the file.
 */
import { BureauSheetParams, type BureauSheetParamsT } from '@zaitun/contracts';
import { DomainError, notFound } from '../../lib/errors';
import { type ColumnSpec, type ImportSpec, normalizeLabel, rowErrorMessage } from '../../lib/xlsx';
import { defineImport, type ImportPlan, type StoredRowError } from '../imports/imports.types';
import { applyFigures, finishPlan, type Payload, PlannedCells } from './figures-plan.import';
import {
  figureProblem,
  indicatorRows,
  num,
  rowError,
  scopeFor,
  text,
  unitIndex,
  unknownUnit,
} from './figures-refs.import';
import { isDue } from './indicators.repository';

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

/** Rows under the table such as `注：…` are notes, not counties. */
const NOTE_ROW = /^(注|备注|说明|资料来源|数据来源)/;

type BureauKey = 'unit' | 'month' | 'monthYoy' | 'ytd' | 'ytdYoy';

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

// ── The sheet ───────────────────────────────────────────────────────────────────────────────────────────────────

/** Quarter numerals as titles write them. */
const QUARTERS: Readonly<Record<string, number>> = { 一: 1, 二: 2, 三: 3, 四: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

/**
 * The period a sheet's titles or header name, if any: `2026年1-9月…`, `2026年9月…`, a quarter (`2026年第三季度…`,
 * `2026年三季度`, `2026年1-3季度` cumulative through it: its last month, September), a header `1-9月累计` or `9月`.
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
    // `2026年第三季度`, `2026年三季度`, `2026年第3季度`, `2026年1-3季度`, `2026年一至三季度`.
    const q = /(\d{4})年(?:第|[1一](?:-|–|—|~|至))?([一二三四1-4])季度/.exec(t);
    if (q) return { year: Number(q[1]), month: (QUARTERS[q[2] as string] as number) * 3, text: line };
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
    const cells = new PlannedCells();
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
      cells.push(unit, indicator, params.year, params.month, value, num(row.values[columns.yoy]), row.rowNumber);
    }
    // Only notes under the header (and no row with a problem the framework found): nothing to import.
    if (dataRows === 0 && rows.length > 0 && input.invalidRows === 0) throw new DomainError('IMPORT_EMPTY');
    return finishPlan(db, scope, cells, errors, 'unit');
  },

  apply: (tx, ctx, payload, file) => applyFigures(tx, ctx, payload, file.importId),
});
