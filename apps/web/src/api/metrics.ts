/** Delivery metrics over the typed client: the per-unit table with its ranking, its xlsx, and the year's totals. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { RouteQuery } from '@zaitun/contracts';
import { api, routeUrl } from './client';

export type UnitMetricsQuery = RouteQuery<'unitMetrics'>;

export const metricsKeys = {
  all: ['metrics'] as const,
  units: (q: UnitMetricsQuery) => ['metrics', 'units', q] as const,
  year: (year: number) => ['metrics', 'year', year] as const,
};

export function useUnitMetrics(query: UnitMetricsQuery) {
  return useQuery({
    queryKey: metricsKeys.units(query),
    queryFn: () => api('unitMetrics', { query }),
    placeholderData: keepPreviousData,
  });
}

export function useYearTotals(year: number) {
  return useQuery({
    queryKey: metricsKeys.year(year),
    queryFn: () => api('yearTotals', { query: { year } }),
    placeholderData: keepPreviousData,
  });
}

/** The xlsx of the same table (same period and unit type). */
export const metricsExportUrl = (query: UnitMetricsQuery) => routeUrl('unitMetricsExport', { query });
