import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RouteBody, RouteQuery } from '@zaitun/contracts';
import { api } from './client';

export function useAuditEvents(query: RouteQuery<'listAudit'>) {
  return useQuery({
    queryKey: ['audit', query],
    queryFn: () => api('listAudit', { query }),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

export function useVerifyAudit() {
  return useMutation({ mutationFn: () => api('verifyAudit') });
}

export function useBackups() {
  return useQuery({ queryKey: ['backups'], queryFn: () => api('listBackups'), staleTime: 0 });
}

export function useCreateBackup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api('createBackup'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['backups'] }),
  });
}

export function useTokens() {
  return useQuery({ queryKey: ['tokens'], queryFn: () => api('listTokens'), staleTime: 0 });
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RouteBody<'createToken'>) => api('createToken', { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['tokens'] }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api('revokeToken', { params: { id } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['tokens'] }),
  });
}
