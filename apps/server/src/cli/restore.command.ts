/**
 * `zaitun restore FILE --yes`: the swap half. restore-staging.ts unpacks and checks the backup beside the data;
 * only then is the database replaced (embedded: the checked pgdata renamed into place; PostgreSQL: pg_restore in one
 * transaction) and FILES_DIR swapped for the unpacked files. Nothing is deleted: the current data directory and
 * FILES_DIR are moved aside, and put back when the restored data does not open.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { acquireLock, DataDirLockedError } from '../db/data-dir-lock';
import type { Database } from '../db/database';
import { appendAudit, systemContext, verifyAuditChain } from '../lib/audit';
import type { ArchiveKind } from '../modules/system/backup-archive';
import { requireTool } from './backup.command';
import { type CliContext, dataDirOwner, withDatabase } from './context';
import { bi, CliError, failure, usageError } from './output';
import {
  checkImage,
  checkLegacyImageFile,
  dumpEntries,
  filesPlaces,
  probeBackup,
  unknownMigrations,
  unpackArchive,
  wrongDatabase,
} from './restore-staging';

const stamp = (now: Date) => now.toISOString().replace(/[:.]/g, '-');

function sourceFile(file: string): string {
  const abs = path.resolve(file);
  if (!fs.existsSync(abs) || !fs.statSync(abs).isFile())
    throw failure(`找不到备份文件 ${abs}。`, `No backup file at ${abs}.`);
  return abs;
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
        ? `恢复将用 ${abs} 替换 DATABASE_URL 指向的数据库中的全部数据，以及 ${config.filesDir} 中的文件（当前文件会移到一旁保留）。确认请加上 --yes。`
        : `恢复将用 ${abs} 替换 ${config.dataDir} 中的数据和 ${config.filesDir} 中的文件（当前数据和文件会移到一旁保留）。确认请加上 --yes。`,
      config.databaseUrl
        ? `Restoring replaces all data in the DATABASE_URL database, and the files in ${config.filesDir}, with ${abs} (the current files are moved aside, not deleted). Add --yes to confirm.`
        : `Restoring replaces the data in ${config.dataDir} and the files in ${config.filesDir} with ${abs} (the current data and files are moved aside, not deleted). Add --yes to confirm.`,
    );
  }
  const kind = await probeBackup(ctx, abs);
  return config.databaseUrl ? restorePostgres(ctx, config.databaseUrl, abs, kind) : restoreEmbedded(ctx, abs, kind);
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
      await checkLegacyImageFile(ctx, file);
      legacyNote(ctx);
      image = new Uint8Array(fs.readFileSync(file));
    }
    await checkImage(ctx, staging, image, file);
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
    const entries = dumpEntries(file, dumpFile);
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
