/** Display links (大屏) of meeting-room screens: list, create (the token and address come back once), revoke. */

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RouteBody } from '@zaitun/contracts';
import { api } from './client';

const KEY = ['display-links'] as const;

export function useDisplayLinks() {
  return useQuery({ queryKey: KEY, queryFn: () => api('listDisplayLinks'), staleTime: 0 });
}

export function useCreateDisplayLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RouteBody<'createDisplayLink'>) => api('createDisplayLink', { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export function useRevokeDisplayLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api('revokeDisplayLink', { params: { id } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

/** The server answers a path (`/display/<token>`): the screen opens it on this site's origin. */
export const displayLinkAddress = (path: string, origin = window.location.origin): string =>
  /^https?:\/\//.test(path) ? path : `${origin}${path}`;
