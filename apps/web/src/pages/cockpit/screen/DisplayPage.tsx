/**
 * The big screen through a display link (`/display/:token`), for a meeting-room screen with nobody signed in.
 * Every call carries the link's token as `Authorization: Bearer` (no cookie), through a query client of its own,
 * so that the app's session handling (sign-in redirects, `/me`) never runs here; a revoked or unknown link reads
 * as such on the screen.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useLayoutEffect, useState } from 'react';
import { useParams } from 'react-router';
import { ApiError, setBearerToken } from '../../../api/client';
import { CockpitScreen } from './CockpitScreen';

function displayClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 60_000,
        refetchOnWindowFocus: false,
        // A revoked link stays revoked; a network failure or a restart is worth two more tries.
        retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      },
    },
  });
}

export function DisplayPage() {
  const { token = '' } = useParams();
  const [client] = useState(displayClient);
  const [ready, setReady] = useState(false);
  useLayoutEffect(() => {
    setBearerToken(token);
    setReady(true);
    return () => setBearerToken(null);
  }, [token]);
  if (!ready) return null;
  return (
    <QueryClientProvider client={client}>
      <CockpitScreen variant="display" />
    </QueryClientProvider>
  );
}
