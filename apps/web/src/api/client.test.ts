import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, NETWORK_ERROR, routeUrl, setCsrfToken, setRequestLocale, upload } from './client';

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

/** A stand-in XMLHttpRequest: records the request and answers with `respond` once sent. */
class FakeXhr {
  static sent: FakeXhr[] = [];
  static respond: (xhr: FakeXhr) => void = () => {};
  method = '';
  url = '';
  headers: Record<string, string> = {};
  withCredentials = false;
  body: unknown = null;
  status = 0;
  responseText = '';
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = {
    onprogress: null,
  };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: unknown) {
    this.body = body;
    FakeXhr.sent.push(this);
    FakeXhr.respond(this);
  }
  answer(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.onload?.();
  }
}

describe('upload (multipart)', () => {
  beforeEach(() => {
    FakeXhr.sent = [];
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
  });

  const file = new File(['%PDF-1.4'], '说明.pdf', { type: 'application/pdf' });

  it('posts the file as the multipart field `file` to the contract route, with the CSRF token and language', async () => {
    setRequestLocale('en-US');
    FakeXhr.respond = (xhr) => xhr.answer(201, { id: 'a1', fileName: '说明.pdf' });
    const done = await upload('uploadAttachment', { params: { id: 'i 1' }, file });

    const xhr = FakeXhr.sent[0];
    expect(xhr?.method).toBe('POST');
    expect(xhr?.url).toBe('/api/v1/items/i%201/attachments');
    expect(xhr?.withCredentials).toBe(true);
    expect(xhr?.headers).toMatchObject({
      Accept: 'application/json',
      'Accept-Language': 'en-US',
      'X-CSRF-Token': 'csrf-1',
    });
    // The browser sets the multipart content type with its boundary: never set by hand.
    expect(xhr?.headers['Content-Type']).toBeUndefined();
    const sent = (xhr?.body as FormData | undefined)?.get('file') as File;
    expect(sent.name).toBe('说明.pdf');
    expect(sent.size).toBe(file.size);
    expect(done).toEqual({ id: 'a1', fileName: '说明.pdf' });
  });

  it('reports the progress of the upload', async () => {
    const seen: number[] = [];
    FakeXhr.respond = (xhr) => {
      xhr.upload.onprogress?.({ lengthComputable: true, loaded: 1, total: 4 });
      xhr.upload.onprogress?.({ lengthComputable: false, loaded: 2, total: 0 });
      xhr.upload.onprogress?.({ lengthComputable: true, loaded: 4, total: 4 });
      xhr.answer(201, { id: 'p1' });
    };
    await upload('previewImport', { params: { type: 'calendar' }, file, onProgress: (p) => seen.push(p) });
    expect(FakeXhr.sent[0]?.url).toBe('/api/v1/imports/calendar');
    expect(seen).toEqual([25, 100]);
  });

  it('fails exactly like api: the error body as an ApiError, a proxy page by status, a network failure as 0', async () => {
    FakeXhr.respond = (xhr) =>
      xhr.answer(413, { error: { code: 'ATTACHMENT_TOO_LARGE', message: '附件过大', details: { maxBytes: 10 } } });
    const error = await upload('uploadAttachment', { params: { id: 'i1' }, file }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 413,
      code: 'ATTACHMENT_TOO_LARGE',
      message: '附件过大',
      details: { maxBytes: 10 },
    });

    FakeXhr.respond = (xhr) => {
      xhr.status = 502;
      xhr.responseText = '<html>Bad gateway</html>';
      xhr.onload?.();
    };
    await expect(upload('uploadAttachment', { params: { id: 'i1' }, file })).rejects.toMatchObject({
      status: 502,
      code: 'INTERNAL',
    });

    FakeXhr.respond = (xhr) => xhr.onerror?.();
    await expect(upload('uploadAttachment', { params: { id: 'i1' }, file })).rejects.toMatchObject({
      status: 0,
      code: NETWORK_ERROR,
    });
  });

  it('is typed by the contract: only upload routes, and never through api', () => {
    const typeOnly = () => {
      // @ts-expect-error listItems takes no file
      void upload('listItems', { file });
      // @ts-expect-error an upload route is not JSON
      void api('uploadAttachment', { params: { id: 'x' } });
      // @ts-expect-error the route's params are required
      void upload('uploadAttachment', { file });
    };
    expect(typeOnly).toBeTypeOf('function');
  });
});
