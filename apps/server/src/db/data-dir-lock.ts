/**
 * One process per embedded data directory: PGlite has no lock of its own, and two processes writing the same
 * files lose rows. The lock is a file created exclusively, holding the owner's pid; a lock whose process is gone
 * is stale and taken over.
 */
import fs from 'node:fs';
import path from 'node:path';

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `数据目录 ${dataDir} 正被进程 ${pid} 使用（Zaitun 服务正在运行）。请先停止该进程，或设置 DATABASE_URL 使用 PostgreSQL。\n` +
        `The data directory ${dataDir} is in use by process ${pid} (a Zaitun server is running). Stop it first, or set DATABASE_URL to use PostgreSQL.`,
    );
    this.name = 'DataDirLockedError';
  }
}

export interface LockInfo {
  pid: number;
  startedAt: string;
  /** Control socket of the owning server, when it offers one (backup, audit verify from the CLI). */
  controlSocket: string | null;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockFile(dataDir: string): string {
  return path.join(dataDir, 'zaitun.lock');
}

/** The live owner of the data directory, if any. */
export function readLock(dataDir: string): LockInfo | null {
  try {
    const info = JSON.parse(fs.readFileSync(lockFile(dataDir), 'utf8')) as LockInfo;
    return alive(info.pid) && info.pid !== process.pid ? info : null;
  } catch {
    return null;
  }
}

export function acquireLock(dataDir: string, controlSocket: string | null = null): () => void {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = lockFile(dataDir);
  const info: LockInfo = { pid: process.pid, startedAt: new Date().toISOString(), controlSocket };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(info), { flag: 'wx', mode: 0o600 });
      return () => {
        try {
          const current = JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
          if (current.pid === process.pid) fs.unlinkSync(file);
        } catch {
          // already gone
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let owner: LockInfo | null = null;
      try {
        owner = JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
      } catch {
        owner = null;
      }
      if (owner && alive(owner.pid)) throw new DataDirLockedError(dataDir, owner.pid);
      // Stale: the owner died without cleaning up. Remove and retry.
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}

/** Lets the lock record a control socket once the server has opened one. */
export function updateLock(dataDir: string, patch: Partial<LockInfo>): void {
  const file = lockFile(dataDir);
  const current = JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
  if (current.pid !== process.pid) return;
  fs.writeFileSync(file, JSON.stringify({ ...current, ...patch }), { mode: 0o600 });
}
