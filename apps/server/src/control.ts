/**
 * In embedded mode the server owns the data directory, so the CLI cannot open it. It reaches the running server
 * instead, over a Unix socket in the data directory (mode 0600: only the owner of the files may use it), for the
 * commands that make sense while it runs: backup and audit verify.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config';
import { updateLock } from './db/data-dir-lock';
import { systemContext, verifyAuditChain } from './lib/audit';
import { createBackup, recordBackup } from './modules/system/backup.service';

export const controlSocketPath = (dataDir: string) => path.join(dataDir, 'control.sock');

export async function startControlServer(app: FastifyInstance, config: Config): Promise<{ close(): Promise<void> }> {
  const socket = controlSocketPath(config.dataDir);
  fs.rmSync(socket, { force: true });
  const { database, clock } = app.services;
  const server = http.createServer(async (req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    try {
      const url = new URL(req.url ?? '/', 'http://control');
      if (req.method === 'POST' && url.pathname === '/backup') {
        const target = url.searchParams.get('file');
        const info = await createBackup(database, config, clock.now(), target ?? undefined);
        await recordBackup(database, systemContext(clock, 'cli'), info);
        return send(200, info);
      }
      if (req.method === 'POST' && url.pathname === '/audit-verify')
        return send(200, await verifyAuditChain(database.db));
      send(404, { error: 'unknown command' });
    } catch (err) {
      send(500, { error: err instanceof Error ? err.message : String(err) });
    }
  });
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  fs.chmodSync(socket, 0o600);
  updateLock(config.dataDir, { controlSocket: socket });
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        fs.rmSync(socket, { force: true });
      }),
  };
}
