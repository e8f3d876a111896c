/**
 * Bulletins (通报) over the typed client: the archive, one bulletin, its versions and read receipts, the writes,
 * and the background task that generates (or refreshes) a bulletin's figures, followed until it ends.
 */
import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BulletinDetailT, RouteBody, RouteQuery } from '@zaitun/contracts';
import { api } from './client';

export type BulletinListQuery = RouteQuery<'listBulletins'>;

export const bulletinKeys = {
  all: ['bulletins'] as const,
  list: (q: BulletinListQuery) => ['bulletins', 'list', q] as const,
  detail: (id: string) => ['bulletins', 'detail', id] as const,
  versions: (id: string) => ['bulletins', 'versions', id] as const,
  receipts: (id: string) => ['bulletins', 'receipts', id] as const,
};

/** How often a running task is asked for its progress. */
export const TASK_POLL_MS = 300;

export function useBulletins(query: BulletinListQuery) {
  return useQuery({
    queryKey: bulletinKeys.list(query),
    queryFn: () => api('listBulletins', { query }),
    placeholderData: keepPreviousData,
  });
}

export function useBulletin(id: string) {
  return useQuery({ queryKey: bulletinKeys.detail(id), queryFn: () => api('getBulletin', { params: { id } }) });
}

export function useBulletinVersions(id: string, enabled: boolean) {
  return useQuery({
    queryKey: bulletinKeys.versions(id),
    queryFn: () => api('bulletinVersions', { params: { id } }),
    enabled,
    staleTime: 0,
  });
}

export function useBulletinReceipts(id: string, enabled: boolean) {
  return useQuery({
    queryKey: bulletinKeys.receipts(id),
    queryFn: () => api('bulletinReceipts', { params: { id } }),
    enabled,
    staleTime: 0,
  });
}

/** A background task, asked again every TASK_POLL_MS while it runs; `null` id: nothing to follow. */
export function useTask(id: string | null) {
  return useQuery({
    queryKey: ['tasks', id],
    queryFn: () => api('getTask', { params: { id: id as string } }),
    enabled: !!id,
    staleTime: 0,
    gcTime: 0,
    refetchInterval: (q) => (q.state.data && q.state.data.state !== 'running' ? false : TASK_POLL_MS),
  });
}

/** Display names of users by id (for the versions list); unknown or unreadable users stay unnamed. */
export function useUserNames(ids: readonly string[]): Map<string, string> {
  const results = useQueries({
    queries: ids.map((id) => ({
      queryKey: ['users', 'detail', id],
      queryFn: () => api('getUser', { params: { id } }),
      staleTime: 300_000,
      meta: { silent: true },
    })),
  });
  const names = new Map<string, string>();
  results.forEach((r, i) => {
    const id = ids[i];
    if (id && r.data) names.set(id, r.data.displayName);
  });
  return names;
}

/** After a write: the bulletin's own answer goes into the cache; the archive and the side lists refetch. */
function useAfterBulletinWrite() {
  const queryClient = useQueryClient();
  return (detail: BulletinDetailT) => {
    queryClient.setQueryData(bulletinKeys.detail(detail.bulletin.id), detail);
    return queryClient.invalidateQueries({
      predicate: (q) => q.queryKey[0] === 'bulletins' && q.queryKey[1] !== 'detail',
    });
  };
}

/** Starts drafting a bulletin: answers the task that computes it (202). A bad period is a 400 the form shows. */
export function useStartBulletin() {
  return useMutation({
    mutationFn: (body: RouteBody<'createBulletin'>) => api('createBulletin', { body }),
    meta: { silent: true },
  });
}

export function useRefreshBulletin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api('refreshBulletin', { params: { id }, body: { version } }),
    onError: (_e, { id }) => queryClient.invalidateQueries({ queryKey: bulletinKeys.detail(id) }),
  });
}

/** Every write of a bulletin answers with the bulletin as it is now; one hook for all of them. */
export function useBulletinWrite() {
  const after = useAfterBulletinWrite();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (w: BulletinWriteInput): Promise<BulletinDetailT> => {
      switch (w.kind) {
        case 'update':
          return api('updateBulletin', { params: { id: w.id }, body: w.body });
        case 'publish':
          return api('publishBulletin', { params: { id: w.id }, body: { version: w.version } });
        case 'withdraw':
          return api('withdrawBulletin', { params: { id: w.id }, body: w.body });
      }
    },
    onSuccess: after,
    // A stale version: show the bulletin as it is now.
    onError: (_e, w) => queryClient.invalidateQueries({ queryKey: bulletinKeys.detail(w.id) }),
  });
}

export type BulletinWriteInput =
  | { kind: 'update'; id: string; body: RouteBody<'updateBulletin'> }
  | { kind: 'publish'; id: string; version: number }
  | { kind: 'withdraw'; id: string; body: RouteBody<'withdrawBulletin'> };
