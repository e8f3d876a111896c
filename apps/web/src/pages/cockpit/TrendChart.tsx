/**
 * An indicator month by month for the city or one county: the months' figures as bars (this year beside last
 * year; the month alone where the kind allows — a cumulative indicator's month is the difference of two months),
 * and this year's YoY as a line on the right axis. A bar or point with a figure opens its drill-down.
 */
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n';
import { formatFigure, formatGrowth } from './format';
import type { TrendData } from './types';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

interface Datum {
  value: number | null;
  figureId: string | null;
}

/** The chart's series by month: bars of both years and this year's YoY, from the trend's points. */
export function trendSeries(trend: TrendData, year: number) {
  const { kind } = trend.indicator;
  const at = (y: number, m: number) => trend.points.find((p) => p.year === y && p.month === m);
  const bar = (y: number): Datum[] =>
    MONTHS.map((m) => {
      const p = at(y, m);
      return { value: (kind === 'stock' ? p?.value : p?.periodValue) ?? null, figureId: p?.figureId ?? null };
    });
  const yoy: Datum[] = MONTHS.map((m) => {
    const p = at(year, m);
    return { value: p?.yoy ?? null, figureId: p?.figureId ?? null };
  });
  return { thisYear: bar(year), lastYear: bar(year - 1), yoy };
}

export function TrendChart({
  trend,
  year,
  theme = 'light',
  height = 300,
  onDrill,
}: {
  trend: TrendData;
  year: number;
  theme?: 'light' | 'dark';
  height?: number;
  onDrill?: (figureId: string) => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { indicator } = trend;
  const name = locale === 'en-US' ? indicator.nameEn : indicator.nameZh;
  const dark = theme === 'dark';
  const text = dark ? '#d6e4ff' : '#595959';
  const line = dark ? 'rgba(255,255,255,0.12)' : '#f0f0f0';

  const option = useMemo(() => {
    const s = trendSeries(trend, year);
    const data = (d: Datum[]) => d.map((x) => ({ value: x.value ?? '-', figureId: x.figureId }));
    const thisName = t('cockpit.trend.thisYear', { year });
    const lastName = t('cockpit.trend.lastYear', { year: year - 1 });
    const yoyName = t('cockpit.trend.yoy', { year });
    return {
      textStyle: { fontSize: dark ? 16 : 12 },
      color: dark ? ['#4096ff', '#8c8c8c', '#ffc53d'] : ['#1d5fb4', '#bfbfbf', '#d46b08'],
      tooltip: {
        trigger: 'axis' as const,
        valueFormatter: undefined,
        formatter: (items: { seriesName: string; value: number | '-'; marker: string; axisValueLabel: string }[]) => {
          if (!items.length) return '';
          const head = items[0]?.axisValueLabel ?? '';
          const lines = items.map((it) => {
            const v = it.value === '-' ? null : it.value;
            const shown =
              it.seriesName === yoyName
                ? formatGrowth(v)
                : `${formatFigure(v, indicator.decimals)} ${indicator.measureUnit}`;
            return `${it.marker}${it.seriesName}&nbsp;&nbsp;<b>${shown}</b>`;
          });
          return [head, ...lines].join('<br/>');
        },
      },
      legend: { top: 0, textStyle: { color: text, fontSize: dark ? 16 : 12 } },
      grid: { left: 8, right: 8, top: dark ? 44 : 36, bottom: 4, containLabel: true },
      xAxis: {
        type: 'category' as const,
        data: MONTHS.map((m) => t('cockpit.trend.month', { month: m })),
        axisLabel: { color: text, fontSize: dark ? 15 : 12 },
        axisLine: { lineStyle: { color: line } },
      },
      yAxis: [
        {
          type: 'value' as const,
          name: indicator.measureUnit,
          nameTextStyle: { color: text },
          axisLabel: { color: text, fontSize: dark ? 15 : 12 },
          splitLine: { lineStyle: { color: line } },
        },
        {
          type: 'value' as const,
          name: '%',
          nameTextStyle: { color: text },
          axisLabel: { color: text, fontSize: dark ? 15 : 12 },
          splitLine: { show: false },
        },
      ],
      series: [
        { name: thisName, type: 'bar' as const, data: data(s.thisYear), barMaxWidth: 22, cursor: 'pointer' },
        { name: lastName, type: 'bar' as const, data: data(s.lastYear), barMaxWidth: 22, cursor: 'pointer' },
        {
          name: yoyName,
          type: 'line' as const,
          yAxisIndex: 1,
          data: data(s.yoy),
          connectNulls: false,
          symbolSize: dark ? 9 : 7,
          lineStyle: { width: dark ? 3 : 2 },
        },
      ],
    };
  }, [trend, year, t, indicator, dark, text, line]);

  const onEvents = useMemo(
    () => ({
      click: (params: { data?: unknown }) => {
        const figureId = (params.data as { figureId?: string | null } | undefined)?.figureId;
        if (figureId && onDrill) onDrill(figureId);
      },
    }),
    [onDrill],
  );

  return (
    <div role="img" aria-label={t('cockpit.trend.ariaLabel', { name })} data-testid="trend-chart">
      <ReactEChartsCore
        echarts={echarts}
        option={option}
        notMerge
        opts={{ renderer: 'svg' }}
        onEvents={onEvents}
        style={{ height, width: '100%' }}
      />
    </div>
  );
}
