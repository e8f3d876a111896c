import { routes } from '@zaitun/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, signIn, type TestApp } from './harness';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

describe('HTTP conventions', () => {
  it('answers health and readiness', async () => {
    const anon = new Client(t.app);
    expect((await anon.get('/healthz')).body).toEqual({ status: 'ok' });
    const ready = await anon.get<{ status: string }>('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('ready');
  });

  it('sets security headers and echoes a request id', async () => {
    const res = await new Client(t.app).request('GET', '/healthz', undefined, { 'x-request-id': 'abc-123' });
    expect(res.headers['x-request-id']).toBe('abc-123');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    const generated = await new Client(t.app).request('GET', '/healthz', undefined, {
      'x-request-id': 'bad id with spaces',
    });
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('does not send HSTS over plain HTTP but does behind HTTPS', async () => {
    expect((await new Client(t.app).get('/healthz')).headers['strict-transport-security']).toBeUndefined();
    const secure = await createTestApp({ secureCookies: true });
    try {
      const res = await new Client(secure.app).get('/healthz');
      expect(res.headers['strict-transport-security']).toContain('max-age=');
      const login = await secure.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ username: 'admin', password: 'Test-Passw0rd!' }),
      });
      expect(String(login.headers['set-cookie'])).toMatch(/Secure/);
    } finally {
      await secure.close();
    }
  });

  it('answers unknown API paths with the error shape in the caller language', async () => {
    const zh = await new Client(t.app).get<{ error: { code: string; message: string } }>('/api/v1/nope');
    expect(zh.status).toBe(404);
    expect(zh.body.error.code).toBe('NOT_FOUND');
    expect(zh.body.error.message).toBe('对象不存在或无权访问');
    const en = await new Client(t.app, {}, 'en-US').get<{ error: { message: string } }>('/api/v1/nope');
    expect(en.body.error.message).toBe('Not found, or not visible to you');
  });

  it('publishes an OpenAPI 3 document with every operation of the contract, and the docs UI', async () => {
    const doc = await new Client(t.app).get<{
      openapi: string;
      paths: Record<string, Record<string, { operationId: string }>>;
    }>('/api/openapi.json');
    expect(doc.body.openapi).toMatch(/^3\./);
    const operationIds = Object.values(doc.body.paths).flatMap((ops) => Object.values(ops).map((o) => o.operationId));
    expect(operationIds.sort()).toEqual(Object.keys(routes).sort());
    const ui = await new Client(t.app).get('/api/docs/');
    expect(ui.status).toBe(200);
    expect(String(ui.body)).toContain('swagger');
  });

  it('refuses oversized bodies and non-JSON bodies with the error shape', async () => {
    const admin = await signIn(t.app, 'admin');
    const big = await admin.request('POST', '/api/v1/units', { code: 'X'.repeat(2_000_000) });
    expect(big.status).toBe(413);
    expect((big.body as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
    const text = await admin.request('POST', '/api/v1/units', undefined, { 'content-type': 'text/plain' });
    expect([400, 415]).toContain(text.status);
  });
});
