import { useEffect, useState } from 'react';
import { isApiError } from '../api/client';

export interface Versioned {
  id: string;
  version: number;
}

/**
 * Keeps an edit dialog on the latest version of its row. The dialog starts from the row it was opened with.
 * When a save is refused as stale (`VERSION_CONFLICT`: the error policy announces it and refetches), the
 * refetched row becomes the base as soon as it arrives: `onReload` refills the form, `reloaded` turns true so
 * the dialog can say so, and the next save sends the new version. Without a conflict the form is left alone,
 * so a background refetch never overwrites what the user is typing.
 */
export function useConflictReload<T extends Versioned>(
  opened: T | null,
  latest: T | null | undefined,
  onReload: (row: T) => void,
): { base: T | null; reloaded: boolean; onSaveError: (error: unknown) => void } {
  const [base, setBase] = useState(opened);
  const [waiting, setWaiting] = useState(false);
  const [reloaded, setReloaded] = useState(false);

  useEffect(() => {
    if (!waiting || !latest || latest.version === base?.version) return;
    setBase(latest);
    setWaiting(false);
    setReloaded(true);
    onReload(latest);
  }, [waiting, latest, base?.version, onReload]);

  const onSaveError = (error: unknown) => {
    if (isApiError(error, 'VERSION_CONFLICT')) setWaiting(true);
  };
  return { base, reloaded, onSaveError };
}
