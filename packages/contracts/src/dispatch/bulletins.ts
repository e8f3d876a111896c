/**
 * Bulletins (通报): a period's delivery figures per unit, snapshotted into sections when the draft is created (and
 * on an explicit refresh), with text the dispatcher edits before publishing. Published bulletins are numbered
 * `泉内外贸通〔2026〕5号` (document settings' bulletin prefix), sent to every unit, and their reads are recorded.
 * The figures follow docs/metrics.md; the sections are described in docs/documents.md.
 */
import { type Static, Type } from 'typebox';
import { League } from '../cockpit/indicators';
import { DateTime, Nullable, Page, PageQuery, StringEnum, Text, Uuid, Version } from '../common';
import { Rate } from './metrics';

export const BULLETIN_STATES = ['draft', 'published', 'withdrawn'] as const;
export type BulletinState = (typeof BULLETIN_STATES)[number];
export const BULLETIN_PERIOD_KINDS = ['week', 'month', 'quarter', 'custom'] as const;
export type BulletinPeriodKind = (typeof BULLETIN_PERIOD_KINDS)[number];

/** A calendar date, `YYYY-MM-DD` (Asia/Shanghai). */
const BulletinDate = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD' });

/** The text blocks the dispatcher edits: generated from the figures at creation, then free text. */
export const BulletinText = Type.Object(
  {
    /** 总体情况: the opening paragraph(s). */
    opening: Text(5000),
    /** 表扬: the commendation paragraph(s). */
    commendation: Text(5000),
    /** 批评/提醒: the criticism paragraph(s). */
    criticism: Text(5000),
    /** 下步要求: what the units are asked to do next. */
    requirements: Text(5000),
  },
  { additionalProperties: false },
);
export type BulletinTextT = Static<typeof BulletinText>;

/** A unit's row of the bulletin table (from the delivery metrics of the period). */
export const BulletinUnitRow = Type.Object({
  unitId: Uuid,
  nameZh: Type.String(),
  nameEn: Type.String(),
  received: Type.Integer({ minimum: 0 }),
  resolved: Type.Integer({ minimum: 0 }),
  resolvedOnTime: Rate,
  /** Items urged while the unit held them, of those received in the period. */
  urged: Type.Integer({ minimum: 0 }),
  /** Items closed in the period that were redone at least once. */
  redone: Type.Integer({ minimum: 0 }),
  satisfaction: Rate,
  /** 1-based position after sorting (on-time rate, then satisfaction, then fewer overdue). */
  position: Type.Integer({ minimum: 1 }),
  /** Among the best 3 / the worst 3 of the units with enough closed items (highlighted in the document). */
  mark: Nullable(StringEnum(['top', 'bottom'] as const)),
});
export type BulletinUnitRowT = Static<typeof BulletinUnitRow>;

export const BulletinItemRow = Type.Object({
  itemId: Uuid,
  number: Type.String(),
  title: Type.String(),
  leadUnitId: Nullable(Uuid),
  leadUnitNameZh: Type.String(),
  leadUnitNameEn: Type.String(),
  deadline: Nullable(DateTime),
  /** Overdue list: whole days past the deadline at the period's end; red-card list: when the card was raised. */
  daysOverdue: Nullable(Type.Integer({ minimum: 0 })),
  at: Nullable(DateTime),
});
export type BulletinItemRowT = Static<typeof BulletinItemRow>;

/** The computed sections, as they were when last computed. */
export const BulletinSections = Type.Object({
  headline: Type.Object({
    /** Items raised (submitted, not drafts) in the period. */
    opened: Type.Integer({ minimum: 0 }),
    /** Items closed (verified) in the period. */
    resolved: Type.Integer({ minimum: 0 }),
    resolvedOnTime: Rate,
    satisfaction: Rate,
  }),
  units: Type.Array(BulletinUnitRow),
  /** Open items past their deadline at the end of the period. */
  overdue: Type.Array(BulletinItemRow),
  /** Red cards (红牌督办) raised in the period. */
  redCards: Type.Array(BulletinItemRow),
  /** Units with every item closed on time and at least `commendationMinResolved` closed. */
  commended: Type.Array(
    Type.Object({ unitId: Uuid, nameZh: Type.String(), nameEn: Type.String(), resolved: Type.Integer() }),
  ),
  commendationMinResolved: Type.Integer({ minimum: 1 }),
  /**
   * The county league table (争先榜) of the cockpit for the latest month with figures up to the period's end; null
   * when there are none. Absent in bulletins drafted before the cockpit existed.
   */
  league: Type.Optional(Nullable(League)),
});
export type BulletinSectionsT = Static<typeof BulletinSections>;

export const Bulletin = Type.Object({
  id: Uuid,
  number: Nullable(Type.String()),
  year: Nullable(Type.Integer()),
  seq: Nullable(Type.Integer()),
  periodKind: StringEnum(BULLETIN_PERIOD_KINDS),
  from: BulletinDate,
  to: BulletinDate,
  title: Type.String(),
  state: StringEnum(BULLETIN_STATES),
  version: Type.Integer(),
  computedAt: DateTime,
  createdBy: Uuid,
  createdAt: DateTime,
  updatedBy: Uuid,
  updatedAt: DateTime,
  publishedBy: Nullable(Uuid),
  publishedAt: Nullable(DateTime),
  withdrawnAt: Nullable(DateTime),
  withdrawReason: Nullable(Type.String()),
});
export type BulletinT = Static<typeof Bulletin>;

export const BulletinDetail = Type.Object({
  bulletin: Bulletin,
  sections: BulletinSections,
  text: BulletinText,
  /** What the caller may do now. */
  actions: Type.Array(StringEnum(['edit', 'refresh', 'publish', 'withdraw'] as const)),
});
export type BulletinDetailT = Static<typeof BulletinDetail>;

export const BulletinListQuery = Type.Object(
  {
    ...PageQuery,
    year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
    state: Type.Optional(StringEnum(BULLETIN_STATES)),
    /** Title or number (`5`, `〔2026〕5号`). */
    q: Type.Optional(Type.String({ maxLength: 50 })),
  },
  { additionalProperties: false },
);
export type BulletinListQueryT = Static<typeof BulletinListQuery>;
export const BulletinPage = Page(Bulletin);

export const CreateBulletinBody = Type.Object(
  {
    periodKind: StringEnum(BULLETIN_PERIOD_KINDS),
    /** week / month / quarter: any day inside the period (default: today). */
    anchor: Type.Optional(BulletinDate),
    /** custom: first and last day, inclusive. */
    from: Type.Optional(BulletinDate),
    to: Type.Optional(BulletinDate),
    /** Default: `关于2026年第12周内外贸发展工作推进情况的通报`. */
    title: Type.Optional(Text(200, 1)),
  },
  { additionalProperties: false },
);

export const UpdateBulletinBody = Type.Object(
  { version: Version, title: Type.Optional(Text(200, 1)), text: Type.Optional(BulletinText) },
  { additionalProperties: false },
);
export const WithdrawBulletinBody = Type.Object(
  { version: Version, reason: Type.Optional(Text(500)) },
  { additionalProperties: false },
);

export const BulletinVersionList = Type.Object({
  items: Type.Array(
    Type.Object({ version: Type.Integer(), title: Type.String(), text: BulletinText, byUserId: Uuid, at: DateTime }),
  ),
});

export const BulletinReceipts = Type.Object({
  /** Users who opened the published bulletin, first read first. */
  reads: Type.Array(
    Type.Object({
      userId: Uuid,
      displayName: Type.String(),
      unitId: Nullable(Uuid),
      unitNameZh: Type.String(),
      unitNameEn: Type.String(),
      firstReadAt: DateTime,
    }),
  ),
  /** Active units of a ranked type none of whose users has read it yet. */
  unreadUnits: Type.Array(Type.Object({ unitId: Uuid, nameZh: Type.String(), nameEn: Type.String() })),
});
export type BulletinReceiptsT = Static<typeof BulletinReceipts>;
