/** Routes of the delivery metrics: per-unit figures with the ranking, its xlsx, and the year's totals. */
import type { RouteDef } from '../route-def';
import { UnitMetrics, UnitMetricsQuery, YearTotals, YearTotalsQuery } from './metrics';

export const metricsRoutes = {
  unitMetrics: {
    method: 'GET',
    path: '/api/v1/metrics/units',
    summary:
      'Delivery metrics per unit for a period (received, on-time signing and resolving, overdue, urge, redo, satisfaction, working days) and the ranking',
    tag: 'dispatch',
    auth: 'user',
    permission: 'metrics.read',
    query: UnitMetricsQuery,
    status: 200,
    response: UnitMetrics,
  },
  unitMetricsExport: {
    method: 'GET',
    path: '/api/v1/metrics/units/export',
    summary: 'The same table as an xlsx file, in the caller’s language',
    tag: 'dispatch',
    auth: 'user',
    permission: 'metrics.read',
    query: UnitMetricsQuery,
    status: 200,
    response: null,
    download: true,
  },
  yearTotals: {
    method: 'GET',
    path: '/api/v1/metrics/year',
    summary: 'The year’s totals: meetings held, orders issued, items registered and resolved, overdue now, red cards',
    tag: 'dispatch',
    auth: 'user',
    permission: 'metrics.read',
    query: YearTotalsQuery,
    status: 200,
    response: YearTotals,
  },
} as const satisfies Record<string, RouteDef>;
