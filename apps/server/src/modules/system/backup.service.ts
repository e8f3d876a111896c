/**
 * Backups while the server runs. Embedded: PGlite's own dump of the data directory (taken between queries, so it
 * is consistent). PostgreSQL: pg_dump in custom format.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../../db/database';
import { type AuditContext, appendAudit } from '../../lib/audit';
import { DomainError } from '../../lib/errors';

export const backupDir = (dataDir: string) => path.join(dataDir, 'backups');
const NAME = /^zaitun-[0-9TZ-]+\.(tar\.gz|dump)$/;

export interface BackupInfo {
  name: string;
  size: number;
  createdAt: string;
}

function stamp(now: Date): string {
  return now
    .toISOString()
    .replace(/[:.]/g, '-')
    .replace(/-\d{3}Z$/, 'Z');
}

export function runPgDump(databaseUrl: string, file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('pg_dump', ['--format=custom', '--no-owner', `--file=${file}`, databaseUrl], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'ENOENT' ? new DomainError('BACKUP_UNAVAILABLE', { tool: 'pg_dump' }) : err),
    );
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`pg_dump failed (${code}): ${stderr.slice(0, 500)}`)),
    );
  });
}

export async function createBackup(
  database: Database,
  databaseUrl: string | null,
  dataDir: string,
  now: Date,
  target?: string,
): Promise<BackupInfo> {
  const dir = backupDir(dataDir);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const name = `zaitun-${stamp(now)}.${database.kind === 'embedded' ? 'tar.gz' : 'dump'}`;
  const file = target ?? path.join(dir, name);
  const tmp = `${file}.partial`;
  if (database.dump) {
    fs.writeFileSync(tmp, await database.dump(), { mode: 0o600 });
  } else if (databaseUrl) {
    await runPgDump(databaseUrl, tmp);
    fs.chmodSync(tmp, 0o600);
  } else {
    throw new DomainError('BACKUP_UNAVAILABLE');
  }
  fs.renameSync(tmp, file);
  return { name: path.basename(file), size: fs.statSync(file).size, createdAt: now.toISOString() };
}

export function listBackups(dataDir: string): BackupInfo[] {
  const dir = backupDir(dataDir);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => NAME.test(f))
    .map((name) => {
      const st = fs.statSync(path.join(dir, name));
      return { name, size: st.size, createdAt: st.mtime.toISOString() };
    })
    .sort((a, b) => b.name.localeCompare(a.name))
    .slice(0, 100);
}

export function backupPath(dataDir: string, name: string): string | null {
  if (!NAME.test(name)) return null;
  const file = path.join(backupDir(dataDir), name);
  return fs.existsSync(file) ? file : null;
}

/** Records a backup in the audit trail (its own transaction: the backup itself changes nothing). */
export async function recordBackup(database: Database, ctx: AuditContext, info: BackupInfo): Promise<void> {
  await database.db.transaction().execute((tx) =>
    appendAudit(tx, ctx, {
      action: 'system.backup',
      entityType: 'backup',
      entityId: info.name,
      unitId: null,
      after: { ...info },
    }),
  );
}
