/**
 * The cockpit (一看) over the typed client: the period's headline, one indicator across the counties, the league
 * tables (and their xlsx), trends, and the drill-down to a figure's source rows. The same hooks serve the big screen
 * signed in and the display link (`/display/:token`), where the client sends the link's token instead of a cookie.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { RouteQuery } from '@zaitun/contracts';
import { api, routeUrl } from './client';

export type CockpitPeriod = RouteQuery<'getCockpit'>;
export type IndicatorTableQuery = RouteQuery<'getIndicatorTable'>;
export type LeagueQuery = RouteQuery<'getLeague'>;
export type TrendQuery = RouteQuery<'getTrend'>;

export const cockpitKeys = {
  all: ['cockpit'] as const,
  cockpit: (q: CockpitPeriod) => ['cockpit', 'headline', q] as const,
  indicator: (q: IndicatorTableQuery) => ['cockpit', 'indicator', q] as const,
  league: (q: LeagueQuery) => ['cockpit', 'league', q] as const,
  trend: (q: TrendQuery) => ['cockpit', 'trend', q] as const,
  figure: (id: string) => ['cockpit', 'figure', id] as const,
};

/** Options a caller may add: `refetchInterval` for the big screen, `silent` where the page shows errors itself. */
export interface CockpitQueryOptions {
  refetchInterval?: number | false;
  silent?: boolean;
  enabled?: boolean;
}

const common = (o: CockpitQueryOptions = {}) => ({
  placeholderData: keepPreviousData,
  refetchInterval: o.refetchInterval ?? false,
  enabled: o.enabled ?? true,
  meta: { silent: o.silent ?? false },
});

/** The cockpit of a period; without year and month, the latest period with figures. */
export function useCockpit(query: CockpitPeriod, options?: CockpitQueryOptions) {
  return useQuery({
    queryKey: cockpitKeys.cockpit(query),
    queryFn: () => api('getCockpit', { query }),
    ...common(options),
  });
}

export function useIndicatorTable(query: IndicatorTableQuery | null, options?: CockpitQueryOptions) {
  return useQuery({
    queryKey: cockpitKeys.indicator(query ?? { indicatorId: '' }),
    queryFn: () => api('getIndicatorTable', { query: query as IndicatorTableQuery }),
    ...common({ ...options, enabled: !!query && (options?.enabled ?? true) }),
  });
}

export function useLeague(query: LeagueQuery, options?: CockpitQueryOptions) {
  return useQuery({
    queryKey: cockpitKeys.league(query),
    queryFn: () => api('getLeague', { query }),
    ...common(options),
  });
}

export function useTrend(query: TrendQuery | null, options?: CockpitQueryOptions) {
  return useQuery({
    queryKey: cockpitKeys.trend(query ?? { indicatorId: '' }),
    queryFn: () => api('getTrend', { query: query as TrendQuery }),
    ...common({ ...options, enabled: !!query && (options?.enabled ?? true) }),
  });
}

/**
 * A figure with its history (the drill-down). Silent: outside the caller's scope the server answers 404, which the
 * drawer explains itself rather than as an error toast.
 */
export function useFigureDetail(id: string | null) {
  return useQuery({
    queryKey: cockpitKeys.figure(id ?? ''),
    queryFn: () => api('getFigure', { params: { id: id as string } }),
    enabled: !!id,
    meta: { silent: true },
  });
}

/** The xlsx of a league table (the same board and period). */
export const leagueExportUrl = (query: LeagueQuery) => routeUrl('exportLeague', { query });
