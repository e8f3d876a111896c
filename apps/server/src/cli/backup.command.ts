/**
 * `zaitun backup FILE`. A backup is one archive (backup-archive.ts): the database dump (embedded: PGlite's dump of
 * the data directory, taken by the running server when there is one; PostgreSQL: pg_dump in custom format) and
 * every stored file. `zaitun restore` lives in restore.command.ts (the swap) and restore-staging.ts (the checks).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { systemContext } from '../lib/audit';
import { type CreatedBackup, createBackup, recordBackup } from '../modules/system/backup.service';
import { type CliContext, callControl, dataDirOwner, hasAuditTable, lockedError, withDatabase } from './context';
import { bi, failure, formatBytes } from './output';

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
