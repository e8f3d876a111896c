/** Notifications (the bell, the page, preferences) and the group robots, as TanStack Query hooks over the contract. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RouteBody, RouteQuery } from '@zaitun/contracts';
import { api } from './client';

/** How often the bell asks for the unread count. */
export const BELL_POLL_MS = 30_000;

const keys = {
  all: ['notifications'] as const,
  unread: ['notifications', 'unread'] as const,
  list: (q: RouteQuery<'listNotifications'>) => ['notifications', 'list', q] as const,
  prefs: ['notification-prefs'] as const,
  webhooks: ['webhooks'] as const,
  deliveries: (id: string, q: RouteQuery<'listWebhookDeliveries'>) => ['webhooks', id, 'deliveries', q] as const,
};

export function useUnreadCount() {
  return useQuery({
    queryKey: keys.unread,
    queryFn: () => api('unreadNotifications', { query: {} }),
    refetchInterval: BELL_POLL_MS,
    refetchIntervalInBackground: false,
  });
}

export function useNotifications(query: RouteQuery<'listNotifications'>, enabled = true) {
  return useQuery({
    queryKey: keys.list(query),
    queryFn: () => api('listNotifications', { query }),
    placeholderData: keepPreviousData,
    staleTime: 0,
    enabled,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids?: string[]) => api('markNotificationsRead', { body: ids ? { ids } : {} }),
    onSuccess: (res) => {
      queryClient.setQueryData(keys.unread, res);
      return queryClient.invalidateQueries({ queryKey: keys.all });
    },
  });
}

export function useNotificationPrefs() {
  return useQuery({ queryKey: keys.prefs, queryFn: () => api('getNotificationPrefs') });
}

export function usePutNotificationPrefs() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RouteBody<'putNotificationPrefs'>) => api('putNotificationPrefs', { body }),
    onSuccess: (res) => queryClient.setQueryData(keys.prefs, res),
  });
}

export function useWebhooks(unitId?: string) {
  return useQuery({
    queryKey: [...keys.webhooks, 'list', unitId ?? null],
    queryFn: () => api('listWebhooks', { query: unitId ? { unitId } : {} }),
    staleTime: 0,
  });
}

function useInvalidateWebhooks() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: keys.webhooks });
}

export function useCreateWebhook() {
  const invalidate = useInvalidateWebhooks();
  return useMutation({
    mutationFn: (body: RouteBody<'createWebhook'>) => api('createWebhook', { body }),
    onSuccess: invalidate,
  });
}

export function useUpdateWebhook() {
  const invalidate = useInvalidateWebhooks();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: RouteBody<'updateWebhook'> }) =>
      api('updateWebhook', { params: { id }, body }),
    onSuccess: invalidate,
  });
}

export function useDeleteWebhook() {
  const invalidate = useInvalidateWebhooks();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api('deleteWebhook', { params: { id }, query: { version } }),
    onSuccess: invalidate,
  });
}

export function useTestWebhook() {
  const invalidate = useInvalidateWebhooks();
  return useMutation({
    mutationFn: (id: string) => api('testWebhook', { params: { id } }),
    onSettled: invalidate,
  });
}

export function useWebhookDeliveries(id: string | null, query: RouteQuery<'listWebhookDeliveries'>) {
  return useQuery({
    queryKey: keys.deliveries(id ?? '', query),
    queryFn: () => api('listWebhookDeliveries', { params: { id: id as string }, query }),
    enabled: !!id,
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

/** Where a notification leads in the app, or null when it has no page. */
export function notificationTarget(n: { entityType: string; entityId: string | null }): string | null {
  if (!n.entityId) return null;
  if (n.entityType === 'item') return `/dispatch/items/${n.entityId}`;
  if (n.entityType === 'order') return `/dispatch/orders/${n.entityId}`;
  if (n.entityType === 'meeting') return `/dispatch/meetings/${n.entityId}`;
  if (n.entityType === 'bulletin') return `/dispatch/bulletins/${n.entityId}`;
  if (n.entityType === 'figures') return '/cockpit/figures';
  return null;
}
