/**
 * Backups through the API on the real database (PGlite, or PostgreSQL with pg_dump): the archive holds the
 * database dump and every stored attachment, byte for byte, and the download is that archive.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractBackupArchive, probeArchive } from '../src/modules/system/backup-archive';
import { type Client, createTestApp, DB_KIND, signIn, type TestApp } from './harness';

let t: TestApp;
let hq: Client;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  hq = await signIn(t.app, 'hq');
  admin = await signIn(t.app, 'admin');
});
afterAll(() => t?.close());

async function attach(bytes: Buffer): Promise<string> {
  const item = await hq.post<{ item: { id: string } }>('/api/v1/items', {
    title: '备份须含附件',
    description: '附件随备份保存。',
    category: 'policy',
    source: 'unit_report',
    priority: 'normal',
    submit: true,
  });
  expect(item.status, JSON.stringify(item.body)).toBe(201);
  const boundary = '----zaitun-backup';
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/items/${item.body.item.id}/attachments`,
    headers: {
      cookie: hq.auth.cookie as string,
      'x-csrf-token': hq.auth.csrf as string,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  });
  expect(res.statusCode, res.body).toBe(201);
  return JSON.parse(res.body).id as string;
}

describe('backups through the API', () => {
  it('hold the database and every stored file; the download is the same archive', async () => {
    const pdf = (fill: number) =>
      Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10_000, fill), Buffer.from('\n%%EOF\n')]);
    await attach(pdf(0x41));
    await attach(pdf(0x42));
    const stored = fs
      .readdirSync(t.config.filesDir, { recursive: true })
      .map(String)
      .filter((f) => fs.statSync(path.join(t.config.filesDir, f)).isFile());
    expect(stored).toHaveLength(2);

    const created = await admin.post<Record<string, unknown>>('/api/v1/system/backups');
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    // The response is the contract's: the file counts go to the audit trail, not to the API.
    expect(Object.keys(created.body).sort()).toEqual(['createdAt', 'name', 'size']);
    const name = created.body.name as string;
    expect(name).toMatch(/^zaitun-[0-9TZ-]+\.tar\.gz$/);

    const file = path.join(t.config.dataDir, 'backups', name);
    expect(await probeArchive(file)).toBe('archive');
    const out = path.join(t.config.dataDir, 'unpacked');
    const { head, manifest } = await extractBackupArchive(file, {
      database: DB_KIND === 'pg' ? 'postgres' : 'embedded',
      databaseFile: path.join(t.config.dataDir, 'db'),
      filesDir: out,
      maxUnpackedBytes: 1024 ** 3,
      maxEntries: 1000,
    });
    expect(head.database).toBe(DB_KIND === 'pg' ? 'postgres' : 'embedded');
    expect(manifest.files.count).toBe(2);
    for (const rel of stored) {
      expect(fs.readFileSync(path.join(out, rel)).equals(fs.readFileSync(path.join(t.config.filesDir, rel)))).toBe(
        true,
      );
    }
    const dump = fs.readFileSync(path.join(t.config.dataDir, 'db'));
    if (DB_KIND === 'pg') expect(dump.subarray(0, 5).toString('latin1')).toBe('PGDMP');
    else expect([...dump.subarray(0, 2)]).toEqual([0x1f, 0x8b]);

    const audit = await admin.get<{ items: { action: string; after: Record<string, unknown> | null }[] }>(
      '/api/v1/audit-events?action=system.backup',
    );
    expect(audit.status).toBe(200);
    expect(audit.body.items[0]?.after).toMatchObject({ name, files: 2, fileBytes: 2 * pdf(0).length });

    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/system/backups/${name}`,
      headers: { cookie: admin.auth.cookie as string },
    });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(fs.readFileSync(file))).toBe(true);
  });
});
