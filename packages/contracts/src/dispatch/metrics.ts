/**
 * Unit delivery metrics (单位办理绩效) and the year's totals. Every formula — numerator, denominator, period rule,
 * ranking, minimum sample — is written down in docs/metrics.md; the server computes the counts in SQL and the
 * rates and the ranking in pure functions (apps/server/src/modules/metrics/metrics.domain.ts).
 */
import { type Static, Type } from 'typebox';
import { DateTime, Nullable, StringEnum, Uuid } from '../common';
import { UnitTypeSchema } from '../org';

/** Unit types that handle items and are ranked: everything but the headquarters and its office. */
export const RANKED_UNIT_TYPES = [
  'working_group',
  'county',
  'liaison_group',
  'task_force',
  'member_department',
] as const;
export type RankedUnitType = (typeof RANKED_UNIT_TYPES)[number];

/** The longest period one request may cover (a longer one is refused). */
export const MAX_METRICS_PERIOD_YEARS = 2;

/** A calendar date, `YYYY-MM-DD` (Asia/Shanghai). The server also refuses dates that do not exist (2026-02-30). */
const PeriodDate = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD' });

export const UnitMetricsQuery = Type.Object(
  {
    /** First day of the period, inclusive (Shanghai date). */
    from: PeriodDate,
    /** Last day of the period, inclusive (Shanghai date); at most two years after `from`. */
    to: PeriodDate,
    unitType: Type.Optional(StringEnum(RANKED_UNIT_TYPES)),
  },
  { additionalProperties: false },
);
export type UnitMetricsQueryT = Static<typeof UnitMetricsQuery>;

/** A rate with what it is made of. `rate` is numerator ÷ denominator in [0, 1], null when the denominator is 0. */
export const Rate = Type.Object({
  numerator: Type.Integer({ minimum: 0 }),
  denominator: Type.Integer({ minimum: 0 }),
  rate: Nullable(Type.Number({ minimum: 0, maximum: 1 })),
});
export type RateT = Static<typeof Rate>;

export const UnitMetricsRow = Type.Object({
  unitId: Uuid,
  unitCode: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  shortName: Type.String(),
  unitType: UnitTypeSchema,
  /** 收件数: dispatches to the unit in the period (one per item). */
  received: Type.Integer({ minimum: 0 }),
  /** 按时签收率: of items signed in the period, signed by the signing time. */
  signedOnTime: Rate,
  /** 办结数: items of the unit closed (verified) in the period. */
  resolved: Type.Integer({ minimum: 0 }),
  /** 按时办结率: of those, resolved by the deadline (after approved extensions). */
  resolvedOnTime: Rate,
  /** 当前超期数: open items past their deadline now (not bound to the period). */
  overdueNow: Type.Integer({ minimum: 0 }),
  /** 催办率: of items received in the period, those urged at least once while the unit held them. */
  urgeRate: Rate,
  /** 重办率: of items closed in the period, those sent back at least once (rejected or reopened). */
  redoRate: Rate,
  /** 满意率: of ratings given in the period, those of 4 or 5. */
  satisfaction: Rate,
  /** 平均办结用时: mean working days from dispatch to resolution over items closed in the period; null if none. */
  meanWorkingDays: Nullable(Type.Number({ minimum: 0 })),
  /** The ranking sample (items closed in the period) and whether it is below the minimum (marked, not ranked). */
  sample: Type.Integer({ minimum: 0 }),
  tooFew: Type.Boolean(),
  /** Competition rank (1, 2, 2, 4 …) among units with enough items; null when `tooFew`. */
  rank: Nullable(Type.Integer({ minimum: 1 })),
});
export type UnitMetricsRowT = Static<typeof UnitMetricsRow>;

export const UnitMetrics = Type.Object({
  from: Type.String(),
  to: Type.String(),
  unitType: Nullable(UnitTypeSchema),
  /** The instant `overdueNow` was counted at. */
  asOf: DateTime,
  minItemsForRanking: Type.Integer(),
  /** Ranked rows first (by rank), then the units with too few items. */
  rows: Type.Array(UnitMetricsRow),
  /** How many ranked units there are (the bottom three are the last three of them). */
  rankedCount: Type.Integer({ minimum: 0 }),
  /** The caller's own unit, to highlight its row (null for HQ-less accounts). */
  ownUnitId: Nullable(Uuid),
});
export type UnitMetricsT = Static<typeof UnitMetrics>;

export const YearTotalsQuery = Type.Object(
  { year: Type.Integer({ minimum: 2000, maximum: 2100 }) },
  { additionalProperties: false },
);

export const YearTotals = Type.Object({
  year: Type.Integer(),
  /** Dispatch meetings held in the year. */
  meetingsHeld: Type.Integer({ minimum: 0 }),
  /** Assignment orders issued in the year (withdrawn ones not counted). */
  ordersIssued: Type.Integer({ minimum: 0 }),
  /** Items registered in the year (numbered; drafts not counted). */
  itemsRegistered: Type.Integer({ minimum: 0 }),
  /** Items closed (verified) in the year. */
  itemsResolved: Type.Integer({ minimum: 0 }),
  /** Open items past their deadline now (the current figure, whatever the year). */
  overdueNow: Type.Integer({ minimum: 0 }),
  /** Red cards issued in the year. */
  redCards: Type.Integer({ minimum: 0 }),
  asOf: DateTime,
});
export type YearTotalsT = Static<typeof YearTotals>;
