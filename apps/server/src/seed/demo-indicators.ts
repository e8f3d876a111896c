/**
 * The cockpit's demo data (issue 5), written after the demo organisation: the ten indicators, their figures for two
 * years and this year to the last published month (planDemoIndicators), and this year's targets with their history.
 * Earlier months are verified; the latest month is as reported, waiting for HQ to verify it. One transaction, one
 * audit event summarising it.
 */
import { sql } from 'kysely';
import type { Db } from '../db/database';
import { type AuditContext, appendAudit } from '../lib/audit';
import { type FigureInput, writeFigures } from '../modules/indicators/indicators.repository';
import { CITY, planDemoIndicators } from './demo-indicators.plan';

export async function seedDemoIndicators(
  db: Db,
  audit: AuditContext,
): Promise<{ indicators: number; figures: number; targets: number }> {
  if (await db.selectFrom('indicators').select('id').limit(1).executeTakeFirst()) {
    return { indicators: 0, figures: 0, targets: 0 };
  }
  const now = audit.clock.now();
  const plan = planDemoIndicators(now);
  const units = await db.selectFrom('units').select(['id', 'code', 'type']).execute();
  const unitId = new Map(units.map((u) => [u.code, u.id]));
  const hq = units.find((u) => u.type === 'headquarters');
  if (hq) unitId.set(CITY, hq.id);
  const admin = await db
    .selectFrom('users')
    .select('id')
    .where(sql<boolean>`roles @> ARRAY['hq_dispatcher']::text[]`)
    .orderBy(sql`username = 'hq'`, 'desc')
    .executeTakeFirst();
  return db.transaction().execute(async (tx) => {
    const inserted = await tx
      .insertInto('indicators')
      .values(
        plan.indicators.map((i, n) => ({
          code: i.code,
          name_zh: i.nameZh,
          name_en: i.nameEn,
          measure_unit: i.measureUnit,
          frequency: i.frequency,
          kind: i.kind,
          direction: i.direction,
          decimals: i.decimals,
          additive: i.additive,
          responsible_unit_id: unitId.get(i.responsible) ?? null,
          definition: i.definition,
          source: i.source,
          sort_order: (n + 1) * 10,
          created_at: now,
          updated_at: now,
        })),
      )
      .returning(['id', 'code'])
      .execute();
    const indicatorId = new Map(inserted.map((r) => [r.code, r.id]));
    const latest = plan.figures.reduce((m, f) => Math.max(m, f.year * 12 + f.month), 0);
    const rows = (pred: (ym: number) => boolean): FigureInput[] =>
      plan.figures.flatMap((f) => {
        const ind = indicatorId.get(f.indicator);
        const unit = unitId.get(f.unit);
        if (!ind || !unit || !pred(f.year * 12 + f.month)) return [];
        return [
          { indicatorId: ind, unitId: unit, year: f.year, month: f.month, value: f.value, reportedYoy: f.reportedYoy },
        ];
      });
    const verified = await writeFigures(
      tx,
      rows((ym) => ym < latest),
      { source: 'seed', importId: null, state: 'verified', byUser: admin?.id ?? null, now },
    );
    const reported = await writeFigures(
      tx,
      rows((ym) => ym === latest),
      { source: 'seed', importId: null, state: 'reported', byUser: admin?.id ?? null, now },
    );
    let targets = 0;
    if (admin) {
      const targetRows = plan.targets.flatMap((t) => {
        const ind = indicatorId.get(t.indicator);
        const unit = unitId.get(t.unit);
        if (!ind || !unit) return [];
        return [
          {
            indicator_id: ind,
            unit_id: unit,
            year: t.year,
            kind: t.kind,
            value: t.value,
            state: t.state,
            updated_by: admin.id,
            updated_at: now,
          },
        ];
      });
      const saved = await tx.insertInto('indicator_targets').values(targetRows).returningAll().execute();
      await tx
        .insertInto('indicator_target_changes')
        .values(
          saved.map((r) => ({
            target_id: r.id,
            version: r.version,
            kind: r.kind,
            value: r.value,
            state: r.state,
            note: r.note,
            by_user: admin.id,
            at: now,
          })),
        )
        .execute();
      targets = saved.length;
    }
    const result = { indicators: inserted.length, figures: verified.length + reported.length, targets };
    await appendAudit(tx, audit, {
      action: 'seed.demo_indicators',
      entityType: 'system',
      entityId: null,
      unitId: null,
      after: result,
    });
    return result;
  });
}
