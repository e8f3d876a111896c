import type { LeagueT, Locale } from '@zaitun/contracts';
import type { FastifyInstance } from 'fastify';
import { registerRoute } from '../../http/register';
import { sendXlsx } from '../../http/xlsx-download';
import { type ExportSheet, xlsxBuffer } from '../../lib/xlsx';
import * as cockpit from './cockpit.service';
import * as indicators from './indicators.service';

/** The league table as one sheet: rank, unit, score, then each component's value and rank. */
export function leagueSheet(league: LeagueT, locale: Locale): ExportSheet {
  const zh = locale === 'zh-CN';
  const columns = [
    { key: 'rank', header: zh ? '名次' : 'Rank', width: 8, kind: 'number' as const },
    { key: 'unit', header: zh ? '单位' : 'Unit', width: 24, kind: 'string' as const },
    { key: 'score', header: zh ? '综合得分' : 'Score', width: 10, kind: 'number' as const },
    ...league.columns.flatMap((c, k) => [
      {
        key: `v${k}`,
        header: `${zh ? c.labelZh : c.labelEn} (${c.unit})`,
        width: Math.max(14, (zh ? c.labelZh : c.labelEn).length + 6),
        kind: 'number' as const,
      },
      {
        key: `r${k}`,
        header: zh ? `排名·权重${c.weight}` : `Rank · weight ${c.weight}`,
        width: 12,
        kind: 'number' as const,
      },
    ]),
  ];
  const round = (v: number | null, d: number) => (v === null ? null : Math.round(v * 10 ** d) / 10 ** d);
  const rows = league.rows.map((r) => ({
    rank: r.rank,
    unit: zh ? r.unit.nameZh : r.unit.nameEn,
    score: r.score,
    ...Object.fromEntries(
      r.cells.flatMap((cell, k) => [
        [`v${k}`, round(cell.value, league.columns[k]?.decimals ?? 2)],
        [`r${k}`, cell.rank],
      ]),
    ),
  }));
  return { name: zh ? '争先榜' : 'League table', columns, rows };
}

/** Indicators, targets, figures (entry, verification, drill-down), the cockpit's computed views and settings. */
export function indicatorRoutes(app: FastifyInstance): void {
  const { database, clock } = app.services;
  const db = () => database.db;
  registerRoute(app, 'listIndicators', async () => indicators.listIndicators(db()));
  registerRoute(app, 'createIndicator', async ({ body, ctx }) => indicators.createIndicator(db(), ctx, body));
  registerRoute(app, 'updateIndicator', async ({ params, body, ctx }) =>
    indicators.updateIndicator(db(), ctx, params.id, body),
  );
  registerRoute(app, 'listTargets', async ({ query }) => indicators.listTargets(db(), query));
  registerRoute(app, 'putTarget', async ({ body, ctx }) => indicators.putTarget(db(), ctx, body));
  registerRoute(app, 'confirmTargets', async ({ body, ctx }) => indicators.confirmTargets(db(), ctx, body));
  registerRoute(app, 'listTargetChanges', async ({ params }) => indicators.listTargetChanges(db(), params.id));
  registerRoute(app, 'listFigures', async ({ query, ctx }) => indicators.listFigures(db(), ctx, query));
  registerRoute(app, 'getFigure', async ({ params, ctx }) => indicators.getFigure(db(), ctx, params.id));
  registerRoute(app, 'verifyFigures', async ({ body, ctx }) => indicators.verifyFigures(db(), ctx, body));
  registerRoute(app, 'getEntryForm', async ({ query, ctx }) => indicators.getEntryForm(db(), ctx, query));
  registerRoute(app, 'saveFigures', async ({ body, ctx }) => indicators.saveFigures(db(), ctx, body));
  registerRoute(app, 'getCockpit', async ({ query }) => cockpit.getCockpit(db(), query, clock.now()));
  registerRoute(app, 'getIndicatorTable', async ({ query }) => cockpit.getIndicatorTable(db(), query, clock.now()));
  registerRoute(app, 'getLeague', async ({ query }) => cockpit.getLeague(db(), query, clock.now()));
  registerRoute(app, 'exportLeague', async ({ query, ctx, reply }) => {
    const league = await cockpit.getLeague(db(), query, clock.now());
    const file = await xlsxBuffer([leagueSheet(league, ctx.locale)]);
    const name = ctx.locale === 'en-US' ? 'league-table' : '争先榜';
    return sendXlsx(reply, file, `${name}-${league.year}-${String(league.month).padStart(2, '0')}.xlsx`);
  });
  registerRoute(app, 'getTrend', async ({ query }) => cockpit.getTrend(db(), query, clock.now()));
  registerRoute(app, 'getCockpitSettings', async () => indicators.loadCockpitSettings(db()));
  registerRoute(app, 'updateCockpitSettings', async ({ body, ctx }) =>
    indicators.updateCockpitSettings(db(), ctx, body),
  );
}
