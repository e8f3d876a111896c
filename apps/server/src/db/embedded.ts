/** Starts the embedded database (PGlite on a worker thread) and hands back how to connect to it. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/** What the worker (embedded-worker.mjs) is started with. */
interface EmbeddedWorkerData {
  pgdataDir: string | null;
  loadImage: Uint8Array | null;
  socketPath: string;
}
type WorkerRequest = { type: 'dump'; id: number } | { type: 'close'; id: number };
type WorkerMessage =
  | { type: 'ready' }
  | { type: 'error'; message: string }
  | { type: 'dumped'; id: number; data: Uint8Array }
  | { type: 'closed'; id: number }
  | { type: 'failed'; id: number; message: string };

export interface EmbeddedServer {
  /** Directory holding the socket `.s.PGSQL.5432` (node-postgres `host`). */
  socketDir: string;
  dump(): Promise<Uint8Array>;
  close(): Promise<void>;
}

const workerFile = path.join(import.meta.dirname, 'embedded-worker.mjs');

export async function startEmbedded(options: {
  pgdataDir: string | null;
  loadImage?: Uint8Array | null;
}): Promise<EmbeddedServer> {
  // A private directory: the socket has no password, so only this user may reach it. Unix socket paths are
  // limited to ~107 bytes, hence the temp dir rather than the data dir.
  const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zaitun-db-'));
  fs.chmodSync(socketDir, 0o700);
  const workerData: EmbeddedWorkerData = {
    pgdataDir: options.pgdataDir,
    loadImage: options.loadImage ?? null,
    socketPath: path.join(socketDir, '.s.PGSQL.5432'),
  };
  const worker = new Worker(workerFile, { workerData });
  let nextId = 1;
  const pending = new Map<number, { resolve: (m: WorkerMessage) => void; reject: (e: Error) => void }>();

  await new Promise<void>((resolve, reject) => {
    const onMessage = (msg: WorkerMessage) => {
      if (msg.type === 'ready') {
        worker.off('error', reject);
        resolve();
      } else if (msg.type === 'error') reject(new Error(`Embedded database failed to start: ${msg.message}`));
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
  });
  worker.on('message', (msg: WorkerMessage) => {
    if ('id' in msg) {
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      if (msg.type === 'failed') p.reject(new Error(msg.message));
      else p.resolve(msg);
    }
  });

  const request = (req: Omit<WorkerRequest, 'id'>): Promise<WorkerMessage> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...req, id } as WorkerRequest);
    });

  let closed = false;
  return {
    socketDir,
    async dump() {
      const msg = await request({ type: 'dump' });
      if (msg.type !== 'dumped') throw new Error('unexpected reply from the database worker');
      return msg.data;
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await request({ type: 'close' });
      } finally {
        await worker.terminate();
        fs.rmSync(socketDir, { recursive: true, force: true });
      }
    },
  };
}
