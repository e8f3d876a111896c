/**
 * `zaitun backup FILE` and `zaitun restore FILE --yes`. A backup is one archive (backup-archive.ts): the database
 * dump (embedded: PGlite's dump of the data directory, taken by the running server when there is one; PostgreSQL:
 * pg_dump in custom format) and every stored file. Backups from before that format (a bare PGlite dump or a bare
 * pg_dump file) still restore. A restore unpacks and checks everything beside the data before it touches anything,
 * and never deletes data: the current embedded data directory and FILES_DIR are moved aside.
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
import { type CreatedBackup, createBackup, recordBackup } from '../modules/system/backup.service';
import {
  ArchiveError,
  type ArchiveKind,
  checkLegacyImage,
  type DatabaseKind,
  extractBackupArchive,
  probeArchive,
} from '../modules/system/backup-archive';
import { type CliContext, callControl, dataDirOwner, hasAuditTable, lockedError, withDatabase } from './context';
import { bi, CliError, failure, formatBytes, usageError } from './output';

const stamp = (now: Date) => now.toISOString().replace(/[:.]/g, '-');

/** More entries than any real store holds: a bound on inodes as RESTORE_MAX_UNPACKED_GB is on bytes. */
const MAX_ARCHIVE_ENTRIES = 5_000_000;

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

function printBackup(ctx: CliContext, file: string, info: CreatedBackup): void {
  const size = formatBytes(info.size);
  const files = formatBytes(info.fileBytes);
  ctx.out.result(
    bi(
      `备份已写入 ${file}（${size}；含数据库和 ${info.files} 个文件，共 ${files}）`,
      `backup written to ${file} (${size}; the database and ${info.files} stored file(s), ${files})`,
    ),
  );
}

export async function backupCommand(ctx: CliContext, file: string): Promise<void> {
  const { config, out, clock } = ctx;
  const abs = targetFile(file);
  const owner = dataDirOwner(config);
  if (owner.kind === 'busy') throw lockedError(config, owner.pid);
  if (owner.kind === 'server') {
    const info = await out.step(
      `通过运行中的服务器（进程 ${owner.pid}）备份 / backing up through the running server (pid ${owner.pid})`,
      () => callControl<CreatedBackup>(owner.socket, `/backup?file=${encodeURIComponent(abs)}`),
    );
    return printBackup(ctx, abs, info);
  }
  if (config.databaseUrl) out.progress(`pg_dump: ${requireTool('pg_dump')}`);
  await withDatabase(ctx, async (database) => {
    const info = await out.step(
      database.kind === 'embedded'
        ? '导出数据目录 / dumping the data directory'
        : '运行 / running pg_dump --format=custom',
      () => createBackup(database, config, clock.now(), abs),
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

/** The operator's words for an archive that was refused; nothing has been changed when this is thrown. */
function archiveFailure(file: string, err: unknown, limitBytes: number): CliError {
  if (!(err instanceof ArchiveError)) return err as CliError;
  const p = err.problem;
  const unchanged = ['未做任何更改。', 'Nothing was changed.'] as const;
  switch (p.kind) {
    case 'foreign':
      return failure(`${file} 不是 Zaitun 备份。${unchanged[0]}`, `${file} is not a Zaitun backup. ${unchanged[1]}`);
    case 'corrupt':
      return failure(
        `${file} 已损坏或不完整（${p.detail}）。${unchanged[0]}`,
        `${file} is damaged or incomplete (${p.detail}). ${unchanged[1]}`,
      );
    case 'unsafe-entry':
      return failure(
        `${file} 含有不允许的条目“${p.entry}”（路径穿越、绝对路径、链接或未知文件），已拒绝。${unchanged[0]}`,
        `${file} holds a disallowed entry "${p.entry}" (path traversal, absolute path, link or unknown file) and is refused. ${unchanged[1]}`,
      );
    case 'too-large':
      return failure(
        `${file} 解包后超过 ${formatBytes(limitBytes)}（RESTORE_MAX_UNPACKED_GB）。${unchanged[0]}`,
        `${file} unpacks to more than ${formatBytes(limitBytes)} (RESTORE_MAX_UNPACKED_GB). ${unchanged[1]}`,
      );
    case 'too-many-entries':
      return failure(
        `${file} 含有超过 ${p.limit} 个条目。${unchanged[0]}`,
        `${file} holds more than ${p.limit} entries. ${unchanged[1]}`,
      );
    case 'newer-format':
      return failure(
        `${file} 的备份格式（版本 ${p.version}）来自更新版本的 Zaitun，请先升级 Zaitun。${unchanged[0]}`,
        `${file} is in a backup format (version ${p.version}) of a newer Zaitun. Upgrade Zaitun first. ${unchanged[1]}`,
      );
    case 'wrong-database':
      return wrongDatabase(file, p.database);
  }
}

function wrongDatabase(file: string, holds: DatabaseKind): CliError {
  return holds === 'postgres'
    ? failure(
        `${file} 是 PostgreSQL 备份（pg_dump），请设置 DATABASE_URL 后恢复到 PostgreSQL。`,
        `${file} is a PostgreSQL (pg_dump) backup: set DATABASE_URL to restore it into PostgreSQL.`,
      )
    : failure(
        `${file} 是嵌入式数据库的备份，请不设置 DATABASE_URL，恢复到嵌入式模式。`,
        `${file} is a backup of the embedded database: restore it with DATABASE_URL unset (embedded mode).`,
      );
}

export async function restoreCommand(ctx: CliContext, file: string, confirmed: boolean): Promise<void> {
  const { config } = ctx;
  const abs = sourceFile(file);
  if (!confirmed) {
    throw usageError(
      config.databaseUrl
        ? `恢复将用 ${abs} 替换 DATABASE_URL 指向的数据库中的全部数据，以及 ${config.filesDir} 中的文件（当前文件会移到一旁保留）。确认请加上 --yes。`
        : `恢复将用 ${abs} 替换 ${config.dataDir} 中的数据和 ${config.filesDir} 中的文件（当前数据和文件会移到一旁保留）。确认请加上 --yes。`,
      config.databaseUrl
        ? `Restoring replaces all data in the DATABASE_URL database, and the files in ${config.filesDir}, with ${abs} (the current files are moved aside, not deleted). Add --yes to confirm.`
        : `Restoring replaces the data in ${config.dataDir} and the files in ${config.filesDir} with ${abs} (the current data and files are moved aside, not deleted). Add --yes to confirm.`,
    );
  }
  let kind: ArchiveKind;
  try {
    kind = await probeArchive(abs);
  } catch (err) {
    throw archiveFailure(abs, err, config.restoreMaxUnpackedBytes);
  }
  return config.databaseUrl ? restorePostgres(ctx, config.databaseUrl, abs, kind) : restoreEmbedded(ctx, abs, kind);
}

/** Where a restore unpacks the stored files: beside FILES_DIR, on the same file system, so that a rename swaps them. */
function filesPlaces(filesDir: string, when: string) {
  return {
    staging: `${filesDir}.restoring-${when}`,
    aside: `${filesDir}.before-restore-${when}`,
    failed: `${filesDir}.failed-restore-${when}`,
  };
}

/** Unpacks a format-2 archive beside the data: the dump into `workDir`, the files into the staging directory. */
async function unpackArchive(ctx: CliContext, file: string, database: DatabaseKind, workDir: string, when: string) {
  const { config, out } = ctx;
  const databaseFile = path.join(workDir, database === 'embedded' ? 'database.tar.gz' : 'database.dump');
  const { staging } = filesPlaces(config.filesDir, when);
  fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  fs.mkdirSync(workDir, { mode: 0o700 });
  fs.mkdirSync(path.dirname(config.filesDir), { recursive: true, mode: 0o700 });
  try {
    const { manifest } = await out.step('解包并校验备份 / unpacking and verifying the backup', () =>
      extractBackupArchive(file, {
        database,
        databaseFile,
        filesDir: staging,
        maxUnpackedBytes: config.restoreMaxUnpackedBytes,
        maxEntries: MAX_ARCHIVE_ENTRIES,
      }),
    );
    out.progress(
      bi(
        `✓ 校验和一致：数据库 ${formatBytes(manifest.database.bytes)}，${manifest.files.count} 个文件（${formatBytes(manifest.files.bytes)}）`,
        `checksums match: database ${formatBytes(manifest.database.bytes)}, ${manifest.files.count} file(s) (${formatBytes(manifest.files.bytes)})`,
      ),
    );
    return { databaseFile, files: manifest.files.count };
  } catch (err) {
    // Only what this command unpacked is removed; nothing of the user's.
    fs.rmSync(staging, { recursive: true, force: true });
    fs.rmSync(workDir, { recursive: true, force: true });
    throw archiveFailure(file, err, config.restoreMaxUnpackedBytes);
  }
}

/** Puts the unpacked files in place of FILES_DIR, the current one moved aside; returns where it went, if anywhere. */
function swapInFiles(ctx: CliContext, when: string): string | null {
  const { filesDir } = ctx.config;
  const { staging, aside } = filesPlaces(filesDir, when);
  const hadFiles = fs.existsSync(filesDir);
  if (hadFiles) fs.renameSync(filesDir, aside);
  try {
    fs.renameSync(staging, filesDir);
  } catch (err) {
    if (hadFiles) fs.renameSync(aside, filesDir);
    throw err;
  }
  return hadFiles ? aside : null;
}

/** Undoes swapInFiles after a restore that did not open. */
function swapBackFiles(ctx: CliContext, when: string, aside: string | null): void {
  const { filesDir } = ctx.config;
  fs.renameSync(filesDir, filesPlaces(filesDir, when).failed);
  if (aside) fs.renameSync(aside, filesDir);
}

function legacyNote(ctx: CliContext): void {
  ctx.out.progress(
    bi(
      `该备份为旧格式，只含数据库、不含文件：${ctx.config.filesDir} 保持不变。`,
      `this backup is in the old format (the database only, no files): ${ctx.config.filesDir} is left as it is.`,
    ),
  );
}

async function restoreEmbedded(ctx: CliContext, file: string, kind: ArchiveKind): Promise<void> {
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
  if (kind === 'legacy-pgdump') throw wrongDatabase(file, 'postgres');

  // Unpack into staging directories next to the data and check them there: the current data and files are not
  // touched until the backup has opened as a database with our schema and every file matched its checksum.
  const pgdata = path.join(config.dataDir, 'pgdata');
  const when = stamp(ctx.clock.now());
  const staging = path.join(config.dataDir, `pgdata.restoring-${when}`);
  const aside = path.join(config.dataDir, `pgdata.before-restore-${when}`);
  const workDir = path.join(config.dataDir, `restore-${when}`);
  const files = filesPlaces(config.filesDir, when);
  let release: () => void;
  try {
    release = acquireLock(config.dataDir);
  } catch (err) {
    if (err instanceof DataDirLockedError) throw new CliError(err.message, 1);
    throw err;
  }
  const hadData = fs.existsSync(pgdata);
  let filesAside: string | null = null;
  let restoredFiles: number | null = null;
  try {
    let image: Uint8Array;
    if (kind === 'archive') {
      const unpacked = await unpackArchive(ctx, file, 'embedded', workDir, when);
      restoredFiles = unpacked.files;
      image = new Uint8Array(fs.readFileSync(unpacked.databaseFile));
    } else {
      try {
        await checkLegacyImage(file, {
          maxUnpackedBytes: config.restoreMaxUnpackedBytes,
          maxEntries: MAX_ARCHIVE_ENTRIES,
        });
      } catch (err) {
        throw archiveFailure(file, err, config.restoreMaxUnpackedBytes);
      }
      legacyNote(ctx);
      image = new Uint8Array(fs.readFileSync(file));
    }
    const inspected = await out.step('检查数据库 / checking the database', () => inspectImage(staging, image, file));
    const newer = unknownMigrations(inspected.migrations);
    if (newer.length) {
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
    if (kind === 'archive') {
      try {
        filesAside = swapInFiles(ctx, when);
      } catch (err) {
        fs.renameSync(pgdata, staging);
        if (hadData) fs.renameSync(aside, pgdata);
        throw err;
      }
      out.progress(bi(`已放回 ${restoredFiles} 个文件`, `${restoredFiles} file(s) put back`));
    }
  } catch (err) {
    // Whatever failed before the swap, what was unpacked goes; the user's data and files stay where they were.
    fs.rmSync(staging, { recursive: true, force: true });
    fs.rmSync(files.staging, { recursive: true, force: true });
    throw err;
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
    release();
  }

  // It must open from its final place the way a server opens it; the restore is recorded in the restored chain.
  try {
    await withDatabase(ctx, (database) =>
      recordRestore(ctx, database, file, {
        previousData: hadData ? path.basename(aside) : null,
        files: restoredFiles,
        previousFiles: filesAside,
      }),
    );
  } catch (err) {
    if (err instanceof CliError && err.message.includes(config.dataDir) && /进程|process/.test(err.message)) throw err;
    fs.renameSync(pgdata, path.join(config.dataDir, `pgdata.failed-restore-${when}`));
    if (hadData) fs.renameSync(aside, pgdata);
    if (kind === 'archive') swapBackFiles(ctx, when, filesAside);
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
  if (filesAside) {
    out.result(
      bi(
        `原有文件保留在 ${filesAside}，确认无误后可自行删除。`,
        `The previous files are kept in ${filesAside}; delete them yourself once satisfied.`,
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

async function restorePostgres(ctx: CliContext, databaseUrl: string, file: string, kind: ArchiveKind): Promise<void> {
  const { config, out } = ctx;
  if (kind === 'legacy-image') throw wrongDatabase(file, 'embedded');
  out.progress(`pg_restore: ${requireTool('pg_restore')}`);
  const when = stamp(ctx.clock.now());
  const workDir = path.join(config.dataDir, `restore-${when}`);
  const files = filesPlaces(config.filesDir, when);
  let dumpFile = file;
  let restoredFiles: number | null = null;
  let filesAside: string | null = null;
  try {
    if (kind === 'archive') {
      const unpacked = await unpackArchive(ctx, file, 'postgres', workDir, when);
      dumpFile = unpacked.databaseFile;
      restoredFiles = unpacked.files;
    } else {
      legacyNote(ctx);
    }
    const list = spawnSync('pg_restore', ['--list', dumpFile], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
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
    // One transaction: a failed pg_restore leaves the database as it was, and the files are not swapped yet.
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
          dumpFile,
        ],
        entries.length * 2,
      ),
    );
    if (kind === 'archive') filesAside = swapInFiles(ctx, when);
  } finally {
    fs.rmSync(files.staging, { recursive: true, force: true });
    fs.rmSync(workDir, { recursive: true, force: true });
  }
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
    await recordRestore(ctx, database, file, { files: restoredFiles, previousFiles: filesAside });
  });
  if (filesAside) {
    out.result(
      bi(
        `原有文件保留在 ${filesAside}，确认无误后可自行删除。`,
        `The previous files are kept in ${filesAside}; delete them yourself once satisfied.`,
      ),
    );
  }
}
