/**
 * Dispatch items over the typed client: lists (with the views and buckets of the contract), one item with its
 * timeline, registration, edits, workflow actions, attachments, and the reference data the screens need
 * (item categories, the default deadline, the working-day calendar).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ItemDetailT, RouteBody, RouteQuery, RouteResponse } from '@zaitun/contracts';
import { ApiError, api, NETWORK_ERROR, routeUrl } from './client';

export type ItemListQuery = RouteQuery<'listItems'>;
export type ItemActionBody = RouteBody<'itemAction'>;

export const itemKeys = {
  all: ['items'] as const,
  list: (q: ItemListQuery) => ['items', 'list', q] as const,
  count: (q: ItemListQuery) => ['items', 'count', q] as const,
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

/** How many items match (a one-row page; only `total` is read): the counts on tabs and tiles. */
export function useItemCount(query: ItemListQuery, enabled = true) {
  return useQuery({
    queryKey: itemKeys.count(query),
    queryFn: async () => (await api('listItems', { query: { ...query, page: 1, pageSize: 1 } })).total,
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

/**
 * Uploads one file as multipart (field `file`). The typed client speaks JSON only, so this call builds the
 * request itself, with the same CSRF header and language, and the same `ApiError` on failure.
 */
export async function uploadAttachment(
  id: string,
  file: File,
  csrfToken: string | null,
  locale: string,
): Promise<RouteResponse<'uploadAttachment'>> {
  const form = new FormData();
  form.append('file', file, file.name);
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': locale };
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(routeUrl('uploadAttachment', { params: { id } }), {
      method: 'POST',
      headers,
      body: form,
      credentials: 'same-origin',
    });
  } catch (cause) {
    throw new ApiError(0, NETWORK_ERROR, cause instanceof Error ? cause.message : '');
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    const code = body?.error?.code ?? (res.status >= 500 ? 'INTERNAL' : `HTTP_${res.status}`);
    throw new ApiError(res.status, code, body?.error?.message ?? '', body?.error);
  }
  return (await res.json()) as RouteResponse<'uploadAttachment'>;
}

export function useUploadAttachment(id: string, csrfToken: string | null, locale: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => uploadAttachment(id, file, csrfToken, locale),
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

/** One year of the working-day calendar (holidays and adjusted working days); silent when missing. */
export function useCalendarYear(year: number | null) {
  return useQuery({
    queryKey: ['calendar', year],
    queryFn: () => api('getCalendarYear', { params: { year: year ?? 0 } }),
    enabled: year !== null,
    staleTime: 10 * 60_000,
    retry: false,
    meta: { silent: true },
  });
}
