/**
 * Admin data: the working-day calendar, the dispatch settings and dictionaries, and spreadsheet imports.
 * Downloads are not JSON, so they have their own helper here (uploads go through the client's `upload`); their
 * failures still become `ApiError`s and go through the one request-error policy (as mutations).
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DICTIONARIES, ImportType, RouteBody, RouteKey, RouteQuery, RouteResponse } from '@zaitun/contracts';
import { currentLocale } from '../i18n';
import { ApiError, api, NETWORK_ERROR, routeUrl, upload } from './client';

type Dict = (typeof DICTIONARIES)[number];
export type ImportPreviewT = RouteResponse<'getImport'>;

export const calendarKeys = {
  all: ['calendar'] as const,
  year: (year: number) => ['calendar', 'year', year] as const,
};
export const settingsKeys = {
  dispatch: ['settings', 'dispatch'] as const,
  documents: ['settings', 'documents'] as const,
  dict: (dict: Dict, includeInactive: boolean) => ['dictionaries', dict, includeInactive] as const,
  dicts: ['dictionaries'] as const,
};

export function useCalendarYears() {
  return useQuery({ queryKey: calendarKeys.all, queryFn: () => api('listCalendarYears'), staleTime: 0 });
}

export function useCalendarYear(year: number) {
  return useQuery({
    queryKey: calendarKeys.year(year),
    queryFn: () => api('getCalendarYear', { params: { year } }),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

export function usePutCalendarYear() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ year, body }: { year: number; body: RouteBody<'putCalendarYear'> }) =>
      api('putCalendarYear', { params: { year }, body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: calendarKeys.all }),
  });
}

export function useDispatchSettings() {
  return useQuery({ queryKey: settingsKeys.dispatch, queryFn: () => api('getDispatchSettings'), staleTime: 0 });
}

export function useUpdateDispatchSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RouteBody<'updateDispatchSettings'>) => api('updateDispatchSettings', { body }),
    onSuccess: (doc) => queryClient.setQueryData(settingsKeys.dispatch, doc),
  });
}

export function useDocumentSettings() {
  return useQuery({ queryKey: settingsKeys.documents, queryFn: () => api('getDocumentSettings'), staleTime: 0 });
}

export function useUpdateDocumentSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RouteBody<'updateDocumentSettings'>) => api('updateDocumentSettings', { body }),
    onSuccess: (doc) => queryClient.setQueryData(settingsKeys.documents, doc),
  });
}

export function useDictionary(dict: Dict, includeInactive: boolean) {
  return useQuery({
    queryKey: settingsKeys.dict(dict, includeInactive),
    queryFn: () => api('listDictionary', { params: { dict }, query: { includeInactive } }),
    placeholderData: keepPreviousData,
  });
}

export function useCreateDictEntry(dict: Dict) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RouteBody<'createDictEntry'>) => api('createDictEntry', { params: { dict }, body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: settingsKeys.dicts }),
  });
}

export function useUpdateDictEntry(dict: Dict) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: RouteBody<'updateDictEntry'> }) =>
      api('updateDictEntry', { params: { dict, id }, body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: settingsKeys.dicts }),
  });
}

// ---- Files ----

/** The file name of a download, from `filename*=UTF-8''…` (Chinese names) or `filename="…"`. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename="([^"]+)"/i.exec(disposition);
  return plain?.[1] ?? fallback;
}

function errorFromBody(status: number, text: string): ApiError {
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown; details?: unknown } };
    if (body.error && typeof body.error.code === 'string') {
      return new ApiError(
        status,
        body.error.code,
        typeof body.error.message === 'string' ? body.error.message : '',
        body.error.details,
      );
    }
  } catch {
    // not JSON: a proxy's page
  }
  return new ApiError(status, status >= 500 ? 'INTERNAL' : `HTTP_${status}`, '');
}

/** Fetches a download route in the UI's language and saves it under the server's file name. */
export async function download(
  key: RouteKey,
  params: Record<string, string | number> | undefined,
  fallback: string,
  query?: Record<string, string>,
) {
  let res: Response;
  try {
    res = await fetch(routeUrl(key, { ...(params ? { params } : {}), ...(query ? { query } : {}) }), {
      credentials: 'same-origin',
      headers: { 'Accept-Language': currentLocale() },
    });
  } catch (cause) {
    throw new ApiError(0, NETWORK_ERROR, cause instanceof Error ? cause.message : '');
  }
  if (!res.ok) throw errorFromBody(res.status, await res.text());
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileNameOf(res.headers.get('content-disposition'), fallback);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function useDownload() {
  return useMutation({
    mutationFn: ({
      key,
      params,
      fallback,
    }: {
      key: RouteKey;
      params?: Record<string, string | number>;
      fallback: string;
    }) => download(key, params, fallback),
  });
}

/** Uploads a file for an import preview, reporting progress (0–100). */
export function useUploadImport(type: ImportType) {
  return useMutation({
    mutationFn: ({
      file,
      onProgress,
      query,
    }: {
      file: File;
      onProgress: (percent: number) => void;
      /** The import type's parameters (the bureau sheet: indicator and period). */
      query?: RouteQuery<'previewImport'>;
    }) => upload('previewImport', { params: { type }, query, file, onProgress }),
  });
}

export function useCommitImport() {
  return useMutation({ mutationFn: (id: string) => api('commitImport', { params: { id } }) });
}
