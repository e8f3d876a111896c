import type { FastifyInstance } from 'fastify';
import { registerRoute } from '../../http/register';
import { sendXlsx } from '../../http/xlsx-download';
import { xlsxBuffer } from '../../lib/xlsx';
import { metricsSheet } from './metrics.export';
import * as metrics from './metrics.service';

export function metricsRoutes(app: FastifyInstance): void {
  const { database, clock } = app.services;
  const db = () => database.db;
  registerRoute(app, 'unitMetrics', async ({ query, ctx }) => metrics.unitMetrics(db(), ctx, query, clock.now()));
  registerRoute(app, 'unitMetricsExport', async ({ query, ctx, reply }) => {
    const table = await metrics.unitMetrics(db(), ctx, query, clock.now());
    const file = await xlsxBuffer([metricsSheet(table, ctx.locale)]);
    const name = ctx.locale === 'en-US' ? 'unit-metrics' : '单位考评';
    return sendXlsx(reply, file, `${name}-${table.from}-${table.to}.xlsx`);
  });
  registerRoute(app, 'yearTotals', async ({ query }) => metrics.yearTotals(db(), query.year, clock.now()));
}
