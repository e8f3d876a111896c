import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, NETWORK_ERROR, routeUrl, setCsrfToken, setRequestLocale } from './client';

type Call = { url: string; init: RequestInit };

function stubFetch(respond: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      const call = { url, init };
      calls.push(call);
      return respond(call);
    }),
  );
  return calls;
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const header = (call: Call | undefined, name: string) => ((call?.init.headers ?? {}) as Record<string, string>)[name];

beforeEach(() => {
  setCsrfToken('csrf-1');
  setRequestLocale('zh-CN');
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('api client', () => {
  it('fills path params and drops empty query values', () => {
    expect(routeUrl('getUnit', { params: { id: 'a b' } })).toBe('/api/v1/units/a%20b');
    expect(routeUrl('listUsers', { query: { q: '', page: 2, role: undefined, pageSize: 50 } })).toBe(
      '/api/v1/users?page=2&pageSize=50',
    );
  });

  it('sends the language on every request and the CSRF token only on writes', async () => {
    const calls = stubFetch(() => json(200, { items: [], total: 0 }));
    await api('unitTree', { query: { includeInactive: true } });
    setRequestLocale('en-US');
    const writes = stubFetch(() => json(201, {}));
    await api('createBackup');

    expect(calls[0]?.url).toBe('/api/v1/units/tree?includeInactive=true');
    expect(calls[0]?.init.method).toBe('GET');
    expect(header(calls[0], 'Accept-Language')).toBe('zh-CN');
    expect(header(calls[0], 'X-CSRF-Token')).toBeUndefined();
    expect(writes[0]?.init.method).toBe('POST');
    expect(header(writes[0], 'X-CSRF-Token')).toBe('csrf-1');
    expect(header(writes[0], 'Accept-Language')).toBe('en-US');
    // No body, so no JSON content type (the server refuses an empty JSON body).
    expect(header(writes[0], 'Content-Type')).toBeUndefined();
  });

  it('sends a JSON body with its content type', async () => {
    const calls = stubFetch(() => json(200, { id: 'x' }));
    await api('moveUnit', { params: { id: 'u1' }, body: { version: 3, parentId: 'p1' } });
    expect(calls[0]?.url).toBe('/api/v1/units/u1/move');
    expect(header(calls[0], 'Content-Type')).toBe('application/json');
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ version: 3, parentId: 'p1' });
  });

  it('maps the error body to an ApiError with code, message and details', async () => {
    stubFetch(() =>
      json(423, {
        error: { code: 'ACCOUNT_LOCKED', message: '账号已临时锁定', details: { lockedUntil: '2026-01-01T00:15:00Z' } },
      }),
    );
    const error = await api('login', { body: { username: 'a', password: 'b' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 423,
      code: 'ACCOUNT_LOCKED',
      message: '账号已临时锁定',
      details: { lockedUntil: '2026-01-01T00:15:00Z' },
    });
  });

  it('turns a non-JSON failure into a status-based code', async () => {
    stubFetch(() => new Response('<html>Bad gateway</html>', { status: 502 }));
    await expect(api('me')).rejects.toMatchObject({ status: 502, code: 'INTERNAL' });
  });

  it('reports a network failure as status 0', async () => {
    stubFetch(() => {
      throw new TypeError('Failed to fetch');
    });
    await expect(api('me')).rejects.toMatchObject({ status: 0, code: NETWORK_ERROR });
  });

  it('resolves a 204 to undefined', async () => {
    stubFetch(() => new Response(null, { status: 204 }));
    await expect(api('logout')).resolves.toBeUndefined();
  });
});
