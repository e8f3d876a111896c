/**
 * Bulletins (通报): a draft for a period with its figures computed and snapshotted, text edits kept as versions,
 * an explicit refresh of a draft's figures, publication with a gapless number per year and a notice to every unit,
 * withdrawal, read receipts, and the official document. Every write is audited in its transaction.
 * Who sees what: HQ and leaders every bulletin; a unit only published ones (anything else is 404 like missing).
 */

import {
  type BulletinDetailT,
  type BulletinListQueryT,
  type BulletinReceiptsT,
  type BulletinSectionsT,
  type BulletinTextT,
  can,
  type DocumentDownloadFormat,
  type RouteBody,
  scopeOf,
  type TaskT,
} from '@zaitun/contracts';
import type { Updateable } from 'kysely';
import type { Db, DbOrTx } from '../../db/database';
import type { BulletinRow, BulletinsTable } from '../../db/types';
import type { AuthedContext } from '../../http/context';
import { appendAudit } from '../../lib/audit';
import { formatDocumentNumber } from '../../lib/documents/model';
import { renderPdf, withChartPngs } from '../../lib/documents/pdf';
import { DomainError, notFound, versionConflict } from '../../lib/errors';
import { shanghaiDate } from '../calendar/calendar.domain';
import { leagueAsOf } from '../indicators/cockpit.service';
import { nextNumber } from '../items/items.repository';
import { type Period, parsePeriod, rate } from '../metrics/metrics.domain';
import { unitMetrics } from '../metrics/metrics.service';
import { notify } from '../notifications/notify';
import { DOCUMENT_CONTENT_TYPES, type RenderedDocument } from '../official-docs/official-docs.service';
import { loadDocumentSettings } from '../settings/settings.repository';
import type { ProgressReport, TaskRunner } from '../tasks/tasks.service';
import { bulletinDocument, bulletinFileName } from './bulletins.document';
import {
  bulletinActions,
  bulletinPeriod,
  commendedUnits,
  defaultBulletinText,
  defaultBulletinTitle,
  MAX_BULLETIN_PERIOD_YEARS,
  periodLabel,
  sortUnitRows,
} from './bulletins.domain';
import {
  addresseeUnits,
  auditBulletin,
  bulletinListFilter,
  bulletinListOrder,
  findBulletin,
  lockBulletin,
  openedCount,
  overdueAt,
  presentBulletin,
  readsOf,
  recordRead,
  redCardsIn,
} from './bulletins.repository';

/** The longest overdue and red-card lists a bulletin prints (the rest are in the item lists). */
export const BULLETIN_LIST_LIMIT = 500;

const isManager = (ctx: AuthedContext) => can(ctx.actor, 'bulletin.manage');
/** A reader limited to published bulletins — a unit's user, whose reads are receipts. */
const unitReader = (ctx: AuthedContext) => scopeOf(ctx.actor, 'bulletin.read') !== 'all';

/**
 * The sections of a period, computed now: the per-unit figures of the metrics module, the items opened, the overdue
 * list at the period's end (or now, for a period still running) and the red cards of the period — one after the
 * other, each step reported to `report` (a task's progress).
 */
export async function computeSections(
  db: DbOrTx,
  ctx: AuthedContext,
  period: Period,
  now: Date,
  report: ProgressReport = async () => {},
): Promise<BulletinSectionsT> {
  const asOf = period.end < now ? period.end : now;
  await report('figures', 5);
  const metrics = await unitMetrics(db, ctx, { from: period.from, to: period.to }, now);
  await report('opened', 45);
  const opened = await openedCount(db, period);
  await report('overdue', 55);
  const overdue = await overdueAt(db, asOf, BULLETIN_LIST_LIMIT);
  await report('redCards', 70);
  const redCards = await redCardsIn(db, period, BULLETIN_LIST_LIMIT);
  const units = sortUnitRows(
    metrics.rows.map((r) => ({
      unitId: r.unitId,
      nameZh: r.nameZh,
      nameEn: r.nameEn,
      received: r.received,
      resolved: r.resolved,
      urged: r.urgeRate.numerator,
      redone: r.redoRate.numerator,
      resolvedOnTime: r.resolvedOnTime,
      satisfaction: r.satisfaction,
      overdueNow: r.overdueNow,
      sample: r.sample,
      tooFew: r.tooFew,
    })),
  );
  const league = await leagueAsOf(db, period.to, now);
  const sum = (f: (u: (typeof units)[number]) => number) => units.reduce((s, u) => s + f(u), 0);
  return {
    headline: {
      opened,
      resolved: sum((u) => u.resolved),
      resolvedOnTime: rate(
        sum((u) => u.resolvedOnTime.numerator),
        sum((u) => u.resolvedOnTime.denominator),
      ),
      satisfaction: rate(
        sum((u) => u.satisfaction.numerator),
        sum((u) => u.satisfaction.denominator),
      ),
    },
    units,
    overdue,
    redCards,
    commended: commendedUnits(units, metrics.minItemsForRanking),
    commendationMinResolved: metrics.minItemsForRanking,
    league,
  };
}

function detail(ctx: AuthedContext, row: BulletinRow): BulletinDetailT {
  const bulletin = presentBulletin(row);
  return {
    bulletin,
    sections: row.sections as BulletinSectionsT,
    text: row.text as BulletinTextT,
    actions: bulletinActions(bulletin.state, isManager(ctx)),
  };
}

/** The bulletin if the caller may see it: managers and leaders every one, a unit published ones only. */
async function findVisible(db: DbOrTx, ctx: AuthedContext, id: string): Promise<BulletinRow> {
  const row = await findBulletin(db, id);
  if (!row || (unitReader(ctx) && row.state !== 'published')) throw notFound();
  return row;
}

const audit = (db: DbOrTx, ctx: AuthedContext, action: string, before: BulletinRow | null, after: BulletinRow) =>
  appendAudit(db, ctx.audit, {
    action: `bulletin.${action}`,
    entityType: 'bulletin',
    entityId: after.id,
    unitId: after.created_unit_id,
    before: before ? auditBulletin(before) : null,
    after: auditBulletin(after),
  });

export async function listBulletins(db: Db, ctx: AuthedContext, query: BulletinListQueryT) {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const where = bulletinListFilter(query, unitReader(ctx));
  const [rows, count] = await Promise.all([
    db
      .selectFrom('bulletins')
      .selectAll()
      .where(where)
      .orderBy(bulletinListOrder)
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    db
      .selectFrom('bulletins')
      .where(where)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(presentBulletin), total: Number(count.n), page, pageSize };
}

/**
 * Checks the period now (a bad one is a 400 before anything starts) and starts the draft's generation as a task:
 * figures, default text, then the draft saved and audited in one transaction. The task's result is the bulletin id.
 */
export async function createBulletin(
  db: Db,
  ctx: AuthedContext,
  body: RouteBody<'createBulletin'>,
  now: Date,
  tasks: TaskRunner,
): Promise<TaskT> {
  const r = bulletinPeriod(body, shanghaiDate(now));
  if ('problem' in r) {
    const { path, reason, message } = r.problem;
    throw new DomainError('BULLETIN_PERIOD_INVALID', [{ in: 'body', path, keyword: reason, message }]);
  }
  const { period } = r;
  return tasks.start(ctx, 'bulletin.create', async (report) => {
    const sections = await computeSections(db, ctx, period, now, report);
    await report('text', 80);
    const label = periodLabel(body.periodKind, period.from, period.to);
    const text = defaultBulletinText(sections, label);
    const title = body.title?.trim() || defaultBulletinTitle(body.periodKind, period.from, period.to);
    await report('saving', 90);
    const row = await db.transaction().execute(async (tx) => {
      const inserted = await tx
        .insertInto('bulletins')
        .values({
          period_kind: body.periodKind,
          period_from: period.from,
          period_to: period.to,
          title,
          state: 'draft',
          sections: JSON.stringify(sections),
          computed_at: now,
          text: JSON.stringify(text),
          created_by: ctx.actor.userId,
          created_unit_id: ctx.actor.unitId,
          created_at: now,
          updated_by: ctx.actor.userId,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('bulletin_versions')
        .values({
          bulletin_id: inserted.id,
          version: inserted.version,
          title,
          text: JSON.stringify(text),
          by_user: ctx.actor.userId,
          at: now,
        })
        .execute();
      await audit(tx, ctx, 'create', null, inserted);
      return inserted;
    });
    return { bulletinId: row.id };
  });
}

/** A unit user's read of a published bulletin leaves a receipt (the first read only). */
export async function getBulletin(db: DbOrTx, ctx: AuthedContext, id: string, now: Date): Promise<BulletinDetailT> {
  const row = await findVisible(db, ctx, id);
  if (row.state === 'published' && unitReader(ctx)) await recordRead(db, id, ctx.actor.userId, ctx.actor.unitId, now);
  return detail(ctx, row);
}

/** Locks a draft (or, for `states`, a bulletin in one of them) at the caller's version, inside `tx`. */
async function lockAt(tx: DbOrTx, id: string, version: number, states: readonly string[], action: string) {
  const row = await lockBulletin(tx, id);
  if (!row) throw notFound();
  if (row.version !== version) throw versionConflict(row.version);
  if (!states.includes(row.state)) throw new DomainError('BULLETIN_INVALID_TRANSITION', { state: row.state, action });
  return row;
}

/** Writes `changes` to a locked bulletin with the next version, and audits it as `action`, inside `tx`. */
async function writeChange(
  tx: DbOrTx,
  ctx: AuthedContext,
  before: BulletinRow,
  action: string,
  changes: Updateable<BulletinsTable>,
  now: Date,
): Promise<BulletinRow> {
  const updated = await tx
    .updateTable('bulletins')
    .set({ ...changes, version: before.version + 1, updated_by: ctx.actor.userId, updated_at: now })
    .where('id', '=', before.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(tx, ctx, action, before, updated);
  return updated;
}

export async function updateBulletin(
  db: Db,
  ctx: AuthedContext,
  id: string,
  body: RouteBody<'updateBulletin'>,
  now: Date,
) {
  const row = await db.transaction().execute(async (tx) => {
    const before = await lockAt(tx, id, body.version, ['draft'], 'edit');
    const title = body.title?.trim() || before.title;
    const text = body.text ?? (before.text as BulletinTextT);
    const updated = await writeChange(
      tx,
      ctx,
      before,
      'update',
      {
        title,
        text: JSON.stringify(text),
      },
      now,
    );
    await tx
      .insertInto('bulletin_versions')
      .values({
        bulletin_id: id,
        version: updated.version,
        title,
        text: JSON.stringify(text),
        by_user: ctx.actor.userId,
        at: now,
      })
      .execute();
    return updated;
  });
  return detail(ctx, row);
}

/**
 * Starts computing a draft's figures again as a task (the text stays as edited). A stale version or a bulletin no
 * longer a draft is refused now (409); the task checks both again under the row lock before it writes.
 */
export async function refreshBulletin(
  db: Db,
  ctx: AuthedContext,
  id: string,
  version: number,
  now: Date,
  tasks: TaskRunner,
): Promise<TaskT> {
  const current = await findVisible(db, ctx, id);
  if (current.version !== version) throw versionConflict(current.version);
  if (current.state !== 'draft')
    throw new DomainError('BULLETIN_INVALID_TRANSITION', { state: current.state, action: 'refresh' });
  // The stored period was checked when drafted; it resolves to the same instants again.
  const period = parsePeriod(current.period_from, current.period_to, MAX_BULLETIN_PERIOD_YEARS);
  if ('problem' in period) throw new DomainError('BULLETIN_PERIOD_INVALID', [period.problem]);
  return tasks.start(ctx, 'bulletin.refresh', async (report) => {
    const sections = await computeSections(db, ctx, period.period, now, report);
    await report('saving', 90);
    await db.transaction().execute(async (tx) => {
      const before = await lockAt(tx, id, version, ['draft'], 'refresh');
      await writeChange(tx, ctx, before, 'refresh', { sections: JSON.stringify(sections), computed_at: now }, now);
    });
    return { bulletinId: id };
  });
}

/** Publishes a draft: numbered in the year of publication (the counter row is locked until commit: no gaps). */
export async function publishBulletin(db: Db, ctx: AuthedContext, id: string, version: number, now: Date) {
  const { settings } = await loadDocumentSettings(db);
  const row = await db.transaction().execute(async (tx) => {
    const before = await lockAt(tx, id, version, ['draft'], 'publish');
    const year = Number(shanghaiDate(now).slice(0, 4));
    const seq = await nextNumber(tx, 'bulletin', year);
    const number = formatDocumentNumber(settings.bulletinPrefix, year, seq);
    const updated = await writeChange(
      tx,
      ctx,
      before,
      'publish',
      {
        state: 'published',
        year,
        seq,
        number,
        published_by: ctx.actor.userId,
        published_at: now,
      },
      now,
    );
    await notify(tx, {
      event: 'bulletin_published',
      entityType: 'bulletin',
      entityId: id,
      params: { number, title: updated.title },
      dedupeKey: `bulletin:${id}:published`,
      at: now,
      units: (await addresseeUnits(tx)).map((u) => u.id),
      roles: ['leader'],
      exceptUserId: ctx.actor.userId,
    });
    return updated;
  });
  return detail(ctx, row);
}

export async function withdrawBulletin(
  db: Db,
  ctx: AuthedContext,
  id: string,
  body: RouteBody<'withdrawBulletin'>,
  now: Date,
) {
  const row = await db.transaction().execute(async (tx) => {
    const before = await lockAt(tx, id, body.version, ['published'], 'withdraw');
    const updated = await writeChange(
      tx,
      ctx,
      before,
      'withdraw',
      {
        state: 'withdrawn',
        withdrawn_by: ctx.actor.userId,
        withdrawn_at: now,
        withdraw_reason: body.reason?.trim() ?? '',
      },
      now,
    );
    return updated;
  });
  return detail(ctx, row);
}

export async function bulletinVersions(db: Db, ctx: AuthedContext, id: string) {
  await findVisible(db, ctx, id);
  const rows = await db
    .selectFrom('bulletin_versions')
    .selectAll()
    .where('bulletin_id', '=', id)
    .orderBy('version', 'desc')
    .execute();
  return {
    items: rows.map((r) => ({
      version: r.version,
      title: r.title,
      text: r.text as BulletinTextT,
      byUserId: r.by_user,
      at: new Date(r.at).toISOString(),
    })),
  };
}

export async function bulletinReceipts(db: Db, ctx: AuthedContext, id: string): Promise<BulletinReceiptsT> {
  await findVisible(db, ctx, id);
  const [reads, units] = await Promise.all([readsOf(db, id), addresseeUnits(db)]);
  const readUnits = new Set(reads.map((r) => r.unit_id));
  return {
    reads: reads.map((r) => ({
      userId: r.user_id,
      displayName: r.display_name,
      unitId: r.unit_id,
      unitNameZh: r.name_zh ?? '',
      unitNameEn: r.name_en ?? '',
      firstReadAt: new Date(r.first_read_at).toISOString(),
    })),
    unreadUnits: units
      .filter((u) => !readUnits.has(u.id))
      .map((u) => ({ unitId: u.id, nameZh: u.name_zh, nameEn: u.name_en })),
  };
}

/**
 * The bulletin as Word or PDF; a unit user's download is a read like opening it. Not audited (a read). Word gets a PNG
 * of the on-time chart beside its SVG when Chromium is there (withChartPngs), else the SVG alone.
 */
export async function bulletinDocumentFile(
  db: Db,
  ctx: AuthedContext,
  id: string,
  format: DocumentDownloadFormat,
  now: Date,
): Promise<RenderedDocument> {
  const { bulletin, sections, text } = await getBulletin(db, ctx, id, now);
  const { settings } = await loadDocumentSettings(db);
  const doc = bulletinDocument({ bulletin, sections, text, settings, today: now });
  return {
    file:
      format === 'pdf'
        ? await renderPdf(doc)
        : // The Word writer (docx) is loaded on the first download, not at start-up.
          await (await import('../../lib/documents/docx')).renderDocx(await withChartPngs(doc)),
    fileName: bulletinFileName(bulletin, format),
    contentType: DOCUMENT_CONTENT_TYPES[format],
  };
}
