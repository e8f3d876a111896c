/**
 * Assignment orders (交办单) and dispatch meetings (调度会) over the typed client: lists, one order or meeting,
 * drafting and editing, workflow actions, the agenda and its decisions.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MeetingDetailT, OrderDetailT, RouteBody, RouteQuery } from '@zaitun/contracts';
import { api, routeUrl } from './client';

export type OrderListQuery = RouteQuery<'listOrders'>;
export type MeetingListQuery = RouteQuery<'listMeetings'>;

export const orderKeys = {
  all: ['orders'] as const,
  list: (q: OrderListQuery) => ['orders', 'list', q] as const,
  detail: (id: string) => ['orders', 'detail', id] as const,
  candidates: (q: string) => ['orders', 'candidates', q] as const,
};
export const meetingKeys = {
  all: ['meetings'] as const,
  list: (q: MeetingListQuery) => ['meetings', 'list', q] as const,
  detail: (id: string) => ['meetings', 'detail', id] as const,
};

/** The xlsx exports of the lists: the same filters, every page (paging is dropped). */
export function orderExportUrl({ page: _page, pageSize: _size, ...filters }: OrderListQuery): string {
  return routeUrl('exportOrders', { query: filters });
}
export function meetingExportUrl({ page: _page, pageSize: _size, ...filters }: MeetingListQuery): string {
  return routeUrl('exportMeetings', { query: filters });
}

export function useOrders(query: OrderListQuery) {
  return useQuery({
    queryKey: orderKeys.list(query),
    queryFn: () => api('listOrders', { query }),
    placeholderData: keepPreviousData,
  });
}

export function useOrder(id: string) {
  return useQuery({ queryKey: orderKeys.detail(id), queryFn: () => api('getOrder', { params: { id } }) });
}

/** Items an order may still take, searched by title or number. */
export function useOrderCandidates(q: string, enabled = true) {
  return useQuery({
    queryKey: orderKeys.candidates(q),
    queryFn: () => api('orderCandidates', { query: { q: q || undefined, pageSize: 50 } }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** After a write: the order's own answer goes into the cache; lists, candidates and items refetch. */
function useAfterOrderWrite() {
  const queryClient = useQueryClient();
  return (detail: OrderDetailT) => {
    queryClient.setQueryData(orderKeys.detail(detail.order.id), detail);
    return queryClient.invalidateQueries({
      predicate: (q) =>
        (q.queryKey[0] === 'orders' && q.queryKey[1] !== 'detail') ||
        q.queryKey[0] === 'meetings' ||
        q.queryKey[0] === 'items',
    });
  };
}

export function useCreateOrder() {
  const after = useAfterOrderWrite();
  return useMutation({
    mutationFn: (body: RouteBody<'createOrder'>) => api('createOrder', { body }),
    onSuccess: after,
  });
}

export function useUpdateOrder() {
  const after = useAfterOrderWrite();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: RouteBody<'updateOrder'> }) =>
      api('updateOrder', { params: { id }, body }),
    onSuccess: after,
  });
}

export function useOrderAction() {
  const after = useAfterOrderWrite();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: RouteBody<'orderAction'> }) =>
      api('orderAction', { params: { id }, body }),
    onSuccess: after,
    // A stale version: show the order as it is now.
    onError: (_e, { id }) => queryClient.invalidateQueries({ queryKey: orderKeys.detail(id) }),
  });
}

export function useMeetings(query: MeetingListQuery) {
  return useQuery({
    queryKey: meetingKeys.list(query),
    queryFn: () => api('listMeetings', { query }),
    placeholderData: keepPreviousData,
  });
}

export function useMeeting(id: string) {
  return useQuery({ queryKey: meetingKeys.detail(id), queryFn: () => api('getMeeting', { params: { id } }) });
}

function useAfterMeetingWrite() {
  const queryClient = useQueryClient();
  return (detail: MeetingDetailT) => {
    queryClient.setQueryData(meetingKeys.detail(detail.meeting.id), detail);
    return queryClient.invalidateQueries({
      predicate: (q) =>
        (q.queryKey[0] === 'meetings' && q.queryKey[1] !== 'detail') ||
        q.queryKey[0] === 'orders' ||
        q.queryKey[0] === 'items',
    });
  };
}

/** Every write of a meeting answers with the meeting as it is now; one hook for all of them. */
export function useMeetingWrite() {
  const after = useAfterMeetingWrite();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (w: MeetingWriteInput): Promise<MeetingDetailT> => {
      switch (w.kind) {
        case 'create':
          return api('createMeeting', { body: w.body });
        case 'update':
          return api('updateMeeting', { params: { id: w.id }, body: w.body });
        case 'hold':
          return api('holdMeeting', { params: { id: w.id }, body: { version: w.version } });
        case 'prepare':
          return api('prepareAgenda', { params: { id: w.id }, body: { version: w.version } });
        case 'addEntry':
          return api('addAgendaEntry', { params: { id: w.id }, body: w.body });
        case 'removeEntry':
          return api('removeAgendaEntry', {
            params: { id: w.id, entryId: w.entryId },
            query: { version: w.version },
          });
        case 'decide':
          return api('decideAgendaEntry', { params: { id: w.id, entryId: w.entryId }, body: w.body });
      }
    },
    onSuccess: after,
    onError: (_e, w) => {
      if (w.kind !== 'create') void queryClient.invalidateQueries({ queryKey: meetingKeys.detail(w.id) });
    },
  });
}

export type MeetingWriteInput =
  | { kind: 'create'; body: RouteBody<'createMeeting'> }
  | { kind: 'update'; id: string; body: RouteBody<'updateMeeting'> }
  | { kind: 'hold' | 'prepare'; id: string; version: number }
  | { kind: 'addEntry'; id: string; body: RouteBody<'addAgendaEntry'> }
  | { kind: 'removeEntry'; id: string; entryId: string; version: number }
  | { kind: 'decide'; id: string; entryId: string; body: RouteBody<'decideAgendaEntry'> };
