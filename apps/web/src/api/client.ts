/**
 * The typed API client: one function over the contract's route table. Paths, methods and the shapes of params,
 * query, body and response all come from `@zaitun/contracts`, so a change there breaks the build here.
 */
import {
  type Locale,
  type RouteBody,
  type RouteDef,
  type RouteKey,
  type RouteParams,
  type RouteQuery,
  type RouteResponse,
  routes,
} from '@zaitun/contracts';

/** Code for a request that never got an answer (offline, DNS, server down). */
export const NETWORK_ERROR = 'NETWORK_ERROR';

/** An API failure: the server's `{ error: { code, message, details } }`, or a network failure (status 0). */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

const state: { csrfToken: string | null; locale: Locale; bearer: string | null } = {
  csrfToken: null,
  locale: 'zh-CN',
  bearer: null,
};

/** The session's CSRF token (from `Me`), sent on every state-changing request. */
export function setCsrfToken(token: string | null): void {
  state.csrfToken = token;
}

/**
 * A display link's token (`zdl_…`), sent as `Authorization: Bearer` on every call instead of the session cookie —
 * set only by the display page (`/display/:token`), which has no session, and cleared when it closes.
 */
export function setBearerToken(token: string | null): void {
  state.bearer = token;
}

/** The UI language, sent as Accept-Language so that server messages come back in it. */
export function setRequestLocale(locale: Locale): void {
  state.locale = locale;
}

type Part<T, Name extends string> = [T] extends [undefined] ? { [P in Name]?: undefined } : { [P in Name]: T };
export type CallArgs<K extends RouteKey> = Part<RouteParams<K>, 'params'> &
  Part<RouteQuery<K>, 'query'> &
  Part<RouteBody<K>, 'body'>;
type Rest<K extends RouteKey> = Record<string, never> extends CallArgs<K> ? [args?: CallArgs<K>] : [args: CallArgs<K>];

interface LooseArgs {
  params?: Record<string, string | number>;
  query?: Record<string, unknown>;
  body?: unknown;
}

/** The URL of a route with its params filled in and its query appended. */
export function routeUrl(key: RouteKey, args: LooseArgs = {}): string {
  const def: RouteDef = routes[key];
  const path = def.path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = args.params?.[name];
    if (value === undefined) throw new Error(`Missing route param ${name} for ${key}`);
    return encodeURIComponent(String(value));
  });
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(args.query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    search.set(name, String(value));
  }
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

async function errorFrom(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // A proxy's HTML error page, or an empty body: fall through to the status.
  }
  if (body && typeof body === 'object' && 'error' in body) {
    const error = (body as { error: unknown }).error;
    if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') {
      const message = 'message' in error && typeof error.message === 'string' ? error.message : '';
      const details = 'details' in error ? error.details : undefined;
      return new ApiError(res.status, error.code, message, details);
    }
  }
  return new ApiError(res.status, res.status >= 500 ? 'INTERNAL' : `HTTP_${res.status}`, '');
}

/** The routes that take a multipart upload (`upload: true` in the contract): called through `upload`, not `api`. */
export type UploadKey = { [K in RouteKey]: (typeof routes)[K] extends { upload: true } ? K : never }[RouteKey];
/** The routes that speak JSON. */
export type JsonKey = Exclude<RouteKey, UploadKey>;

/** The headers of every call: JSON answers in the UI's language, the CSRF token on writes. */
function headersFor(def: RouteDef): Record<string, string> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': state.locale };
  if (def.method !== 'GET' && state.csrfToken) headers['X-CSRF-Token'] = state.csrfToken;
  if (state.bearer) headers.Authorization = `Bearer ${state.bearer}`;
  return headers;
}

/** Calls one API operation. Resolves with the typed response; rejects with an `ApiError`. */
export async function api<K extends JsonKey>(key: K, ...rest: Rest<K>): Promise<RouteResponse<K>> {
  const def: RouteDef = routes[key];
  const args: LooseArgs = (rest[0] ?? {}) as LooseArgs;
  const headers = headersFor(def);
  // With a bearer token the cookie stays home: the call is the display link's, not a signed-in user's.
  const init: RequestInit = { method: def.method, headers, credentials: state.bearer ? 'omit' : 'same-origin' };
  if (args.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(args.body);
  }
  let res: Response;
  try {
    res = await fetch(routeUrl(key, args), init);
  } catch (cause) {
    throw new ApiError(0, NETWORK_ERROR, cause instanceof Error ? cause.message : '');
  }
  if (!res.ok) throw await errorFrom(res);
  if (res.status === 204 || def.response === null) return undefined as RouteResponse<K>;
  return (await res.json()) as RouteResponse<K>;
}

export type UploadArgs<K extends UploadKey> = Part<RouteParams<K>, 'params'> & {
  /** Query parameters the route declares (an import type's parameters), appended to the URL. */
  query?: RouteQuery<K>;
  /** The file, sent as the multipart field `file` under its own name. */
  file: Blob & { name: string };
  /** Reports the share of the file sent so far (0–100). */
  onProgress?: (percent: number) => void;
};

/**
 * Uploads one file to a route the contract marks `upload: true` (multipart/form-data, field `file`), with the same
 * headers, CSRF token and `ApiError`s as `api`. XMLHttpRequest rather than fetch: fetch reports no upload progress.
 */
export function upload<K extends UploadKey>(key: K, args: UploadArgs<K>): Promise<RouteResponse<K>> {
  const def: RouteDef = routes[key];
  const form = new FormData();
  form.append('file', args.file, args.file.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(def.method, routeUrl(key, args as LooseArgs));
    xhr.withCredentials = true;
    for (const [name, value] of Object.entries(headersFor(def))) xhr.setRequestHeader(name, value);
    const { onProgress } = args;
    if (onProgress) {
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
      };
    }
    xhr.onload = () => {
      // Read as a Response, so that answers and failures go through exactly the same code as `api`'s.
      const res = new Response(xhr.status === 204 ? null : xhr.responseText, { status: xhr.status });
      if (!res.ok) errorFrom(res).then(reject, reject);
      else if (res.status === 204 || def.response === null) resolve(undefined as RouteResponse<K>);
      else res.json().then((body) => resolve(body as RouteResponse<K>), reject);
    };
    xhr.onerror = () => reject(new ApiError(0, NETWORK_ERROR, ''));
    xhr.send(form);
  });
}
