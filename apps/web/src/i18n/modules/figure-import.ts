/** Strings of the cockpit's figure imports (FigureImportButton): zh-CN (source) and en-US (same keys, checked). */
export const figureImportZh = {
  button: '导入数据',
  long: '按行导入（单位 / 指标 / 年 / 月）',
  bureau: '导入统计局报表（按县排列）',
  titleLong: '导入指标数据',
  titleBureau: '导入统计局报表',
  paramsHint: '统计局报表每张表只含一个指标、一个月份：请先选择表中的指标和期间。表格标题中的期间须与所选期间一致。',
  indicator: '指标',
  indicatorPlaceholder: '选择指标',
  year: '年份',
  month: '月份',
  monthOption: '{{month}} 月',
  chosen: '{{indicator}}，{{year}} 年 {{month}} 月',
  valueColumn: {
    ytd_cumulative: '累计指标：导入“1-本月累计”及“累计同比%”',
    period: '当期指标：导入“本月”及“同比%”',
    stock: '存量指标：导入“本月”及“同比%”',
  },
  column: {
    row: '行号',
    unit: '单位',
    indicator: '指标',
    period: '期间',
    value: '数值',
    reportedYoy: '同比%',
    previous: '原值',
    change: '变化',
  },
  change: { create: '新增', update: '修改', unchanged: '不变' },
};

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export const figureImportEn: Widen<typeof figureImportZh> = {
  button: 'Import figures',
  long: 'Rows (unit / indicator / year / month)',
  bureau: 'Statistics bureau sheet (one row per county)',
  titleLong: 'Import figures',
  titleBureau: 'Import a statistics bureau sheet',
  paramsHint:
    "A bureau sheet holds one indicator for one month: choose them first. A period named in the sheet's title must be the one chosen.",
  indicator: 'Indicator',
  indicatorPlaceholder: 'Choose an indicator',
  year: 'Year',
  month: 'Month',
  monthOption: 'Month {{month}}',
  chosen: '{{indicator}}, {{year}}-{{month}}',
  valueColumn: {
    ytd_cumulative: 'Year-to-date indicator: imports the year-to-date column and its YoY %',
    period: "Period indicator: imports this month's column and its YoY %",
    stock: "Stock indicator: imports this month's column and its YoY %",
  },
  column: {
    row: 'Row',
    unit: 'Unit',
    indicator: 'Indicator',
    period: 'Period',
    value: 'Value',
    reportedYoy: 'YoY %',
    previous: 'Before',
    change: 'Change',
  },
  change: { create: 'new', update: 'changed', unchanged: 'unchanged' },
};
