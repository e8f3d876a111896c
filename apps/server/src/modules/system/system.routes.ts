import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { registerRoute } from '../../http/register';
import { notFound } from '../../lib/errors';
import { backupPath, createBackup, listBackups, recordBackup } from './backup.service';

export function systemRoutes(app: FastifyInstance): void {
  const { database, config } = app.services;

  registerRoute(app, 'listBackups', async () => ({ items: listBackups(config.dataDir) }));

  registerRoute(app, 'createBackup', async ({ ctx }) => {
    const info = await createBackup(database, config, ctx.audit.clock.now());
    await recordBackup(database, ctx.audit, info);
    return { name: info.name, size: info.size, createdAt: info.createdAt };
  });

  registerRoute(app, 'downloadBackup', async ({ params, reply }) => {
    const file = backupPath(config.dataDir, params.name);
    if (!file) throw notFound();
    reply
      .header('content-type', 'application/octet-stream')
      .header('content-disposition', `attachment; filename="${params.name}"`)
      .header('content-length', String(fs.statSync(file).size));
    return reply.send(fs.createReadStream(file)) as never;
  });
}
