/**
 * The checking half of `zaitun restore`: everything a backup must pass before anything of the user's is touched.
 * The archive is unpacked beside the data (backup-archive.ts refuses traversal, links, unknown entries, too many
 * entries or bytes, and checks every SHA-256 of the manifest); an embedded dump must open as a database with our
 * schema, a pg_dump file must list one. Refusals are worded for the operator, in both languages.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { startEmbedded } from '../db/embedded';
import { loadMigrations } from '../db/migrate';
import {
  ArchiveError,
  type ArchiveKind,
  checkLegacyImage,
  type DatabaseKind,
  extractBackupArchive,
  probeArchive,
} from '../modules/system/backup-archive';
import type { CliContext } from './context';
import { bi, type CliError, failure, formatBytes } from './output';

/** More entries than any real store holds: a bound on inodes as RESTORE_MAX_UNPACKED_GB is on bytes. */
const MAX_ARCHIVE_ENTRIES = 5_000_000;

/** What kind of backup `file` is (format-2 archive or an older bare dump); a foreign or damaged file is refused. */
export async function probeBackup(ctx: CliContext, file: string): Promise<ArchiveKind> {
  try {
    return await probeArchive(file);
  } catch (err) {
    throw archiveFailure(file, err, ctx.config.restoreMaxUnpackedBytes);
  }
}

/** Migrations a backup holds that this version of Zaitun does not know: restoring it would run old code on new data. */
export function unknownMigrations(applied: { version: number; name: string }[]): string[] {
  const known = new Set(loadMigrations().map((m) => m.version));
  return applied.filter((m) => !known.has(m.version)).map((m) => m.name);
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

export function wrongDatabase(file: string, holds: DatabaseKind): CliError {
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

/** Where a restore unpacks the stored files: beside FILES_DIR, on the same file system, so that a rename swaps them. */
export function filesPlaces(filesDir: string, when: string) {
  return {
    staging: `${filesDir}.restoring-${when}`,
    aside: `${filesDir}.before-restore-${when}`,
    failed: `${filesDir}.failed-restore-${when}`,
  };
}

/** Unpacks a format-2 archive beside the data: the dump into `workDir`, the files into the staging directory. */
export async function unpackArchive(
  ctx: CliContext,
  file: string,
  database: DatabaseKind,
  workDir: string,
  when: string,
) {
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

/** Checks an old-format bare PGlite dump (its tar entries and unpacked size) before it is loaded. */
export async function checkLegacyImageFile(ctx: CliContext, file: string): Promise<void> {
  const { restoreMaxUnpackedBytes } = ctx.config;
  try {
    await checkLegacyImage(file, { maxUnpackedBytes: restoreMaxUnpackedBytes, maxEntries: MAX_ARCHIVE_ENTRIES });
  } catch (err) {
    throw archiveFailure(file, err, restoreMaxUnpackedBytes);
  }
}

/** Loads a PGlite dump into `pgdataDir` (a staging directory) and checks it holds Zaitun data this version knows. */
export async function checkImage(ctx: CliContext, pgdataDir: string, image: Uint8Array, file: string): Promise<void> {
  const { out } = ctx;
  const inspected = await out.step('检查数据库 / checking the database', () => inspectImage(pgdataDir, image, file));
  const newer = unknownMigrations(inspected.migrations);
  if (newer.length) {
    throw failure(
      `该备份来自更新版本的 Zaitun（含未知迁移 ${newer.join(', ')}），请先升级 Zaitun。`,
      `The backup comes from a newer Zaitun (unknown migrations ${newer.join(', ')}). Upgrade Zaitun first.`,
    );
  }
  out.progress(`✓ 备份有效 / valid backup: ${inspected.migrations.length} migration(s), ${inspected.users} user(s)`);
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

/** The entries of a pg_dump custom-format file (`file` names the backup to the operator); it must hold our schema. */
export function dumpEntries(file: string, dumpFile: string): string[] {
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
  return entries;
}
