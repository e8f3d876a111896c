/**
 * Walks every operation of the OpenAPI document and sends it generated invalid requests: wrong types, missing and
 * unknown fields, over-long strings, malformed ids and JSON, wrong content types. Each must get a 4xx with the
 * error shape and change no domain row (security events aside).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, domainSnapshot, signIn, type TestApp } from './harness';

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  maxLength?: number;
  minLength?: number;
  format?: string;
  enum?: unknown[];
  anyOf?: Schema[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  items?: Schema;
}
interface Parameter {
  in: 'query' | 'path';
  name: string;
  required?: boolean;
  schema: Schema;
}
interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}

let t: TestApp;
let admin: Client;
let ops: { method: string; path: string; op: Operation }[];
const VALID_ID = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, 'admin');
  const doc = (await admin.get<{ paths: Record<string, Record<string, Operation>> }>('/api/openapi.json')).body;
  ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
  );
});
afterAll(() => t?.close());

/** Values that cannot satisfy the schema. */
function invalidValues(s: Schema): unknown[] {
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  const out: unknown[] = [];
  if (s.anyOf) return [{ nested: true }, [1, 2]];
  if (types.includes('string')) {
    out.push(12345, true, { a: 1 }, ['x']);
    if (s.maxLength !== undefined) out.push('长'.repeat(s.maxLength + 1));
    if (s.minLength) out.push('');
    if (s.format === 'uuid') out.push('not-a-uuid', "1' OR '1'='1");
    if (s.format === 'date-time') out.push('yesterday', '2026-13-45T99:00:00Z');
    if (s.format === 'email') out.push('not an email');
    if (s.enum) out.push('zz_not_a_value');
  }
  if (types.includes('integer') || types.includes('number')) {
    out.push('abc', 1.5, { n: 1 });
    if (s.minimum !== undefined) out.push(s.minimum - 1);
    if (s.maximum !== undefined) out.push(s.maximum + 1);
  }
  if (types.includes('boolean')) out.push('maybe', 2);
  if (types.includes('array')) out.push('not-array', 7, { a: 1 });
  if (types.includes('object')) out.push('not-object', 9);
  return out;
}

function validSample(s: Schema): unknown {
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (s.enum) return s.enum[0];
  if (s.anyOf) return validSample(s.anyOf[0] as Schema);
  if (types.includes('string'))
    return s.format === 'uuid' ? VALID_ID : s.format === 'date-time' ? '2026-01-01T00:00:00Z' : 'ABC-1';
  if (types.includes('integer') || types.includes('number')) return s.minimum ?? 1;
  if (types.includes('boolean')) return true;
  if (types.includes('array')) return [];
  return {};
}

function baseBody(s: Schema): Record<string, unknown> {
  return Object.fromEntries((s.required ?? []).map((k) => [k, validSample(s.properties?.[k] ?? {})]));
}

interface Probe {
  label: string;
  method: string;
  url: string;
  payload?: string;
  contentType?: string;
}

function probes(method: string, path: string, op: Operation): Probe[] {
  const list: Probe[] = [];
  const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path');
  const fill = (value: string) =>
    pathParams.reduce((p, param) => p.replace(`{${param.name}}`, encodeURIComponent(value)), path);
  const url = fill(pathParams.some((p) => p.schema.format === 'uuid') ? VALID_ID : 'zaitun-20260101T000000Z.tar.gz');
  for (const p of pathParams) {
    for (const bad of ['not-a-uuid', "1'; DROP TABLE users;--", '%00', '../../etc/passwd']) {
      list.push({ label: `path ${p.name}=${bad}`, method, url: fill(bad) });
    }
  }
  for (const q of (op.parameters ?? []).filter((p) => p.in === 'query')) {
    // In a query string every value is text: only values that are invalid as text count.
    const asText = invalidValues(q.schema).filter(
      (v) => typeof v !== 'object' && !(q.schema.type === 'string' && typeof v !== 'string'),
    );
    for (const bad of asText) {
      list.push({
        label: `query ${q.name}=${String(bad).slice(0, 20)}`,
        method,
        url: `${url}?${q.name}=${encodeURIComponent(String(bad))}`,
      });
    }
  }
  if (['GET', 'DELETE'].includes(method))
    list.push({ label: 'unknown query', method, url: `${url}?definitelyUnknown=1` });
  const body = op.requestBody?.content['application/json']?.schema;
  if (body) {
    const base = baseBody(body);
    const send = (label: string, value: unknown) =>
      list.push({ label, method, url, payload: JSON.stringify(value), contentType: 'application/json' });
    send('unknown field', { ...base, definitelyUnknown: 1 });
    for (const k of body.required ?? []) {
      const { [k]: _, ...rest } = base;
      send(`missing ${k}`, rest);
    }
    for (const [k, s] of Object.entries(body.properties ?? {})) {
      for (const bad of invalidValues(s)) send(`${k}=${JSON.stringify(bad).slice(0, 20)}`, { ...base, [k]: bad });
    }
    for (const v of [null, [], 'text', 42]) send(`body ${JSON.stringify(v)}`, v);
    list.push({ label: 'malformed JSON', method, url, payload: '{"a":', contentType: 'application/json' });
    list.push({
      label: 'NUL in string',
      method,
      url,
      payload: JSON.stringify({ ...base, x: 'a\u0000b' }),
      contentType: 'application/json',
    });
    list.push({ label: 'form body', method, url, payload: 'a=1', contentType: 'application/x-www-form-urlencoded' });
    list.push({ label: 'xml body', method, url, payload: '<a/>', contentType: 'application/xml' });
  }
  return list;
}

describe('invalid requests to every operation', () => {
  it('get a 4xx with the error shape and change nothing', async () => {
    const before = await domainSnapshot(t.database);
    let sent = 0;
    const failures: string[] = [];
    for (const { method, path, op } of ops) {
      if (op.operationId === 'logout' || op.operationId === 'logoutEverywhere') continue; // valid without a body: they end the session
      for (const p of probes(method, path, op)) {
        const res = await admin.app.inject({
          method: p.method as 'GET',
          url: p.url,
          headers: {
            cookie: admin.auth.cookie as string,
            'x-csrf-token': admin.auth.csrf as string,
            ...(p.contentType ? { 'content-type': p.contentType } : {}),
          },
          ...(p.payload !== undefined ? { payload: p.payload } : {}),
        });
        sent++;
        const label = `${op.operationId} ${p.method} ${p.url.slice(0, 80)} [${p.label}] → ${res.statusCode}`;
        let body: { error?: { code?: string; message?: string } } = {};
        try {
          body = JSON.parse(res.body);
        } catch {
          failures.push(`${label}: not JSON`);
          continue;
        }
        if (res.statusCode < 400 || res.statusCode >= 500) failures.push(`${label}: ${res.body.slice(0, 200)}`);
        else if (typeof body.error?.code !== 'string' || typeof body.error?.message !== 'string')
          failures.push(`${label}: shape`);
      }
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(300);
    expect(await domainSnapshot(t.database)).toEqual(before);
  });

  it('refuses unauthenticated callers on every protected operation before looking at the input', async () => {
    for (const { method, path, op } of ops) {
      if (op.operationId === 'login') continue;
      const res = await t.app.inject({
        method: method as 'GET',
        url: path.replace(/\{[^}]+\}/g, VALID_ID),
        headers: { 'content-type': 'application/json' },
        payload: '{',
      });
      expect(res.statusCode, `${op.operationId}`).toBe(401);
    }
  });
});
