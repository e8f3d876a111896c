/**
 * The cockpit's charts as chunks of their own. ECharts (≈ 640 KB) and the county shapes load while the tiles and
 * tables already show: the page's first render waits for neither. A placeholder of the chart's height keeps the
 * layout from jumping when the chart arrives.
 */
import { Spin } from 'antd';
import { type ComponentProps, lazy, Suspense } from 'react';
import type { TrendChart as TrendChartType } from '../../pages/cockpit/TrendChart';
import type { CountyMap as CountyMapType } from './CountyMap';

const CountyMapChunk = lazy(async () => ({ default: (await import('./CountyMap')).CountyMap }));
const TrendChartChunk = lazy(async () => ({ default: (await import('../../pages/cockpit/TrendChart')).TrendChart }));

function ChartPlaceholder({ height }: { height: number }) {
  return (
    <div style={{ height, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      <Spin />
    </div>
  );
}

export function LazyCountyMap(props: ComponentProps<typeof CountyMapType>) {
  return (
    <Suspense fallback={<ChartPlaceholder height={props.height ?? 420} />}>
      <CountyMapChunk {...props} />
    </Suspense>
  );
}

export function LazyTrendChart(props: ComponentProps<typeof TrendChartType>) {
  return (
    <Suspense fallback={<ChartPlaceholder height={props.height ?? 300} />}>
      <TrendChartChunk {...props} />
    </Suspense>
  );
}
