/**
 * Demo bulletins (通报), written after the dispatch history so the archive is not empty on a first start: last
 * month's bulletin and last week's, published (numbered in the year of publication, read by some counties), and
 * this month's draft. Their figures are computed from the demo history exactly as the builder does
 * (computeSections), with the default text. One transaction, one audit event summarising it.
 */
import type { BulletinSectionsT, BulletinTextT, Role } from '@zaitun/contracts';
import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { AuthedContext } from '../http/context';
import { type AuditContext, appendAudit } from '../lib/audit';
import { formatDocumentNumber } from '../lib/documents/model';
import {
  bulletinPeriod,
  defaultBulletinText,
  defaultBulletinTitle,
  periodLabel,
} from '../modules/bulletins/bulletins.domain';
import { computeSections } from '../modules/bulletins/bulletins.service';
import { shanghaiDate } from '../modules/calendar/calendar.domain';
import { nextNumber } from '../modules/items/items.repository';
import type { Period } from '../modules/metrics/metrics.domain';
import { loadDocumentSettings } from '../modules/settings/settings.repository';

const DAY_MS = 86_400_000;
/** The unit whose users have read last month's bulletin in the demo (晋江市 has not: signing in as it adds its read). */
const READERS = ['SHISHI'];

interface DemoBulletin {
  periodKind: 'week' | 'month';
  publish: boolean;
  period: Period;
  sections: BulletinSectionsT;
  text: BulletinTextT;
  publishedAt: Date;
}

export async function seedDemoBulletins(db: Db, audit: AuditContext): Promise<number> {
  if (await db.selectFrom('bulletins').select('id').limit(1).executeTakeFirst()) return 0;
  const dispatcher = await db
    .selectFrom('users')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .select(['users.id', 'users.username', 'users.display_name', 'users.roles', 'units.id as unit_id', 'units.path'])
    .where(sql<boolean>`users.roles @> ARRAY['hq_dispatcher']::text[]`)
    .orderBy(sql`users.username = 'hq'`, 'desc')
    .orderBy('users.created_at')
    .executeTakeFirst();
  if (!dispatcher) return 0;
  const ctx = {
    actor: {
      userId: dispatcher.id,
      username: dispatcher.username,
      displayName: dispatcher.display_name,
      roles: dispatcher.roles as Role[],
      unitId: dispatcher.unit_id,
      unitPath: dispatcher.path,
      via: 'session',
      sessionId: null,
      csrfToken: null,
      tokenId: null,
      mustChangePassword: false,
    },
    locale: 'zh-CN',
    audit,
  } satisfies AuthedContext;
  const now = audit.clock.now();
  const today = shanghaiDate(now);
  const dayBefore = (days: number) => shanghaiDate(new Date(now.getTime() - days * DAY_MS));
  const firstOfMonth = `${today.slice(0, 8)}01`;
  const plans = [
    {
      periodKind: 'month' as const,
      anchor: shanghaiDate(new Date(Date.parse(`${firstOfMonth}T12:00:00+08:00`) - DAY_MS)),
      publish: true,
    },
    { periodKind: 'week' as const, anchor: dayBefore(7), publish: true },
    { periodKind: 'month' as const, anchor: today, publish: false },
  ];
  const drafts: DemoBulletin[] = [];
  for (const p of plans) {
    const r = bulletinPeriod(p, today);
    if ('problem' in r) continue;
    const sections = await computeSections(db, ctx, r.period, now);
    const label = periodLabel(p.periodKind, r.period.from, r.period.to);
    // Published the working morning after the period ended (never after now).
    const publishedAt = new Date(Math.min(now.getTime(), Date.parse(`${r.period.to}T10:00:00+08:00`) + DAY_MS));
    drafts.push({ ...p, period: r.period, sections, text: defaultBulletinText(sections, label), publishedAt });
  }
  const { settings } = await loadDocumentSettings(db);
  const readers = await db
    .selectFrom('users')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .select(['users.id', 'users.unit_id'])
    .where('units.code', 'in', READERS)
    .where('users.status', '=', 'active')
    .execute();
  await db.transaction().execute(async (tx) => {
    const published = drafts.filter((d) => d.publish).sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime());
    for (const d of [...published, ...drafts.filter((x) => !x.publish)]) {
      const title = defaultBulletinTitle(d.periodKind, d.period.from, d.period.to);
      let numbering = {};
      if (d.publish) {
        const year = Number(shanghaiDate(d.publishedAt).slice(0, 4));
        const seq = await nextNumber(tx, 'bulletin', year);
        numbering = {
          year,
          seq,
          number: formatDocumentNumber(settings.bulletinPrefix, year, seq),
          published_by: ctx.actor.userId,
          published_at: d.publishedAt,
        };
      }
      const row = await tx
        .insertInto('bulletins')
        .values({
          period_kind: d.periodKind,
          period_from: d.period.from,
          period_to: d.period.to,
          title,
          state: d.publish ? 'published' : 'draft',
          sections: JSON.stringify(d.sections),
          computed_at: d.publish ? d.publishedAt : now,
          text: JSON.stringify(d.text),
          created_by: ctx.actor.userId,
          created_unit_id: ctx.actor.unitId,
          updated_by: ctx.actor.userId,
          updated_at: d.publish ? d.publishedAt : now,
          ...numbering,
          // A published bulletin's version counts its draft and its publication.
          version: d.publish ? 2 : 1,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('bulletin_versions')
        .values({
          bulletin_id: row.id,
          version: 1,
          title,
          text: JSON.stringify(d.text),
          by_user: ctx.actor.userId,
          at: d.publish ? d.publishedAt : now,
        })
        .execute();
      if (d.publish && d === published[0] && readers.length) {
        await tx
          .insertInto('bulletin_reads')
          .values(
            readers.map((u, i) => ({
              bulletin_id: row.id,
              user_id: u.id,
              unit_id: u.unit_id,
              first_read_at: new Date(Math.min(now.getTime(), d.publishedAt.getTime() + (i + 1) * 47 * 60_000)),
            })),
          )
          .execute();
      }
    }
    await appendAudit(tx, audit, {
      action: 'seed.demo_bulletins',
      entityType: 'system',
      entityId: null,
      unitId: null,
      after: { published: published.length, drafts: drafts.length - published.length },
    });
  });
  return drafts.length;
}
