/**
 * The cockpit (一看) over the typed client: indicators, targets, figures (entry, verification, history) and the
 * cockpit settings. Every key starts with `cockpit`, so a write invalidates the computed views too.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RouteBody, RouteQuery } from '@zaitun/contracts';
import { api } from './client';

export type TargetQuery = RouteQuery<'listTargets'>;
export type FigureQuery = RouteQuery<'listFigures'>;
export type EntryFormQuery = RouteQuery<'getEntryForm'>;

export const cockpitKeys = {
  all: ['cockpit'] as const,
  indicators: ['cockpit', 'indicators'] as const,
  targets: (q: TargetQuery) => ['cockpit', 'targets', q] as const,
  targetChanges: (id: string) => ['cockpit', 'targets', 'changes', id] as const,
  figures: (q: FigureQuery) => ['cockpit', 'figures', q] as const,
  figure: (id: string) => ['cockpit', 'figure', id] as const,
  entryForm: (q: EntryFormQuery) => ['cockpit', 'entry', q] as const,
  settings: ['cockpit', 'settings'] as const,
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
