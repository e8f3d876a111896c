import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './client';

declare module '@tanstack/react-query' {
  interface Register {
    /** `silent`: the caller shows the error itself (e.g. the sign-in form); no toast. */
    queryMeta: { silent?: boolean };
    mutationMeta: { silent?: boolean };
  }
}

export type ErrorSink = (error: unknown, silent: boolean) => void;

let sink: ErrorSink = () => {};
/** Installed by `ErrorPolicyBridge`, which has the toast API and the router. */
export function setErrorSink(next: ErrorSink): void {
  sink = next;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({ onError: (error, query) => sink(error, query.meta?.silent === true) }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _result, mutation) => sink(error, mutation.meta?.silent === true),
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // A 4xx will not heal by asking again; network errors and 5xx get two more tries.
        retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      },
      mutations: { retry: false },
    },
  });
}

/**
 * The app's one client. A module of its own (not created inside `App`) so that the boot code in `main.tsx` can
 * start the first page's reads before React has rendered anything (see `preloadRoute` in routes.tsx).
 */
export const queryClient = createQueryClient();
