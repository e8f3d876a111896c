import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RouteBody, RouteQuery } from '@zaitun/contracts';
import { api } from './client';

export const unitKeys = {
  all: ['units'] as const,
  tree: (includeInactive: boolean) => ['units', 'tree', includeInactive],
};
export const userKeys = { all: ['users'] as const, list: (q: RouteQuery<'listUsers'>) => ['users', 'list', q] };

export function useUnitTree(includeInactive = false, enabled = true) {
  return useQuery({
    queryKey: unitKeys.tree(includeInactive),
    queryFn: () => api('unitTree', { query: { includeInactive } }),
    enabled,
  });
}

function useInvalidate(...keys: (readonly string[])[]) {
  const queryClient = useQueryClient();
  return () => Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}

export function useCreateUnit() {
  const invalidate = useInvalidate(unitKeys.all);
  return useMutation({
    mutationFn: (body: RouteBody<'createUnit'>) => api('createUnit', { body }),
    onSuccess: invalidate,
  });
}

export function useUpdateUnit() {
  const invalidate = useInvalidate(unitKeys.all, userKeys.all);
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: RouteBody<'updateUnit'> }) =>
      api('updateUnit', { params: { id }, body }),
    onSuccess: invalidate,
  });
}

export function useMoveUnit() {
  const invalidate = useInvalidate(unitKeys.all);
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: RouteBody<'moveUnit'> }) =>
      api('moveUnit', { params: { id }, body }),
    onSuccess: invalidate,
  });
}

export function useSetUnitActive() {
  const invalidate = useInvalidate(unitKeys.all);
  return useMutation({
    mutationFn: ({ id, version, active }: { id: string; version: number; active: boolean }) =>
      api(active ? 'activateUnit' : 'deactivateUnit', { params: { id }, body: { version } }),
    onSuccess: invalidate,
  });
}

export function useDeleteUnit() {
  const invalidate = useInvalidate(unitKeys.all);
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api('deleteUnit', { params: { id }, query: { version } }),
    onSuccess: invalidate,
  });
}

export function useUsers(query: RouteQuery<'listUsers'>) {
  return useQuery({
    queryKey: userKeys.list(query),
    queryFn: () => api('listUsers', { query }),
    placeholderData: keepPreviousData,
  });
}

export function useCreateUser() {
  const invalidate = useInvalidate(userKeys.all, unitKeys.all);
  return useMutation({
    mutationFn: (body: RouteBody<'createUser'>) => api('createUser', { body }),
    onSuccess: invalidate,
  });
}

export function useUpdateUser() {
  const invalidate = useInvalidate(userKeys.all, unitKeys.all);
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: RouteBody<'updateUser'> }) =>
      api('updateUser', { params: { id }, body }),
    onSuccess: invalidate,
  });
}

export function useSetUserRoles() {
  const invalidate = useInvalidate(userKeys.all);
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: RouteBody<'setUserRoles'> }) =>
      api('setUserRoles', { params: { id }, body }),
    onSuccess: invalidate,
  });
}

export function useSetUserStatus() {
  const invalidate = useInvalidate(userKeys.all);
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: RouteBody<'setUserStatus'> }) =>
      api('setUserStatus', { params: { id }, body }),
    onSuccess: invalidate,
  });
}

export function useResetUserPassword() {
  const invalidate = useInvalidate(userKeys.all);
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api('resetUserPassword', { params: { id }, body: { version } }),
    onSuccess: invalidate,
  });
}

export function useRevokeUserSessions() {
  return useMutation({ mutationFn: (id: string) => api('revokeUserSessions', { params: { id } }) });
}

export function useRoleMatrix() {
  return useQuery({ queryKey: ['roles'], queryFn: () => api('roleMatrix'), staleTime: 5 * 60_000 });
}
