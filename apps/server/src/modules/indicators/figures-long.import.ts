/**
 * The long layout of figure imports (`indicator_figures`, issue 5): one row per unit, indicator and period
 * (单位, 指标, 年, 月, 数值, 同比%). Every row is checked (unknown unit or indicator, year and month in range, and the
 * checks of figures-refs.import.ts); duplicates and the comparison with the stored figures are figures-plan.import.ts.
 */
import type { ImportSpec } from '../../lib/xlsx';
import { normalizeLabel } from '../../lib/xlsx';
import { defineImport, type ImportPlan, type StoredRowError } from '../imports/imports.types';
import { applyFigures, finishPlan, type Payload, PlannedCells } from './figures-plan.import';
import {
  figureProblem,
  indicatorIndex,
  indicatorRows,
  memo,
  num,
  rowError,
  scopeFor,
  text,
  unitIndex,
  unknownUnit,
} from './figures-refs.import';

/** Headers of the long layout, besides the template's own. */
export const LONG_HEADER_ALIASES = {
  unit: ['单位名称', '单位代码', '县(市、区)', '地区'],
  indicator: ['指标名称', '指标代码'],
  year: ['年份', '年度'],
  month: ['月份'],
  value: ['值', '数据', '本期值', '指标值'],
  yoy: ['同比', '同比(%)', '同比增长%', '同比增长(%)', 'YoY'],
} as const;

type LongKey = 'unit' | 'indicator' | 'year' | 'month' | 'value' | 'yoy';

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

export const indicatorFiguresImport = defineImport<LongKey, Payload>({
  type: 'indicator_figures',
  title: { 'zh-CN': '指标数据', 'en-US': 'indicator-figures' },
  permission: 'figure.report',
  spec: FIGURES_LONG_SPEC,

  async plan(db, rows, input): Promise<ImportPlan<Payload>> {
    const [units, indicators, scope] = await Promise.all([unitIndex(db), indicatorRows(db), scopeFor(db, input)]);
    const byIndicator = indicatorIndex(indicators);
    const unitOf = memo((label: string) => units.byLabel.get(normalizeLabel(label)));
    const indicatorOf = memo((label: string) => byIndicator.get(normalizeLabel(label)));
    const errors: StoredRowError[] = [];
    const cells = new PlannedCells();
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
      cells.push(unit, indicator, year, month, num(row.values.value) ?? 0, num(row.values.yoy), row.rowNumber);
    }
    return finishPlan(db, scope, cells, errors, 'unit');
  },

  apply: (tx, ctx, payload, file) => applyFigures(tx, ctx, payload, file.importId),
});
