import { DEFAULT_DOCUMENT_SETTINGS, type DocumentSettingsT } from '@zaitun/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, signIn, type TestApp } from './harness';

type Err = { error: { code: string; message: string; details?: unknown } };
interface SettingsDoc {
  settings: DocumentSettingsT;
  version: number;
}
const URL = '/api/v1/settings/documents';

let t: TestApp;
let admin: Client;
let hq: Client;
let unit: Client;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t.app, 'admin');
  hq = await signIn(t.app, 'hq');
  unit = await signIn(t.app, 'shishi');
});
afterAll(() => t?.close());

describe('document settings', () => {
  it('are seeded with the defaults at first start and read by any signed-in user', async () => {
    for (const c of [hq, unit, admin]) {
      const read = await c.get<SettingsDoc>(URL);
      expect(read.status).toBe(200);
      expect(read.body.settings).toEqual(DEFAULT_DOCUMENT_SETTINGS);
      expect(read.body.settings.issuingBody).toBe('泉州市内外贸高质量发展总指挥部');
    }
    const { rows } = await t.database.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM settings WHERE key = 'documents'",
    );
    expect(rows[0]?.n).toBe(1);
  });

  it('are changed only with settings.manage', async () => {
    const { body } = await hq.get<SettingsDoc>(URL);
    const refused = await hq.put<Err>(URL, { settings: { ...body.settings, copyTo: '市委办' }, version: body.version });
    expect(refused.status).toBe(403);
    expect((await hq.get<SettingsDoc>(URL)).body.settings.copyTo).toBe('');
  });

  it('are versioned (a stale write gets 409), trimmed and audited', async () => {
    const { body: current } = await admin.get<SettingsDoc>(URL);
    const next = { ...current.settings, copyTo: '  市委办公室，市政府办公室 ', minutesPrefix: '泉外纪' };
    const saved = await admin.put<SettingsDoc>(URL, { settings: next, version: current.version });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(current.version + 1);
    expect(saved.body.settings.copyTo).toBe('市委办公室，市政府办公室');
    expect(saved.body.settings.minutesPrefix).toBe('泉外纪');
    const stale = await admin.put<Err>(URL, { settings: next, version: current.version });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    const { rows } = await t.database.pool.query<{ before: DocumentSettingsT; after: DocumentSettingsT }>(
      "SELECT before, after FROM audit_events WHERE action = 'settings.update' AND entity_id = 'documents' ORDER BY id DESC LIMIT 1",
    );
    expect(rows[0]?.before.minutesPrefix).toBe('泉内外贸纪');
    expect(rows[0]?.after.minutesPrefix).toBe('泉外纪');
    // The dispatch settings are a separate row, untouched.
    expect((await admin.get<{ version: number }>('/api/v1/settings/dispatch')).body.version).toBe(1);
  });

  it('refuse bad input in the caller language: empty, blank, too long, missing or unknown fields', async () => {
    const { body: current } = await admin.get<SettingsDoc>(URL);
    const put = (settings: unknown, lang = 'zh-CN') =>
      admin.withLocale(lang).put<Err>(URL, { settings, version: current.version });
    const cases: unknown[] = [
      { ...current.settings, issuingBody: '' },
      { ...current.settings, redHeader: '   ' },
      { ...current.settings, minutesPrefix: '纪'.repeat(21) },
      { ...current.settings, addressees: '单'.repeat(201) },
      { ...current.settings, copyTo: '抄'.repeat(201) },
      { ...current.settings, printer: undefined },
      { ...current.settings, colour: 'red' },
    ];
    for (const settings of cases) {
      const res = await put(settings);
      expect(res.status, JSON.stringify(settings).slice(0, 80)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    const en = await put({ ...current.settings, issuingBody: '' }, 'en-US');
    expect(en.status).toBe(400);
    expect(en.body.error.message).toMatch(/[A-Za-z]/);
    expect((await admin.get<SettingsDoc>(URL)).body.version).toBe(current.version);
  });
});
