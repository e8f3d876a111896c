import { type Static, Type } from 'typebox';
import { DateTime, Name, Nullable, StringEnum, Text, Version } from '../common';
import { DictCode } from './items';

/** Business settings of the dispatch loop, edited by an admin (not environment variables). */
export const DispatchSettings = Type.Object(
  {
    /** Default resolving deadline per priority, in working days after dispatch. */
    deadlineDays: Type.Object(
      {
        urgent: Type.Integer({ minimum: 1, maximum: 250 }),
        high: Type.Integer({ minimum: 1, maximum: 250 }),
        normal: Type.Integer({ minimum: 1, maximum: 250 }),
      },
      { additionalProperties: false },
    ),
    /** Signing clock, in working days after dispatch. */
    signDays: Type.Integer({ minimum: 1, maximum: 10 }),
    /** The business day ends at this hour (Asia/Shanghai). */
    endHour: Type.Integer({ minimum: 1, maximum: 24 }),
    /** Yellow when this share of the working time is used … */
    yellowUsedRatio: Type.Number({ minimum: 0.1, maximum: 0.99 }),
    /** … or when at most this many working days remain. */
    yellowRemainingDays: Type.Integer({ minimum: 0, maximum: 30 }),
    /** Automatic escalation: working days overdue before a yellow card, and before a red card. */
    escalateYellowAfterDays: Type.Integer({ minimum: 0, maximum: 60 }),
    escalateRedAfterDays: Type.Integer({ minimum: 1, maximum: 120 }),
    /** Assignment order number prefix: `泉内外贸交` → `泉内外贸交〔2026〕12号`. */
    orderPrefix: Name(20),
    /** Metrics: a unit with fewer items in the period is marked and not ranked. */
    minItemsForRanking: Type.Integer({ minimum: 1, maximum: 100 }),
  },
  { additionalProperties: false },
);
export type DispatchSettingsT = Static<typeof DispatchSettings>;

export const DEFAULT_DISPATCH_SETTINGS: DispatchSettingsT = {
  deadlineDays: { urgent: 3, high: 5, normal: 10 },
  signDays: 1,
  endHour: 18,
  yellowUsedRatio: 0.7,
  yellowRemainingDays: 2,
  escalateYellowAfterDays: 1,
  escalateRedAfterDays: 5,
  orderPrefix: '泉内外贸交',
  minItemsForRanking: 3,
};

export const DispatchSettingsDoc = Type.Object({ settings: DispatchSettings, version: Type.Integer() });
export const UpdateDispatchSettingsBody = Type.Object(
  { settings: DispatchSettings, version: Version },
  { additionalProperties: false },
);

export const DICTIONARIES = ['item_category'] as const;
export const DictParams = Type.Object({ dict: StringEnum(DICTIONARIES) }, { additionalProperties: false });
export const DictEntry = Type.Object({
  id: Type.String({ format: 'uuid' }),
  dict: StringEnum(DICTIONARIES),
  code: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  sortOrder: Type.Integer(),
  active: Type.Boolean(),
  version: Type.Integer(),
  updatedAt: DateTime,
});
export const DictEntryList = Type.Object({ items: Type.Array(DictEntry), total: Type.Integer() });
export const DictListQuery = Type.Object(
  { includeInactive: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export const CreateDictEntryBody = Type.Object(
  {
    code: DictCode,
    nameZh: Name(50),
    nameEn: Name(80),
    sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 9999 })),
  },
  { additionalProperties: false },
);
export const UpdateDictEntryBody = Type.Object(
  {
    version: Version,
    nameZh: Type.Optional(Name(50)),
    nameEn: Type.Optional(Name(80)),
    sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 9999 })),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export const DictEntryParams = Type.Object(
  { dict: StringEnum(DICTIONARIES), id: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);

// ---- Working-day calendar ----

export const CALENDAR_DAY_KINDS = ['holiday', 'workday'] as const;
export const IsoDate = Type.String({ format: 'date', description: 'Calendar day, YYYY-MM-DD' });
export const CalendarDay = Type.Object(
  { date: IsoDate, kind: StringEnum(CALENDAR_DAY_KINDS), name: Text(30) },
  { additionalProperties: false },
);
export type CalendarDayT = Static<typeof CalendarDay>;
export const CalendarYearSummary = Type.Object({
  year: Type.Integer(),
  covered: Type.Boolean(),
  source: Nullable(StringEnum(['seed', 'manual', 'import'] as const)),
  holidays: Type.Integer(),
  workdays: Type.Integer(),
  version: Nullable(Type.Integer()),
  updatedAt: Nullable(DateTime),
});
export const CalendarYearList = Type.Object({
  items: Type.Array(CalendarYearSummary),
  /** Years from now to next year that the calendar does not cover: the admin must enter the notice. */
  missingYears: Type.Array(Type.Integer()),
});
export const CalendarYearParams = Type.Object(
  { year: Type.Integer({ minimum: 2000, maximum: 2100 }) },
  { additionalProperties: false },
);
export const CalendarYear = Type.Object({
  year: Type.Integer(),
  covered: Type.Boolean(),
  source: Nullable(Type.String()),
  notice: Type.String(),
  version: Nullable(Type.Integer()),
  days: Type.Array(CalendarDay),
});
export const PutCalendarYearBody = Type.Object(
  {
    /** The current version when the year exists; omit to create it. */
    version: Type.Optional(Version),
    /** The State Council notice's title or reference, e.g. 国办发明电〔2025〕7号. */
    notice: Text(200),
    days: Type.Array(CalendarDay, { maxItems: 120 }),
  },
  { additionalProperties: false },
);
