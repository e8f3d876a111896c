/** Seeds the demo organisation and accounts into an empty database, in one audited transaction. */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Db } from '../db/database';
import { type AuditContext, type AuditEntry, appendAudit } from '../lib/audit';
import { generateTemporaryPassword, hashPassword } from '../lib/password';
import { childPath } from '../modules/units/units.domain';
import { DEMO_ACCOUNTS, DEMO_ENTERPRISE, DEMO_INSTITUTE, DEMO_UNITS } from './demo-org';

const SEED_LOCK = 74280003;

export interface SeedResult {
  seeded: boolean;
  accounts: { username: string; password: string; description: string }[];
}

export async function isEmpty(db: Db): Promise<boolean> {
  const row = await db.selectFrom('units').select('id').limit(1).executeTakeFirst();
  return !row;
}

/**
 * Seeds the unit tree and (unless `accounts` is false) the demo accounts with their placeholder enterprise and
 * institute. Without accounts, the first administrator comes from `zaitun create-admin`.
 */
export async function seedDemo(
  db: Db,
  ctx: AuditContext,
  options: { password: string | null; accounts?: boolean },
): Promise<SeedResult> {
  if (!(await isEmpty(db))) return { seeded: false, accounts: [] };
  const now = ctx.clock.now();
  const accounts = await Promise.all(
    (options.accounts === false ? [] : DEMO_ACCOUNTS).map(async (a) => {
      const password = options.password ?? generateTemporaryPassword(a.username);
      return { account: a, password, hash: await hashPassword(password) };
    }),
  );
  const seeded = await db.transaction().execute(async (tx) => {
    // Several servers starting together on an empty PostgreSQL: one seeds, the others find it done.
    await sql`SELECT pg_advisory_xact_lock(${SEED_LOCK})`.execute(tx);
    if (await tx.selectFrom('units').select('id').limit(1).executeTakeFirst()) return false;
    const audit: AuditEntry[] = [];
    const byCode = new Map<string, { id: string; path: string; depth: number }>();
    const unitRows = DEMO_UNITS.map((u, i) => {
      const id = randomUUID();
      const parent = u.parent ? byCode.get(u.parent) : undefined;
      if (u.parent && !parent) throw new Error(`seed: parent ${u.parent} must come before ${u.code}`);
      const unitPath = childPath(parent?.path ?? null, id);
      byCode.set(u.code, { id, path: unitPath, depth: parent ? parent.depth + 1 : 0 });
      const row = {
        id,
        code: u.code,
        name_zh: u.nameZh,
        name_en: u.nameEn,
        short_name: u.shortName,
        type: u.type,
        parent_id: parent?.id ?? null,
        path: unitPath,
        depth: parent ? parent.depth + 1 : 0,
        division_code: u.divisionCode ?? null,
        sort_order: (i + 1) * 10,
        created_at: now,
        updated_at: now,
      };
      audit.push({
        action: 'unit.create',
        entityType: 'unit',
        entityId: id,
        unitId: id,
        after: {
          code: u.code,
          nameZh: u.nameZh,
          nameEn: u.nameEn,
          shortName: u.shortName,
          type: u.type,
          parentId: row.parent_id,
          divisionCode: row.division_code,
          sortOrder: row.sort_order,
          active: true,
        },
      });
      return row;
    });
    await tx.insertInto('units').values(unitRows).execute();
    if (accounts.length === 0) {
      await appendAudit(tx, ctx, ...audit);
      return true;
    }
    const enterprise = await tx
      .insertInto('enterprises')
      .values({ name_zh: DEMO_ENTERPRISE.nameZh, name_en: DEMO_ENTERPRISE.nameEn })
      .returning('id')
      .executeTakeFirstOrThrow();
    const institute = await tx
      .insertInto('institutes')
      .values({ name_zh: DEMO_INSTITUTE.nameZh, name_en: DEMO_INSTITUTE.nameEn })
      .returning('id')
      .executeTakeFirstOrThrow();
    const userRows = accounts.map(({ account: a, hash }) => ({
      id: randomUUID(),
      username: a.username,
      display_name: a.displayName,
      unit_id: a.unit ? (byCode.get(a.unit)?.id ?? null) : null,
      enterprise_id: a.enterprise ? enterprise.id : null,
      institute_id: a.institute ? institute.id : null,
      roles: a.roles,
      phone: a.phone ?? null,
      email: a.email ?? null,
      status: 'active',
      password_hash: hash,
      must_change_password: false,
      password_changed_at: now,
      created_at: now,
      updated_at: now,
    }));
    await tx.insertInto('users').values(userRows).execute();
    for (const u of userRows) {
      audit.push({
        action: 'user.create',
        entityType: 'user',
        entityId: u.id,
        unitId: u.unit_id,
        after: {
          username: u.username,
          displayName: u.display_name,
          unitId: u.unit_id,
          enterpriseId: u.enterprise_id,
          instituteId: u.institute_id,
          roles: u.roles,
          phone: u.phone,
          email: u.email,
          status: u.status,
          mustChangePassword: false,
        },
      });
    }
    await appendAudit(tx, ctx, ...audit);
    return true;
  });
  if (!seeded) return { seeded: false, accounts: [] };
  return {
    seeded: true,
    accounts: accounts.map(({ account, password }) => ({
      username: account.username,
      password,
      description: `${account.descriptionZh} / ${account.descriptionEn}`,
    })),
  };
}

/** Writes the demo passwords next to the data (mode 0600), unless they came from ZAITUN_DEMO_PASSWORD. */
export function writeDemoAccounts(dataDir: string, result: SeedResult): string {
  const file = path.join(dataDir, 'demo-accounts.txt');
  fs.mkdirSync(dataDir, { recursive: true });
  const lines = [
    '# Zaitun 演示账号 / demo accounts — 请妥善保管 / keep this file private',
    ...result.accounts.map((a) => `${a.username.padEnd(12)} ${a.password}    ${a.description}`),
    '',
  ];
  fs.writeFileSync(file, lines.join('\n'), { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return file;
}
