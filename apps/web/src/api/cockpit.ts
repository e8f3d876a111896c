/**
 * The cockpit (一看) over the typed client: indicators, targets, figures (entry, verification, history) and the
 * cockpit settings; the computed views (the period's headline, one indicator across the counties, the league tables
 * and their xlsx, trends) and the drill-down to a figure's source rows. Every key starts with `cockpit`, so a write
 * invalidates the computed views too. The views' hooks serve the big screen signed in and the display link
 * (`/display/:token`) alike: there the client sends the link's token instead of a cookie.
 */
import { keepPreviousData, type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RouteBody, RouteQuery } from '@zaitun/contracts';
import { api, routeUrl } from './client';

export type TargetQuery = RouteQuery<'listTargets'>;
export type FigureQuery = RouteQuery<'listFigures'>;
export type EntryFormQuery = RouteQuery<'getEntryForm'>;
export type CockpitPeriod = RouteQuery<'getCockpit'>;
export type IndicatorTableQuery = RouteQuery<'getIndicatorTable'>;
export type LeagueQuery = RouteQuery<'getLeague'>;
export type TrendQuery = RouteQuery<'getTrend'>;

export const cockpitKeys = {
  all: ['cockpit'] as const,
  indicators: ['cockpit', 'indicators'] as const,
  targets: (q: TargetQuery) => ['cockpit', 'targets', q] as const,
  targetChanges: (id: string) => ['cockpit', 'targets', 'changes', id] as const,
  figures: (q: FigureQuery) => ['cockpit', 'figures', q] as const,
  figure: (id: string) => ['cockpit', 'figure', id] as const,
  entryForm: (q: EntryFormQuery) => ['cockpit', 'entry', q] as const,
  settings: ['cockpit', 'settings'] as const,
  headline: (q: CockpitPeriod) => ['cockpit', 'headline', q] as const,
  indicatorTable: (q: IndicatorTableQuery) => ['cockpit', 'indicator', q] as const,
  league: (q: LeagueQuery) => ['cockpit', 'league', q] as const,
  trend: (q: TrendQuery) => ['cockpit', 'trend', q] as const,
};

function useInvalidateCockpit() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: cockpitKeys.all });
}

export function useIndicators() {
  return useQuery({ queryKey: cockpitKeys.indicators, queryFn: () => api('listIndicators') });
}

export function useCreateIndicator() {
  const invalidate = useInvalidateCockpit();
  return useMutation({
    mutationFn: (body: RouteBody<'createIndicator'>) => api('createIndicator', { body }),
    onSuccess: invalidate,
  });
}

export function useUpdateIndicator() {
  const invalidate = useInvalidateCockpit();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: RouteBody<'updateIndicator'> }) =>
      api('updateIndicator', { params: { id }, body }),
    onSuccess: invalidate,
  });
}

export function useTargets(query: TargetQuery, enabled = true) {
  return useQuery({
    queryKey: cockpitKeys.targets(query),
    queryFn: () => api('listTargets', { query }),
    placeholderData: keepPreviousData,
    staleTime: 0,
    enabled,
  });
}

export function usePutTarget() {
  const invalidate = useInvalidateCockpit();
  return useMutation({
    mutationFn: (body: RouteBody<'putTarget'>) => api('putTarget', { body }),
    onSuccess: invalidate,
  });
}

export function useConfirmTargets() {
  const invalidate = useInvalidateCockpit();
  return useMutation({
    mutationFn: (body: RouteBody<'confirmTargets'>) => api('confirmTargets', { body }),
    onSuccess: invalidate,
  });
}

export function useTargetChanges(id: string | null) {
  return useQuery({
    queryKey: cockpitKeys.targetChanges(id ?? ''),
    queryFn: () => api('listTargetChanges', { params: { id: id ?? '' } }),
    enabled: id !== null,
    staleTime: 0,
  });
}

export function useFigures(query: FigureQuery) {
  return useQuery({
    queryKey: cockpitKeys.figures(query),
    queryFn: () => api('listFigures', { query }),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

export function useFigure(id: string | null) {
  return useQuery({
    queryKey: cockpitKeys.figure(id ?? ''),
    queryFn: () => api('getFigure', { params: { id: id ?? '' } }),
    enabled: id !== null,
    staleTime: 0,
  });
}

export function useVerifyFigures() {
  const invalidate = useInvalidateCockpit();
  return useMutation({
    mutationFn: (body: RouteBody<'verifyFigures'>) => api('verifyFigures', { body }),
    onSuccess: invalidate,
  });
}

export function useEntryForm(query: EntryFormQuery | null) {
  return useQuery({
    queryKey: cockpitKeys.entryForm(query ?? { unitId: '', year: 0, month: 0 }),
    queryFn: () => api('getEntryForm', { query: query as EntryFormQuery }),
    enabled: query !== null,
    staleTime: 0,
  });
}

export function useSaveFigures() {
  const invalidate = useInvalidateCockpit();
  return useMutation({
    mutationFn: (body: RouteBody<'saveFigures'>) => api('saveFigures', { body }),
    onSuccess: invalidate,
  });
}

export function useCockpitSettings() {
  return useQuery({ queryKey: cockpitKeys.settings, queryFn: () => api('getCockpitSettings'), staleTime: 0 });
}

export function useUpdateCockpitSettings() {
  const invalidate = useInvalidateCockpit();
  return useMutation({
    mutationFn: (body: RouteBody<'updateCockpitSettings'>) => api('updateCockpitSettings', { body }),
    onSuccess: invalidate,
  });
}

// ── The computed views ──────────────────────────────────────────────────────────────────────────────────────────

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
    queryKey: cockpitKeys.headline(query),
    queryFn: () => api('getCockpit', { query }),
    ...common(options),
  });
}

export function useIndicatorTable(query: IndicatorTableQuery | null, options?: CockpitQueryOptions) {
  return useQuery({
    queryKey: cockpitKeys.indicatorTable(query ?? { indicatorId: '' }),
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
 * The cockpit's first reads for the default period, started at boot when the app opens on `/cockpit` (routes.tsx
 * `preloadRoute`), under the keys the page asks for: the headline and the county league at once, then the first
 * indicator's county table and trend as soon as the headline names them. So the reads run while the page's code
 * is still loading instead of after it.
 */
export async function prefetchCockpit(queryClient: QueryClient): Promise<void> {
  const league: LeagueQuery = { board: 'county' };
  void queryClient.prefetchQuery({
    queryKey: cockpitKeys.league(league),
    queryFn: () => api('getLeague', { query: league }),
  });
  const headline = await queryClient.fetchQuery({
    queryKey: cockpitKeys.headline({}),
    queryFn: () => api('getCockpit', { query: {} }),
  });
  const indicatorId = headline.headline[0]?.indicator.id;
  if (!indicatorId) return;
  const table: IndicatorTableQuery = { indicatorId, year: headline.year, month: headline.month };
  const trend: TrendQuery = { indicatorId, year: headline.year };
  void queryClient.prefetchQuery({
    queryKey: cockpitKeys.indicatorTable(table),
    queryFn: () => api('getIndicatorTable', { query: table }),
  });
  void queryClient.prefetchQuery({
    queryKey: cockpitKeys.trend(trend),
    queryFn: () => api('getTrend', { query: trend }),
  });
}

/**
 * A figure with its history (the drill-down). Silent: outside the caller's scope the server answers 404, which the
 * drawer explains itself rather than as an error toast.
 */
export function useFigureDetail(id: string | null) {
  return useQuery({
    // Its own key beside useFigure's: the same answer, but this query's failures are silent.
    queryKey: [...cockpitKeys.figure(id ?? ''), 'drill'] as const,
    queryFn: () => api('getFigure', { params: { id: id as string } }),
    enabled: !!id,
    meta: { silent: true },
  });
}

/** The xlsx of a league table (the same board and period). */
export const leagueExportUrl = (query: LeagueQuery) => routeUrl('exportLeague', { query });
