import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, DB_KIND, signIn, type TestApp } from './harness';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

/** Table → column names, read from the Kysely interfaces in db/types.ts with the TypeScript parser. */
function declaredColumns(): Record<string, string[]> {
  const file = path.join(import.meta.dirname, '../src/db/types.ts');
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const interfaces = new Map<string, string[]>();
  let tables: [string, string][] = [];
  source.forEachChild((node) => {
    if (!ts.isInterfaceDeclaration(node)) return;
    const members = node.members.filter(ts.isPropertySignature);
    if (node.name.text === 'DB') {
      tables = members.map((m) => [
        (m.name as ts.Identifier).text,
        (m.type as ts.TypeReferenceNode).typeName.getText(source),
      ]);
    } else {
      interfaces.set(
        node.name.text,
        members.map((m) => (m.name as ts.Identifier).text),
      );
    }
  });
  return Object.fromEntries(tables.map(([table, iface]) => [table, (interfaces.get(iface) ?? []).sort()]));
}

describe('schema', () => {
  it('matches the row types the code is written against', async () => {
    const { rows } = await t.database.pool.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    const live: Record<string, string[]> = {};
    for (const r of rows) live[r.table_name] = [...(live[r.table_name] ?? []), r.column_name];
    for (const cols of Object.values(live)) cols.sort();
    expect(live).toEqual(declaredColumns());
  });

  it('records applied migrations with checksums', async () => {
    const { rows } = await t.database.pool.query<{ name: string; checksum: string }>(
      'SELECT name, checksum FROM schema_migrations ORDER BY version',
    );
    expect(rows[0]?.name).toBe('0001_foundation');
    expect(rows[0]?.checksum).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('concurrency', () => {
  it('keeps the audit chain one line under concurrent writes', async () => {
    const admin = await signIn(t.app, 'admin');
    const hq = (await admin.get<{ items: { id: string }[] }>('/api/v1/units?q=HQ&pageSize=1')).body.items[0]?.id;
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        admin.post('/api/v1/units', {
          code: `CC-${i}`,
          nameZh: `并发${i}`,
          nameEn: `C${i}`,
          shortName: `并${i}`,
          type: 'task_force',
          parentId: hq,
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(12).fill(201));
    const verify = await admin.post<{ intact: boolean }>('/api/v1/audit-events/verify');
    expect(verify.body.intact).toBe(true);
  });

  it('lets exactly one of two concurrent writers with the same version win', async () => {
    const admin = await signIn(t.app, 'admin');
    const unit = (await admin.get<{ items: { id: string; version: number }[] }>('/api/v1/units?q=DEHUA')).body
      .items[0] as { id: string; version: number };
    const [a, b] = await Promise.all([
      admin.patch(`/api/v1/units/${unit.id}`, { version: unit.version, nameEn: 'Dehua A' }),
      admin.patch(`/api/v1/units/${unit.id}`, { version: unit.version, nameEn: 'Dehua B' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
  });

  it.runIf(DB_KIND === 'pglite')('answers health checks while the embedded database runs a slow query', async () => {
    let slowDone = false;
    const slow = t.database.pool.query('SELECT pg_sleep(3)').then(() => {
      slowDone = true;
    });
    const res = await new Client(t.app).get('/healthz');
    expect(res.status).toBe(200);
    // The query runs on the database thread; the HTTP thread answered while it was still running.
    expect(slowDone).toBe(false);
    await slow;
  });
});
