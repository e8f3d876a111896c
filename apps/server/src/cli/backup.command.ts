/**
 * `zaitun backup FILE` and `zaitun restore FILE --yes`. Embedded: PGlite's dump of the data directory (a gzipped
 * tarball), taken by the running server when there is one. PostgreSQL: pg_dump / pg_restore in custom format.
 * A restore never deletes data: the current embedded data directory is moved aside first.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { acquireLock, DataDirLockedError } from '../db/data-dir-lock';
import type { Database } from '../db/database';
import { startEmbedded } from '../db/embedded';
import { loadMigrations } from '../db/migrate';
import { appendAudit, systemContext, verifyAuditChain } from '../lib/audit';
import { type BackupInfo, createBackup, recordBackup } from '../modules/system/backup.service';
import { type CliContext, callControl, dataDirOwner, hasAuditTable, lockedError, withDatabase } from './context';
import { bi, CliError, failure, formatBytes, usageError } from './output';

const stamp = (now: Date) => now.toISOString().replace(/[:.]/g, '-');

/** Makes sure a PostgreSQL client tool is on the PATH, with the Debian package to install when it is not. */
export function requireTool(tool: 'pg_dump' | 'pg_restore'): string {
  const probe = spawnSync(tool, ['--version'], { encoding: 'utf8' });
  if (probe.error) {
    const code = (probe.error as NodeJS.ErrnoException).code;
    throw failure(
      `找不到 ${tool}${code === 'ENOENT' ? '' : `（${probe.error.message}）`}。请安装 PostgreSQL 客户端工具（Debian/Ubuntu：apt-get install postgresql-client），主版本不低于数据库服务器。`,
      `${tool} was not found${code === 'ENOENT' ? '' : ` (${probe.error.message})`}. Install the PostgreSQL client tools (Debian/Ubuntu: apt-get install postgresql-client), of the server's major version or newer.`,
    );
  }
  return probe.stdout.trim();
}

function targetFile(file: string): string {
  const abs = path.resolve(file);
  if (fs.existsSync(abs)) {
    throw failure(
      `${abs} 已存在，不会覆盖。请换一个文件名。`,
      `${abs} already exists and will not be overwritten. Choose another name.`,
    );
  }
  if (!fs.existsSync(path.dirname(abs))) {
    throw failure(`目录 ${path.dirname(abs)} 不存在。`, `The directory ${path.dirname(abs)} does not exist.`);
  }
  return abs;
}

function printBackup(ctx: CliContext, file: string, info: BackupInfo): void {
  const size = formatBytes(info.size);
  ctx.out.result(bi(`备份已写入 ${file}（${size}）`, `backup written to ${file} (${size})`));
}

export async function backupCommand(ctx: CliContext, file: string): Promise<void> {
  const { config, out, clock } = ctx;
  const abs = targetFile(file);
  const owner = dataDirOwner(config);
  if (owner.kind === 'busy') throw lockedError(config, owner.pid);
  if (owner.kind === 'server') {
    const info = await out.step(
      `通过运行中的服务器（进程 ${owner.pid}）备份 / backing up through the running server (pid ${owner.pid})`,
      () => callControl<BackupInfo>(owner.socket, `/backup?file=${encodeURIComponent(abs)}`),
    );
    return printBackup(ctx, abs, info);
  }
  if (config.databaseUrl) out.progress(`pg_dump: ${requireTool('pg_dump')}`);
  await withDatabase(ctx, async (database) => {
    const info = await out.step(
      database.kind === 'embedded'
        ? '导出数据目录 / dumping the data directory'
        : '运行 / running pg_dump --format=custom',
      () => createBackup(database, config.databaseUrl, config.dataDir, clock.now(), abs),
    );
    // A database not yet migrated (e.g. a backup before an upgrade) has no audit table to record it in.
    if (await hasAuditTable(database)) {
      await recordBackup(database, systemContext(clock, 'cli'), info);
    }
    printBackup(ctx, abs, info);
  });
}

function sourceFile(file: string): string {
  const abs = path.resolve(file);
  if (!fs.existsSync(abs) || !fs.statSync(abs).isFile())
    throw failure(`找不到备份文件 ${abs}。`, `No backup file at ${abs}.`);
  return abs;
}

/** Migrations a backup holds that this version of Zaitun does not know: restoring it would run old code on new data. */
function unknownMigrations(applied: { version: number; name: string }[]): string[] {
  const known = new Set(loadMigrations().map((m) => m.version));
  return applied.filter((m) => !known.has(m.version)).map((m) => m.name);
}

async function describeRestored(database: Database) {
  const migrations = await database.db
    .selectFrom('schema_migrations')
    .select(['version', 'name'])
    .orderBy('version')
    .execute();
  const users = await database.db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return { migrations, users: Number(users.n) };
}

/** After a restore: check the data, record the restore in the (restored) audit chain, and verify the chain. */
async function recordRestore(ctx: CliContext, database: Database, file: string, details: Record<string, unknown>) {
  const { out, clock } = ctx;
  const restored = await describeRestored(database);
  await database.db.transaction().execute((tx) =>
    appendAudit(tx, systemContext(clock, 'cli'), {
      action: 'system.restore',
      entityType: 'backup',
      entityId: path.basename(file),
      unitId: null,
      after: { file: path.basename(file), size: fs.statSync(file).size, ...details },
    }),
  );
  const chain = await verifyAuditChain(database.db);
  out.result(
    bi(
      `已从 ${file} 恢复：${restored.migrations.length} 个迁移，${restored.users} 个用户；审计链${chain.intact ? `完整（${chain.checked} 条事件）` : `在事件 ${chain.firstBrokenId} 处断裂`}。`,
      `Restored from ${file}: ${restored.migrations.length} migration(s), ${restored.users} user(s); audit ${chain.intact ? `chain intact (${chain.checked} events)` : `chain broken at event ${chain.firstBrokenId}: ${chain.reason}`}.`,
    ),
  );
}

export async function restoreCommand(ctx: CliContext, file: string, confirmed: boolean): Promise<void> {
  const { config } = ctx;
  const abs = sourceFile(file);
  if (!confirmed) {
    throw usageError(
      config.databaseUrl
        ? `恢复将用 ${abs} 替换 DATABASE_URL 指向的数据库中的全部数据。确认请加上 --yes。`
        : `恢复将用 ${abs} 替换 ${config.dataDir} 中的数据（当前数据会移到一旁保留）。确认请加上 --yes。`,
      config.databaseUrl
        ? `Restoring replaces all data in the DATABASE_URL database with ${abs}. Add --yes to confirm.`
        : `Restoring replaces the data in ${config.dataDir} with ${abs} (the current data is moved aside, not deleted). Add --yes to confirm.`,
    );
  }
  return config.databaseUrl ? restorePostgres(ctx, config.databaseUrl, abs) : restoreEmbedded(ctx, abs);
}

async function restoreEmbedded(ctx: CliContext, file: string): Promise<void> {
  const { config, out } = ctx;
  const owner = dataDirOwner(config);
  if (owner.kind !== 'none') {
    throw new CliError(
      bi(
        `Zaitun 服务（进程 ${owner.pid}）正在使用数据目录 ${config.dataDir}，不能在运行时恢复。请先停止该服务，再运行 zaitun restore。`,
        `A Zaitun server (process ${owner.pid}) is using the data directory ${config.dataDir}; a restore cannot run under it. Stop the server first, then run \`zaitun restore\` again.`,
      ),
      1,
    );
  }
  const image = new Uint8Array(fs.readFileSync(file));
  if (image[0] !== 0x1f || image[1] !== 0x8b) {
    const pgDump = Buffer.from(image.subarray(0, 5)).toString('latin1') === 'PGDMP';
    throw failure(
      pgDump
        ? `${file} 是 PostgreSQL 备份（pg_dump），请设置 DATABASE_URL 后恢复到 PostgreSQL。`
        : `${file} 不是 Zaitun 嵌入式数据库的备份（应为 .tar.gz）。`,
      pgDump
        ? `${file} is a PostgreSQL (pg_dump) backup: set DATABASE_URL to restore it into PostgreSQL.`
        : `${file} is not a backup of the Zaitun embedded database (a .tar.gz is expected).`,
    );
  }

  // Unpack into a staging directory next to the data and check it there: the current data is not touched until
  // the backup has opened as a database with our schema.
  const pgdata = path.join(config.dataDir, 'pgdata');
  const when = stamp(ctx.clock.now());
  const staging = path.join(config.dataDir, `pgdata.restoring-${when}`);
  const aside = path.join(config.dataDir, `pgdata.before-restore-${when}`);
  let release: () => void;
  try {
    release = acquireLock(config.dataDir);
  } catch (err) {
    if (err instanceof DataDirLockedError) throw new CliError(err.message, 1);
    throw err;
  }
  const hadData = fs.existsSync(pgdata);
  try {
    const inspected = await out.step('解包并检查备份 / unpacking and checking the backup', async () => {
      try {
        return await inspectImage(staging, image, file);
      } catch (err) {
        // Only what this command unpacked is removed; nothing of the user's.
        fs.rmSync(staging, { recursive: true, force: true });
        throw err;
      }
    });
    const newer = unknownMigrations(inspected.migrations);
    if (newer.length) {
      fs.rmSync(staging, { recursive: true, force: true });
      throw failure(
        `该备份来自更新版本的 Zaitun（含未知迁移 ${newer.join(', ')}），请先升级 Zaitun。`,
        `The backup comes from a newer Zaitun (unknown migrations ${newer.join(', ')}). Upgrade Zaitun first.`,
      );
    }
    out.progress(`✓ 备份有效 / valid backup: ${inspected.migrations.length} migration(s), ${inspected.users} user(s)`);
    if (hadData) {
      fs.renameSync(pgdata, aside);
      out.progress(bi(`当前数据已移到 ${aside}`, `current data moved aside to ${aside}`));
    }
    fs.renameSync(staging, pgdata);
  } finally {
    release();
  }

  // It must open from its final place the way a server opens it; the restore is recorded in the restored chain.
  try {
    await withDatabase(ctx, (database) =>
      recordRestore(ctx, database, file, { previousData: hadData ? path.basename(aside) : null }),
    );
  } catch (err) {
    if (err instanceof CliError && err.message.includes(config.dataDir) && /进程|process/.test(err.message)) throw err;
    fs.renameSync(pgdata, path.join(config.dataDir, `pgdata.failed-restore-${when}`));
    if (hadData) fs.renameSync(aside, pgdata);
    throw failure(
      `恢复的数据无法打开，已放回原有数据：${(err as Error).message}`,
      `The restored data did not open; the previous data is back in place: ${(err as Error).message}`,
    );
  }
  if (hadData) {
    out.result(
      bi(
        `原有数据保留在 ${aside}，确认无误后可自行删除。`,
        `The previous data is kept in ${aside}; delete it yourself once satisfied.`,
      ),
    );
  }
}

/** Unpacks a PGlite dump into `pgdataDir` and reads what it holds, over a plain connection to the worker. */
async function inspectImage(pgdataDir: string, image: Uint8Array, file: string) {
  let embedded: Awaited<ReturnType<typeof startEmbedded>>;
  try {
    embedded = await startEmbedded({ pgdataDir, loadImage: image });
  } catch (err) {
    throw failure(
      `${file} 无法作为数据库打开：${(err as Error).message}`,
      `${file} does not open as a database: ${(err as Error).message}`,
    );
  }
  const client = new pg.Client({ host: embedded.socketDir, port: 5432, user: 'postgres', database: 'postgres' });
  try {
    await client.connect();
    const table = await client.query<{ t: string | null }>(`SELECT to_regclass('schema_migrations')::text AS t`);
    if (!table.rows[0]?.t) {
      throw failure(
        `${file} 中没有 Zaitun 数据（缺少 schema_migrations）。`,
        `${file} holds no Zaitun data (no schema_migrations).`,
      );
    }
    const migrations = await client.query<{ version: number; name: string }>(
      'SELECT version, name FROM schema_migrations ORDER BY version',
    );
    const users = await client.query<{ n: string }>('SELECT count(*) AS n FROM users');
    return { migrations: migrations.rows, users: Number(users.rows[0]?.n ?? 0) };
  } finally {
    await client.end();
    await embedded.close();
  }
}

/** Runs a PostgreSQL client tool, counting its --verbose lines as progress. */
function runTool(ctx: CliContext, tool: string, args: string[], total: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    const counter = ctx.out.counter((n) => `${tool}: ${Math.min(n, total)} / ${total}`);
    let lines = 0;
    let tail = '';
    child.stderr.on('data', (d: Buffer) => {
      const text = d.toString();
      tail = (tail + text).slice(-4000);
      lines += text.split('\n').length - 1;
      counter.update(lines);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      counter.done();
      if (code === 0) return resolve();
      const errors = tail
        .split('\n')
        .filter((l) => /error|fatal/i.test(l))
        .slice(-5)
        .join('\n');
      reject(failure(`${tool} 失败（退出码 ${code}）：\n${errors}`, `${tool} failed (exit code ${code}):\n${errors}`));
    });
  });
}

async function restorePostgres(ctx: CliContext, databaseUrl: string, file: string): Promise<void> {
  const { out } = ctx;
  out.progress(`pg_restore: ${requireTool('pg_restore')}`);
  const list = spawnSync('pg_restore', ['--list', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (list.status !== 0) {
    throw failure(
      `${file} 不是 pg_dump 自定义格式的备份：${list.stderr.trim()}`,
      `${file} is not a pg_dump custom-format backup: ${list.stderr.trim()}`,
    );
  }
  const entries = list.stdout.split('\n').filter((l) => l.trim() && !l.startsWith(';'));
  if (!entries.some((l) => / TABLE \S+ schema_migrations /.test(l))) {
    throw failure(
      `${file} 中没有 Zaitun 数据（缺少 schema_migrations）。`,
      `${file} holds no Zaitun data (no schema_migrations).`,
    );
  }
  await out.step(`运行 / running pg_restore --clean --if-exists --no-owner (${entries.length} items)`, () =>
    runTool(
      ctx,
      'pg_restore',
      [
        '--clean',
        '--if-exists',
        '--no-owner',
        '--single-transaction',
        '--exit-on-error',
        '--verbose',
        `--dbname=${databaseUrl}`,
        file,
      ],
      entries.length * 2,
    ),
  );
  await withDatabase(ctx, async (database) => {
    const newer = unknownMigrations(
      await database.db.selectFrom('schema_migrations').select(['version', 'name']).execute(),
    );
    if (newer.length) {
      out.progress(
        bi(
          `警告：该备份来自更新版本的 Zaitun（未知迁移 ${newer.join(', ')}）。`,
          `warning: the backup comes from a newer Zaitun (unknown migrations ${newer.join(', ')}).`,
        ),
      );
    }
    await recordRestore(ctx, database, file, {});
  });
}
