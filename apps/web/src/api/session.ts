import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MeT } from '@zaitun/contracts';
import { createContext, useContext } from 'react';
import { setLocale } from '../i18n';
import { ApiError, api, setCsrfToken, setRequestLocale } from './client';

export const ME_KEY = ['me'] as const;

/** Takes a fresh `Me` from the server: CSRF token for later writes, the account's language, the cache. */
export function acceptMe(queryClient: QueryClient, me: MeT | null): void {
  setCsrfToken(me?.csrfToken ?? null);
  if (me) {
    setRequestLocale(me.locale);
    void setLocale(me.locale);
  }
  queryClient.setQueryData(ME_KEY, me);
}

/** Forgets the signed-in user and every cached answer made on their behalf. */
export function forgetSession(queryClient: QueryClient): void {
  setCsrfToken(null);
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
  queryClient.setQueryData(ME_KEY, null);
}

/** The query of who is signed in (`null` when nobody is); shared by `useMe` and the boot's prefetch. */
export function meQuery(queryClient: QueryClient) {
  return {
    queryKey: ME_KEY,
    queryFn: async (): Promise<MeT | null> => {
      try {
        const me = await api('me');
        acceptMe(queryClient, me);
        return me;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: Number.POSITIVE_INFINITY,
    meta: { silent: true },
  };
}

/** Who is signed in: `null` when nobody is. */
export function useMe() {
  const queryClient = useQueryClient();
  return useQuery(meQuery(queryClient));
}

/**
 * The signed-in user, provided by the route guard once it has checked there is one. Reading it from the guard
 * (not from the query) means a page never renders with `null` in the moment a lost session is noticed.
 */
export const CurrentUserContext = createContext<MeT | null>(null);

export function useCurrentUser(): MeT {
  const me = useContext(CurrentUserContext);
  if (!me) throw new Error('useCurrentUser outside a signed-in route');
  return me;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { username: string; password: string }) => api('login', { body }),
    onSuccess: (me) => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
      acceptMe(queryClient, me);
    },
    meta: { silent: true },
  });
}

export function useLogout(everywhere = false) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api(everywhere ? 'logoutEverywhere' : 'logout'),
    // Forget the session on the client whatever the server said: the user asked to leave.
    onSettled: () => forgetSession(queryClient),
    meta: { silent: true },
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) => api('changePassword', { body }),
    onSuccess: (me) => acceptMe(queryClient, me),
    meta: { silent: true },
  });
}

export function useUpdateMe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { version: number; locale?: MeT['locale']; displayName?: string }) => api('updateMe', { body }),
    onSuccess: (me) => acceptMe(queryClient, me),
  });
}
