// Runs PGlite on its own thread and serves it over the PostgreSQL wire protocol on a private Unix socket, so the
// HTTP thread never blocks on a query and the same node-postgres driver serves both databases (ADR 0003).
// Plain JavaScript so that it loads the same way under tsx, Vitest and plain Node. Message types: embedded.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const data = workerData;
const port = parentPort;

try {
  const db = await PGlite.create({
    ...(data.pgdataDir ? { dataDir: data.pgdataDir } : {}),
    ...(data.loadImage ? { loadDataDir: new Blob([data.loadImage]) } : {}),
    extensions: { pg_trgm },
  });
  // The app's pool holds one connection at a time (PGlite is one session); a little headroom lets a replacement
  // connection in while a dropped one is still being cleaned up (node-postgres drops a client after pool.query errors).
  const server = new PGLiteSocketServer({ db, path: data.socketPath, maxConnections: 4 });
  await server.start();
  port.on('message', async (msg) => {
    try {
      if (msg.type === 'dump') {
        const blob = await db.dumpDataDir('gzip');
        const bytes = new Uint8Array(await blob.arrayBuffer());
        port.postMessage({ type: 'dumped', id: msg.id, data: bytes }, [bytes.buffer]);
      } else if (msg.type === 'close') {
        await server.stop();
        await db.close();
        port.postMessage({ type: 'closed', id: msg.id });
      }
    } catch (err) {
      port.postMessage({ type: 'failed', id: msg.id, message: String(err) });
    }
  });
  port.postMessage({ type: 'ready' });
} catch (err) {
  port.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
}
