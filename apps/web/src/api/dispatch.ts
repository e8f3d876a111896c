/**
 * Dispatch items over the typed client: lists (with the views and buckets of the contract), one item with its
 * timeline, the counts of tabs and tiles, registration, edits, workflow actions, attachments, and the reference data
 * the screens need (item categories, the default deadline).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ItemBucket, ItemDetailT, ItemState, Light, RouteBody, RouteQuery } from '@zaitun/contracts';
import { ApiError, api, routeUrl, upload } from './client';

export type ItemListQuery = RouteQuery<'listItems'>;
export type ItemActionBody = RouteBody<'itemAction'>;

export const itemKeys = {
  all: ['items'] as const,
  list: (q: ItemListQuery) => ['items', 'list', q] as const,
  counts: (q: ItemListQuery, keys: Record<string, string | undefined>) => ['items', 'counts', q, keys] as const,
  detail: (id: string) => ['items', 'detail', id] as const,
  events: (id: string) => ['items', 'events', id] as const,
};

export function useItems(query: ItemListQuery, enabled = true) {
  return useQuery({
    queryKey: itemKeys.list(query),
    queryFn: () => api('listItems', { query }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** What to count within a list view: some buckets, lights and states. */
export interface CountKeys {
  buckets?: readonly ItemBucket[];
  lights?: readonly Light[];
  states?: readonly ItemState[];
}

/**
 * The counts on tabs and tiles: how many items of a list view (its filters, without paging and sorting) fall in
 * each bucket, light and state asked for — one request, one query on the server.
 */
export function useItemCounts(query: ItemListQuery, keys: CountKeys, enabled = true) {
  const { page: _page, pageSize: _pageSize, sort: _sort, order: _order, ...filters } = query;
  const csv = (values?: readonly string[]) => (values?.length ? values.join(',') : undefined);
  const counted = { buckets: csv(keys.buckets), lights: csv(keys.lights), states: csv(keys.states) };
  return useQuery({
    queryKey: itemKeys.counts(filters, counted),
    queryFn: () => api('itemCounts', { query: { ...filters, ...counted } }),
    enabled,
  });
}

export function useItem(id: string) {
  return useQuery({ queryKey: itemKeys.detail(id), queryFn: () => api('getItem', { params: { id } }) });
}

export function useItemEvents(id: string) {
  return useQuery({ queryKey: itemKeys.events(id), queryFn: () => api('itemEvents', { params: { id } }) });
}

/** After a write: the item's own answer goes into the cache at once; lists, counts and the timeline refetch. */
function useAfterWrite() {
  const queryClient = useQueryClient();
  return (detail: ItemDetailT) => {
    queryClient.setQueryData(itemKeys.detail(detail.item.id), detail);
    return queryClient.invalidateQueries({
      predicate: (q) => q.queryKey[0] === 'items' && !(q.queryKey[1] === 'detail' && q.queryKey[2] === detail.item.id),
    });
  };
}

export function useCreateItem() {
  const after = useAfterWrite();
  return useMutation({
    mutationFn: (body: RouteBody<'createItem'>) => api('createItem', { body }),
    onSuccess: after,
  });
}

export function useUpdateItem() {
  const after = useAfterWrite();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: RouteBody<'updateItem'> }) =>
      api('updateItem', { params: { id }, body }),
    onSuccess: after,
  });
}

export function useItemAction() {
  const after = useAfterWrite();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: ItemActionBody }) => api('itemAction', { params: { id }, body }),
    onSuccess: after,
    // A refused action (stale version, state moved on) means the item on screen is old: fetch it again.
    onError: (error, { id }) => {
      if (error instanceof ApiError && error.status === 409) {
        void queryClient.invalidateQueries({ queryKey: itemKeys.detail(id) });
        void queryClient.invalidateQueries({ queryKey: itemKeys.events(id) });
      }
    },
  });
}

/** Attaches one file to an item; the item and its timeline refetch. */
export function useUploadAttachment(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => upload('uploadAttachment', { params: { id }, file }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: itemKeys.detail(id) }),
        queryClient.invalidateQueries({ queryKey: itemKeys.events(id) }),
      ]),
  });
}

export const attachmentUrl = (id: string, attachmentId: string) =>
  routeUrl('downloadAttachment', { params: { id, attachmentId } });

/** The xlsx export of a list: the same filters, every page. */
export function exportUrl(query: ItemListQuery): string {
  const { page: _page, pageSize: _size, ...filters } = query;
  return routeUrl('exportItems', { query: filters });
}

export function useDeadlinePreview(priority: RouteQuery<'deadlinePreview'>['priority'] | undefined) {
  return useQuery({
    queryKey: ['items', 'deadline-preview', priority],
    queryFn: () => api('deadlinePreview', { query: { priority: priority ?? 'normal' } }),
    enabled: !!priority,
    staleTime: 60_000,
  });
}

/** Item categories (a dictionary an admin edits). */
export function useItemCategories() {
  return useQuery({
    queryKey: ['dictionary', 'item_category'],
    queryFn: () => api('listDictionary', { params: { dict: 'item_category' }, query: {} }),
    staleTime: 5 * 60_000,
  });
}
