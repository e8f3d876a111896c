/**
 * Backups while the server runs: one archive (backup-archive.ts) holding the database dump and every stored file.
 * Embedded: PGlite's own dump of the data directory (taken between queries, so it is consistent). PostgreSQL:
 * pg_dump in custom format. The files are copied after the dump: stored files are never changed or deleted once
 * recorded, so every file the dump refers to is there.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config';
import type { Database } from '../../db/database';
import { type AuditContext, appendAudit } from '../../lib/audit';
import { DomainError } from '../../lib/errors';
import { writeBackupArchive } from './backup-archive';

export const backupDir = (dataDir: string) => path.join(dataDir, 'backups');
const NAME = /^zaitun-[0-9TZ-]+\.(tar\.gz|dump)$/;

export interface BackupInfo {
  name: string;
  size: number;
  createdAt: string;
}

/** A backup just written, with the stored files it holds. */
export interface CreatedBackup extends BackupInfo {
  files: number;
  fileBytes: number;
}

export type BackupConfig = Pick<Config, 'databaseUrl' | 'dataDir' | 'filesDir'>;

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
  config: BackupConfig,
  now: Date,
  target?: string,
): Promise<CreatedBackup> {
  const dir = backupDir(config.dataDir);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = target ?? path.join(dir, `zaitun-${stamp(now)}.tar.gz`);
  const tmp = `${file}.partial`;
  const pgDumpFile = `${file}.pg_dump.partial`;
  // Left over from a crash: never finished, so nothing to keep.
  fs.rmSync(tmp, { force: true });
  try {
    let dump: { bytes: Uint8Array } | { file: string };
    if (database.dump) {
      dump = { bytes: await database.dump() };
    } else if (config.databaseUrl) {
      // pg_dump keeps the mode of an existing file: the dump is never readable by others, even for a moment.
      fs.writeFileSync(pgDumpFile, '', { mode: 0o600 });
      await runPgDump(config.databaseUrl, pgDumpFile);
      dump = { file: pgDumpFile };
    } else {
      throw new DomainError('BACKUP_UNAVAILABLE');
    }
    const manifest = await writeBackupArchive({
      target: tmp,
      database: database.kind,
      createdAt: now,
      dump,
      filesDir: config.filesDir,
    });
    fs.renameSync(tmp, file);
    return {
      name: path.basename(file),
      size: fs.statSync(file).size,
      createdAt: now.toISOString(),
      files: manifest.files.count,
      fileBytes: manifest.files.bytes,
    };
  } finally {
    fs.rmSync(tmp, { force: true });
    fs.rmSync(pgDumpFile, { force: true });
  }
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
export async function recordBackup(database: Database, ctx: AuditContext, info: CreatedBackup): Promise<void> {
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
